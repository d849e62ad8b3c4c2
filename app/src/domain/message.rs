//! Messages as the desk understands them, whatever WhatsApp sent: a typed body for every kind
//! in the Cloud API, and the forward-only delivery status of what we send.

use serde::{Deserialize, Serialize};

/// Where an outbound message is on its way to the customer. It only ever moves forward:
/// pending < sent < delivered < read. `Failed` replaces pending or sent, never delivered or
/// read (Meta delivers statuses out of order and more than once).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    Pending,
    Sent,
    Failed,
    Delivered,
    Read,
}

impl DeliveryStatus {
    /// Position in the forward order; a status is applied only over a lower rank.
    pub fn rank(self) -> i64 {
        match self {
            DeliveryStatus::Pending => 0,
            DeliveryStatus::Sent => 1,
            DeliveryStatus::Failed => 2,
            DeliveryStatus::Delivered => 3,
            DeliveryStatus::Read => 4,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
        }
    }

    /// Meta's status names; `played` (a voice note was played) counts as read.
    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        match s {
            "pending" => Some(DeliveryStatus::Pending),
            "sent" => Some(DeliveryStatus::Sent),
            "failed" => Some(DeliveryStatus::Failed),
            "delivered" => Some(DeliveryStatus::Delivered),
            "read" | "played" => Some(DeliveryStatus::Read),
            _ => None,
        }
    }

    /// The status after `incoming` arrives at a message that is `self`, if it changes.
    pub fn advance(self, incoming: DeliveryStatus) -> Option<DeliveryStatus> {
        (incoming.rank() > self.rank()).then_some(incoming)
    }
}

/// An error Meta reported (on a failed status, an inbound message or a send).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaError {
    pub code: i64,
    pub title: String,
    pub details: Option<String>,
}

impl MetaError {
    /// The desk itself refused to send (negative codes are ours, never Meta's): the customer's
    /// 24-hour window closed while the message waited in the queue.
    pub const WINDOW_CLOSED_IN_QUEUE: i64 = -1;

    /// WhatsApp held the message back to protect the customer from too much marketing
    /// (131049): not the desk's failure; try again a day later at the earliest.
    pub fn limited_by_whatsapp(&self) -> bool {
        self.code == meta_codes::MARKETING_LIMITED
    }
}

/// Meta's error codes the desk acts on (see the facts sheet, §20.2).
pub mod meta_codes {
    /// Undeliverable: the number is not on WhatsApp (or cannot receive messages).
    pub const UNDELIVERABLE: i64 = 131_026;
    /// Per-user marketing limit ("not delivered to maintain healthy ecosystem engagement").
    pub const MARKETING_LIMITED: i64 = 131_049;
    /// The customer stopped marketing messages from this business.
    pub const MARKETING_STOPPED: i64 = 131_050;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Document,
    Sticker,
}

