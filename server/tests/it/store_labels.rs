//! The store conformance suite for label definitions (`LabelStore`), run on SQLite and
//! PostgreSQL.

use crate::support;

use app::domain::inbox::View;
use app::domain::labels::LabelDraft;
use app::domain::message::{MessageBody, MessageContext};
use app::domain::window::DEFAULT_WARNING_MS;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{Change, InboxQuery, Store, StoreError};
use app::wire::inbox::{InboxFilter, LabelDefinition};
use std::time::Duration;
use support::Db;

const T: i64 = 1_767_225_600_000;

fn draft(name: &str, color: &str, description: &str) -> LabelDraft {
    LabelDraft::new(name, color, description).expect("valid label")
}

/// A customer writes; returns the conversation.
async fn conversation(store: &dyn Store, n: u32) -> i64 {
    let wamid = format!("wamid.label.{n}");
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.clone(),
        from: ContactRef {
            wa_id: Some(format!("3460000{n:04}")),
            name: Some(format!("Customer {n}")),
            ..ContactRef::default()
        },
        sent_at_ms: T + i64::from(n),
        body: MessageBody::Text {
            body: "hola".into(),
        },
        context: MessageContext::default(),
        referral: None,
        raw: format!("{{\"id\":\"{wamid}\"}}"),
    }));
    store.ingest(&[event], T).await.expect("ingest");
    store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("stored")
        .conversation_id
}

async fn definitions(store: &dyn Store) -> Vec<LabelDefinition> {
    store.label_definitions().await.expect("definitions")
}

/// (name, conversations) of every label, in the screen's order.
async fn counts(store: &dyn Store) -> Vec<(String, u64)> {
    definitions(store)
        .await
        .into_iter()
        .map(|d| (d.name, d.conversations))
        .collect()
}

async fn label_ids_of(store: &dyn Store, conversation: i64) -> Vec<i64> {
    store
        .conversation_summary(conversation)
        .await
        .expect("read")
        .expect("summary")
        .labels
        .into_iter()
        .map(|l| l.id)
        .collect()
}

/// The conversations the list shows when filtered by `label`.
async fn filtered_by(store: &dyn Store, label: i64) -> Vec<i64> {
    let query = InboxQuery {
        filter: InboxFilter {
            view: View::All,
            label_id: Some(label),
            ..InboxFilter::default()
        },
        me: 0,
        restricted: false,
        after: None,
        limit: 100,
        now_ms: T,
        warning_ms: DEFAULT_WARNING_MS,
    };
    let mut ids: Vec<i64> = store
        .inbox(&query)
        .await
        .expect("inbox")
        .into_iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    ids
}

async fn next_change(feed: &mut tokio::sync::broadcast::Receiver<Change>) -> Change {
    tokio::time::timeout(Duration::from_secs(5), feed.recv())
        .await
        .expect("the change feed never delivered")
        .expect("change feed")
}

/// Nothing more arrives for a while (PostgreSQL delivers through the server: give it time).
async fn quiet(feed: &mut tokio::sync::broadcast::Receiver<Change>) {
    let more = tokio::time::timeout(Duration::from_millis(400), feed.recv()).await;
    assert!(more.is_err(), "unexpected change {more:?}");
}

on_both_databases!(
    labels_are_created_with_a_description_and_listed_ignoring_case,
    names_are_unique_whatever_their_case_and_spacing,
    labels_are_renamed_recoloured_and_redescribed_but_not_onto_a_taken_name,
    definitions_count_the_conversations_carrying_each_label,
    deleting_a_label_takes_it_off_every_conversation,
    definition_changes_reach_the_change_feed_after_commit,
);

