//! The store conformance suite for the integration API (`IntegrationStore`): tokens, webhook
//! endpoints, the delivery queue and log, the webhook feeds and the API's list reads, run on
//! SQLite and PostgreSQL.

use crate::support;

use app::domain::contacts::MarketingConsent;
use app::domain::inbox::ConversationStatus;
use app::domain::integrations::tokens::Scope;
use app::domain::integrations::webhooks::EventType;
use app::domain::labels::LabelDraft;
use app::domain::reports::EventKind;
use app::ssr::ingest::IngestEvent;
use app::ssr::{
    AttemptOutcome, Change, ContactKey, ConversationQuery, DeliveryRecord, DeliveryState,
    NewApiToken, NewDelivery, Store, StoreError, WebhookDraft,
};
use std::time::Duration;
use support::reports::{customer_writes, deliver, message, say, send, text, user, MINUTE};
use support::Db;

const T: i64 = 1_767_225_600_000;
const LEASE: i64 = 5 * MINUTE;

fn new_token(name: &str, hash: &str, owner_id: i64) -> NewApiToken {
    NewApiToken {
        name: name.into(),
        scope: Scope::Write,
        token_hash: hash.into(),
        prefix: format!("bz_{name}"),
        owner_id,
    }
}

fn endpoint(url: &str, events: &[EventType]) -> WebhookDraft {
    WebhookDraft {
        url: url.into(),
        description: "CRM".into(),
        events: events.to_vec(),
        allow_private: false,
        enabled: true,
    }
}

fn delivery(endpoint_id: i64, key: &str) -> NewDelivery {
    NewDelivery {
        endpoint_id,
        event_key: key.into(),
        event_type: EventType::MessageCreated,
        payload: format!("{{\"key\":\"{key}\"}}"),
    }
}

async fn enqueue(store: &dyn Store, endpoint_id: i64, key: &str, now: i64) -> u64 {
    store
        .enqueue_deliveries(&[delivery(endpoint_id, key)], now)
        .await
        .expect("enqueue")
}

async fn claim(store: &dyn Store, now: i64) -> Vec<String> {
    store
        .claim_deliveries(now, now + LEASE, 10)
        .await
        .expect("claim")
        .into_iter()
        .map(|d| d.event_key)
        .collect()
}

/// One delivery of the endpoint's log, by key.
async fn logged(store: &dyn Store, endpoint_id: i64, key: &str) -> DeliveryRecord {
    store
        .deliveries(endpoint_id, None, 100)
        .await
        .expect("log")
        .into_iter()
        .find(|d| d.event_key == key)
        .expect("in the log")
}

async fn contact_of(store: &dyn Store, conversation: i64) -> i64 {
    store
        .conversation(conversation)
        .await
        .expect("read")
        .expect("conversation")
        .contact_id
}

async fn next_change(feed: &mut tokio::sync::broadcast::Receiver<Change>) -> Change {
    tokio::time::timeout(Duration::from_secs(5), feed.recv())
        .await
        .expect("the change feed never delivered")
        .expect("change feed")
}

on_both_databases!(
    tokens_are_found_by_hash_revoked_once_and_touched,
    webhooks_are_created_updated_listed_and_deleted_with_their_log,
    the_same_event_is_enqueued_once_per_endpoint,
    claimed_deliveries_are_leased_until_the_lease_runs_out,
    concurrent_claimers_never_get_the_same_delivery,
    attempts_are_recorded_with_their_outcome,
    the_delivery_log_pages_newest_first_and_redelivers,
    disabled_endpoints_get_nothing_delivered,
    the_feeds_read_events_and_messages_in_order,
    contacts_are_paged_and_searched,
    the_business_sets_marketing_consent,
    conversations_are_filtered_and_paged_with_contacts_and_label_names,
    a_conversations_messages_are_paged_oldest_first,
    feed_cursors_are_kept_without_a_word_to_the_consoles,
);

