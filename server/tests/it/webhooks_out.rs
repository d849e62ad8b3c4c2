//! Outgoing webhooks against a local receiver, on SQLite and PostgreSQL: what the feed turns
//! into deliveries, the signature and body receivers get, retries with backoff up to the
//! 24-hour limit, and the SSRF guard at send time. The feed and sender passes are driven
//! directly with the time passed in, so no test waits for a backoff.

use crate::support;

use app::domain::integrations::webhooks::{EventType, RETRY_FOR_MS};
use app::domain::labels::LabelDraft;
use app::domain::message::{MessageBody, MessageContext};
use app::domain::outbound::Outbound;
use app::domain::roles::Role;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{
    now_ms, Change, DeliveryRecord, DeliveryState, NewOutbound, NewUser, Store, WebhookDraft,
    WebhookRecord,
};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;
use server::webhooks::feed::{Feed, MESSAGES_CURSOR};
use server::webhooks::sender::Sender;
use server::webhooks::{self, verify, WebhookSettings};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::Db;
use tokio::sync::Notify;

on_both_databases!(
    a_customer_message_is_delivered_signed_with_the_conversation_and_message,
    assignment_and_labels_are_delivered_as_conversation_events,
    an_endpoint_gets_only_the_events_it_chose,
    a_status_change_is_delivered_as_message_updated,
    a_receiver_failing_twice_gets_it_on_the_third_attempt,
    a_receiver_failing_past_the_retry_period_is_given_up_on,
    a_private_destination_is_refused_unless_the_admin_allowed_it,
    a_url_spelled_to_hide_its_host_is_judged_by_where_it_connects,
    unreachable_and_unresolvable_receivers_are_retried_with_the_reason,
    history_before_the_first_start_is_not_replayed,
    a_campaign_is_announced_when_it_starts_when_it_ends_and_per_recipient,
    repeated_passes_and_restarts_do_not_duplicate_deliveries,
    the_running_tasks_deliver_on_their_own,
    following_the_log_tells_the_consoles_nothing,
);

// --- the receiver -------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: String,
}

impl Received {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("the body is JSON")
    }
}

#[derive(Clone)]
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
    /// Answers 500 to this many requests first.
    fail_first: usize,
    count: Arc<AtomicUsize>,
}

impl Receiver {
    fn received(&self) -> Vec<Received> {
        self.got.lock().expect("lock").clone()
    }

    fn of_type(&self, event_type: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.header("x-buzon-event") == event_type)
            .collect()
    }
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    receiver
        .got
        .lock()
        .expect("lock")
        .push(Received { headers, body });
    if receiver.count.fetch_add(1, Ordering::SeqCst) < receiver.fail_first {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::NO_CONTENT
    }
}

/// A receiver on a loopback port.
async fn receiver(fail_first: usize) -> Receiver {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let receiver = Receiver {
        url: format!("http://{}/hook", listener.local_addr().expect("addr")),
        got: Arc::default(),
        fail_first,
        count: Arc::default(),
    };
    let app = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    receiver
}

// --- the desk -----------------------------------------------------------------------------

async fn endpoint(
    store: &dyn Store,
    url: &str,
    events: &[EventType],
    allow_private: bool,
) -> WebhookRecord {
    let draft = WebhookDraft {
        url: url.to_string(),
        description: "CRM".into(),
        events: events.to_vec(),
        allow_private,
        enabled: true,
    };
    let secret = app::ssr::integrations::new_webhook_secret();
    store
        .create_webhook(&draft, &secret, now_ms())
        .await
        .expect("create webhook")
}

/// The feed and sender, started: the feed's first pass has placed its cursors.
async fn start(store: &Arc<dyn Store>) -> (Feed, Sender) {
    let settings = WebhookSettings::default();
    let mut feed = Feed::new(store.clone(), settings, Arc::new(Notify::new()));
    feed.pass(now_ms()).await.expect("first feed pass");
    (feed, Sender::new(store.clone(), settings))
}

