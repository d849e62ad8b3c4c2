//! The store conformance suite for the desk writing first and for marketing consent
//! (`OutreachStore`, and what ingestion does with keywords and WhatsApp's refusals), run on
//! SQLite and PostgreSQL.

use crate::support;

use app::domain::consent::{ConsentSettings, ConsentSource, CONSENT_SETTING};
use app::domain::contacts::MarketingConsent;
use app::domain::message::{DeliveryStatus, MessageBody, MetaError};
use app::domain::outbound::Outbound;
use app::ssr::ingest::{ConsentChange, ContactRef, IngestEvent, StatusUpdate};
use app::ssr::{ContactKey, NewOutbound, Store};
use support::reports::{customer_writes, deliver, message, text, user};
use support::Db;

const T: i64 = 1_767_225_600_000;

async fn contact_of(store: &dyn Store, conversation: i64) -> i64 {
    store
        .conversation(conversation)
        .await
        .expect("read")
        .expect("conversation")
        .contact_id
}

on_both_databases!(
    the_desk_starts_a_conversation_with_a_new_number,
    an_unresolved_conversation_is_reused,
    whatsapps_spelling_of_a_number_is_adopted,
    a_stop_keyword_opts_out_and_queues_the_confirmation,
    the_teams_keywords_and_silence_are_respected,
    a_late_keyword_changes_consent_without_a_reply,
    refusals_mark_the_contact,
    consent_history_keeps_the_agents_reason,
);

async fn the_desk_starts_a_conversation_with_a_new_number(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await;
    let contact = store
        .contact_for_phone("5491155550101", T)
        .await
        .expect("contact");
    assert_eq!(contact.wa_id.as_deref(), Some("5491155550101"));
    assert_eq!(contact.marketing, MarketingConsent::Unknown);
    // Asking again finds the same contact.
    let again = store
        .contact_for_phone("5491155550101", T + 1)
        .await
        .expect("again");
    assert_eq!(again.id, contact.id);

    let mut feed = store.changes();
    let started = store
        .start_conversation(contact.id, Some(ana.id), ana.id, T + 2)
        .await
        .expect("start");
    assert!(started.created);
    let conversation = store
        .conversation(started.conversation_id)
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(
        conversation.assignee_id,
        Some(ana.id),
        "assigned to the sender"
    );
    assert_eq!(conversation.contact_id, contact.id);
    // Every console hears of it.
    let mut heard = false;
    while let Ok(Ok(change)) =
        tokio::time::timeout(std::time::Duration::from_secs(5), feed.recv()).await
    {
        if change
            == (app::ssr::Change::Conversation {
                id: started.conversation_id,
            })
        {
            heard = true;
            break;
        }
    }
    assert!(heard, "the new conversation was announced");

    // To the queue when the team says so.
    let other = store.contact_for_phone("34600000009", T).await.unwrap();
    let queued = store
        .start_conversation(other.id, None, ana.id, T + 3)
        .await
        .unwrap();
    let row = store
        .conversation(queued.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.assignee_id, None);
}

async fn an_unresolved_conversation_is_reused(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await;
    let conversation = customer_writes(store, 1, 0, T).await;
    let contact = contact_of(store, conversation).await;
    let started = store
        .start_conversation(contact, Some(ana.id), ana.id, T + 5)
        .await
        .expect("start");
    assert_eq!(started.conversation_id, conversation);
    assert!(!started.created);
}