async fn labels_are_created_with_a_description_and_listed_ignoring_case(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    assert!(definitions(store).await.is_empty());
    let billing = store
        .create_label(&draft("  Billing ", "amber", " Invoices and refunds "), T)
        .await
        .expect("create");
    assert_eq!(
        (billing.name.as_str(), billing.color.as_str()),
        ("Billing", "amber")
    );
    store
        .create_label(&draft("zeta", "sky", ""), T)
        .await
        .expect("create");
    store
        .create_label(&draft("Apple", "red", ""), T)
        .await
        .expect("create");
    let listed = definitions(store).await;
    assert_eq!(
        listed.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        ["Apple", "Billing", "zeta"],
        "by name, upper and lower case together"
    );
    assert_eq!(
        listed[1],
        LabelDefinition {
            id: billing.id,
            name: "Billing".into(),
            color: "amber".into(),
            description: "Invoices and refunds".into(),
            conversations: 0,
        }
    );
    // The console's list sees them too.
    assert!(store.labels().await.expect("labels").contains(&billing));
}

async fn names_are_unique_whatever_their_case_and_spacing(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    store
        .create_label(&draft("VIP", "violet", ""), T)
        .await
        .expect("create");
    for taken in ["vip", " Vip ", "VIP"] {
        let again = store.create_label(&draft(taken, "red", ""), T).await;
        assert!(
            matches!(again, Err(StoreError::Duplicate)),
            "{taken:?}: {again:?}"
        );
    }
    // Beyond ASCII: SQLite's LOWER would not fold these; the stored key does.
    store
        .create_label(&draft("ÁRBOL Ñandú", "teal", ""), T)
        .await
        .expect("create");
    let again = store
        .create_label(&draft("árbol  ñANDÚ", "teal", ""), T)
        .await;
    assert!(matches!(again, Err(StoreError::Duplicate)), "{again:?}");
    // (Their order is the database's collation's business beyond ASCII: compare as a set.)
    let mut names: Vec<String> = counts(store).await.into_iter().map(|(n, _)| n).collect();
    names.sort();
    assert_eq!(
        names,
        ["VIP", "ÁRBOL Ñandú"],
        "the refused ones wrote nothing"
    );
}