/// A customer's text; returns (conversation, message).
async fn customer_writes(store: &dyn Store, n: u32, text: &str) -> (i64, i64) {
    let wamid = format!("wamid.hooks.{n}.{}", now_ms());
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.clone(),
        from: ContactRef {
            wa_id: Some(format!("3460000{n:04}")),
            name: Some(format!("Customer {n}")),
            ..ContactRef::default()
        },
        sent_at_ms: now_ms(),
        body: MessageBody::Text { body: text.into() },
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }));
    store.ingest(&[event], now_ms()).await.expect("ingest");
    let message = store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("stored");
    (message.conversation_id, message.id)
}

async fn agent(store: &dyn Store, name: &str) -> i64 {
    store
        .create_user(
            NewUser {
                email: format!("{}@example.com", name.to_lowercase()),
                name: name.into(),
                role: Role::Agent,
                password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
                capacity: 5,
                language: None,
            },
            now_ms(),
        )
        .await
        .expect("create user")
        .id
}

async fn log(store: &dyn Store, endpoint: &WebhookRecord) -> Vec<DeliveryRecord> {
    store
        .deliveries(endpoint.id, None, 100)
        .await
        .expect("delivery log")
}

async fn delivery(store: &dyn Store, endpoint: &WebhookRecord, key: &str) -> DeliveryRecord {
    log(store, endpoint)
        .await
        .into_iter()
        .find(|d| d.event_key == key)
        .unwrap_or_else(|| panic!("no delivery {key}"))
}

fn payload(d: &DeliveryRecord) -> Value {
    serde_json::from_str(&d.payload).expect("the payload is JSON")
}

// --- the tests ----------------------------------------------------------------------------