async fn whatsapps_spelling_of_a_number_is_adopted(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let typed = store.contact_for_phone("541155550101", T).await.unwrap();
    store
        .adopt_reported_wa_id(typed.id, "5491155550101", T + 1)
        .await
        .expect("adopt");
    let read = store
        .contact(ContactKey::WaId("5491155550101"))
        .await
        .unwrap()
        .expect("found under WhatsApp's spelling");
    assert_eq!(read.id, typed.id);
    // Another contact's number is never taken.
    let other = store.contact_for_phone("34600000001", T).await.unwrap();
    store
        .adopt_reported_wa_id(other.id, "5491155550101", T + 2)
        .await
        .expect("no error");
    let still = store
        .contact(ContactKey::Id(other.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.wa_id.as_deref(), Some("34600000001"));
}

async fn a_stop_keyword_opts_out_and_queues_the_confirmation(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let conversation = customer_writes(store, 1, 0, T).await;
    let contact = contact_of(store, conversation).await;
    deliver(store, message(1, 1, T + 1000, text("¡BAJA!")), T + 1000).await;
    let read = store
        .contact(ContactKey::Id(contact))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.marketing, MarketingConsent::OptedOut);
    let history = store.consent_history(contact).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].source, ConsentSource::Keyword);
    assert_eq!(history[0].note.as_deref(), Some("¡BAJA!"));
    // The confirmation is queued in the same transaction, from the desk (no agent).
    let replies = support::console::outbound_in(store, conversation).await;
    assert_eq!(replies.len(), 1, "{replies:#?}");
    assert_eq!(replies[0].status, Some(DeliveryStatus::Pending));
    assert!(
        matches!(
            &replies[0].body,
            MessageBody::Outbound { .. } | MessageBody::Text { .. }
        ),
        "{:?}",
        replies[0].body
    );
    // START brings them back, with its own confirmation.
    deliver(store, message(1, 2, T + 2000, text("start")), T + 2000).await;
    let read = store
        .contact(ContactKey::Id(contact))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.marketing, MarketingConsent::OptedIn);
    assert_eq!(store.consent_history(contact).await.unwrap().len(), 2);
}

async fn the_teams_keywords_and_silence_are_respected(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let mut settings = ConsentSettings {
        stop_keywords: vec!["DESUSCRIBIR".into()],
        ..ConsentSettings::default()
    };
    // The team sends nothing in Spanish (the default language of a contact not yet detected
    // is the bot's, Spanish by default) nor in English.
    for lang in ["es", "en", "pt-BR"] {
        settings.stop_replies.insert(lang.into(), String::new());
    }
    store
        .put_setting(
            CONSENT_SETTING,
            &serde_json::to_string(&settings).unwrap(),
            T,
        )
        .await
        .unwrap();
    let conversation = customer_writes(store, 2, 0, T).await;
    let contact = contact_of(store, conversation).await;
    deliver(store, message(2, 1, T + 1, text("STOP")), T + 1).await;
    let read = store
        .contact(ContactKey::Id(contact))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        read.marketing,
        MarketingConsent::Unknown,
        "STOP is not the team's word"
    );
    deliver(store, message(2, 2, T + 2, text("desuscribir")), T + 2).await;
    let read = store
        .contact(ContactKey::Id(contact))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.marketing, MarketingConsent::OptedOut);
    let outbound = support::console::outbound_in(store, conversation)
        .await
        .len();
    assert_eq!(outbound, 0, "an empty reply sends nothing");
}

async fn a_late_keyword_changes_consent_without_a_reply(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let day = 24 * 3_600_000;
    // Written two days ago, delivered now: the window it opened has closed.
    deliver(store, message(3, 0, T, text("STOP")), T + 2 * day).await;
    let conversation = support::reports::conversation_of(store, 3, 0).await;
    let contact = contact_of(store, conversation).await;
    let read = store
        .contact(ContactKey::Id(contact))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.marketing, MarketingConsent::OptedOut);
    let outbound = support::console::outbound_in(store, conversation)
        .await
        .len();
    assert_eq!(outbound, 0, "no free text outside the window");
}

