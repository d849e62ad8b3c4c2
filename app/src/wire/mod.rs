//! Types that cross the wire between server and browser. They never carry password hashes,
//! session ids or other secrets.

use crate::domain::roles::Role;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The signed-in user, as the browser sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// What every page needs first: who is signed in (if anyone) and which language to speak.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub me: Option<Me>,
    pub lang: Lang,
    /// The IANA zone times are shown in: the person's own, else the business's.
    pub time_zone: String,
    /// The person's own zone, when they chose one (Account).
    pub own_time_zone: Option<String>,
}

/// A row on the users screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub capacity: u32,
    pub language: Option<Lang>,
    pub disabled: bool,
    pub created_at_ms: i64,
}

/// Team-wide console settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleSettings {
    /// The window badge turns amber (and the composer warns) this long before the deadline.
    pub window_warning_minutes: i64,
    /// Only the assignee (or a supervisor) may write to the customer.
    #[serde(default)]
    pub owner_only_replies: bool,
    /// The bot is on: conversations can be handed back to it.
    #[serde(default)]
    pub bot_enabled: bool,
}

/// How the team shares the number (Settings → Team, admins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSettings {
    pub agent_visibility: crate::domain::inbox::AgentVisibility,
    /// Mark customers' messages read on WhatsApp when an agent opens them.
    pub read_receipts: bool,
    pub auto_assign: crate::domain::assignment::AutoAssign,
    /// An assignee offline for a while gives their open conversations back to the queue.
    pub return_on_offline: bool,
    /// Only the assignee (or a supervisor) may write to the customer; others add notes.
    pub owner_only_replies: bool,
    /// A conversation the desk starts goes to whoever wrote first (else to the queue).
    #[serde(default)]
    pub new_conversations_to_sender: bool,
    /// The business's country (ISO code): typed numbers without `+` are read in it.
    #[serde(default)]
    pub business_country: String,
}

/// A template on the Templates screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    pub meta_id: String,
    pub name: String,
    pub language: String,
    pub category: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub quality: Option<String>,
    pub content: crate::domain::templates::TemplateContent,
    pub updated_at_ms: i64,
}

/// The Templates screen: the templates and how the last sync went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesScreen {
    pub templates: Vec<TemplateView>,
    pub last_sync_at_ms: Option<i64>,
    /// Why the last sync failed, with Meta's code when Meta refused it.
    pub last_sync_error: Option<String>,
}

/// The WhatsApp connection as the admin's Settings screen shows it. Secrets are masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionView {
    pub api_base: String,
    pub api_version: String,
    pub phone_number_id: Option<String>,
    pub business_account_id: Option<String>,
    pub access_token: Option<String>,
    pub app_secret: Option<String>,
    pub verify_token: Option<String>,
    /// The URL to give Meta as the webhook callback.
    pub webhook_url: String,
    pub webhooks_received: u64,
    pub last_webhook_at_ms: Option<i64>,
    /// The latest problem talking to WhatsApp: when, and what.
    pub last_error: Option<(i64, LinkProblem)>,
}

/// What went wrong talking to WhatsApp. Kept as data, so the Settings screen says it in the
/// reader's language; `detail` is what Meta (or the network) said, shown as it came.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkProblem {
    pub step: LinkStep,
    /// Meta's error code, when Meta answered with one.
    pub code: Option<i64>,
    pub detail: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkStep {
    TemplateSync,
    MediaUpload,
    /// A webhook delivery with a bad or missing signature was refused.
    WebhookSignature,
    /// A webhook delivery that is not WhatsApp's JSON was refused.
    WebhookMalformed,
    /// A webhook delivery could not be saved (WhatsApp sends it again).
    WebhookNotSaved,
    ConnectionCheck,
}

impl LinkProblem {
    pub fn new(step: LinkStep, code: Option<i64>, detail: impl Into<String>) -> LinkProblem {
        let detail = detail.into();
        LinkProblem {
            step,
            code,
            detail: (!detail.is_empty()).then_some(detail),
        }
    }
}

/// Shows only the end of a secret: enough to recognise it, not to use it.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 8 {
        return "••••".to_string();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("••••{tail}")
}

/// The outcome of "Check connection".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionCheck {
    pub ok: bool,
    /// Templates on the first page of the business account's list, when it answered.
    pub templates: usize,
    /// What went wrong, with Meta's code when it refused.
    pub problem: Option<LinkProblem>,
    pub connection: ConnectionView,
}

/// A test message sent from Settings, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestMessage {
    pub id: i64,
    /// pending, sent, delivered, read or failed.
    pub status: String,
    /// Meta's error when it failed: code and title.
    pub error: Option<String>,
}

pub mod bot;
pub mod campaigns;
pub mod contacts;
pub mod inbox;
pub mod integrations;
pub mod outreach;
pub mod picker;
pub mod realtime;
pub mod reports;
