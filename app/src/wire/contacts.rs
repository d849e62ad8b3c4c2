//! The contacts screen, the contact page and the audit log, as the browser receives them.
//! Numbers arrive already masked for agents when the team masks them (`domain::masking`).

use crate::domain::audit::{AuditAction, AuditGroup};
use crate::domain::campaigns::RecipientState;
use crate::domain::contacts::attributes::AttributeDefinition;
use crate::domain::contacts::directory::ContactCursor;
use crate::domain::contacts::protection::ProtectionSettings;
use crate::domain::contacts::MarketingConsent;
use crate::domain::inbox::ConversationStatus;
use crate::wire::inbox::{ContactView, LabelView};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row of the contacts list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRow {
    pub id: i64,
    /// Profile name, else username, else the number.
    pub name: String,
    /// As people write it.
    pub phone: Option<String>,
    pub country: Option<String>,
    pub username: Option<String>,
    pub consent: MarketingConsent,
    pub last_inbound_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub blocked: bool,
    pub labels: Vec<LabelView>,
    pub attributes: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactListPage {
    pub rows: Vec<ContactRow>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<ContactCursor>,
}

/// What the contacts screen needs besides the rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactScreen {
    pub labels: Vec<LabelView>,
    pub definitions: Vec<AttributeDefinition>,
    /// Keys in use on contacts without a definition (free text), for the filter.
    pub other_keys: Vec<String>,
    /// The business's country, to read numbers typed without `+`.
    pub business_country: String,
    /// Whether the viewer may export (supervisors and admins).
    pub can_export: bool,
}

/// A conversation on the contact page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactConversation {
    pub id: i64,
    pub status: ConversationStatus,
    pub assignee: Option<String>,
    pub started_at_ms: i64,
    pub last_message_at_ms: i64,
    pub messages: u64,
    pub labels: Vec<LabelView>,
}

/// A campaign that went (or was to go) to the contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactCampaign {
    pub campaign_id: i64,
    pub name: String,
    pub state: RecipientState,
    pub sent_at_ms: Option<i64>,
}

/// The contact page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactCard {
    pub contact: ContactView,
    pub created_at_ms: i64,
    pub blocked_at_ms: Option<i64>,
    pub blocked_by: Option<String>,
    /// Labels on any of their conversations.
    pub labels: Vec<LabelView>,
    pub conversations: Vec<ContactConversation>,
    pub campaigns: Vec<ContactCampaign>,
    pub definitions: Vec<AttributeDefinition>,
    /// What the viewer may do here.
    pub can_manage: bool,
}

/// What erasing a contact removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureReport {
    pub messages: u64,
    pub media: u64,
    pub conversations: u64,
    /// Replies queued for them that will not be sent.
    pub queued_dropped: u64,
    /// Campaign recipients still waiting, now left out.
    pub recipients_dropped: u64,
}

/// Settings → Contacts (admins): attribute definitions and data protection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSettings {
    pub definitions: Vec<AttributeDefinition>,
    pub protection: ProtectionSettings,
    /// The retention job's last run (when, messages and media deleted) and the next one.
    pub last_retention: Option<RetentionRun>,
    pub next_retention_ms: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRun {
    pub at_ms: i64,
    pub messages: u64,
    pub media: u64,
}

/// An entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    /// The actor's email when it happened (`None`: the desk itself, or a failed sign-in
    /// without an account).
    pub actor: Option<String>,
    pub action: AuditAction,
    /// `contact:12`, `user:3`, `setting:data_protection` (see `domain::audit::AuditSubject`).
    pub subject: Option<String>,
    /// What changed, as stored (JSON object).
    pub detail: String,
    pub ip: Option<String>,
}

/// The audit screen's filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub group: Option<AuditGroup>,
    pub actor: String,
    /// `YYYY-MM-DD` in the business's zone, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Entries older than this id (the next page).
    pub before: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub more: bool,
}
