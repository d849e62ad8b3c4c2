//! The store conformance suite for the customer record (`ContactStore`, `AuditStore`), run on
//! SQLite and PostgreSQL: the contacts list's search, filters, orders and keyset paging (held
//! to `ContactSort::key`), blocking, and the append-only audit log.

use crate::support;

use app::domain::audit::{AuditAction, AuditSubject};
use app::domain::campaigns::segment::{AttributeOp, AttributeRule, LastMessage};
use app::domain::contacts::directory::{BlockedFilter, ContactQuery, ContactSort, SortFacts};
use app::domain::labels::LabelDraft;
use app::domain::message::{MessageBody, MessageContext};
use app::ssr::contact_store::{AuditFilter, NewAuditEntry};
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{ContactKey, Store};
use std::collections::BTreeMap;
use support::Db;

const T: i64 = 1_767_225_600_000;
const DAY: i64 = 24 * 60 * 60 * 1000;

/// Customer `n` writes at `T + n days`; returns (contact id, conversation id).
async fn customer(store: &dyn Store, n: i64, name: Option<&str>) -> (i64, i64) {
    let wamid = format!("wamid.contacts.{n}");
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.clone(),
        from: ContactRef {
            wa_id: Some(format!("3461100{n:04}")),
            name: name.map(str::to_string),
            ..ContactRef::default()
        },
        sent_at_ms: T + n * DAY,
        body: MessageBody::Text {
            body: "hola".into(),
        },
        context: MessageContext::default(),
        referral: None,
        raw: format!("{{\"id\":\"{wamid}\"}}"),
    }));
    store.ingest(&[event], T + n * DAY).await.expect("ingest");
    let m = store.message_by_wamid(&wamid).await.unwrap().unwrap();
    (m.contact_id, m.conversation_id)
}

async fn all_pages(store: &dyn Store, mut q: ContactQuery, limit: u32) -> Vec<i64> {
    let mut ids = Vec::new();
    loop {
        let (rows, next) = store
            .contact_page(&q, T + 400 * DAY, limit)
            .await
            .expect("page");
        assert!(rows.len() <= limit as usize);
        ids.extend(rows.iter().map(|r| r.id));
        match next {
            Some(c) => q.after = Some(c),
            None => return ids,
        }
    }
}

on_both_databases!(
    pages_follow_each_order_and_meet_every_contact_once,
    search_and_filters_select_the_right_contacts,
    blocking_is_kept_with_who_and_when,
    the_audit_log_is_append_only_and_filtered,
);

async fn pages_follow_each_order_and_meet_every_contact_once(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    // Names that collide, missing names, and equal keys (two contacts who never wrote).
    let names = [
        Some("Zoe"),
        Some("ana"),
        None,
        Some("Ana"),
        Some("Bruno"),
        None,
        Some("Ana"),
    ];
    for (n, name) in names.iter().enumerate() {
        customer(store, n as i64, *name).await;
    }
    for sort in ContactSort::ALL {
        let q = ContactQuery {
            sort,
            ..ContactQuery::default()
        };
        let paged = all_pages(store, q.clone(), 2).await;
        let whole = all_pages(store, q, 100).await;
        assert_eq!(paged, whole, "{sort:?}: pages agree with one page");
        assert_eq!(whole.len(), names.len());
        // The order is the rule's: keys from the domain, ties by id.
        let mut facts = Vec::new();
        for id in &whole {
            let c = store.contact(ContactKey::Id(*id)).await.unwrap().unwrap();
            let key = sort.key(&SortFacts {
                last_inbound_at_ms: c.last_inbound_at_ms,
                created_at_ms: c.created_at_ms,
                profile_name: c.profile_name.as_deref(),
                username: c.username.as_deref(),
                wa_id: c.wa_id.as_deref(),
                user_id: c.user_id.as_deref(),
            });
            facts.push((key, *id));
        }
        let mut expected = facts.clone();
        expected.sort();
        if sort.descending() {
            expected.reverse();
        }
        assert_eq!(facts, expected, "{sort:?}");
    }
}