async fn tokens_are_found_by_hash_revoked_once_and_touched(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let owner = user(store, "Ana", 5, T).await;
    let first = store
        .create_api_token(&new_token("crm", "hash-1", owner.id), T)
        .await
        .expect("create");
    assert_eq!(
        (first.name.as_str(), first.scope, first.prefix.as_str()),
        ("crm", Scope::Write, "bz_crm")
    );
    assert_eq!(
        (first.owner_id, first.created_at_ms, first.last_used_at_ms),
        (owner.id, T, None)
    );
    assert_eq!(first.revoked_at_ms, None);
    let second = store
        .create_api_token(&new_token("bot", "hash-2", owner.id), T + 1)
        .await
        .expect("create");
    let same_hash = store
        .create_api_token(&new_token("copy", "hash-1", owner.id), T)
        .await;
    assert!(
        matches!(same_hash, Err(StoreError::Duplicate)),
        "{same_hash:?}"
    );

    let found = store.api_token_by_hash("hash-2").await.expect("lookup");
    assert_eq!(found.as_ref(), Some(&second));
    assert_eq!(store.api_token_by_hash("nope").await.expect("lookup"), None);

    store
        .touch_api_token(first.id, T + 50)
        .await
        .expect("touch");
    // A request that finished later but started earlier does not move it back.
    store
        .touch_api_token(first.id, T + 20)
        .await
        .expect("touch");
    let touched = store.api_token_by_hash("hash-1").await.expect("lookup");
    assert_eq!(touched.expect("token").last_used_at_ms, Some(T + 50));

    let revoked = store
        .revoke_api_token(first.id, T + 100)
        .await
        .expect("revoke");
    assert_eq!(revoked.revoked_at_ms, Some(T + 100));
    let again = store
        .revoke_api_token(first.id, T + 200)
        .await
        .expect("revoke");
    assert_eq!(again.revoked_at_ms, Some(T + 100), "the first time stays");
    let missing = store.revoke_api_token(9999, T).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    // Revoked tokens are still found (the caller refuses them) and listed.
    let found = store.api_token_by_hash("hash-1").await.expect("lookup");
    assert_eq!(found.expect("token").revoked_at_ms, Some(T + 100));

    let listed: Vec<i64> = store
        .api_tokens()
        .await
        .expect("list")
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, vec![second.id, first.id], "newest first");
}

async fn webhooks_are_created_updated_listed_and_deleted_with_their_log(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let draft = endpoint(
        "https://crm.example.com/hook",
        &[EventType::ConversationLabels, EventType::MessageCreated],
    );
    let crm = store
        .create_webhook(&draft, "secret-1", T)
        .await
        .expect("create");
    assert_eq!(
        crm.events,
        vec![EventType::MessageCreated, EventType::ConversationLabels],
        "sorted"
    );
    assert_eq!(
        (
            crm.url.as_str(),
            crm.description.as_str(),
            crm.secret.as_str()
        ),
        ("https://crm.example.com/hook", "CRM", "secret-1")
    );
    assert!(crm.enabled && !crm.allow_private);
    assert_eq!((crm.created_at_ms, crm.updated_at_ms), (T, T));
    let other = store
        .create_webhook(
            &endpoint("https://erp.example.com/", &EventType::ALL),
            "secret-2",
            T,
        )
        .await
        .expect("create");
    assert_eq!(other.events, EventType::ALL.to_vec());

    let changed = WebhookDraft {
        url: "http://10.0.0.5/hook".into(),
        description: "CRM (office)".into(),
        events: vec![EventType::ConversationHandoff],
        allow_private: true,
        enabled: false,
    };
    let updated = store
        .update_webhook(crm.id, &changed, T + 10)
        .await
        .expect("update");
    assert_eq!(updated.url, "http://10.0.0.5/hook");
    assert_eq!(updated.description, "CRM (office)");
    assert_eq!(updated.events, vec![EventType::ConversationHandoff]);
    assert!(updated.allow_private && !updated.enabled);
    assert_eq!(updated.secret, "secret-1", "the secret stays");
    assert_eq!((updated.created_at_ms, updated.updated_at_ms), (T, T + 10));
    assert_eq!(store.webhook(crm.id).await.expect("read"), Some(updated));
    let missing = store.update_webhook(9999, &changed, T).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let listed: Vec<i64> = store
        .webhooks()
        .await
        .expect("list")
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(listed, vec![crm.id, other.id]);

    enqueue(store, crm.id, "message.created:1", T).await;
    enqueue(store, other.id, "message.created:1", T).await;
    store.delete_webhook(crm.id).await.expect("delete");
    assert_eq!(store.webhook(crm.id).await.expect("read"), None);
    assert!(store
        .deliveries(crm.id, None, 10)
        .await
        .expect("log")
        .is_empty());
    assert_eq!(
        store
            .deliveries(other.id, None, 10)
            .await
            .expect("log")
            .len(),
        1,
        "other endpoints keep theirs"
    );
    let again = store.delete_webhook(crm.id).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    // Events for a deleted endpoint are dropped, not an error.
    assert_eq!(enqueue(store, crm.id, "message.created:2", T).await, 0);
}

