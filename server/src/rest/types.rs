//! The API's resources as integrations see them. These names are a promise to every
//! integration: add fields, never rename or remove one (docs/api.md).

use app::domain::message::{DeliveryStatus, MessageBody};
use app::ssr::contacts::Numbers;
use app::ssr::{ContactRecord, ConversationRow, Direction, MessageRecord};
use app::wire::inbox::Sender;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// RFC 3339 in UTC with milliseconds: `2026-11-22T10:15:00.000Z`.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// When the customer's 24-hour window closes (or closed): `null` when they never wrote.
pub fn window_closes_at(last_inbound_at_ms: Option<i64>) -> Option<String> {
    last_inbound_at_ms.map(|at| rfc3339(at.saturating_add(app::domain::window::WINDOW_MS)))
}

/// Pagination: `limit` (1–100, default 25) and the previous page's `next_cursor`.
#[derive(Debug, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Rows per page, 1 to 100 (default 25).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

pub const DEFAULT_LIMIT: u32 = 25;
pub const MAX_LIMIT: u32 = 100;

impl PageParams {
    /// The page size, or a 422 when out of range.
    pub fn limit(&self) -> Result<u32, super::error::ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(super::error::ApiError::unreadable(
                "limit must be between 1 and 100.",
            )),
        }
    }

    /// The row id the cursor points past, or a 422 when it is not one of ours.
    pub fn cursor(&self) -> Result<Option<i64>, super::error::ApiError> {
        match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(raw) => raw
                .strip_prefix("c")
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| {
                    super::error::ApiError::unreadable(
                        "cursor is not valid: pass the next_cursor of the previous page.",
                    )
                }),
        }
    }
}

/// The cursor of the page after one whose last row has `id`, when the page was full.
pub fn next_cursor(last_id: Option<i64>, rows: usize, limit: u32) -> Option<String> {
    if rows < limit as usize {
        return None;
    }
    last_id.map(|id| format!("c{id}"))
}

/// Pages of lists: `data`, and `next_cursor` to pass for the next page (`null` at the end).
macro_rules! page {
    ($name:ident, $item:ty) => {
        #[derive(Debug, Serialize, ToSchema)]
        pub struct $name {
            pub data: Vec<$item>,
            /// Pass as `cursor` for the next page; null on the last page.
            pub next_cursor: Option<String>,
        }
    };
}
page!(ContactPage, Contact);
page!(ConversationPage, Conversation);
page!(MessagePage, Message);

/// A customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Contact {
    pub id: i64,
    /// Their WhatsApp profile name, else their phone number or username.
    pub name: String,
    /// Phone number in international format without `+`; null for username-only contacts.
    pub wa_id: Option<String>,
    /// The same number written for people (`+54 9 11 5555-0101`), and its country (ISO code).
    pub phone: Option<String>,
    pub phone_country: Option<String>,
    /// WhatsApp's business-scoped user id, when known.
    pub user_id: Option<String>,
    pub username: Option<String>,
    /// Marketing consent: `unknown`, `opted_in` or `opted_out`.
    pub marketing: String,
    /// Free-form details the business keeps (CRM id, plan...).
    pub attributes: BTreeMap<String, String>,
    /// Their latest message.
    pub last_inbound_at: Option<String>,
    pub window_closes_at: Option<String>,
    /// When WhatsApp last said the number cannot receive messages (131026).
    pub unreachable_at: Option<String>,
    /// Every marketing consent change, newest first (in reads of one contact; null in lists).
    pub consent_history: Option<Vec<ConsentEvent>>,
}

/// One change of a contact's marketing consent.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentEvent {
    pub at: String,
    /// `unknown`, `opted_in` or `opted_out`.
    pub consent: String,
    /// `keyword`, `button`, `form`, `import`, `agent`, `api`, `whatsapp` (the customer's
    /// WhatsApp setting) or `meta_refusal` (Meta refused a marketing message: 131050).
    pub source: String,
    /// The keyword written, the reason given, or Meta's words.
    pub note: Option<String>,
    /// The agent who made the change.
    pub by: Option<String>,
}

impl ConsentEvent {
    pub fn of(e: &app::domain::consent::ConsentEntry) -> ConsentEvent {
        ConsentEvent {
            at: rfc3339(e.at_ms),
            consent: e.consent.as_str().to_string(),
            source: e.source.as_str().to_string(),
            note: e.note.clone(),
            by: e.actor.clone(),
        }
    }
}

impl Contact {
    /// The contact as `numbers` reads them (a masked reader gets no `wa_id`).
    pub fn of(c: &ContactRecord, numbers: Numbers) -> Contact {
        let view = numbers.contact(app::ssr::console::contact_view(c));
        Contact {
            id: c.id,
            name: view.name,
            wa_id: view.wa_id,
            phone: view.phone,
            phone_country: view.phone_country,
            user_id: c.user_id.clone(),
            username: c.username.clone(),
            marketing: c.marketing.as_str().to_string(),
            attributes: c.attributes.clone(),
            last_inbound_at: c.last_inbound_at_ms.map(rfc3339),
            window_closes_at: window_closes_at(c.last_inbound_at_ms),
            unreachable_at: c.unreachable.map(|(at, _)| rfc3339(at)),
            consent_history: None,
        }
    }
}

/// The contact as a conversation carries it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactRef {
    pub id: i64,
    pub name: String,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
}

