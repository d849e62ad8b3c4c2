//! Reports: every figure of the Reports screen computed from the recorded event log (see
//! `docs/metrics.md` for the definitions). Pure: the store hands over [`ReportFacts`], the
//! caller passes the period; nothing here reads a clock or a database.

pub mod compute;
pub mod csv;
pub mod period;

pub use compute::compute;
pub use period::{Period, PeriodProblem};

use serde::{Deserialize, Serialize};

/// What happened to a conversation, as the `events` table records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// The conversation was filed. `detail`: `bot` when it started with the bot, else `people`.
    Created,
    /// A customer's message arrived.
    CustomerMessage,
    /// An agent sent the customer a message (not a note); `actor_id` is the agent.
    AgentReply,
    /// Given to `assignee_id` (by `actor_id`, or by auto-assignment when none).
    Assigned,
    /// Given back to the queue.
    Unassigned,
    /// An agent took it from the bot (`actor_id`).
    TakenOver,
    /// The bot handed it to people; `detail` is the `HandoffReason`.
    HandedOff,
    /// The bot resolved it; `detail` is `confirmed` or `quiet`.
    BotResolved,
    /// Handed back to the bot by an agent.
    HandedToBot,
    /// Resolved by people (`actor_id`).
    Resolved,
    Reopened,
    Snoozed,
    /// A timed snooze ended.
    Woke,
    /// `label_id` was put on it.
    Labelled,
    Unlabelled,
    /// Its assignee went offline and it went back to the queue.
    ReturnedToQueue,
}

impl EventKind {
    pub const ALL: [EventKind; 16] = [
        EventKind::Created,
        EventKind::CustomerMessage,
        EventKind::AgentReply,
        EventKind::Assigned,
        EventKind::Unassigned,
        EventKind::TakenOver,
        EventKind::HandedOff,
        EventKind::BotResolved,
        EventKind::HandedToBot,
        EventKind::Resolved,
        EventKind::Reopened,
        EventKind::Snoozed,
        EventKind::Woke,
        EventKind::Labelled,
        EventKind::Unlabelled,
        EventKind::ReturnedToQueue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::CustomerMessage => "customer_message",
            EventKind::AgentReply => "agent_reply",
            EventKind::Assigned => "assigned",
            EventKind::Unassigned => "unassigned",
            EventKind::TakenOver => "taken_over",
            EventKind::HandedOff => "handed_off",
            EventKind::BotResolved => "bot_resolved",
            EventKind::HandedToBot => "handed_to_bot",
            EventKind::Resolved => "resolved",
            EventKind::Reopened => "reopened",
            EventKind::Snoozed => "snoozed",
            EventKind::Woke => "woke",
            EventKind::Labelled => "labelled",
            EventKind::Unlabelled => "unlabelled",
            EventKind::ReturnedToQueue => "returned_to_queue",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One row of the `events` table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    pub conversation_id: i64,
    pub at_ms: i64,
    pub kind: EventKind,
    /// Who did it: an agent, or none (the customer, the bot, the desk).
    pub actor_id: Option<i64>,
    /// The conversation's assignee right after the event.
    pub assignee_id: Option<i64>,
    pub label_id: Option<i64>,
    pub detail: Option<String>,
}

/// An outbound message created in the period, with what Meta said about it since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboundFact {
    pub message_id: i64,
    pub at_ms: i64,
    /// `agent`, `bot` or `system` (broadcasts, tests).
    pub sender: String,
    /// Its latest status: `pending`, `sent`, `failed`, `delivered` or `read`.
    pub status: String,
    pub error_code: Option<i64>,
    /// For a template: its name and the category the template had when listed.
    pub template: Option<String>,
    pub template_category: Option<String>,
    /// From Meta's status webhooks (`pricing`): the category billed, whether billable, the
    /// type (`regular`, `free_customer_service`, `free_entry_point`).
    pub pricing_category: Option<String>,
    pub pricing_billable: Option<bool>,
    pub pricing_type: Option<String>,
    /// The agent who sent it (`sender` is `agent`).
    #[serde(default)]
    pub sender_user_id: Option<i64>,
    /// The labels its conversation carries now.
    #[serde(default)]
    pub label_ids: Vec<i64>,
    /// The desk's estimate when it was queued (`domain::pricing::estimate`): the category,
    /// micro-units in `estimated_currency`, and the recipient's market (also what Meta's
    /// charge is priced in).
    #[serde(default)]
    pub estimated_category: Option<String>,
    #[serde(default)]
    pub estimated_micros: Option<i64>,
    #[serde(default)]
    pub estimated_currency: Option<String>,
    #[serde(default)]
    pub market: Option<String>,
}

/// A conversation created in the period that came from a Click-to-WhatsApp ad (or another
/// referral): its referral as the first message carried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdFact {
    pub conversation_id: i64,
    pub created_at_ms: i64,
    /// `ad` or `post`.
    pub source_type: String,
    pub source_id: String,
    pub headline: Option<String>,
    pub source_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRef {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelRef {
    pub id: i64,
    pub name: String,
    pub color: String,
}

/// Everything the store reads for a period `[since_ms, until_ms)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFacts {
    /// Every event before `until_ms` of each conversation that has at least one event in the
    /// period (so a first response in the period can be measured from a start before it),
    /// ordered by conversation, time and id.
    pub events: Vec<Event>,
    /// Outbound messages created in the period.
    pub outbound: Vec<OutboundFact>,
    /// Conversations created in the period with a referral.
    pub ads: Vec<AdFact>,
    /// Everyone who appears in the events (disabled users too), and every label.
    pub agents: Vec<AgentRef>,
    pub labels: Vec<LabelRef>,
    /// Campaigns that moved in the period (`CampaignStore::campaign_period_facts`).
    #[serde(default)]
    pub campaigns: Vec<CampaignFact>,
}

/// A campaign's recipients whose step happened in the period, and their cost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignFact {
    pub campaign_id: i64,
    pub name: String,
    pub template: String,
    /// The campaign's start: its rate card's day.
    pub start_at_ms: i64,
    pub sent: u64,
    pub delivered: u64,
    pub read: u64,
    pub replied: u64,
    pub failed: u64,
    pub limited: u64,
    pub opted_out: u64,
    /// The estimate of the messages sent in the period, in `currency`.
    pub estimated_micros: i64,
    pub currency: Option<String>,
    /// Billable messages sent in the period, by (pricing category, market).
    pub charged: Vec<(String, String, u64)>,
}

/// The Reports screen's settings (admins): the business's time zone. Prices are the rate
/// cards of Settings → Costs (`domain::pricing`); a `prices` table saved by an older version
/// is ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSettings {
    /// IANA name, e.g. `Europe/Madrid`.
    pub timezone: String,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            timezone: "UTC".into(),
        }
    }
}

/// Settings key of [`ReportSettings`] (JSON).
pub const REPORT_SETTINGS: &str = "reports";