async fn the_same_event_is_enqueued_once_per_endpoint(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let a = store
        .create_webhook(&endpoint("https://a.example.com/", &EventType::ALL), "s", T)
        .await
        .expect("create");
    let b = store
        .create_webhook(&endpoint("https://b.example.com/", &EventType::ALL), "s", T)
        .await
        .expect("create");
    let batch = [
        delivery(a.id, "message.created:1"),
        delivery(b.id, "message.created:1"),
        delivery(a.id, "message.created:1"),
    ];
    assert_eq!(
        store.enqueue_deliveries(&batch, T).await.expect("enqueue"),
        2
    );
    // Another instance saw the same event.
    assert_eq!(enqueue(store, a.id, "message.created:1", T + 5).await, 0);
    assert_eq!(enqueue(store, a.id, "message.created:2", T + 5).await, 1);
    assert_eq!(store.enqueue_deliveries(&[], T).await.expect("enqueue"), 0);

    let first = logged(store, a.id, "message.created:1").await;
    assert_eq!(first.state, DeliveryState::Pending);
    assert_eq!(first.next_attempt_at_ms, Some(T), "due at once");
    assert_eq!(
        (first.attempts, first.created_at_ms, first.event_type),
        (0, T, EventType::MessageCreated)
    );
    assert_eq!(first.payload, "{\"key\":\"message.created:1\"}");
    assert_eq!(
        (first.last_status, first.last_error, first.delivered_at_ms),
        (None, None, None)
    );
}

async fn claimed_deliveries_are_leased_until_the_lease_runs_out(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let crm = store
        .create_webhook(
            &endpoint("https://crm.example.com/", &EventType::ALL),
            "s",
            T,
        )
        .await
        .expect("create");
    enqueue(store, crm.id, "late", T + 2).await;
    enqueue(store, crm.id, "early", T + 1).await;
    enqueue(store, crm.id, "future", T + MINUTE).await;

    assert!(claim(store, T).await.is_empty(), "nothing due yet");
    let claimed = store
        .claim_deliveries(T + 10, T + 10 + LEASE, 10)
        .await
        .expect("claim");
    let keys: Vec<&str> = claimed.iter().map(|d| d.event_key.as_str()).collect();
    assert_eq!(keys, vec!["early", "late"], "oldest due first");
    assert!(claimed
        .iter()
        .all(|d| d.next_attempt_at_ms == Some(T + 10 + LEASE)));
    // Another instance polling at the same time gets nothing of it.
    assert!(claim(store, T + 10).await.is_empty());
    assert_eq!(claim(store, T + MINUTE).await, vec!["future"]);
    // The worker died: once the lease runs out they are claimed again (due at the same
    // time now, so in the order they were enqueued).
    assert!(claim(store, T + 10 + LEASE - 1).await.is_empty());
    assert_eq!(claim(store, T + 10 + LEASE).await, vec!["late", "early"]);

    // The limit takes the longest due: the leases above ran out before these were enqueued.
    for n in 0..3 {
        enqueue(store, crm.id, &format!("batch.{n}"), T + 20 * MINUTE + n).await;
    }
    let two = store
        .claim_deliveries(T + 30 * MINUTE, T + 40 * MINUTE, 2)
        .await
        .expect("claim");
    let keys: Vec<&str> = two.iter().map(|d| d.event_key.as_str()).collect();
    assert_eq!(keys, vec!["future", "late"]);
    assert_eq!(
        claim(store, T + 30 * MINUTE).await,
        vec!["early", "batch.0", "batch.1", "batch.2"]
    );
}