async fn refusals_mark_the_contact(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await;
    let contact = store.contact_for_phone("34600000002", T).await.unwrap();
    let started = store
        .start_conversation(contact.id, Some(ana.id), ana.id, T)
        .await
        .unwrap();
    let send = |wamid: &'static str| NewOutbound {
        conversation_id: started.conversation_id,
        outbound: Outbound::Text {
            body: wamid.into(),
            preview_url: false,
        },
        sender_user_id: Some(ana.id),
        reply_to: None,
        echo_id: None,
    };
    let failed = |wamid: &str, code: i64, at_ms: i64| {
        IngestEvent::Status(StatusUpdate {
            wamid: wamid.into(),
            status: DeliveryStatus::Failed,
            at_ms,
            error: Some(MetaError {
                code,
                title: format!("error {code}"),
                details: None,
            }),
            recipient: ContactRef {
                wa_id: Some("34600000002".into()),
                ..ContactRef::default()
            },
            callback: None,
            pricing: None,
        })
    };
    let first = store.insert_outbound(send("a"), T + 1).await.unwrap();
    store
        .mark_sent(first.id, "wamid.first", T + 2)
        .await
        .unwrap();
    deliver(store, failed("wamid.first", 131_026, T + 3), T + 3).await;
    let read = store
        .contact(ContactKey::Id(contact.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.unreachable, Some((T + 3, 131_026)), "not on WhatsApp");

    let second = store.insert_outbound(send("b"), T + 4).await.unwrap();
    store
        .mark_sent(second.id, "wamid.second", T + 5)
        .await
        .unwrap();
    deliver(store, failed("wamid.second", 131_050, T + 6), T + 6).await;
    let read = store
        .contact(ContactKey::Id(contact.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        read.marketing,
        MarketingConsent::OptedOut,
        "131050 opts out"
    );
    let history = store.consent_history(contact.id).await.unwrap();
    assert_eq!(history[0].source, ConsentSource::MetaRefusal);

    // 131049 (WhatsApp's marketing limit) changes neither.
    let third = store.insert_outbound(send("c"), T + 7).await.unwrap();
    store
        .mark_sent(third.id, "wamid.third", T + 8)
        .await
        .unwrap();
    deliver(store, failed("wamid.third", 131_049, T + 9), T + 9).await;
    assert_eq!(store.consent_history(contact.id).await.unwrap().len(), 1);

    // Writing in proves the number is on WhatsApp.
    deliver(
        store,
        IngestEvent::Message(Box::new(app::ssr::ingest::InboundMessage {
            wamid: "wamid.in".into(),
            from: ContactRef {
                wa_id: Some("34600000002".into()),
                ..ContactRef::default()
            },
            sent_at_ms: T + 10,
            body: text("hola"),
            context: Default::default(),
            referral: None,
            raw: "{}".into(),
        })),
        T + 10,
    )
    .await;
    let read = store
        .contact(ContactKey::Id(contact.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.unreachable, None);
}

async fn consent_history_keeps_the_agents_reason(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await;
    let conversation = customer_writes(store, 4, 0, T).await;
    let contact = contact_of(store, conversation).await;
    // A preference from WhatsApp dated later than the agent's clock still loses to the
    // agent's deliberate change made afterwards.
    deliver(
        store,
        IngestEvent::Marketing(app::ssr::ingest::MarketingPreference {
            contact: ContactRef {
                wa_id: Some("34700000004".into()),
                ..ContactRef::default()
            },
            consent: MarketingConsent::OptedOut,
            at_ms: T + 100_000,
        }),
        T + 10,
    )
    .await;
    let change = ConsentChange {
        consent: MarketingConsent::OptedIn,
        source: ConsentSource::Agent,
        note: Some("Asked by phone".into()),
        actor_id: Some(ana.id),
        at_ms: T + 20,
    };
    let record = store
        .change_consent(contact, &change, Some(conversation))
        .await
        .expect("change");
    assert_eq!(record.marketing, MarketingConsent::OptedIn);
    let history = store.consent_history(contact).await.unwrap();
    assert_eq!(history[0].actor.as_deref(), Some("Ana"));
    assert_eq!(history[0].note.as_deref(), Some("Asked by phone"));
    assert_eq!(history[1].source, ConsentSource::WhatsApp);
    // The activity line is in the conversation.
    let thread = store.messages_of_conversation(conversation).await.unwrap();
    assert!(thread.iter().any(|m| matches!(
        &m.body,
        MessageBody::Activity {
            activity: app::domain::message::Activity::ConsentChanged { .. },
            ..
        }
    )));
}
