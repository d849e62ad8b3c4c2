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

pub use crate::domain::campaigns::replies::{ButtonAction, ButtonRoute};

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
    /// The header file (the sender's upload) for a template with a media header.
    #[serde(default)]
    pub header_upload: Option<i64>,
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

/// An approved template a campaign may send, with the values it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignTemplate {
    pub name: String,
    pub language: String,
    pub category: String,
    pub content: crate::domain::templates::TemplateContent,
    pub slots: Vec<crate::domain::template_form::Slot>,
    /// Labels of its quick-reply buttons, by position.
    pub quick_replies: Vec<(u32, String)>,
}

/// An uploaded list (CSV) of recipients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListView {
    pub id: i64,
    /// The file's name.
    pub name: String,
    /// Columns usable as template values.
    pub columns: Vec<String>,
    /// Rows accepted (each a contact).
    pub accepted: u64,
    /// Of them, contacts the list created.
    pub created: u64,
    pub rejected: u64,
    pub created_at_ms: i64,
}

/// What an upload answers: the list, and its first rejected rows with their reasons (the
/// whole set downloads as CSV).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListUploaded {
    pub list: ListView,
    pub rejected: Vec<crate::domain::campaigns::csv_list::RejectedRow>,
}

/// Everything the `/campaigns` screen loads once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignScreen {
    pub campaigns: Vec<CampaignView>,
    pub segments: Vec<SegmentView>,
    pub labels: Vec<super::inbox::LabelView>,
    pub templates: Vec<CampaignTemplate>,
    pub settings: crate::domain::campaigns::CampaignSettings,
    /// Admins change the settings.
    pub may_change_settings: bool,
    /// Attribute keys contacts have (for the filter and the mapping).
    pub attribute_keys: Vec<String>,
    pub time_zone: String,
    pub max_rate: u32,
    pub default_rate: u32,
    /// Where a typed test number without `+` belongs.
    pub business_country: String,
    /// The asker's header files WhatsApp still keeps.
    pub uploads: Vec<super::picker::UploadView>,
    /// Uploaded lists, newest first.
    pub lists: Vec<ListView>,
}

/// One recipient of the audience as the template reaches them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientPreview {
    /// From 0, of `total` recipients (excluded ones left out).
    pub index: u64,
    pub total: u64,
    pub contact_id: i64,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// How they see it, or the value missing for them.
    pub rendered: Result<
        crate::domain::template_form::RenderedTemplate,
        crate::domain::template_form::SlotProblem,
    >,
}
