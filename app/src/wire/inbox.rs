//! What the agent console loads and receives: list rows, thread messages, the contact panel.

use crate::domain::contacts::MarketingConsent;
use crate::domain::inbox::{ConversationStatus, Presence, View};
use crate::domain::message::{DeliveryStatus, MessageBody, MessageContext, MetaError, Referral};
use crate::domain::window::WindowFilter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LabelView {
    pub id: i64,
    pub name: String,
    /// A Tailwind-safe colour name from the label palette.
    pub color: String,
}

/// A label as the Labels screen lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDefinition {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub description: String,
    /// How many conversations carry it (resolved ones included).
    pub conversations: u64,
}

/// One row of the conversation list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: i64,
    pub contact_id: i64,
    /// Profile name, else phone, else username: never empty for a real contact.
    pub contact_name: String,
    /// The number written for people (`+54 9 11 5555-0101`).
    pub phone: Option<String>,
    /// The number's country (ISO code), shown beside it.
    #[serde(default)]
    pub phone_country: Option<String>,
    pub status: ConversationStatus,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub labels: Vec<LabelView>,
    pub last_message_at_ms: i64,
    pub last_preview: String,
    /// The last message's kind column (text, image, note...), for the icon.
    pub last_kind: String,
    pub last_outbound: bool,
    pub last_status: Option<DeliveryStatus>,
    pub unread: u32,
    /// When the customer started waiting for a human answer.
    pub waiting_since_ms: Option<i64>,
    /// The window runs from here (see `domain::window`).
    pub last_inbound_at_ms: Option<i64>,
    pub from_ad: bool,
    pub snoozed_until_ms: Option<i64>,
    /// When the contact's marketing consent and reachability last changed: a console with
    /// the conversation open reloads the contact panel when these move.
    #[serde(default)]
    pub contact_changed: [Option<i64>; 2],
    /// The business blocked the customer: their messages raise no notification.
    #[serde(default)]
    pub blocked: bool,
}

/// The assignee filter of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "who", content = "id")]
pub enum AssigneeFilter {
    Nobody,
    User(i64),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxFilter {
    pub view: View,
    pub label_id: Option<i64>,
    pub assignee: Option<AssigneeFilter>,
    /// Matches contact name, phone and message text.
    pub search: Option<String>,
    /// Only conversations whose window is closing soon (served closing-first) or closed.
    #[serde(default)]
    pub window: Option<WindowFilter>,
}

impl InboxFilter {
    /// "Window closing soon" lists the most urgent first.
    pub fn closing_first(&self) -> bool {
        self.window == Some(WindowFilter::ClosingSoon)
    }

    /// Whether the list runs oldest first (the queue, closing soon) rather than newest first.
    pub fn ascending(&self) -> bool {
        self.closing_first() || self.view.oldest_wait_first()
    }
}

/// Where the next page starts: the last row's sort key and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Vec<ConversationSummary>,
    pub next: Option<Cursor>,
}

/// Per view: how many conversations, and how many of them have unread messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewCount {
    pub total: u32,
    pub unread: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCounts {
    pub mine: ViewCount,
    pub queue: ViewCount,
    pub all: ViewCount,
    pub bot: ViewCount,
    pub snoozed: ViewCount,
}

impl InboxCounts {
    pub fn of(&self, view: View) -> Option<ViewCount> {
        match view {
            View::Mine => Some(self.mine),
            View::Queue => Some(self.queue),
            View::All => Some(self.all),
            View::Bot => Some(self.bot),
            View::Snoozed => Some(self.snoozed),
            View::Resolved => None,
        }
    }

    /// What the tab title shows: unread conversations that are mine or waiting.
    pub fn attention(&self) -> u32 {
        self.mine.unread + self.queue.unread
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sender {
    Contact,
    Agent,
    Bot,
    System,
}

/// A customer's media file as the thread shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// pending (still downloading from WhatsApp), stored or failed.
    pub state: String,
    pub size: Option<i64>,
    pub mime_type: Option<String>,
    /// Why it could not be downloaded.
    pub error: Option<String>,
}

/// One message (or note, or activity line) of a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub conversation_id: i64,
    pub contact_id: i64,
    pub wamid: Option<String>,
    pub outbound: bool,
    pub sender: Sender,
    pub sender_user_id: Option<i64>,
    pub sender_name: Option<String>,
    pub body: MessageBody,
    pub context: MessageContext,
    pub referral: Option<Referral>,
    pub status: Option<DeliveryStatus>,
    pub error: Option<MetaError>,
    pub media: Option<MediaInfo>,
    /// The browser's id for a message it is sending, to swap its pending bubble for this one.
    pub echo_id: Option<String>,
    /// A failed message sent again (once) as this newer message.
    pub retried_by: Option<i64>,
    pub sent_at_ms: i64,
    #[serde(default)]
    pub cost: Option<MessageCost>,
    /// The campaign that sent it (its name): a campaign's message in the conversation.
    #[serde(default)]
    pub campaign: Option<String>,
}

