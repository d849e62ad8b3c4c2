//! Campaigns as the `/campaigns` screen and the API see them.

use crate::domain::campaigns::audience::Exclusion;
use crate::domain::campaigns::composition::Composition;
use crate::domain::campaigns::funnel::Funnel;
use crate::domain::campaigns::limits::{LimitPlan, OverLimit, OverTheLimit};
use crate::domain::campaigns::schedule::QuietHours;
use crate::domain::campaigns::segment::SegmentFilter;
use crate::domain::campaigns::{CampaignState, RecipientState, StopReason};
use crate::domain::message::MetaError;
use serde::{Deserialize, Serialize};

/// A saved segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentView {
    pub id: i64,
    pub name: String,
    pub filter: SegmentFilter,
    pub updated_at_ms: i64,
}

/// Where a reply to the campaign goes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepliesTo {
    /// The bot answers first (when it is on), as with any customer.
    #[default]
    Bot,
    /// Straight to the team's queue.
    Queue,
}

impl RepliesTo {
    pub fn as_str(self) -> &'static str {
        match self {
            RepliesTo::Bot => "bot",
            RepliesTo::Queue => "queue",
        }
    }

    pub fn parse(s: &str) -> RepliesTo {
        if s == "queue" {
            RepliesTo::Queue
        } else {
            RepliesTo::Bot
        }
    }
}

/// What tapping one of the template's quick-reply buttons does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "does", content = "label_id")]
pub enum ButtonAction {
    /// Nothing special: the answer reaches the conversation like any other.
    Nothing,
    /// The customer stops marketing messages.
    OptOut,
    /// The conversation goes to the team's queue (skipping the bot).
    Person,
    /// The conversation gets this label.
    Label(i64),
}

/// A quick-reply button of the template (by position) and what it does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ButtonRoute {
    pub index: u32,
    pub action: ButtonAction,
}

/// What the new-campaign form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDraft {
    pub name: String,
    pub filter: SegmentFilter,
    pub composition: Composition,
    pub replies_to: RepliesTo,
    pub buttons: Vec<ButtonRoute>,
    /// `YYYY-MM-DDTHH:MM` in the business's zone; empty: now.
    pub start: String,
    pub quiet_hours: Option<QuietHours>,
    /// Messages a second; 0: the default.
    pub rate_per_second: u32,
    pub over_limit: OverLimit,
}

/// The estimated cost for one market.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketCost {
    pub market: String,
    pub recipients: u64,
    /// `None`: the rate card has no price for it.
    pub micros: Option<i64>,
}

/// What launching would do, shown before launch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchReview {
    /// Contacts in the segment.
    pub audience: u64,
    /// Left out, by reason (only reasons with a count).
    pub excluded: Vec<(Exclusion, u64)>,
    /// Who gets the message.
    pub recipients: u64,
    pub costs: Vec<MarketCost>,
    pub total_micros: i64,
    pub currency: String,
    /// The plan, or why it does not fit (when the user chose to refuse).
    pub limit: Result<LimitPlan, OverTheLimit>,
    /// The business's time zone (start and quiet hours are in it).
    pub time_zone: String,
    /// The rate a campaign may use at most, and the default.
    pub max_rate: u32,
    pub default_rate: u32,
}

/// A campaign in the list, with its funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignView {
    pub id: i64,
    pub name: String,
    pub state: CampaignState,
    pub stop_reason: Option<StopReason>,
    pub template_name: String,
    pub template_language: String,
    pub template_category: Option<String>,
    pub composition: Composition,
    pub replies_to: RepliesTo,
    pub buttons: Vec<ButtonRoute>,
    pub start_at_ms: i64,
    pub quiet_hours: Option<QuietHours>,
    pub rate_per_second: u32,
    pub estimated_micros: Option<i64>,
    pub currency: Option<String>,
    /// What Meta charged so far, priced with the rate card (micro-units).
    pub charged_micros: i64,
    pub created_by: Option<String>,
    pub created_at_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub funnel: Funnel,
}

/// One recipient, as the step lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientView {
    pub id: i64,
    pub contact_id: i64,
    pub name: Option<String>,
    /// As people write it, when the contact has a number.
    pub phone: Option<String>,
    pub state: RecipientState,
    pub skip_reason: Option<Exclusion>,
    pub error: Option<MetaError>,
    pub sent_at_ms: Option<i64>,
    pub updated_at_ms: i64,
}