/// A conversation with a customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Conversation {
    pub id: i64,
    /// `bot`, `open`, `snoozed` or `resolved`.
    pub status: String,
    pub assignee_id: Option<i64>,
    /// Label names, by name.
    pub labels: Vec<String>,
    pub contact: ContactRef,
    pub last_message_at: String,
    /// When the customer's 24-hour window closes (or closed); null when they never wrote.
    pub window_closes_at: Option<String>,
    pub created_at: String,
    /// The Click-to-WhatsApp ad that started it, as WhatsApp sent it.
    #[schema(value_type = Option<Object>)]
    pub referral: Option<serde_json::Value>,
}

impl Conversation {
    pub fn of(row: &ConversationRow, numbers: Numbers) -> Conversation {
        let c = &row.conversation;
        let view = numbers.contact(app::ssr::console::contact_view(&row.contact));
        Conversation {
            id: c.id,
            status: c.status().as_str().to_string(),
            assignee_id: c.assignee_id,
            labels: row.labels.clone(),
            contact: ContactRef {
                id: row.contact.id,
                name: view.name,
                wa_id: view.wa_id,
                user_id: row.contact.user_id.clone(),
            },
            last_message_at: rfc3339(c.last_message_at_ms),
            window_closes_at: window_closes_at(row.contact.last_inbound_at_ms),
            created_at: rfc3339(c.created_at_ms),
            referral: c
                .referral
                .as_ref()
                .and_then(|r| serde_json::to_value(r).ok()),
        }
    }
}

/// Meta's error on a failed message.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageError {
    pub code: i64,
    pub title: String,
    pub details: Option<String>,
}

/// A message of a conversation: the customer's, an agent's, the bot's, a note or an
/// activity line.
#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub id: i64,
    /// WhatsApp's id; null for notes, activity lines and messages not yet sent.
    pub wamid: Option<String>,
    pub conversation_id: i64,
    /// `inbound` or `outbound`.
    pub direction: String,
    /// `contact`, `agent`, `bot` or `system`.
    pub sender_type: String,
    /// The agent who wrote it.
    pub sender_user_id: Option<i64>,
    /// `text`, `image`, `video`, `audio`, `document`, `sticker`, `location`, `contacts`,
    /// `interactive_reply`, `button`, `reaction`, `order`, `system`, `template`,
    /// `interactive`, `unsupported`, `note`, `activity` or `removed` (deleted for data protection).
    pub kind: String,
    /// The text a person reads: the message, caption, note or a one-line summary.
    pub text: Option<String>,
    /// Outbound only: `pending`, `sent`, `delivered`, `read` or `failed`.
    pub status: Option<String>,
    pub error: Option<MessageError>,
    /// The failed message this one sends again (`POST /messages/{id}/retry`).
    pub retry_of: Option<i64>,
    /// Set on a failed message once it was sent again: the newer message's id. A failed
    /// message is retried at most once.
    pub retried_by: Option<i64>,
    pub created_at: String,
    /// The whole message as stored, for kinds `text` does not capture.
    #[schema(value_type = Object)]
    pub body: serde_json::Value,
}

/// The message's `kind` in the API.
pub fn kind_of(body: &MessageBody) -> String {
    use app::domain::outbound::Outbound;
    match body {
        MessageBody::Text { .. } => "text".into(),
        MessageBody::Media(m) => m.kind.as_str().into(),
        MessageBody::Location(_) => "location".into(),
        MessageBody::Contacts { .. } => "contacts".into(),
        MessageBody::InteractiveReply { .. } => "interactive_reply".into(),
        MessageBody::TemplateButton { .. } => "button".into(),
        MessageBody::Reaction { .. } => "reaction".into(),
        MessageBody::Order { .. } => "order".into(),
        MessageBody::System { .. } => "system".into(),
        MessageBody::Outbound { sent } => match sent.as_ref() {
            Outbound::Text { .. } => "text".into(),
            Outbound::Media { kind, .. } => kind.as_str().into(),
            Outbound::Template { .. } => "template".into(),
            Outbound::Reaction { .. } => "reaction".into(),
            Outbound::ImageLink { .. } => "image".into(),
            _ => "interactive".into(),
        },
        MessageBody::Unsupported { .. } => "unsupported".into(),
        MessageBody::Note { .. } => "note".into(),
        MessageBody::Activity { .. } => "activity".into(),
        MessageBody::Removed { .. } => "removed".into(),
    }
}

pub fn status_name(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Pending => "pending",
        DeliveryStatus::Sent => "sent",
        DeliveryStatus::Delivered => "delivered",
        DeliveryStatus::Read => "read",
        DeliveryStatus::Failed => "failed",
    }
}

pub fn sender_name(sender: Sender) -> &'static str {
    match sender {
        Sender::Contact => "contact",
        Sender::Agent => "agent",
        Sender::Bot => "bot",
        Sender::System => "system",
    }
}

impl Message {
    pub fn of(m: &MessageRecord) -> Message {
        let preview = m.body.preview();
        Message {
            id: m.id,
            wamid: m.wamid.clone(),
            conversation_id: m.conversation_id,
            direction: match m.direction {
                Direction::Inbound => "inbound".into(),
                Direction::Outbound => "outbound".into(),
            },
            sender_type: sender_name(m.sender).into(),
            sender_user_id: m.sender_user_id,
            kind: kind_of(&m.body),
            text: (!preview.is_empty()).then_some(preview),
            status: m.status.map(|s| status_name(s).to_string()),
            error: m.error.as_ref().map(|e| MessageError {
                code: e.code,
                title: e.title.clone(),
                details: e.details.clone(),
            }),
            retry_of: m.retry_of,
            retried_by: m.retried_by,
            created_at: rfc3339(m.sent_at_ms),
            body: serde_json::to_value(&m.body).unwrap_or_default(),
        }
    }
}
