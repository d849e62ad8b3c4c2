//! The store conformance suite for data protection (`ProtectionStore`), on SQLite and
//! PostgreSQL: erasing a contact (identities, content, media files, queued replies, waiting
//! campaign recipients), retention removing exactly what is older, the media purge deleting
//! the files from a real media folder, and the settings compare-and-set.

use crate::store_campaigns::{campaign, queued};
use crate::support;

use app::domain::campaigns::segment::SegmentFilter;
use app::domain::consent::ConsentSource;
use app::domain::contacts::directory::ContactQuery;
use app::domain::contacts::MarketingConsent;
use app::domain::message::{Media, MediaKind, MessageBody, MessageContext, Removal};
use app::domain::outbound::Outbound;
use app::ssr::ingest::{ConsentChange, ContactRef, InboundMessage, IngestEvent};
use app::ssr::{ContactKey, NewOutbound, Store, StoreError};
use server::media::{purge_due, MediaFiles};
use support::Db;

const T: i64 = 1_767_225_600_000;
const DAY: i64 = 24 * 60 * 60 * 1000;

/// Customer `wa_id` sends `body` at `at`; returns the message's id.
async fn inbound(store: &dyn Store, wa_id: &str, wamid: &str, body: MessageBody, at: i64) -> i64 {
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.into(),
        from: ContactRef {
            wa_id: Some(wa_id.into()),
            name: Some(format!("Customer {wa_id}")),
            ..ContactRef::default()
        },
        sent_at_ms: at,
        body,
        context: MessageContext::default(),
        referral: None,
        raw: format!("{{\"id\":\"{wamid}\",\"from\":\"{wa_id}\"}}"),
    }));
    store.ingest(&[event], at).await.expect("ingest");
    store.message_by_wamid(wamid).await.unwrap().unwrap().id
}

fn photo(media_id: &str) -> MessageBody {
    MessageBody::Media(Media {
        kind: MediaKind::Image,
        media_id: media_id.into(),
        mime_type: Some("image/jpeg".into()),
        sha256: None,
        caption: Some("my passport".into()),
        filename: None,
        voice: false,
        animated: false,
    })
}

fn text(body: &str) -> MessageBody {
    MessageBody::Text { body: body.into() }
}

on_both_databases!(
    erasing_a_contact_leaves_only_anonymous_rows_and_deletes_the_files,
    retention_removes_exactly_what_is_older,
    settings_swap_only_from_the_expected_value,
);

async fn erasing_a_contact_leaves_only_anonymous_rows_and_deletes_the_files(db: Db) {
    let (store, dir) = support::store(db).await;
    let store = &*store;
    let files = MediaFiles::new(dir.path().join("media"));
    let sha = files.put(b"passport scan").await.unwrap();
    let shared = files.put(b"a meme everyone sends").await.unwrap();
    let wa_id = "34622000001";
    let hello = inbound(
        store,
        wa_id,
        "wamid.e.1",
        text("my address is Calle Mayor 1"),
        T,
    )
    .await;
    let scan = inbound(store, wa_id, "wamid.e.2", photo("media-scan"), T + 1).await;
    store
        .media_stored("media-scan", &sha, "image/jpeg", 13, T + 2)
        .await
        .unwrap();
    inbound(store, wa_id, "wamid.e.3", photo("media-meme"), T + 3).await;
    store
        .media_stored("media-meme", &shared, "image/jpeg", 20, T + 3)
        .await
        .unwrap();
    // Someone else sent the same meme: that file must stay.
    inbound(
        store,
        "34622000002",
        "wamid.o.1",
        photo("media-meme-2"),
        T + 4,
    )
    .await;
    store
        .media_stored("media-meme-2", &shared, "image/jpeg", 20, T + 4)
        .await
        .unwrap();
    let message = store.message(hello).await.unwrap().unwrap();
    let contact_id = message.contact_id;
    store
        .change_consent(
            contact_id,
            &ConsentChange {
                consent: MarketingConsent::OptedIn,
                source: ConsentSource::Agent,
                note: Some("asked by phone".into()),
                actor_id: None,
                at_ms: T + 5,
            },
            None,
        )
        .await
        .unwrap();
    let reply = store
        .insert_outbound(
            NewOutbound {
                conversation_id: message.conversation_id,
                outbound: Outbound::Text {
                    body: "we will visit Calle Mayor 1".into(),
                    preview_url: false,
                },
                sender_user_id: None,
                reply_to: None,
                echo_id: None,
            },
            T + 6,
        )
        .await
        .unwrap();
    let sale = store
        .create_campaign(&campaign("sale"), &[queued(contact_id)], T)
        .await
        .unwrap();

    let report = store.erase_contact(contact_id, T + 10).await.unwrap();
    assert_eq!(
        report.messages, 4,
        "three from the customer and the queued reply"
    );
    assert_eq!(report.media, 2);
    assert_eq!(report.conversations, 1);
    assert_eq!(report.queued_dropped, 1);
    assert_eq!(report.recipients_dropped, 1);

    let c = store
        .contact(ContactKey::Id(contact_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.wa_id, c.user_id, c.profile_name, c.username),
        (None, None, None, None)
    );
    assert!(c.attributes.is_empty());
    assert_eq!(c.marketing, MarketingConsent::Unknown);
    assert!(store
        .contact(ContactKey::WaId(wa_id))
        .await
        .unwrap()
        .is_none());
    assert!(store.consent_history(contact_id).await.unwrap().is_empty());
    for id in [hello, scan, reply.id] {
        let m = store.message(id).await.unwrap().unwrap();
        assert_eq!(
            m.body,
            MessageBody::Removed {
                why: Removal::Erasure
            },
            "message {id}"
        );
        assert!(m.media.is_none());
    }
    let reply = store.message(reply.id).await.unwrap().unwrap();
    assert_eq!(
        reply.status,
        Some(app::domain::message::DeliveryStatus::Failed),
        "never sent"
    );
    let claimed = store.claim_outbound(T + 20, T + 20, 10).await.unwrap();
    assert!(claimed.is_empty(), "nothing of theirs left to send");
    let skipped = store
        .recipients(sale, app::domain::campaigns::funnel::Step::Skipped, 0, 10)
        .await
        .unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!(
        skipped[0].skip_reason,
        Some(app::domain::campaigns::audience::Exclusion::Erased)
    );
    // Gone from the contacts list and from every segment.
    let (rows, _) = store
        .contact_page(&ContactQuery::default(), T, 50)
        .await
        .unwrap();
    assert!(rows.iter().all(|r| r.id != contact_id));
    assert_eq!(
        store
            .count_segment(&SegmentFilter::default(), T)
            .await
            .unwrap(),
        1
    );
    // The files: the scan goes, the meme another customer sent stays.
    assert_eq!(purge_due(store, &files).await.unwrap(), 1);
    assert!(files.read(&sha).await.is_err(), "the scan was deleted");
    assert!(
        files.read(&shared).await.is_ok(),
        "a file another message names stays"
    );
    assert_eq!(purge_due(store, &files).await.unwrap(), 0);
    // Once is enough.
    assert!(matches!(
        store.erase_contact(contact_id, T + 30).await,
        Err(StoreError::NotFound)
    ));
}

