//! The supervisor dashboard's snapshot and the Reports screen's figures.

use crate::domain::bot::HandoffReason;
use crate::domain::reports::ReportSettings;
use serde::{Deserialize, Serialize};

/// A distribution of durations: how many, the median and the 90th percentile (nearest rank,
/// see docs/metrics.md). `None` when there is nothing to measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Durations {
    pub count: u64,
    pub median_ms: Option<i64>,
    pub p90_ms: Option<i64>,
}

/// One day of the period (in the business's time zone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub created: u64,
    /// Resolutions by people.
    pub resolved: u64,
    pub bot_resolved: u64,
    pub customer_messages: u64,
    pub agent_replies: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentFigures {
    pub user_id: i64,
    pub name: String,
    /// Times a conversation was given to them (by anyone, auto-assignment and take-overs
    /// included).
    pub assigned: u64,
    pub replies: u64,
    /// First responses they sent, measured from the conversation's start (or handoff).
    pub first_response: Durations,
    pub reply_time: Durations,
    pub resolved: u64,
    pub resolution_time: Durations,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelFigures {
    pub label_id: i64,
    pub name: String,
    pub color: String,
    /// Distinct conversations the label was put on during the period.
    pub conversations: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotFigures {
    /// Conversations created with the bot in the period.
    pub started: u64,
    /// Bot parts that ended in the period: resolved by the bot, handed off or taken over.
    pub ended: u64,
    pub resolved_confirmed: u64,
    pub resolved_quiet: u64,
    pub handed_off: u64,
    pub taken_over: u64,
    /// Handoffs per reason, every reason listed (zeros too) in `HandoffReason::ALL` order.
    pub reasons: Vec<(HandoffReason, u64)>,
}

/// Outbound messages created in the period, by their latest status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryFigures {
    pub total: u64,
    /// Not accepted by Meta yet.
    pub pending: u64,
    /// Accepted, no further news.
    pub sent: u64,
    pub delivered: u64,
    pub read: u64,
    pub failed: u64,
    /// Held back by WhatsApp's per-customer marketing limit (131049): not the desk's failure,
    /// so not counted in `failed`.
    #[serde(default)]
    pub limited: u64,
}

/// A rate's two counts (docs/metrics.md): the Reports screen shows it as a percentage, the
/// API as a fraction; both read it from here so the formulas live once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
}

impl Share {
    /// `part / whole`, or `None` when there is nothing to divide by.
    pub fn fraction(self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 / self.whole as f64)
    }
}

impl BotFigures {
    /// Ended bot parts the bot resolved itself.
    pub fn containment(&self) -> Share {
        Share {
            part: self.resolved_confirmed + self.resolved_quiet,
            whole: self.ended,
        }
    }

    pub fn handoff(&self) -> Share {
        Share {
            part: self.handed_off,
            whole: self.ended,
        }
    }
}

impl DeliveryFigures {
    /// Reached the phone: delivered or read.
    pub fn delivered_share(&self) -> Share {
        Share {
            part: self.delivered + self.read,
            whole: self.total,
        }
    }

    pub fn read_share(&self) -> Share {
        Share {
            part: self.read,
            whole: self.total,
        }
    }
}

/// Template messages of one pricing category. What they cost is in [`CostFigures`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateCategoryFigures {
    pub category: String,
    pub sent: u64,
    pub billable: u64,
    /// Some messages had no pricing from Meta yet: their category is the template's own and
    /// they are counted as billable.
    pub estimated: u64,
}

/// Who sent a message, for the costs by sender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    Agent,
    Bot,
    /// The desk itself: consent confirmations, tests from Settings, the API without a person.
    Desk,
}

/// What a group of messages cost (docs/metrics.md, "Costs"). Money in micro-units of
/// [`CostFigures::currency`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostRow {
    /// The day (`YYYY-MM-DD`), the category (`marketing`…), `agent:{id}`, `bot` or `desk`, or
    /// the label's id.
    pub key: String,
    /// The day, category, person or label as named now (empty for the bot and the desk).
    pub name: String,
    /// For the rows by sender.
    pub sender: Option<Sender>,
    pub messages: u64,
    /// Messages Meta charged for (a price above zero).
    pub billed: u64,
    /// The desk's estimates when the messages were queued.
    pub estimated_micros: i64,
    /// Messages with no estimate (no rate card then, or one in another currency).
    pub unestimated: u64,
    /// What Meta charged: its pricing priced with the rate card of each message's day and
    /// market.
    pub charged_micros: i64,
    /// Messages Meta has not priced yet (no status with pricing so far).
    pub awaiting: u64,
    /// Messages Meta priced that the rate card has no price for.
    pub no_rate: u64,
}