/// A sent message's price: the desk's estimate when it was queued (category, list price in
/// the rate card's currency, the recipient's market) and Meta's word once a status said it
/// (`charged_category`, `charged_type`: `regular`, `free_customer_service`,
/// `free_entry_point`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageCost {
    pub estimated_category: Option<String>,
    pub estimated_micros: Option<i64>,
    /// The rate card's currency when the estimate was made.
    pub currency: Option<String>,
    pub market: Option<String>,
    pub charged_category: Option<String>,
    pub charged_type: Option<String>,
}

impl MessageView {
    /// How far this copy of the message has come: its delivery status, then its media
    /// download, then whether it was retried. Copies of one message read at different moments only ever move forward, so
    /// of two copies the one with the higher progress is the later.
    pub fn progress(&self) -> (i64, u8, bool) {
        let status = self.status.map_or(-1, |s| s.rank());
        let media = match self.media.as_ref().map(|m| m.state.as_str()) {
            Some("pending") => 0,
            _ => 1,
        };
        (status, media, self.retried_by.is_some())
    }
}

/// A page of a contact's history, newest last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub messages: Vec<MessageView>,
    /// Whether older messages exist.
    pub more: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i64,
    pub name: String,
    pub profile_name: Option<String>,
    pub wa_id: Option<String>,
    /// The business-scoped user id.
    pub user_id: Option<String>,
    pub username: Option<String>,
    /// The number written for people, and its country (ISO code).
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub phone_country: Option<String>,
    pub marketing: MarketingConsent,
    pub attributes: BTreeMap<String, String>,
    pub last_inbound_at_ms: Option<i64>,
    /// The desk language they write in (detected), which the desk's own texts follow.
    #[serde(default)]
    pub language: Option<crate::i18n::Lang>,
    /// WhatsApp said the number cannot receive messages (131026), at this time.
    #[serde(default)]
    pub unreachable_at_ms: Option<i64>,
    /// Marketing consent changes, newest first.
    #[serde(default)]
    pub consent_history: Vec<crate::domain::consent::ConsentEntry>,
}

/// An earlier (or the current) conversation with the same contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PastConversation {
    pub id: i64,
    pub status: ConversationStatus,
    pub started_at_ms: i64,
    pub last_message_at_ms: i64,
}

/// Everything the console shows for an open conversation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConversationDetail {
    pub summary: ConversationSummary,
    pub contact: ContactView,
    pub referral: Option<Referral>,
    pub conversations: Vec<PastConversation>,
    pub thread: ThreadPage,
    pub labels: Vec<LabelView>,
}

/// A colleague as the console shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colleague {
    pub id: i64,
    pub name: String,
    pub presence: Presence,
    pub role: crate::domain::roles::Role,
    /// Open conversations assigned to them now, and how many they take at most.
    #[serde(default)]
    pub open: u32,
    #[serde(default)]
    pub capacity: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::{DeliveryStatus, MessageBody, MessageContext};

    fn message(status: Option<DeliveryStatus>, media: Option<&str>) -> MessageView {
        MessageView {
            id: 1,
            conversation_id: 1,
            contact_id: 1,
            wamid: None,
            outbound: status.is_some(),
            sender: Sender::Contact,
            sender_user_id: None,
            sender_name: None,
            body: MessageBody::Text { body: "hi".into() },
            context: MessageContext::default(),
            referral: None,
            status,
            error: None,
            media: media.map(|state| MediaInfo {
                state: state.into(),
                size: None,
                mime_type: None,
                error: None,
            }),
            echo_id: None,
            retried_by: None,
            sent_at_ms: 0,
            cost: None,
            campaign: None,
        }
    }

    #[test]
    fn a_later_copy_of_a_message_has_more_progress() {
        let sent = message(Some(DeliveryStatus::Sent), None);
        let read = message(Some(DeliveryStatus::Read), None);
        assert!(read.progress() > sent.progress());
        let downloading = message(None, Some("pending"));
        let stored = message(None, Some("stored"));
        let failed = message(None, Some("failed"));
        assert!(stored.progress() > downloading.progress());
        assert!(failed.progress() > downloading.progress());
        assert_eq!(stored.progress(), message(None, None).progress());
        let failed_send = message(Some(DeliveryStatus::Failed), None);
        let retried = MessageView {
            retried_by: Some(2),
            ..failed_send.clone()
        };
        assert!(retried.progress() > failed_send.progress());
    }
}