async fn retention_removes_exactly_what_is_older(db: Db) {
    let (store, dir) = support::store(db).await;
    let store = &*store;
    let files = MediaFiles::new(dir.path().join("media"));
    let sha = files.put(b"old photo").await.unwrap();
    let old_text = inbound(store, "34633000001", "wamid.r.1", text("old"), T).await;
    let old_photo = inbound(
        store,
        "34633000001",
        "wamid.r.2",
        photo("media-old"),
        T + DAY,
    )
    .await;
    store
        .media_stored("media-old", &sha, "image/jpeg", 9, T + DAY)
        .await
        .unwrap();
    let cutoff = T + 2 * DAY;
    let at_cutoff = inbound(
        store,
        "34633000001",
        "wamid.r.3",
        text("exactly at the cutoff"),
        cutoff,
    )
    .await;
    let new = inbound(store, "34633000002", "wamid.r.4", text("new"), T + 3 * DAY).await;
    // In batches of one: call until nothing is left.
    let mut removed = (0, 0);
    loop {
        let (m, f) = store
            .remove_messages_before(cutoff, 1, T + 4 * DAY)
            .await
            .unwrap();
        removed = (removed.0 + m, removed.1 + f);
        if m == 0 {
            break;
        }
    }
    assert_eq!(removed, (2, 1));
    for id in [old_text, old_photo] {
        let m = store.message(id).await.unwrap().unwrap();
        assert_eq!(
            m.body,
            MessageBody::Removed {
                why: Removal::Retention
            }
        );
    }
    for id in [at_cutoff, new] {
        let m = store.message(id).await.unwrap().unwrap();
        assert!(matches!(m.body, MessageBody::Text { .. }), "kept: {id}");
    }
    // The contact stays: retention deletes messages, not customers.
    assert!(store
        .contact(ContactKey::WaId("34633000001"))
        .await
        .unwrap()
        .is_some());
    assert_eq!(purge_due(store, &files).await.unwrap(), 1);
    assert!(files.read(&sha).await.is_err());
}

async fn settings_swap_only_from_the_expected_value(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    assert!(store.swap_setting("k", None, "a", T).await.unwrap());
    assert!(
        !store.swap_setting("k", None, "b", T).await.unwrap(),
        "already set"
    );
    assert!(
        !store.swap_setting("k", Some("x"), "b", T).await.unwrap(),
        "not x"
    );
    assert!(store.swap_setting("k", Some("a"), "b", T).await.unwrap());
    assert_eq!(store.setting("k").await.unwrap().as_deref(), Some("b"));
}