/// The period's costs: the total and the same messages by day, category, sender and label (a
/// message counts under every label its conversation carries now, so labels do not add up to
/// the total).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostFigures {
    /// The rate card's (Settings → Costs).
    pub currency: String,
    pub total: CostRow,
    /// Every day of the period, in order.
    pub days: Vec<CostRow>,
    pub categories: Vec<CostRow>,
    /// People by name, then the bot, then the desk.
    pub agents: Vec<CostRow>,
    pub labels: Vec<CostRow>,
}

/// Conversations from one ad (or post).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdFigures {
    pub source_type: String,
    pub source_id: String,
    pub headline: Option<String>,
    pub source_url: Option<String>,
    pub conversations: u64,
    /// Of those, how many reached people (handoff, take-over, assignment or an agent reply).
    pub reached_people: u64,
    /// Of those, how many were resolved (by the bot or people) by the end of the period.
    pub resolved: u64,
}

/// The Reports screen for one period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub timezone: String,
    pub created: u64,
    pub resolved: u64,
    pub bot_resolved: u64,
    pub reopened: u64,
    pub days: Vec<DayFigures>,
    pub first_response: Durations,
    pub reply_time: Durations,
    pub resolution_time: Durations,
    pub agents: Vec<AgentFigures>,
    pub labels: Vec<LabelFigures>,
    pub bot: BotFigures,
    pub delivery: DeliveryFigures,
    pub templates: Vec<TemplateCategoryFigures>,
    pub costs: CostFigures,
    pub ads: Vec<AdFigures>,
    /// Campaigns whose recipients moved in the period.
    #[serde(default)]
    pub campaigns: Vec<CampaignFigures>,
}

/// One campaign's recipients whose step happened in the period, and their cost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignFigures {
    pub id: i64,
    pub name: String,
    pub template: String,
    pub sent: u64,
    pub delivered: u64,
    pub read: u64,
    pub replied: u64,
    pub failed: u64,
    pub limited: u64,
    pub opted_out: u64,
    /// The estimate of what was sent in the period (`None`: made in another currency).
    pub estimated_micros: Option<i64>,
    /// What Meta charged for it, priced with the rate card (`None`: a market or category
    /// the card has no price for).
    pub charged_micros: Option<i64>,
}

/// What the Reports screen loads: the report and the settings it was computed with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportScreen {
    pub report: Report,
    pub settings: ReportSettings,
    /// Whether the viewer may change the settings (admins).
    pub may_edit_settings: bool,
    /// Today's date (`YYYY-MM-DD`) in the settings' time zone, for the quick ranges.
    #[serde(default)]
    pub today: String,
}

/// A conversation waiting in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedConversation {
    pub id: i64,
    pub contact_name: String,
    pub waiting_since_ms: i64,
    pub preview: String,
}

/// A conversation on an agent's desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskConversation {
    pub id: i64,
    pub contact_name: String,
    pub status: crate::domain::inbox::ConversationStatus,
}

/// A person who takes conversations (agents, supervisors and admins not disabled).
/// Presence is not here: it comes live over the socket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentDesk {
    pub user_id: i64,
    pub name: String,
    pub role: crate::domain::roles::Role,
    pub capacity: u32,
    /// Open (and snoozed) conversations assigned to them.
    pub open: u32,
    pub last_reply_at_ms: Option<i64>,
    pub conversations: Vec<DeskConversation>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    pub bot: u64,
    /// Open and nobody's.
    pub queued: u64,
    /// Open and someone's.
    pub assigned: u64,
    pub snoozed: u64,
    /// Resolved since midnight in the business's time zone.
    pub resolved_today: u64,
}

/// A conversation whose 24-hour window closes soon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingWindow {
    pub id: i64,
    pub contact_name: String,
    pub assignee_name: Option<String>,
    pub closes_at_ms: i64,
}

/// Failed sends with one Meta error code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureCount {
    pub code: Option<i64>,
    pub title: Option<String>,
    pub count: u64,
}

/// Messages in one minute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteCount {
    pub minute_ms: i64,
    pub inbound: u64,
    pub outbound: u64,
}

/// The supervisor dashboard at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardSnapshot {
    pub now_ms: i64,
    pub queue_length: u64,
    /// The longest-waiting first; at most 20.
    pub queue: Vec<QueuedConversation>,
    pub agents: Vec<AgentDesk>,
    pub by_status: StatusCounts,
    /// Windows closing within the next hour, soonest first (open, snoozed and bot
    /// conversations).
    pub closing: Vec<ClosingWindow>,
    /// Failed sends in the last hour, by Meta's error code, most frequent first.
    pub failures: Vec<FailureCount>,
    /// The last 60 minutes, oldest first, every minute present.
    pub per_minute: Vec<MinuteCount>,
}