impl MediaKind {
    pub fn parse(s: &str) -> Option<MediaKind> {
        match s {
            "image" => Some(MediaKind::Image),
            "video" => Some(MediaKind::Video),
            "audio" => Some(MediaKind::Audio),
            "document" => Some(MediaKind::Document),
            "sticker" => Some(MediaKind::Sticker),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Document => "document",
            MediaKind::Sticker => "sticker",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Media {
    pub kind: MediaKind,
    /// Meta's media id (downloadable for 7 days after an inbound message).
    pub media_id: String,
    pub mime_type: Option<String>,
    pub sha256: Option<String>,
    pub caption: Option<String>,
    pub filename: Option<String>,
    /// A recorded voice note (audio).
    pub voice: bool,
    /// An animated sticker.
    pub animated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub name: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPhone {
    pub phone: String,
    pub wa_id: Option<String>,
    pub kind: Option<String>,
}

/// A contact card the customer shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedContact {
    pub name: String,
    pub phones: Vec<SharedPhone>,
    pub emails: Vec<String>,
    pub organization: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    /// A tap on one of our interactive reply buttons.
    Button,
    /// A row chosen from one of our interactive lists.
    List,
    /// A completed WhatsApp Flow or address form.
    Flow,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    pub product_retailer_id: String,
    pub quantity: f64,
    pub item_price: f64,
    pub currency: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SystemKind {
    /// The customer moved to another phone number (`new_wa_id`).
    NumberChanged,
    /// The customer's business-scoped user id changed (`new_user_id`).
    UserIdChanged,
    /// The customer's security identity changed (reinstalled WhatsApp, new phone).
    IdentityChanged,
    Other,
}

/// What a message says, one variant per kind the Cloud API knows, plus what we could not read.
/// Stored as JSON tagged by `type` (not `kind`: media carry a `kind` of their own).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MessageBody {
    Text {
        body: String,
    },
    Media(Media),
    Location(Location),
    Contacts {
        contacts: Vec<SharedContact>,
    },
    /// A reply to one of our interactive messages.
    InteractiveReply {
        reply: ReplyKind,
        id: String,
        title: String,
        description: Option<String>,
        /// For flows: the form's answers as JSON text.
        response_json: Option<String>,
    },
    /// A tap on a quick-reply button of one of our templates.
    TemplateButton {
        payload: String,
        text: String,
    },
    /// `emoji: None` removes the customer's reaction.
    Reaction {
        target_wamid: String,
        emoji: Option<String>,
    },
    Order {
        catalog_id: String,
        text: Option<String>,
        items: Vec<OrderItem>,
    },
    System {
        system: SystemKind,
        body: String,
        new_wa_id: Option<String>,
        new_user_id: Option<String>,
    },
    /// A template, buttons or list that we sent, as we sent it.
    Outbound {
        sent: Box<super::outbound::Outbound>,
    },
    /// Something WhatsApp could not show us, or that this version does not know. The raw
    /// payload is kept with the message.
    Unsupported {
        /// What it was, when WhatsApp says (`unsupported.type`, or the unknown `type`).
        what: Option<String>,
        error: Option<MetaError>,
    },
    /// A private note between agents: never sent to WhatsApp.
    Note {
        text: String,
    },
    /// Something that happened to the conversation (assigned, resolved...), by whom.
    Activity {
        activity: Activity,
        by: Option<String>,
    },
    /// What the message said was deleted (data protection): the row stays, without content,
    /// so conversations and reports keep their anonymous counts.
    Removed {
        why: Removal,
    },
}

/// Why a message's content was deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    /// Older than the team's retention period.
    Retention,
    /// The customer's data was erased on their request.
    Erasure,
}

/// What happened to a conversation, shown as a line in its thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Activity {
    Assigned {
        to: String,
    },
    Unassigned,
    Resolved,
    Reopened,
    Snoozed {
        until_ms: Option<i64>,
    },
    Labelled {
        label: String,
    },
    Unlabelled {
        label: String,
    },
    HandedToBot,
    TakenOver,
    /// The bot handed the conversation to people.
    HandedOff {
        reason: super::bot::HandoffReason,
    },
    /// The bot resolved it: the customer said they were done, or went `quiet` after an answer.
    BotResolved {
        quiet: bool,
    },
    /// A timed snooze ended.
    SnoozeEnded,
    /// The assignee went offline and the team gives such conversations back to the queue.
    ReturnedToQueue {
        from: String,
    },
    /// Auto-assignment gave it to `to`.
    AutoAssigned {
        to: String,
    },
    /// Someone in the desk changed the customer's marketing consent, saying why.
    ConsentChanged {
        consent: super::contacts::MarketingConsent,
        note: Option<String>,
    },
    /// The desk started the conversation (an agent writing first).
    StartedByDesk,
}

impl MessageBody {
    /// A one-line preview for lists and notifications.
    pub fn preview(&self) -> String {
        match self {
            MessageBody::Text { body } => body.clone(),
            MessageBody::Media(m) => match (&m.caption, &m.filename) {
                (Some(c), _) if !c.is_empty() => c.clone(),
                (_, Some(f)) => f.clone(),
                _ => format!("[{}]", m.kind.as_str()),
            },
            MessageBody::Location(l) => l.name.clone().unwrap_or_else(|| "[location]".into()),
            MessageBody::Contacts { contacts } => contacts
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            MessageBody::InteractiveReply { title, .. } => title.clone(),
            MessageBody::TemplateButton { text, .. } => text.clone(),
            MessageBody::Reaction { emoji, .. } => emoji.clone().unwrap_or_default(),
            MessageBody::Order { items, .. } => format!("[order: {} items]", items.len()),
            MessageBody::System { body, .. } => body.clone(),
            MessageBody::Outbound { sent } => match sent.as_ref() {
                super::outbound::Outbound::Template { name, rendered, .. } => match rendered {
                    Some(r) => r.body.clone(),
                    None => format!("[template: {name}]"),
                },
                super::outbound::Outbound::Buttons { body, .. }
                | super::outbound::Outbound::List { body, .. } => body.clone(),
                super::outbound::Outbound::ImageLink { caption, .. } => caption
                    .as_deref()
                    .and_then(|c| c.lines().next())
                    .unwrap_or("[image]")
                    .to_string(),
                // Text, media and reactions are stored as their own kinds.
                _ => String::new(),
            },
            MessageBody::Unsupported { what, .. } => {
                format!("[unsupported: {}]", what.as_deref().unwrap_or("unknown"))
            }
            MessageBody::Note { text } => text.clone(),
            MessageBody::Activity { .. } | MessageBody::Removed { .. } => String::new(),
        }
    }

