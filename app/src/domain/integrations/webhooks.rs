//! Outgoing webhooks: the events an endpoint can subscribe to, how each stored event maps to
//! one, and when a failed delivery is tried again.

use crate::domain::reports::EventKind;
use crate::domain::validation::{Checked, Field, Problem};
use serde::{Deserialize, Serialize};

/// The event types an endpoint chooses from. The names are part of the API: keep them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventType {
    /// A message was stored: the customer's, an agent's, the bot's, a note.
    #[serde(rename = "message.created")]
    MessageCreated,
    /// A sent message's delivery status changed (sent, delivered, read, failed).
    #[serde(rename = "message.updated")]
    MessageUpdated,
    #[serde(rename = "conversation.created")]
    ConversationCreated,
    /// Its status changed: resolved, reopened, snoozed, woke, given back to the bot.
    #[serde(rename = "conversation.updated")]
    ConversationUpdated,
    /// Assigned, unassigned, taken over from the bot, returned to the queue.
    #[serde(rename = "conversation.assigned")]
    ConversationAssigned,
    /// The bot handed the conversation to people.
    #[serde(rename = "conversation.handoff")]
    ConversationHandoff,
    /// A label was put on or taken off.
    #[serde(rename = "conversation.labels")]
    ConversationLabels,
    /// A campaign began sending.
    #[serde(rename = "campaign.started")]
    CampaignStarted,
    /// A campaign ended: every recipient had its turn, or it was cancelled.
    #[serde(rename = "campaign.finished")]
    CampaignFinished,
    /// A campaign's recipient moved: sent, delivered, read, replied, failed, limited, opted
    /// out or left out (one event per recipient and state; many for a large campaign).
    #[serde(rename = "campaign.recipient.updated")]
    CampaignRecipientUpdated,
}

impl EventType {
    pub const ALL: [EventType; 10] = [
        EventType::MessageCreated,
        EventType::MessageUpdated,
        EventType::ConversationCreated,
        EventType::ConversationUpdated,
        EventType::ConversationAssigned,
        EventType::ConversationHandoff,
        EventType::ConversationLabels,
        EventType::CampaignStarted,
        EventType::CampaignFinished,
        EventType::CampaignRecipientUpdated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::MessageCreated => "message.created",
            EventType::MessageUpdated => "message.updated",
            EventType::ConversationCreated => "conversation.created",
            EventType::ConversationUpdated => "conversation.updated",
            EventType::ConversationAssigned => "conversation.assigned",
            EventType::ConversationHandoff => "conversation.handoff",
            EventType::ConversationLabels => "conversation.labels",
            EventType::CampaignStarted => "campaign.started",
            EventType::CampaignFinished => "campaign.finished",
            EventType::CampaignRecipientUpdated => "campaign.recipient.updated",
        }
    }

    pub fn parse(raw: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|e| e.as_str() == raw.trim())
    }

    /// The webhook event a conversation event of the log stands for, if any. Customers'
    /// messages and agents' replies go out as `message.created` from the messages themselves.
    pub fn of_logged(kind: EventKind) -> Option<EventType> {
        use EventKind::*;
        Some(match kind {
            Created => EventType::ConversationCreated,
            Assigned | Unassigned | TakenOver | ReturnedToQueue => EventType::ConversationAssigned,
            HandedOff => EventType::ConversationHandoff,
            BotResolved | HandedToBot | Resolved | Reopened | Snoozed | Woke => {
                EventType::ConversationUpdated
            }
            Labelled | Unlabelled => EventType::ConversationLabels,
            CustomerMessage | AgentReply => return None,
        })
    }
}

/// An endpoint's chosen events: at least one, each once, in a stable order.
pub fn event_selection(raw: &[String]) -> Checked<Vec<EventType>> {
    let mut chosen = Vec::new();
    for name in raw {
        let event = EventType::parse(name).ok_or((Field::WebhookEvents, Problem::Malformed))?;
        if !chosen.contains(&event) {
            chosen.push(event);
        }
    }
    if chosen.is_empty() {
        return Err((Field::WebhookEvents, Problem::Empty));
    }
    chosen.sort();
    Ok(chosen)
}

/// Keep trying for at least this long after the event (the issue asks for 24 hours).
pub const RETRY_FOR_MS: i64 = 24 * 60 * 60 * 1000 + 10 * 60 * 1000;
/// Waits between attempts: quick at first, then hourly.
const BACKOFF_MS: [i64; 9] = [
    10_000,
    30_000,
    2 * 60_000,
    10 * 60_000,
    30 * 60_000,
    60 * 60_000,
    2 * 60 * 60_000,
    4 * 60 * 60_000,
    6 * 60 * 60_000,
];

/// When to try a delivery again after its `attempts`-th failure (1-based), or `None` when it
/// has been failing for longer than [`RETRY_FOR_MS`] since `created_ms` and is given up on.
/// The last wait is stretched so one attempt always falls at the 24-hour mark.
pub fn next_attempt(attempts: u32, created_ms: i64, now_ms: i64) -> Option<i64> {
    let deadline = created_ms + RETRY_FOR_MS;
    if now_ms >= deadline {
        return None;
    }
    let index = (attempts.max(1) as usize - 1).min(BACKOFF_MS.len() - 1);
    Some((now_ms + BACKOFF_MS[index]).min(deadline))
}

/// An endpoint's URL: http(s), a host, no credentials, at most 2,000 characters, returned in
/// the WHATWG form `reqwest` will read it in (parsed by the same `url` crate), so the host
/// judged by [`destination`] is the host connected to: `http://127.0.0.%31/` is stored as
/// `http://127.0.0.1/`, and a backslash ends the host as browsers and reqwest read it. Where
/// it points (public or private) is checked by [`super::destinations`] once the host resolves.
pub fn url(raw: &str) -> Checked<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err((Field::WebhookUrl, Problem::Empty));
    }
    if trimmed.len() > 2000 {
        return Err((Field::WebhookUrl, Problem::TooLong { max: 2000 }));
    }
    let malformed = (Field::WebhookUrl, Problem::Malformed);
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(malformed);
    }
    let parsed = url::Url::parse(trimmed).map_err(|_| malformed)?;
    let credentials = !parsed.username().is_empty() || parsed.password().is_some();
    if !matches!(parsed.scheme(), "http" | "https") || credentials || destination(&parsed).is_none()
    {
        return Err(malformed);
    }
    let normalised = parsed.to_string();
    if normalised.len() > 2000 {
        return Err((Field::WebhookUrl, Problem::TooLong { max: 2000 }));
    }
    Ok(normalised)
}

/// The host (an IP literal without brackets, or a name) and port a request to `url` connects
/// to: what the SSRF guard resolves and pins. `None` without a host.
pub fn destination(url: &url::Url) -> Option<(String, u16)> {
    let host = match url.host()? {
        url::Host::Domain(name) if !name.is_empty() => name.to_string(),
        url::Host::Domain(_) => return None,
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(ip) => ip.to_string(),
    };
    Some((host, url.port_or_known_default()?))
}

/// The signature header's value: `t=<unix seconds>,v1=<hex HMAC-SHA256>`, where the HMAC is
/// over `<t>.<body>` with the endpoint's secret (the server computes the HMAC).
pub fn signed_content(timestamp_secs: i64, body: &str) -> String {
    format!("{timestamp_secs}.{body}")
}