async fn labels_are_renamed_recoloured_and_redescribed_but_not_onto_a_taken_name(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let vip = store
        .create_label(&draft("VIP", "violet", ""), T)
        .await
        .expect("create");
    let billing = store
        .create_label(&draft("Billing", "amber", "Invoices"), T)
        .await
        .expect("create");
    let c = conversation(store, 1).await;
    store
        .label_conversation(c, billing.id, true, None, T)
        .await
        .expect("label");

    let refused = store
        .update_label(billing.id, &draft(" vip", "red", ""), T + 1)
        .await;
    assert!(matches!(refused, Err(StoreError::Duplicate)), "{refused:?}");

    // A label may change the case of its own name.
    let renamed = store
        .update_label(vip.id, &draft("Vip", "violet", ""), T + 1)
        .await
        .expect("own name, other case");
    assert_eq!(renamed.name, "Vip");

    let changed = store
        .update_label(
            billing.id,
            &draft("Payments", "emerald", "Invoices, refunds"),
            T + 2,
        )
        .await
        .expect("update");
    assert_eq!(
        (changed.id, changed.name.as_str(), changed.color.as_str()),
        (billing.id, "Payments", "emerald")
    );
    let listed = definitions(store).await;
    assert_eq!(
        listed[0],
        LabelDefinition {
            id: billing.id,
            name: "Payments".into(),
            color: "emerald".into(),
            description: "Invoices, refunds".into(),
            conversations: 1,
        }
    );
    assert_eq!(listed[1].name, "Vip");
    // The conversation shows the new name and colour; the old name is free again.
    let shown = store
        .conversation_summary(c)
        .await
        .expect("read")
        .expect("summary")
        .labels;
    assert_eq!(shown, [changed]);
    store
        .create_label(&draft("billing", "sky", ""), T + 3)
        .await
        .expect("the old name is free");

    let unknown = store
        .update_label(999_999, &draft("Ghost", "red", ""), T)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn definitions_count_the_conversations_carrying_each_label(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let vip = store
        .create_label(&draft("VIP", "violet", ""), T)
        .await
        .expect("create");
    let billing = store
        .create_label(&draft("Billing", "amber", ""), T)
        .await
        .expect("create");
    store
        .create_label(&draft("Unused", "slate", ""), T)
        .await
        .expect("create");
    let c1 = conversation(store, 1).await;
    let c2 = conversation(store, 2).await;
    let c3 = conversation(store, 3).await;
    for c in [c1, c2, c3] {
        store
            .label_conversation(c, vip.id, true, None, T)
            .await
            .expect("label");
    }
    // Twice on the same conversation counts once.
    for _ in 0..2 {
        store
            .label_conversation(c1, billing.id, true, None, T)
            .await
            .expect("label");
    }
    assert_eq!(
        counts(store).await,
        [
            ("Billing".to_string(), 1),
            ("Unused".to_string(), 0),
            ("VIP".to_string(), 3)
        ]
    );
    store
        .label_conversation(c2, vip.id, false, None, T)
        .await
        .expect("unlabel");
    assert_eq!(counts(store).await[2], ("VIP".to_string(), 2));
}

async fn deleting_a_label_takes_it_off_every_conversation(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let vip = store
        .create_label(&draft("VIP", "violet", ""), T)
        .await
        .expect("create");
    let billing = store
        .create_label(&draft("Billing", "amber", ""), T)
        .await
        .expect("create");
    let c1 = conversation(store, 1).await;
    let c2 = conversation(store, 2).await;
    for c in [c1, c2] {
        store
            .label_conversation(c, vip.id, true, None, T)
            .await
            .expect("label");
    }
    store
        .label_conversation(c1, billing.id, true, None, T)
        .await
        .expect("label");
    assert_eq!(filtered_by(store, vip.id).await, [c1, c2]);

    assert_eq!(store.delete_label(vip.id).await.expect("delete"), 2);
    assert_eq!(counts(store).await, [("Billing".to_string(), 1)]);
    assert_eq!(label_ids_of(store, c1).await, [billing.id]);
    assert!(label_ids_of(store, c2).await.is_empty());
    assert!(filtered_by(store, vip.id).await.is_empty());
    assert_eq!(filtered_by(store, billing.id).await, [c1]);
    assert!(!store
        .labels()
        .await
        .expect("labels")
        .iter()
        .any(|l| l.id == vip.id));

    let again = store.delete_label(vip.id).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let gone = store.label_conversation(c1, vip.id, true, None, T).await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
    // The name can be used again.
    store
        .create_label(&draft("vip", "red", ""), T)
        .await
        .expect("the name is free");
}

async fn definition_changes_reach_the_change_feed_after_commit(db: Db) {
    // What travels through pg_notify must read back as it was written.
    let json = serde_json::to_string(&[Change::Labels]).expect("encode");
    assert_eq!(json, r#"[{"k":"labels"}]"#);
    assert_eq!(
        serde_json::from_str::<Vec<Change>>(&json).expect("decode"),
        [Change::Labels]
    );

    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let mut feed = store.changes();
    let c1 = conversation(store, 1).await;
    let c2 = conversation(store, 2).await;
    // The customers' messages are announced too (in PostgreSQL, some time after the commit).
    while next_change(&mut feed).await != (Change::Conversation { id: c2 }) {}
    let vip = store
        .create_label(&draft("VIP", "violet", ""), T)
        .await
        .expect("create");
    assert_eq!(next_change(&mut feed).await, Change::Labels);
    for c in [c1, c2] {
        store
            .label_conversation(c, vip.id, true, None, T)
            .await
            .expect("label");
    }
    // Putting a label on a conversation is that conversation's change (and its activity line).
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(next_change(&mut feed).await);
    }
    assert!(seen.contains(&Change::Conversation { id: c1 }), "{seen:?}");
    assert!(seen.contains(&Change::Conversation { id: c2 }), "{seen:?}");
    assert!(!seen.contains(&Change::Labels), "{seen:?}");

    store
        .update_label(vip.id, &draft("Gold", "amber", ""), T)
        .await
        .expect("update");
    assert_eq!(next_change(&mut feed).await, Change::Labels);

    let refused = store.create_label(&draft("gold", "red", ""), T).await;
    assert!(matches!(refused, Err(StoreError::Duplicate)), "{refused:?}");
    quiet(&mut feed).await;

    // One change for the deletion, not one per conversation that carried the label.
    assert_eq!(store.delete_label(vip.id).await.expect("delete"), 2);
    assert_eq!(next_change(&mut feed).await, Change::Labels);
    quiet(&mut feed).await;
}
