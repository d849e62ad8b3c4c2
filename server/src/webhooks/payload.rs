//! The JSON a delivery carries, built once when the event is enqueued: retries send the
//! same bytes. The conversation and message have the REST API's shapes.
//!
//! ```json
//! {"id": "message.created:42", "type": "message.created", "created_at": "2026-…Z",
//!  "data": {"conversation": {...}, "message": {...}}}
//! ```

use crate::rest::types::{rfc3339, Conversation, Message};
use app::domain::integrations::webhooks::EventType;
use app::domain::reports::Event;
use app::ssr::{ConversationRow, MessageRecord};
use serde::Serialize;

#[derive(Serialize)]
struct Envelope<'a, D: Serialize> {
    /// The event key: the same event always has the same id (receivers can deduplicate).
    id: &'a str,
    #[serde(rename = "type")]
    event_type: &'static str,
    created_at: String,
    data: D,
}

#[derive(Serialize)]
struct MessageData {
    conversation: Conversation,
    message: Message,
}

#[derive(Serialize)]
struct ConversationData {
    conversation: Conversation,
    change: Change,
}

/// What happened to the conversation, as the event log recorded it.
#[derive(Serialize)]
struct Change {
    /// `created`, `assigned`, `unassigned`, `taken_over`, `returned_to_queue`,
    /// `handed_off`, `bot_resolved`, `handed_to_bot`, `resolved`, `reopened`, `snoozed`,
    /// `woke`, `labelled` or `unlabelled`.
    kind: &'static str,
    /// The agent who did it; null for the customer, the bot or the desk itself.
    actor_id: Option<i64>,
    /// The assignee right after it.
    assignee_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    /// The handoff's reason, how the bot resolved it, or how it started (`bot`/`people`).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

fn envelope<D: Serialize>(key: &str, event_type: EventType, at_ms: i64, data: D) -> String {
    serde_json::to_string(&Envelope {
        id: key,
        event_type: event_type.as_str(),
        created_at: rfc3339(at_ms),
        data,
    })
    .expect("webhook payloads serialise")
}

/// `message.created` or `message.updated`.
pub fn message(
    key: &str,
    event_type: EventType,
    at_ms: i64,
    row: &ConversationRow,
    message: &MessageRecord,
) -> String {
    let data = MessageData {
        // Outgoing webhooks go to systems an admin configured: full numbers.
        conversation: Conversation::of(row, app::ssr::contacts::Numbers::FULL),
        message: Message::of(message),
    };
    envelope(key, event_type, at_ms, data)
}

/// A conversation event of the log; `label` is the labelled label's name.
pub fn conversation(
    key: &str,
    event_type: EventType,
    event: &Event,
    row: &ConversationRow,
    label: Option<String>,
) -> String {
    let data = ConversationData {
        // Outgoing webhooks go to systems an admin configured: full numbers.
        conversation: Conversation::of(row, app::ssr::contacts::Numbers::FULL),
        change: Change {
            kind: event.kind.as_str(),
            actor_id: event.actor_id,
            assignee_id: event.assignee_id,
            label,
            reason: event.detail.clone(),
        },
    };
    envelope(key, event_type, event.at_ms, data)
}

#[derive(Serialize)]
struct CampaignData {
    campaign: crate::rest::campaigns::Campaign,
}

/// `campaign.started` / `campaign.finished`: the campaign with its funnel, as the API's
/// `GET /campaigns/{id}` shows it.
pub fn campaign(
    key: &str,
    event_type: EventType,
    at_ms: i64,
    campaign: app::wire::campaigns::CampaignView,
) -> String {
    envelope(
        key,
        event_type,
        at_ms,
        CampaignData {
            campaign: crate::rest::campaigns::Campaign::of(campaign),
        },
    )
}

#[derive(Serialize)]
struct RecipientData {
    campaign_id: i64,
    recipient: crate::rest::campaigns::Recipient,
}

/// `campaign.recipient.updated`: the recipient as the API's
/// `GET /campaigns/{id}/recipients` lists it.
pub fn campaign_recipient(
    key: &str,
    at_ms: i64,
    campaign_id: i64,
    recipient: app::wire::campaigns::RecipientView,
) -> String {
    envelope(
        key,
        EventType::CampaignRecipientUpdated,
        at_ms,
        RecipientData {
            campaign_id,
            recipient: crate::rest::campaigns::Recipient::of(recipient),
        },
    )
}