async fn concurrent_claimers_never_get_the_same_delivery(db: Db) {
    let (store, _dir) = support::store(db).await;
    let crm = store
        .create_webhook(
            &endpoint("https://crm.example.com/", &EventType::ALL),
            "s",
            T,
        )
        .await
        .expect("create");
    let batch: Vec<NewDelivery> = (0..40)
        .map(|n| delivery(crm.id, &format!("event:{n}")))
        .collect();
    store.enqueue_deliveries(&batch, T).await.expect("enqueue");
    // Several workers (instances) poll at once.
    let claimers: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.claim_deliveries(T, T + LEASE, 10).await })
        })
        .collect();
    let mut claimed = Vec::new();
    for claimer in claimers {
        claimed.extend(claimer.await.expect("claimer").expect("claim"));
    }
    let mut ids: Vec<i64> = claimed.iter().map(|d| d.id).collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "a delivery was claimed twice");
    assert!(count >= 10, "only {count} claimed");
    // Whatever a claimer lost to another is still there for the next poll.
    let rest = store
        .claim_deliveries(T, T + LEASE, 100)
        .await
        .expect("claim");
    assert_eq!(count + rest.len(), 40);
}

async fn attempts_are_recorded_with_their_outcome(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let crm = store
        .create_webhook(
            &endpoint("https://crm.example.com/", &EventType::ALL),
            "s",
            T,
        )
        .await
        .expect("create");
    for key in ["retried", "delivered", "given-up"] {
        enqueue(store, crm.id, key, T).await;
    }
    let claimed = store
        .claim_deliveries(T, T + LEASE, 10)
        .await
        .expect("claim");
    let id = |key: &str| claimed.iter().find(|d| d.event_key == key).expect(key).id;

    let retry = AttemptOutcome::Failed {
        status: Some(503),
        error: "Service Unavailable".into(),
        retry_at_ms: Some(T + MINUTE),
    };
    store
        .record_attempt(id("retried"), &retry, T + 1)
        .await
        .expect("record");
    let retried = logged(store, crm.id, "retried").await;
    assert_eq!(retried.state, DeliveryState::Pending);
    assert_eq!(
        (retried.attempts, retried.next_attempt_at_ms),
        (1, Some(T + MINUTE))
    );
    assert_eq!(retried.last_status, Some(503));
    assert_eq!(retried.last_error.as_deref(), Some("Service Unavailable"));
    assert!(claim(store, T + MINUTE - 1).await.is_empty());
    assert_eq!(claim(store, T + MINUTE).await, vec!["retried"]);
    let refused = AttemptOutcome::Failed {
        status: None,
        error: "connection refused".into(),
        retry_at_ms: Some(T + 2 * MINUTE),
    };
    store
        .record_attempt(id("retried"), &refused, T + MINUTE)
        .await
        .expect("record");
    let retried = logged(store, crm.id, "retried").await;
    assert_eq!((retried.attempts, retried.last_status), (2, None));
    assert_eq!(retried.last_error.as_deref(), Some("connection refused"));
    store
        .record_attempt(
            id("retried"),
            &AttemptOutcome::Delivered { status: 204 },
            T + 2 * MINUTE,
        )
        .await
        .expect("record");
    let delivered_late = logged(store, crm.id, "retried").await;
    assert_eq!(delivered_late.state, DeliveryState::Delivered);
    assert_eq!(delivered_late.attempts, 3);
    assert_eq!(delivered_late.delivered_at_ms, Some(T + 2 * MINUTE));
    assert_eq!(
        (
            delivered_late.last_status,
            delivered_late.last_error,
            delivered_late.next_attempt_at_ms
        ),
        (Some(204), None, None)
    );

    store
        .record_attempt(
            id("delivered"),
            &AttemptOutcome::Delivered { status: 200 },
            T + 2,
        )
        .await
        .expect("record");
    let delivered = logged(store, crm.id, "delivered").await;
    assert_eq!(
        (delivered.state, delivered.attempts, delivered.last_status),
        (DeliveryState::Delivered, 1, Some(200))
    );
    assert_eq!(delivered.delivered_at_ms, Some(T + 2));

    let give_up = AttemptOutcome::Failed {
        status: Some(410),
        error: "Gone".into(),
        retry_at_ms: None,
    };
    store
        .record_attempt(id("given-up"), &give_up, T + 3)
        .await
        .expect("record");
    let failed = logged(store, crm.id, "given-up").await;
    assert_eq!(
        (failed.state, failed.attempts, failed.next_attempt_at_ms),
        (DeliveryState::Failed, 1, None)
    );
    assert_eq!(
        (
            failed.last_status,
            failed.last_error.as_deref(),
            failed.delivered_at_ms
        ),
        (Some(410), Some("Gone"), None)
    );
    // Neither delivered nor failed deliveries are claimed again.
    assert!(claim(store, T + 365 * 24 * 60 * MINUTE).await.is_empty());

    let missing = store
        .record_attempt(9999, &AttemptOutcome::Delivered { status: 200 }, T)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

async fn the_delivery_log_pages_newest_first_and_redelivers(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let crm = store
        .create_webhook(
            &endpoint("https://crm.example.com/", &EventType::ALL),
            "s",
            T,
        )
        .await
        .expect("create");
    let other = store
        .create_webhook(
            &endpoint("https://erp.example.com/", &EventType::ALL),
            "s",
            T,
        )
        .await
        .expect("create");
    for n in 0..5 {
        enqueue(store, crm.id, &format!("event:{n}"), T + n).await;
    }
    enqueue(store, other.id, "event:0", T).await;

    let keys = |page: &[DeliveryRecord]| -> Vec<String> {
        page.iter().map(|d| d.event_key.clone()).collect()
    };
    let first = store.deliveries(crm.id, None, 2).await.expect("log");
    assert_eq!(keys(&first), vec!["event:4", "event:3"]);
    let second = store
        .deliveries(crm.id, Some(first[1].id), 2)
        .await
        .expect("log");
    assert_eq!(keys(&second), vec!["event:2", "event:1"]);
    let last = store
        .deliveries(crm.id, Some(second[1].id), 2)
        .await
        .expect("log");
    assert_eq!(keys(&last), vec!["event:0"]);

    // Given up on: an admin sends it again now, keeping the count of attempts.
    let id = last[0].id;
    assert_eq!(claim(store, T + 10).await.len(), 6);
    let give_up = AttemptOutcome::Failed {
        status: Some(500),
        error: "Internal Server Error".into(),
        retry_at_ms: None,
    };
    store
        .record_attempt(id, &give_up, T + 20)
        .await
        .expect("record");
    store.redeliver(id, T + MINUTE).await.expect("redeliver");
    let again = logged(store, crm.id, "event:0").await;
    assert_eq!(again.state, DeliveryState::Pending);
    assert_eq!(
        (again.next_attempt_at_ms, again.attempts),
        (Some(T + MINUTE), 1)
    );
    assert_eq!(claim(store, T + MINUTE).await, vec!["event:0"]);
    // A delivered one too.
    store
        .record_attempt(id, &AttemptOutcome::Delivered { status: 200 }, T + MINUTE)
        .await
        .expect("record");
    store
        .redeliver(id, T + 2 * MINUTE)
        .await
        .expect("redeliver");
    assert_eq!(claim(store, T + 2 * MINUTE).await, vec!["event:0"]);

    let missing = store.redeliver(9999, T).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

async fn disabled_endpoints_get_nothing_delivered(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let draft = endpoint("https://crm.example.com/", &EventType::ALL);
    let crm = store.create_webhook(&draft, "s", T).await.expect("create");
    let erp = store
        .create_webhook(
            &endpoint("https://erp.example.com/", &EventType::ALL),
            "s",
            T,
        )
        .await
        .expect("create");
    enqueue(store, crm.id, "to-crm", T).await;
    enqueue(store, erp.id, "to-erp", T).await;
    let paused = WebhookDraft {
        enabled: false,
        ..draft.clone()
    };
    store
        .update_webhook(crm.id, &paused, T)
        .await
        .expect("disable");
    assert_eq!(claim(store, T).await, vec!["to-erp"]);
    store
        .update_webhook(crm.id, &draft, T)
        .await
        .expect("enable");
    assert_eq!(claim(store, T).await, vec!["to-crm"]);
}

async fn the_feeds_read_events_and_messages_in_order(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let agent = user(store, "Ana", 5, T).await;
    let c1 = customer_writes(store, 1, 0, T).await;
    let c2 = customer_writes(store, 2, 0, T + 1).await;
    store
        .assign(c1, Some(agent.id), Some(agent.id), T + 2)
        .await
        .expect("assign");
    let reply = send(store, c1, Some(agent.id), say("hola"), T + 3).await;

    let events = store.events_after(0, 100).await.expect("events");
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "by id");
    let of_c1: Vec<EventKind> = events
        .iter()
        .filter(|e| e.conversation_id == c1)
        .map(|e| e.kind)
        .collect();
    assert!(of_c1.contains(&EventKind::Assigned), "{of_c1:?}");
    assert!(of_c1.contains(&EventKind::AgentReply), "{of_c1:?}");
    assert!(events.iter().any(|e| e.conversation_id == c2));
    let rest = store.events_after(ids[0], 100).await.expect("events");
    assert_eq!(rest.iter().map(|e| e.id).collect::<Vec<_>>(), ids[1..]);
    let one = store.events_after(ids[0], 1).await.expect("events");
    assert_eq!(one.iter().map(|e| e.id).collect::<Vec<_>>(), ids[1..2]);
    assert!(store
        .events_after(*ids.last().expect("events"), 10)
        .await
        .expect("events")
        .is_empty());

    let messages = store.messages_after(0, 100).await.expect("messages");
    let conversations: Vec<i64> = messages.iter().map(|m| m.conversation_id).collect();
    // The assignment's activity line is a message too.
    assert_eq!(conversations, vec![c1, c2, c1, c1]);
    assert_eq!(messages[3].id, reply);
    assert!(messages.windows(2).all(|w| w[0].id < w[1].id));
    let after = store
        .messages_after(messages[0].id, 1)
        .await
        .expect("messages");
    assert_eq!(
        after.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![messages[1].id]
    );
    assert!(store
        .messages_after(reply, 10)
        .await
        .expect("messages")
        .is_empty());
}

async fn contacts_are_paged_and_searched(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let mut contacts = Vec::new();
    for n in 1..=3 {
        let conversation = customer_writes(store, n, 0, T + i64::from(n)).await;
        contacts.push(contact_of(store, conversation).await);
    }
    // Customer 4 has a username and writes "50% off_".
    let mut event = message(4, 0, T + 4, text("hi"));
    if let IngestEvent::Message(m) = &mut event {
        m.from.username = Some("Maria_Shop".into());
        m.from.name = Some("50% off_".into());
    }
    deliver(store, event, T + 4).await;
    contacts.push(contact_of(store, support::reports::conversation_of(store, 4, 0).await).await);
    let [c1, c2, c3, c4] = contacts[..] else {
        unreachable!()
    };

    let page = |search: Option<&'static str>, before: Option<i64>, limit: u32| async move {
        store
            .contacts_page(search, before, limit)
            .await
            .expect("contacts")
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<i64>>()
    };
    assert_eq!(
        page(None, None, 10).await,
        vec![c4, c3, c2, c1],
        "newest first"
    );
    assert_eq!(page(None, None, 2).await, vec![c4, c3]);
    assert_eq!(page(None, Some(c3), 2).await, vec![c2, c1]);
    assert_eq!(page(None, Some(c1), 2).await, Vec::<i64>::new());

    assert_eq!(
        page(Some("customer 2"), None, 10).await,
        vec![c2],
        "by name"
    );
    assert_eq!(page(Some("  CUSTOMER "), None, 10).await, vec![c3, c2, c1]);
    assert_eq!(page(Some("CUSTOMER"), Some(c3), 1).await, vec![c2]);
    assert_eq!(
        page(Some("34700000003"), None, 10).await,
        vec![c3],
        "by phone"
    );
    assert_eq!(page(Some("0000"), None, 10).await, vec![c4, c3, c2, c1]);
    assert_eq!(
        page(Some("maria_s"), None, 10).await,
        vec![c4],
        "by username"
    );
    // LIKE's wildcards are searched for as themselves.
    assert_eq!(page(Some("50%"), None, 10).await, vec![c4]);
    assert_eq!(page(Some("%"), None, 10).await, vec![c4]);
    assert_eq!(page(Some("_"), None, 10).await, vec![c4]);
    assert_eq!(page(Some("zzz"), None, 10).await, Vec::<i64>::new());
    assert_eq!(
        page(Some("   "), None, 10).await.len(),
        4,
        "blank: everyone"
    );

    let listed = store
        .contacts_page(Some("customer 2"), None, 1)
        .await
        .expect("contacts");
    let read = store.contact(ContactKey::Id(c2)).await.expect("read");
    assert_eq!(listed.first(), read.as_ref(), "the same record as a read");
}