    /// Whether this is ours alone (a note or an activity line), never seen by the customer.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            MessageBody::Note { .. } | MessageBody::Activity { .. }
        )
    }

    /// What to send again when a failed outbound message is retried.
    pub fn to_outbound(&self) -> Option<super::outbound::Outbound> {
        use super::outbound::Outbound;
        match self {
            MessageBody::Text { body } => Some(Outbound::Text {
                body: body.clone(),
                preview_url: false,
            }),
            MessageBody::Media(m) => Some(Outbound::Media {
                kind: m.kind,
                media_id: m.media_id.clone(),
                caption: m.caption.clone(),
                filename: m.filename.clone(),
                voice: m.voice,
            }),
            MessageBody::Reaction {
                target_wamid,
                emoji,
            } => Some(Outbound::Reaction {
                target_wamid: target_wamid.clone(),
                emoji: emoji.clone().unwrap_or_default(),
            }),
            MessageBody::Outbound { sent } => Some(sent.as_ref().clone()),
            _ => None,
        }
    }
}

/// What an inbound message was an answer to, or that it was forwarded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageContext {
    /// The message it replies to (ours or theirs).
    pub quoted_wamid: Option<String>,
    pub forwarded: bool,
    /// Forwarded more than five times.
    pub frequently_forwarded: bool,
    /// A catalog product the customer asked about.
    pub product_retailer_id: Option<String>,
}

/// The Click-to-WhatsApp ad (or post) that brought the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub source_url: Option<String>,
    pub source_id: Option<String>,
    pub source_type: Option<String>,
    pub headline: Option<String>,
    pub body: Option<String>,
    pub media_type: Option<String>,
    pub image_url: Option<String>,
    pub video_url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub ctwa_clid: Option<String>,
    pub welcome_message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::DeliveryStatus::*;
    use super::*;

    #[test]
    fn statuses_only_move_forward() {
        assert_eq!(Pending.advance(Sent), Some(Sent));
        assert_eq!(Sent.advance(Read), Some(Read), "delivered may be skipped");
        assert_eq!(Read.advance(Delivered), None, "late delivered keeps read");
        assert_eq!(Delivered.advance(Sent), None);
        assert_eq!(Read.advance(Read), None, "duplicates change nothing");
    }

    #[test]
    fn failed_never_overwrites_delivered_or_read() {
        assert_eq!(Sent.advance(Failed), Some(Failed));
        assert_eq!(Pending.advance(Failed), Some(Failed));
        assert_eq!(Delivered.advance(Failed), None);
        assert_eq!(Read.advance(Failed), None);
    }

    #[test]
    fn every_body_round_trips_through_json() {
        let bodies = [
            MessageBody::Text {
                body: "hola".into(),
            },
            MessageBody::Media(Media {
                kind: MediaKind::Audio,
                media_id: "1".into(),
                mime_type: Some("audio/ogg".into()),
                sha256: None,
                caption: None,
                filename: None,
                voice: true,
                animated: false,
            }),
            MessageBody::Reaction {
                target_wamid: "wamid.x".into(),
                emoji: None,
            },
            MessageBody::Unsupported {
                what: Some("poll".into()),
                error: None,
            },
        ];
        for body in bodies {
            let json = serde_json::to_string(&body).expect("serialise");
            let back: MessageBody = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, body, "{json}");
        }
    }

    #[test]
    fn played_counts_as_read() {
        assert_eq!(DeliveryStatus::parse("played"), Some(Read));
        assert_eq!(DeliveryStatus::parse("deleted"), None);
    }
}
