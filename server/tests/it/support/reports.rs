//! Shared steps of the event-log and dashboard tests: customers writing, users, and the
//! events as the reports read them.

use app::domain::message::{MessageBody, MessageContext, Referral};
use app::domain::outbound::Outbound;
use app::domain::reports::EventKind;
use app::domain::roles::Role;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{NewOutbound, NewUser, Store, UserRecord};

pub const HOUR: i64 = 3_600_000;
pub const MINUTE: i64 = 60_000;

/// Customer `n`'s message `seq`, sent at `at`.
pub fn message(n: u32, seq: u32, at: i64, body: MessageBody) -> IngestEvent {
    IngestEvent::Message(Box::new(InboundMessage {
        wamid: format!("wamid.report.{n}.{seq}"),
        from: ContactRef {
            wa_id: Some(format!("3470000{n:04}")),
            name: Some(format!("Customer {n}")),
            ..ContactRef::default()
        },
        sent_at_ms: at,
        body,
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }))
}

pub fn text(body: &str) -> MessageBody {
    MessageBody::Text { body: body.into() }
}

/// Customer `n` writes at `at` (delivered to us at `at` too); returns the conversation.
pub async fn customer_writes(store: &dyn Store, n: u32, seq: u32, at: i64) -> i64 {
    deliver(store, message(n, seq, at, text("hola")), at).await;
    conversation_of(store, n, seq).await
}

/// Customer `n` writes from an ad.
pub async fn customer_writes_from_ad(
    store: &dyn Store,
    n: u32,
    at: i64,
    referral: Referral,
) -> i64 {
    let mut event = message(n, 0, at, text("I saw your ad"));
    if let IngestEvent::Message(m) = &mut event {
        m.referral = Some(referral);
    }
    deliver(store, event, at).await;
    conversation_of(store, n, 0).await
}

pub async fn deliver(store: &dyn Store, event: IngestEvent, now: i64) {
    store.ingest(&[event], now).await.expect("ingest");
}

pub async fn conversation_of(store: &dyn Store, n: u32, seq: u32) -> i64 {
    let wamid = format!("wamid.report.{n}.{seq}");
    let stored = store.message_by_wamid(&wamid).await.expect("read");
    stored.expect("stored").conversation_id
}

pub async fn user(store: &dyn Store, name: &str, capacity: u32, at: i64) -> UserRecord {
    let new = NewUser {
        email: format!("{}@example.com", name.to_lowercase()),
        name: name.into(),
        role: Role::Agent,
        password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
        capacity,
        language: None,
    };
    store.create_user(new, at).await.expect("create user")
}

pub fn say(body: &str) -> Outbound {
    Outbound::Text {
        body: body.into(),
        preview_url: false,
    }
}

/// `author` (none: the bot) sends `outbound` in the conversation at `at`; returns the message.
pub async fn send(
    store: &dyn Store,
    conversation: i64,
    author: Option<i64>,
    outbound: Outbound,
    at: i64,
) -> i64 {
    let new = NewOutbound {
        conversation_id: conversation,
        outbound,
        sender_user_id: author,
        reply_to: None,
        echo_id: None,
    };
    store.insert_outbound(new, at).await.expect("send").id
}

/// An event as the tests compare it: kind, time, actor, assignee, label, detail.
pub type Logged = (
    EventKind,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

pub fn logged(kind: EventKind, at: i64, actor: Option<i64>, assignee: Option<i64>) -> Logged {
    (kind, at, actor, assignee, None, None)
}

/// Every event of one conversation, in order.
pub async fn events_of(store: &dyn Store, conversation: i64) -> Vec<Logged> {
    let facts = store.report_facts(0, i64::MAX).await.expect("facts");
    facts
        .events
        .into_iter()
        .filter(|e| e.conversation_id == conversation)
        .map(|e| {
            (
                e.kind,
                e.at_ms,
                e.actor_id,
                e.assignee_id,
                e.label_id,
                e.detail,
            )
        })
        .collect()
}