async fn a_customer_message_is_delivered_signed_with_the_conversation_and_message(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let hook = endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    let (mut feed, sender) = start(&store).await;

    let (conversation, message) = customer_writes(store.as_ref(), 1, "¿Tenéis talla M?").await;
    assert!(feed.pass(now_ms()).await.expect("feed pass") >= 2);
    let key = format!("message.created:{message}");
    let queued = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(queued.event_type, EventType::MessageCreated);
    assert_eq!(queued.state, DeliveryState::Pending);
    assert!(
        log(store.as_ref(), &hook)
            .await
            .iter()
            .any(|d| d.event_type == EventType::ConversationCreated),
        "the new conversation is an event too"
    );

    assert!(sender.pass(now_ms()).await.expect("sender pass") >= 2);
    let sent = receiver.of_type("message.created");
    assert_eq!(sent.len(), 1, "delivered once");
    let got = &sent[0];
    assert_eq!(
        verify(
            &hook.secret,
            got.header("x-buzon-signature"),
            &got.body,
            now_ms() / 1000
        ),
        Ok(()),
        "the signature verifies with the endpoint's secret: {}",
        got.header("x-buzon-signature")
    );
    assert!(verify(
        "whsec_someone_else",
        got.header("x-buzon-signature"),
        &got.body,
        now_ms() / 1000
    )
    .is_err());
    assert_eq!(got.header("content-type"), "application/json");
    assert_eq!(got.header("user-agent"), webhooks::USER_AGENT);
    assert_eq!(got.header("x-buzon-delivery"), queued.id.to_string());
    assert_eq!(
        got.body, queued.payload,
        "the stored payload is what is sent"
    );

    let body = got.json();
    assert_eq!(body["id"], key);
    assert_eq!(body["type"], "message.created");
    assert!(body["created_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    let data = &body["data"];
    assert_eq!(data["conversation"]["id"], conversation);
    assert_eq!(data["conversation"]["contact"]["wa_id"], "34600000001");
    assert_eq!(data["conversation"]["contact"]["name"], "Customer 1");
    assert!(data["conversation"]["status"].is_string());
    assert!(data["conversation"]["labels"].is_array());
    assert!(data["conversation"]["window_closes_at"].is_string());
    assert_eq!(data["message"]["id"], message);
    assert_eq!(data["message"]["conversation_id"], conversation);
    assert_eq!(data["message"]["text"], "¿Tenéis talla M?");
    assert_eq!(data["message"]["direction"], "inbound");
    assert_eq!(data["message"]["sender_type"], "contact");
    assert_eq!(data["message"]["kind"], "text");

    let done = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(done.state, DeliveryState::Delivered);
    assert_eq!(done.attempts, 1);
    assert_eq!(done.last_status, Some(204));
    assert!(done.delivered_at_ms.is_some());
}

async fn assignment_and_labels_are_delivered_as_conversation_events(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let hook = endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    let (mut feed, sender) = start(&store).await;
    let ana = agent(store.as_ref(), "Ana").await;
    let vip = LabelDraft::new("VIP", "violet", "").expect("label");
    let vip = store.create_label(&vip, now_ms()).await.expect("label").id;

    let (conversation, _) = customer_writes(store.as_ref(), 2, "hola").await;
    store
        .assign(conversation, Some(ana), Some(ana), now_ms())
        .await
        .expect("assign");
    store
        .label_conversation(conversation, vip, true, Some(ana), now_ms())
        .await
        .expect("label");
    feed.pass(now_ms()).await.expect("feed pass");

    let all = log(store.as_ref(), &hook).await;
    let assigned: Vec<_> = all
        .iter()
        .filter(|d| d.event_type == EventType::ConversationAssigned)
        .collect();
    assert_eq!(assigned.len(), 1, "{all:?}");
    let body = payload(assigned[0]);
    assert_eq!(body["type"], "conversation.assigned");
    assert!(body["id"].as_str().is_some_and(|k| k.starts_with("event:")));
    assert_eq!(body["data"]["change"]["kind"], "assigned");
    assert_eq!(body["data"]["change"]["actor_id"], ana);
    assert_eq!(body["data"]["change"]["assignee_id"], ana);
    assert_eq!(body["data"]["conversation"]["id"], conversation);
    assert_eq!(body["data"]["conversation"]["assignee_id"], ana);

    let labelled: Vec<_> = all
        .iter()
        .filter(|d| d.event_type == EventType::ConversationLabels)
        .collect();
    assert_eq!(labelled.len(), 1, "{all:?}");
    let body = payload(labelled[0]);
    assert_eq!(body["data"]["change"]["kind"], "labelled");
    assert_eq!(body["data"]["change"]["label"], "VIP");
    assert_eq!(
        body["data"]["conversation"]["labels"],
        serde_json::json!(["VIP"])
    );
    assert!(
        all.iter()
            .all(|d| payload(d)["data"]["message"]["kind"] != "activity"),
        "activity lines are not sent as messages"
    );

    sender.pass(now_ms()).await.expect("sender pass");
    assert_eq!(receiver.of_type("conversation.assigned").len(), 1);
    assert_eq!(receiver.of_type("conversation.labels").len(), 1);
}

async fn an_endpoint_gets_only_the_events_it_chose(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let labels_only = endpoint(
        store.as_ref(),
        &receiver.url,
        &[EventType::ConversationLabels],
        true,
    )
    .await;
    let everything = endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    let (mut feed, _) = start(&store).await;
    let vip = LabelDraft::new("VIP", "violet", "").expect("label");
    let vip = store.create_label(&vip, now_ms()).await.expect("label").id;

    let (conversation, _) = customer_writes(store.as_ref(), 3, "hola").await;
    store
        .label_conversation(conversation, vip, true, None, now_ms())
        .await
        .expect("label");
    store
        .label_conversation(conversation, vip, false, None, now_ms())
        .await
        .expect("unlabel");
    feed.pass(now_ms()).await.expect("feed pass");

    let chosen = log(store.as_ref(), &labels_only).await;
    assert_eq!(chosen.len(), 2, "{chosen:?}");
    assert!(chosen
        .iter()
        .all(|d| d.event_type == EventType::ConversationLabels));
    let kinds: Vec<Value> = chosen
        .iter()
        .map(|d| payload(d)["data"]["change"]["kind"].clone())
        .collect();
    assert!(kinds.contains(&"labelled".into()) && kinds.contains(&"unlabelled".into()));

    let all = log(store.as_ref(), &everything).await;
    for wanted in [
        EventType::MessageCreated,
        EventType::ConversationCreated,
        EventType::ConversationLabels,
    ] {
        assert!(all.iter().any(|d| d.event_type == wanted), "{wanted:?}");
    }

    // A turned-off endpoint gets nothing new.
    let draft = WebhookDraft {
        url: everything.url.clone(),
        description: everything.description.clone(),
        events: everything.events.clone(),
        allow_private: true,
        enabled: false,
    };
    store
        .update_webhook(everything.id, &draft, now_ms())
        .await
        .expect("turn off");
    customer_writes(store.as_ref(), 3, "¿hola?").await;
    feed.pass(now_ms()).await.expect("feed pass");
    assert_eq!(log(store.as_ref(), &everything).await.len(), all.len());
}

async fn a_status_change_is_delivered_as_message_updated(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let hook = endpoint(
        store.as_ref(),
        &receiver.url,
        &[EventType::MessageUpdated],
        true,
    )
    .await;
    let (mut feed, sender) = start(&store).await;
    let (conversation, _) = customer_writes(store.as_ref(), 4, "hola").await;

    let reply = store
        .insert_outbound(
            NewOutbound {
                conversation_id: conversation,
                outbound: Outbound::Text {
                    body: "¡Hola! Sí, la tenemos.".into(),
                    preview_url: false,
                },
                sender_user_id: None,
                reply_to: None,
                echo_id: None,
            },
            now_ms(),
        )
        .await
        .expect("queue reply");
    feed.pass(now_ms()).await.expect("feed pass");
    assert!(
        log(store.as_ref(), &hook).await.is_empty(),
        "a pending message has no status change to tell"
    );

    store
        .mark_sent(reply.id, "wamid.hooks.reply", now_ms())
        .await
        .expect("sent");
    // The change arrives through the change feed (PostgreSQL: LISTEN/NOTIFY).
    let key = format!("message.updated:{}:sent", reply.id);
    let mut found = None;
    for _ in 0..200 {
        feed.pass(now_ms()).await.expect("feed pass");
        found = log(store.as_ref(), &hook)
            .await
            .into_iter()
            .find(|d| d.event_key == key);
        if found.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let found = found.expect("a message.updated delivery");
    assert_eq!(found.event_type, EventType::MessageUpdated);
    let body = payload(&found);
    assert_eq!(body["data"]["message"]["id"], reply.id);
    assert_eq!(body["data"]["message"]["status"], "sent");
    assert_eq!(body["data"]["message"]["wamid"], "wamid.hooks.reply");
    assert_eq!(body["data"]["message"]["direction"], "outbound");
    assert_eq!(log(store.as_ref(), &hook).await.len(), 1);

    sender.pass(now_ms()).await.expect("sender pass");
    assert_eq!(receiver.of_type("message.updated").len(), 1);
}

/// One endpoint subscribed to `message.created` only, one customer message queued: the
/// delivery.
async fn one_delivery(
    store: &Arc<dyn Store>,
    url: &str,
    allow_private: bool,
    t0: i64,
) -> (WebhookRecord, Sender, String) {
    let hook = endpoint(
        store.as_ref(),
        url,
        &[EventType::MessageCreated],
        allow_private,
    )
    .await;
    let (mut feed, sender) = start(store).await;
    let (_, message) = customer_writes(store.as_ref(), 5, "hola").await;
    assert_eq!(feed.pass(t0).await.expect("feed pass"), 1);
    (hook, sender, format!("message.created:{message}"))
}

async fn a_receiver_failing_twice_gets_it_on_the_third_attempt(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(2).await;
    let t0 = now_ms();
    let (hook, sender, key) = one_delivery(&store, &receiver.url, true, t0).await;

    assert_eq!(sender.pass(t0).await.expect("first attempt"), 1);
    let first = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(first.state, DeliveryState::Pending);
    assert_eq!(first.attempts, 1);
    assert_eq!(first.last_status, Some(500));
    assert_eq!(
        first.last_error.as_deref(),
        Some("The receiver answered 500 Internal Server Error.")
    );
    let retry_at = first.next_attempt_at_ms.expect("a retry is planned");
    assert!(retry_at > t0, "backs off");
    assert_eq!(
        sender.pass(retry_at - 1).await.expect("too early"),
        0,
        "not claimed before its time"
    );

    assert_eq!(sender.pass(retry_at).await.expect("second attempt"), 1);
    let second = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!((second.state, second.attempts), (DeliveryState::Pending, 2));
    let retry_at_2 = second.next_attempt_at_ms.expect("another retry");
    assert!(
        retry_at_2 - retry_at > retry_at - t0,
        "waits longer each time"
    );

    assert_eq!(sender.pass(retry_at_2).await.expect("third attempt"), 1);
    let third = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(third.state, DeliveryState::Delivered);
    assert_eq!(third.attempts, 3);
    assert_eq!(third.last_status, Some(204));

    let got = receiver.received();
    assert_eq!(got.len(), 3);
    assert!(
        got.iter().all(|r| r.body == got[0].body),
        "the same bytes each time"
    );
    assert!(got
        .iter()
        .all(|r| r.header("x-buzon-delivery") == third.id.to_string()));
    assert_eq!(
        sender.pass(retry_at_2 + RETRY_FOR_MS).await.expect("pass"),
        0
    );
}

async fn a_receiver_failing_past_the_retry_period_is_given_up_on(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(usize::MAX).await;
    let t0 = now_ms();
    let (hook, sender, key) = one_delivery(&store, &receiver.url, true, t0).await;

    sender.pass(t0).await.expect("first attempt");
    let hours_later = t0 + 20 * 3_600_000;
    assert_eq!(sender.pass(hours_later).await.expect("later attempt"), 1);
    let still = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(
        still.state,
        DeliveryState::Pending,
        "still tried after 20 hours"
    );
    let last = still.next_attempt_at_ms.expect("a last retry");
    assert!(last <= t0 + RETRY_FOR_MS);

    assert_eq!(
        sender.pass(t0 + RETRY_FOR_MS).await.expect("last attempt"),
        1
    );
    let given_up = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(given_up.state, DeliveryState::Failed);
    assert_eq!(given_up.attempts, 3);
    assert_eq!(given_up.last_status, Some(500));
    assert!(given_up.next_attempt_at_ms.is_none());
    assert_eq!(receiver.received().len(), 3);
    assert_eq!(
        sender.pass(t0 + 2 * RETRY_FOR_MS).await.expect("pass"),
        0,
        "a failed delivery is not tried again"
    );

    // An admin can still send it again by hand.
    store
        .redeliver(given_up.id, t0 + 2 * RETRY_FOR_MS)
        .await
        .expect("redeliver");
    assert_eq!(sender.pass(t0 + 2 * RETRY_FOR_MS).await.expect("pass"), 1);
    assert_eq!(receiver.received().len(), 4);
}

async fn a_private_destination_is_refused_unless_the_admin_allowed_it(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let t0 = now_ms();
    let (hook, sender, key) = one_delivery(&store, &receiver.url, false, t0).await;

    sender.pass(t0).await.expect("sender pass");
    let refused = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(
        refused.state,
        DeliveryState::Failed,
        "not retried: it would not change"
    );
    assert_eq!(refused.attempts, 1);
    assert_eq!(refused.last_status, None);
    let error = refused.last_error.expect("the reason");
    assert!(
        error.contains("127.0.0.1") && error.contains("private"),
        "{error}"
    );
    assert!(
        receiver.received().is_empty(),
        "no request reached the receiver"
    );

    // The admin allows private destinations and sends it again.
    let draft = WebhookDraft {
        url: hook.url.clone(),
        description: hook.description.clone(),
        events: hook.events.clone(),
        allow_private: true,
        enabled: true,
    };
    store
        .update_webhook(hook.id, &draft, t0)
        .await
        .expect("allow private");
    store.redeliver(refused.id, t0).await.expect("redeliver");
    sender.pass(t0).await.expect("sender pass");
    assert_eq!(
        delivery(store.as_ref(), &hook, &key).await.state,
        DeliveryState::Delivered
    );
    assert_eq!(receiver.received().len(), 1);
}

/// `127.0.0.%31` is 127.0.0.1 to the HTTP client: the guard must see the same host, whether
/// the URL is typed into the form now or was stored before URLs were normalised.
async fn a_url_spelled_to_hide_its_host_is_judged_by_where_it_connects(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let disguised = receiver.url.replace("127.0.0.1", "127.0.0.%31");
    assert!(matches!(
        app::ssr::integrations::webhook_draft(
            &disguised,
            "",
            &["message.created".into()],
            false,
            true
        )
        .await,
        Err(app::error::AppError::WebhookDestination {
            refusal: app::domain::integrations::destinations::Refusal::NotPublic
        })
    ));
    let t0 = now_ms();
    let (hook, sender, key) = one_delivery(&store, &disguised, false, t0).await;
    sender.pass(t0).await.expect("sender pass");
    let refused = delivery(store.as_ref(), &hook, &key).await;
    assert_eq!(refused.state, DeliveryState::Failed);
    let error = refused.last_error.expect("the reason");
    assert!(
        error.contains("127.0.0.1") && error.contains("private"),
        "{error}"
    );
    assert!(receiver.received().is_empty(), "nothing reached 127.0.0.1");
}

async fn unreachable_and_unresolvable_receivers_are_retried_with_the_reason(db: Db) {
    let (store, _dir) = support::store(db).await;
    // A port nobody listens on any more.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .local_addr()
        .expect("addr");
    let refused = endpoint(
        store.as_ref(),
        &format!("http://{closed}/hook"),
        &[EventType::MessageCreated],
        true,
    )
    .await;
    let nowhere = endpoint(
        store.as_ref(),
        "http://receiver.invalid/hook",
        &[EventType::MessageCreated],
        true,
    )
    .await;
    let (mut feed, sender) = start(&store).await;
    let (_, message) = customer_writes(store.as_ref(), 6, "hola").await;
    let t0 = now_ms();
    feed.pass(t0).await.expect("feed pass");
    sender.pass(t0).await.expect("sender pass");
    let key = format!("message.created:{message}");

    let unreachable = delivery(store.as_ref(), &refused, &key).await;
    assert_eq!(unreachable.state, DeliveryState::Pending);
    assert!(unreachable.next_attempt_at_ms.is_some());
    let error = unreachable.last_error.expect("the reason");
    assert!(error.starts_with("Could not connect: "), "{error}");

    let unresolvable = delivery(store.as_ref(), &nowhere, &key).await;
    assert_eq!(unresolvable.state, DeliveryState::Pending);
    assert!(unresolvable.next_attempt_at_ms.is_some());
    let error = unresolvable.last_error.expect("the reason");
    assert!(
        error.starts_with("Could not find the address of receiver.invalid"),
        "{error}"
    );
}

async fn history_before_the_first_start_is_not_replayed(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let hook = endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    for n in 0..3 {
        customer_writes(store.as_ref(), 10 + n, "antes").await;
    }
    let (mut feed, _) = start(&store).await;
    feed.pass(now_ms()).await.expect("feed pass");
    assert!(log(store.as_ref(), &hook).await.is_empty());

    let (_, message) = customer_writes(store.as_ref(), 20, "después").await;
    feed.pass(now_ms()).await.expect("feed pass");
    let keys: Vec<String> = log(store.as_ref(), &hook)
        .await
        .into_iter()
        .map(|d| d.event_key)
        .collect();
    assert!(
        keys.contains(&format!("message.created:{message}")),
        "{keys:?}"
    );
    assert_eq!(
        keys.iter()
            .filter(|k| k.starts_with("message.created:"))
            .count(),
        1,
        "{keys:?}"
    );
}

async fn repeated_passes_and_restarts_do_not_duplicate_deliveries(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let hook = endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    let (mut feed, _) = start(&store).await;
    let ana = agent(store.as_ref(), "Ana").await;
    let (conversation, message) = customer_writes(store.as_ref(), 30, "hola").await;
    store
        .assign(conversation, Some(ana), Some(ana), now_ms())
        .await
        .expect("assign");

    let added = feed.pass(now_ms()).await.expect("feed pass");
    assert!(added >= 3, "created, assigned, the message: {added}");
    for _ in 0..3 {
        assert_eq!(feed.pass(now_ms()).await.expect("feed pass"), 0);
    }
    let before = log(store.as_ref(), &hook).await;
    let newest = store
        .messages_of_conversation(conversation)
        .await
        .expect("thread")
        .iter()
        .map(|m| m.id)
        .max()
        .expect("messages");
    assert!(newest > message);
    assert_eq!(before.len() as u64, added);
    assert_eq!(
        store.setting(MESSAGES_CURSOR).await.expect("setting"),
        Some(newest.to_string()),
        "the cursor is kept (past the assignment's activity line)"
    );

    // A restart forgets what it enqueued and reads behind its cursors again.
    let (mut restarted, _) = start(&store).await;
    assert_eq!(restarted.pass(now_ms()).await.expect("feed pass"), 0);
    assert_eq!(log(store.as_ref(), &hook).await.len(), before.len());

    // And goes on from where the previous one stopped.
    let (_, next) = customer_writes(store.as_ref(), 30, "¿hola?").await;
    assert_eq!(restarted.pass(now_ms()).await.expect("feed pass"), 1);
    let after = log(store.as_ref(), &hook).await;
    assert_eq!(after.len(), before.len() + 1);
    let mut keys: Vec<&str> = after.iter().map(|d| d.event_key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), after.len(), "every key once");
    assert!(keys.contains(&format!("message.created:{next}").as_str()));
}

async fn the_running_tasks_deliver_on_their_own(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    let settings = WebhookSettings {
        feed_interval: Duration::from_millis(100),
        send_interval: Duration::from_millis(100),
        debounce: Duration::from_millis(10),
        ..WebhookSettings::default()
    };
    let handle = webhooks::spawn(store.clone(), settings);
    // Until the feed placed its cursors, anything written counts as history.
    for _ in 0..200 {
        if store
            .setting(MESSAGES_CURSOR)
            .await
            .expect("setting")
            .is_some()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    let (_, message) = customer_writes(store.as_ref(), 40, "hola").await;
    let key = format!("message.created:{message}");
    let mut delivered = false;
    for _ in 0..400 {
        delivered = receiver
            .of_type("message.created")
            .iter()
            .any(|r| r.json()["id"] == key);
        if delivered {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(delivered, "the message reached the receiver");
    handle.feed.abort();
    handle.sender.abort();
}

/// The feed's place in the log is bookkeeping, not a team setting: moving it must not make
/// every console reload (it did: each customer message cost every open console two full
/// resyncs, and a thread reloaded that way could hide a download that finished meanwhile).
async fn following_the_log_tells_the_consoles_nothing(db: Db) {
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    endpoint(store.as_ref(), &receiver.url, &EventType::ALL, true).await;
    let (mut feed, _sender) = start(&store).await;
    let mut changes = store.changes();
    customer_writes(&*store, 1, "hola").await;
    assert!(feed.pass(now_ms()).await.expect("feed pass") >= 1);
    // Changes arrive in commit order: everything announced before the marker is in.
    let marker = Change::Viewing {
        user_id: -1,
        conversation_id: None,
    };
    store.signal(marker.clone()).await.expect("marker");
    let mut heard = Vec::new();
    loop {
        let change = tokio::time::timeout(Duration::from_secs(5), changes.recv())
            .await
            .expect("the marker in time")
            .expect("the feed is open");
        if change == marker {
            break;
        }
        heard.push(change);
    }
    assert!(
        heard.iter().any(|c| matches!(c, Change::Message { .. })),
        "the customer's message is announced: {heard:?}"
    );
    assert!(
        !heard
            .iter()
            .any(|c| matches!(c, Change::Settings | Change::Resync)),
        "nothing that makes consoles reload: {heard:?}"
    );
}

async fn a_campaign_is_announced_when_it_starts_when_it_ends_and_per_recipient(db: Db) {
    use app::domain::campaigns::CampaignState;
    use app::ssr::campaign_store::{NewCampaign, NewRecipient};
    let (store, _dir) = support::store(db).await;
    let receiver = receiver(0).await;
    let hook = endpoint(
        store.as_ref(),
        &receiver.url,
        &[
            EventType::CampaignStarted,
            EventType::CampaignFinished,
            EventType::CampaignRecipientUpdated,
        ],
        true,
    )
    .await;
    let (mut feed, sender) = start(&store).await;
    let contact = store
        .contact_for_phone("34600112233", now_ms())
        .await
        .unwrap();
    let campaign = NewCampaign {
        name: "Hooks".into(),
        state: CampaignState::Running,
        template_name: "we_miss_you".into(),
        template_language: "en_US".into(),
        template_category: Some("MARKETING".into()),
        composition: "{}".into(),
        audience: "{}".into(),
        replies_to: "bot".into(),
        buttons: "[]".into(),
        start_at_ms: now_ms(),
        quiet_hours: None,
        rate_per_second: 10,
        estimated_micros: None,
        currency: None,
        created_by: None,
    };
    let recipient = NewRecipient {
        contact_id: contact.id,
        columns: None,
        skip: None,
        due_at_ms: now_ms(),
        estimate: None,
    };
    let id = store
        .create_campaign(&campaign, &[recipient], now_ms())
        .await
        .unwrap();
    let started = format!("campaign.started:{id}");
    let finished = format!("campaign.finished:{id}");
    let keys = |log: Vec<DeliveryRecord>| log.into_iter().map(|d| d.event_key).collect::<Vec<_>>();
    for _ in 0..200 {
        feed.pass(now_ms()).await.expect("feed pass");
        if keys(log(store.as_ref(), &hook).await).contains(&started) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body = payload(&delivery(store.as_ref(), &hook, &started).await);
    assert_eq!(body["type"], "campaign.started");
    assert_eq!(body["data"]["campaign"]["name"], "Hooks");
    assert_eq!(body["data"]["campaign"]["funnel"]["queued"], 1);
    assert!(!keys(log(store.as_ref(), &hook).await).contains(&finished));

    // The recipient goes out: one event for it, with its state.
    let jobs = store
        .claim_recipients(id, now_ms(), now_ms() - 60_000, 10)
        .await
        .unwrap();
    let sent_body = app::domain::message::MessageBody::Text { body: "Hi".into() };
    store
        .recipient_sent(jobs[0].recipient_id, "wamid.hooks.1", &sent_body, now_ms())
        .await
        .unwrap();
    let sent = format!("campaign.recipient.updated:{}:sent", jobs[0].recipient_id);
    for _ in 0..200 {
        feed.pass(now_ms()).await.expect("feed pass");
        if keys(log(store.as_ref(), &hook).await).contains(&sent) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body = payload(&delivery(store.as_ref(), &hook, &sent).await);
    assert_eq!(body["type"], "campaign.recipient.updated");
    assert_eq!(body["data"]["campaign_id"], id);
    assert_eq!(body["data"]["recipient"]["state"], "sent");
    assert_eq!(body["data"]["recipient"]["phone"], "34600112233");

    store
        .set_campaign_state(
            id,
            &[CampaignState::Running],
            CampaignState::Cancelled,
            None,
            now_ms(),
        )
        .await
        .unwrap();
    for _ in 0..200 {
        feed.pass(now_ms()).await.expect("feed pass");
        if keys(log(store.as_ref(), &hook).await).contains(&finished) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body = payload(&delivery(store.as_ref(), &hook, &finished).await);
    assert_eq!(body["data"]["campaign"]["state"], "cancelled");
    // Each once, however many changes follow.
    feed.pass(now_ms()).await.expect("feed pass");
    assert_eq!(log(store.as_ref(), &hook).await.len(), 3);
    sender.pass(now_ms()).await.expect("sender pass");
    assert_eq!(receiver.of_type("campaign.started").len(), 1);
    assert_eq!(receiver.of_type("campaign.finished").len(), 1);
    assert_eq!(receiver.of_type("campaign.recipient.updated").len(), 1);
}