async fn the_business_sets_marketing_consent(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let mut feed = store.changes();
    let conversation = customer_writes(store, 1, 0, T).await;
    let contact = contact_of(store, conversation).await;
    // The customer's message is announced (in PostgreSQL, some time after the commit).
    while next_change(&mut feed).await != (Change::Conversation { id: conversation }) {}
    while tokio::time::timeout(Duration::from_millis(300), feed.recv())
        .await
        .is_ok()
    {}

    let by_api = |consent, at_ms| app::ssr::ingest::ConsentChange {
        consent,
        source: app::domain::consent::ConsentSource::Api,
        note: Some("CRM sign-up form".into()),
        actor_id: None,
        at_ms,
    };
    let record = store
        .change_consent(contact, &by_api(MarketingConsent::OptedIn, T + 10), None)
        .await
        .expect("set");
    assert_eq!(record.marketing, MarketingConsent::OptedIn);
    assert_eq!(record.id, contact);
    let read = store.contact(ContactKey::Id(contact)).await.expect("read");
    assert_eq!(read, Some(record), "stored");
    // Consoles showing the conversation hear about it.
    assert_eq!(
        next_change(&mut feed).await,
        Change::Conversation { id: conversation }
    );

    let out = store
        .change_consent(contact, &by_api(MarketingConsent::OptedOut, T + 20), None)
        .await
        .expect("set");
    assert_eq!(out.marketing, MarketingConsent::OptedOut);
    // Both changes are in the history, newest first, with their source and note.
    let history = store.consent_history(contact).await.expect("history");
    let states: Vec<_> = history.iter().map(|e| (e.consent, e.at_ms)).collect();
    assert_eq!(
        states,
        vec![
            (MarketingConsent::OptedOut, T + 20),
            (MarketingConsent::OptedIn, T + 10)
        ]
    );
    assert_eq!(history[0].note.as_deref(), Some("CRM sign-up form"));
    let missing = store
        .change_consent(9999, &by_api(MarketingConsent::OptedIn, T), None)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

async fn conversations_are_filtered_and_paged_with_contacts_and_label_names(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let agent = user(store, "Ana", 5, T).await;
    let c1 = customer_writes(store, 1, 0, T + 1).await;
    let c2 = customer_writes(store, 2, 0, T + 2).await;
    let c3 = customer_writes(store, 3, 0, T + 3).await;
    store
        .assign(c2, Some(agent.id), Some(agent.id), T + 10)
        .await
        .expect("assign");
    store
        .set_conversation_status(
            c3,
            ConversationStatus::Resolved,
            None,
            Some(agent.id),
            T + 11,
        )
        .await
        .expect("resolve");
    // Customer 1 writes again after their conversation was resolved: a second one.
    store
        .set_conversation_status(c1, ConversationStatus::Resolved, None, None, T + 12)
        .await
        .expect("resolve");
    let c4 = customer_writes(store, 1, 1, T + 13).await;
    assert_ne!(c4, c1);
    let label = |name: &str| LabelDraft::new(name, "violet", "").expect("label");
    let vip = store.create_label(&label("vip"), T).await.expect("label");
    let billing = store
        .create_label(&label("Billing"), T)
        .await
        .expect("label");
    for (conversation, label) in [(c2, vip.id), (c2, billing.id), (c3, vip.id)] {
        store
            .label_conversation(conversation, label, true, None, T + 20)
            .await
            .expect("label");
    }

    let page = |query: ConversationQuery| async move {
        store
            .conversations_page(&ConversationQuery { limit: 10, ..query })
            .await
            .expect("page")
            .into_iter()
            .map(|r| r.conversation.id)
            .collect::<Vec<i64>>()
    };
    let all = ConversationQuery::default();
    assert_eq!(
        page(all.clone()).await,
        vec![c4, c3, c2, c1],
        "newest first"
    );
    let resolved = ConversationQuery {
        status: Some(ConversationStatus::Resolved),
        ..all.clone()
    };
    assert_eq!(page(resolved.clone()).await, vec![c3, c1]);
    let open = ConversationQuery {
        status: Some(ConversationStatus::Open),
        ..all.clone()
    };
    assert_eq!(page(open.clone()).await, vec![c4, c2]);
    let mine = ConversationQuery {
        assignee: Some(Some(agent.id)),
        ..all.clone()
    };
    assert_eq!(page(mine).await, vec![c2]);
    let unassigned = ConversationQuery {
        assignee: Some(None),
        ..open.clone()
    };
    assert_eq!(page(unassigned).await, vec![c4]);
    let labelled = ConversationQuery {
        label_id: Some(vip.id),
        ..all.clone()
    };
    assert_eq!(page(labelled.clone()).await, vec![c3, c2]);
    let labelled_open = ConversationQuery {
        status: Some(ConversationStatus::Open),
        ..labelled
    };
    assert_eq!(page(labelled_open).await, vec![c2], "filters combine");
    let customer_1 = contact_of(store, c1).await;
    let of_contact = ConversationQuery {
        contact_id: Some(customer_1),
        ..all.clone()
    };
    assert_eq!(page(of_contact).await, vec![c4, c1]);

    // Paging: two at a time, the cursor being the last id seen.
    let first = store
        .conversations_page(&ConversationQuery {
            limit: 2,
            ..all.clone()
        })
        .await
        .expect("page");
    let ids: Vec<i64> = first.iter().map(|r| r.conversation.id).collect();
    assert_eq!(ids, vec![c4, c3]);
    let next = ConversationQuery {
        before_id: Some(c3),
        ..all.clone()
    };
    assert_eq!(page(next).await, vec![c2, c1]);
    let older_resolved = ConversationQuery {
        before_id: Some(c3),
        ..resolved
    };
    assert_eq!(page(older_resolved).await, vec![c1]);

    // Each row carries its contact and its label names, by name.
    let rows = store
        .conversations_page(&ConversationQuery { limit: 10, ..all })
        .await
        .expect("page");
    let row = |id: i64| rows.iter().find(|r| r.conversation.id == id).expect("row");
    assert_eq!(row(c2).labels, vec!["Billing", "vip"]);
    assert_eq!(row(c3).labels, vec!["vip"]);
    assert!(row(c4).labels.is_empty());
    assert_eq!(row(c4).contact.id, customer_1);
    assert_eq!(row(c1).contact.id, customer_1);
    assert_eq!(row(c2).contact.profile_name.as_deref(), Some("Customer 2"));
    assert_eq!(row(c2).conversation.assignee_id, Some(agent.id));
    assert_eq!(row(c3).conversation.status(), ConversationStatus::Resolved);

    let single = store
        .conversation_row(c2)
        .await
        .expect("row")
        .expect("found");
    assert_eq!(&single, row(c2), "one row reads the same as in a page");
    assert_eq!(store.conversation_row(9999).await.expect("row"), None);
}

async fn a_conversations_messages_are_paged_oldest_first(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let conversation = customer_writes(store, 1, 0, T).await;
    customer_writes(store, 2, 0, T + 1).await;
    customer_writes(store, 1, 1, T + 2).await;
    let reply = send(store, conversation, None, say("hola"), T + 3).await;
    customer_writes(store, 1, 2, T + 4).await;

    let page = |after: Option<i64>, limit: u32| async move {
        store
            .conversation_messages(conversation, after, limit)
            .await
            .expect("messages")
    };
    let all = page(None, 10).await;
    assert_eq!(all.len(), 4, "only this conversation's");
    assert!(all.iter().all(|m| m.conversation_id == conversation));
    assert!(all.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    assert_eq!(all[2].id, reply);
    let ids = |page: &[app::ssr::MessageRecord]| page.iter().map(|m| m.id).collect::<Vec<_>>();
    let first = page(None, 2).await;
    assert_eq!(ids(&first), ids(&all[..2]));
    let second = page(Some(first[1].id), 2).await;
    assert_eq!(ids(&second), ids(&all[2..]));
    assert!(page(Some(all[3].id), 2).await.is_empty());
    assert!(store
        .conversation_messages(9999, None, 10)
        .await
        .expect("messages")
        .is_empty());
}

async fn feed_cursors_are_kept_without_a_word_to_the_consoles(db: Db) {
    let (store, _dir) = support::store(db).await;
    let mut changes = store.changes();
    assert_eq!(store.feed_cursor("feed.test").await.expect("read"), None);
    store.set_feed_cursor("feed.test", 5, T).await.expect("set");
    store
        .set_feed_cursor("feed.test", 9, T)
        .await
        .expect("move");
    store
        .set_feed_cursor("feed.other", 1, T)
        .await
        .expect("set");
    assert_eq!(store.feed_cursor("feed.test").await.expect("read"), Some(9));
    assert_eq!(
        store.feed_cursor("feed.other").await.expect("read"),
        Some(1)
    );
    // Announcements arrive in order: nothing came before the marker.
    let marker = Change::Viewing {
        user_id: -1,
        conversation_id: None,
    };
    store.signal(marker.clone()).await.expect("marker");
    let first = tokio::time::timeout(Duration::from_secs(5), changes.recv())
        .await
        .expect("the marker in time")
        .expect("the feed is open");
    assert_eq!(first, marker, "moving a cursor announces nothing");
}