async fn search_and_filters_select_the_right_contacts(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let (lucia, lucia_conversation) = customer(store, 1, Some("Lucía Pérez")).await;
    let (marco, _) = customer(store, 2, Some("Marco")).await;
    let (nameless, _) = customer(store, 300, None).await;
    let mut attrs = BTreeMap::new();
    attrs.insert("plan".to_string(), "Gold".to_string());
    store
        .set_contact_attributes(marco, &attrs, T)
        .await
        .unwrap();
    let vip = store
        .create_label(&LabelDraft::new("VIP", "amber", "").unwrap(), T)
        .await
        .unwrap();
    store
        .label_conversation(lucia_conversation, vip.id, true, None, T)
        .await
        .unwrap();
    let find = |search: &str| ContactQuery {
        search: search.into(),
        ..ContactQuery::default()
    };
    assert_eq!(all_pages(store, find("lucía"), 10).await, vec![lucia]);
    assert_eq!(all_pages(store, find("GOLD"), 10).await, vec![marco]);
    // A number however it is typed.
    assert_eq!(
        all_pages(store, find("+34 611 000 300"), 10).await,
        vec![nameless]
    );
    assert!(all_pages(store, find("nobody"), 10).await.is_empty());
    // The segment filter's conditions.
    let mut q = ContactQuery::default();
    q.filter.labels.any = vec![vip.id];
    assert_eq!(all_pages(store, q, 10).await, vec![lucia]);
    let mut q = ContactQuery::default();
    q.filter.attributes = vec![AttributeRule {
        key: "plan".into(),
        op: AttributeOp::Equals,
        value: "gold".into(),
    }];
    assert_eq!(all_pages(store, q, 10).await, vec![marco]);
    let mut q = ContactQuery::default();
    q.filter.last_message = Some(LastMessage::Within(200));
    assert_eq!(all_pages(store, q, 10).await, vec![nameless]);
    // The labels come with the rows.
    let (rows, _) = store.contact_page(&find("lucía"), T, 10).await.unwrap();
    assert_eq!(
        rows[0]
            .labels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        vec!["VIP"]
    );
    // The contact page's conversations and campaigns.
    let conversations = store.contact_conversations(lucia).await.unwrap();
    assert_eq!(conversations.len(), 1);
    assert_eq!(
        conversations[0].messages, 2,
        "the message and the label's activity line"
    );
    assert_eq!(conversations[0].labels.len(), 1);
    assert!(store.contact_campaigns(lucia).await.unwrap().is_empty());
}

async fn blocking_is_kept_with_who_and_when(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let admin = store
        .create_user(
            app::ssr::NewUser {
                email: "admin@example.com".into(),
                name: "Admin".into(),
                role: app::domain::roles::Role::Admin,
                password_hash: "x".into(),
                capacity: 5,
                language: None,
            },
            T,
        )
        .await
        .unwrap();
    let (a, a_conversation) = customer(store, 1, Some("A")).await;
    let (b, b_conversation) = customer(store, 2, Some("B")).await;
    store
        .set_blocked(a, true, Some(admin.id), T + 5)
        .await
        .unwrap();
    // Out of the queue (list, counts, auto-assignment), still in All, marked.
    let list = |view| app::ssr::InboxQuery {
        filter: app::wire::inbox::InboxFilter {
            view,
            ..Default::default()
        },
        me: admin.id,
        restricted: false,
        after: None,
        limit: 50,
        now_ms: T + 6,
        warning_ms: 0,
    };
    let ids = |rows: Vec<app::wire::inbox::ConversationSummary>| {
        rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(store
            .inbox(&list(app::domain::inbox::View::Queue))
            .await
            .unwrap()),
        vec![b_conversation]
    );
    let mut all = ids(store
        .inbox(&list(app::domain::inbox::View::All))
        .await
        .unwrap());
    all.sort();
    assert_eq!(all, vec![a_conversation, b_conversation]);
    assert_eq!(
        store
            .inbox_counts(admin.id, false)
            .await
            .unwrap()
            .queue
            .total,
        1
    );
    assert_eq!(store.queued(10).await.unwrap(), vec![b_conversation]);
    assert!(
        store
            .conversation_summary(a_conversation)
            .await
            .unwrap()
            .unwrap()
            .blocked
    );
    // Blocking again keeps the first time.
    store.set_blocked(a, true, None, T + 9).await.unwrap();
    let c = store.contact(ContactKey::Id(a)).await.unwrap().unwrap();
    assert_eq!(c.blocked_at_ms, Some(T + 5));
    assert_eq!(store.blocked_by(a).await.unwrap().as_deref(), Some("Admin"));
    let only = ContactQuery {
        blocked: BlockedFilter::Only,
        ..ContactQuery::default()
    };
    assert_eq!(all_pages(store, only, 10).await, vec![a]);
    let hidden = ContactQuery {
        blocked: BlockedFilter::Hidden,
        ..ContactQuery::default()
    };
    assert_eq!(all_pages(store, hidden, 10).await, vec![b]);
    store.set_blocked(a, false, None, T + 10).await.unwrap();
    let c = store.contact(ContactKey::Id(a)).await.unwrap().unwrap();
    assert_eq!(c.blocked_at_ms, None);
    assert_eq!(store.blocked_by(a).await.unwrap(), None);
    assert!(matches!(
        store.set_blocked(9_999, true, None, T).await,
        Err(app::ssr::StoreError::NotFound)
    ));
}

async fn the_audit_log_is_append_only_and_filtered(db: Db) {
    let (store, _dir, url) = support::store_at(db).await;
    let store = &*store;
    let entry = |action, actor: &str| NewAuditEntry {
        actor_id: None,
        actor: Some(actor.into()),
        action,
        subject: Some(AuditSubject::Contact(7)),
        detail: serde_json::json!({ "n": 1 }),
        ip: Some("203.0.113.9".into()),
    };
    store
        .append_audit(&entry(AuditAction::SignIn, "ana@example.com"), T)
        .await
        .unwrap();
    store
        .append_audit(
            &entry(AuditAction::ContactErased, "eva@example.com"),
            T + DAY,
        )
        .await
        .unwrap();
    store
        .append_audit(
            &entry(AuditAction::SignInFailed, "ANA@example.com"),
            T + 2 * DAY,
        )
        .await
        .unwrap();
    let all = store
        .audit_entries(&AuditFilter::default(), 10)
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|e| e.action).collect::<Vec<_>>(),
        vec![
            AuditAction::SignInFailed,
            AuditAction::ContactErased,
            AuditAction::SignIn
        ],
        "newest first"
    );
    assert_eq!(all[1].subject.as_deref(), Some("contact:7"));
    assert_eq!(all[1].ip.as_deref(), Some("203.0.113.9"));
    let by_actor = AuditFilter {
        actor: "ana@".into(),
        ..AuditFilter::default()
    };
    assert_eq!(store.audit_entries(&by_actor, 10).await.unwrap().len(), 2);
    let sign_ins = AuditFilter {
        actions: vec![AuditAction::SignIn, AuditAction::SignInFailed],
        since_ms: Some(T + 1),
        ..AuditFilter::default()
    };
    let found = store.audit_entries(&sign_ins, 10).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].action, AuditAction::SignInFailed);
    let older = AuditFilter {
        before: Some(all[0].id),
        ..AuditFilter::default()
    };
    assert_eq!(
        store.audit_entries(&older, 1).await.unwrap()[0].id,
        all[1].id
    );
    // The database itself refuses to change or delete an entry.
    support::refuse_raw_sql(&url, "UPDATE audit_log SET actor = 'someone else'").await;
    support::refuse_raw_sql(&url, "DELETE FROM audit_log").await;
    assert_eq!(
        store
            .audit_entries(&AuditFilter::default(), 10)
            .await
            .unwrap(),
        all
    );
}
