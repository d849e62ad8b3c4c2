//! The storage port's part for the customer record: the contacts list, what the contact page
//! shows beside the contact, blocking, and the audit log. Implemented in
//! `server/src/db/contacts.rs` and `server/src/db/audit.rs`.

use super::store::StoreError;
use crate::domain::audit::{AuditAction, AuditSubject};
use crate::domain::contacts::directory::{ContactCursor, ContactQuery};
use crate::domain::contacts::MarketingConsent;
use crate::wire::contacts::{AuditEntry, ContactCampaign, ContactConversation};
use crate::wire::inbox::LabelView;
use std::collections::BTreeMap;

/// A contact as the list reads it (the number raw: the server writes and masks it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactListRow {
    pub id: i64,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub profile_name: Option<String>,
    pub username: Option<String>,
    pub marketing: MarketingConsent,
    pub country: Option<String>,
    pub last_inbound_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub blocked_at_ms: Option<i64>,
    pub attributes: BTreeMap<String, String>,
    pub labels: Vec<LabelView>,
}

#[async_trait::async_trait]
pub trait ContactStore: Send + Sync + 'static {
    /// One page of the list (at most `limit`), and where the next starts.
    async fn contact_page(
        &self,
        query: &ContactQuery,
        now_ms: i64,
        limit: u32,
    ) -> Result<(Vec<ContactListRow>, Option<ContactCursor>), StoreError>;
    /// Every conversation with the contact, newest first.
    async fn contact_conversations(
        &self,
        contact_id: i64,
    ) -> Result<Vec<ContactConversation>, StoreError>;
    /// Every campaign recipient row of the contact, newest campaign first.
    async fn contact_campaigns(&self, contact_id: i64) -> Result<Vec<ContactCampaign>, StoreError>;
    /// Blocks (by `by`) or unblocks the contact; `NotFound` when there is none. Blocking a
    /// blocked contact keeps the first time and person.
    async fn set_blocked(
        &self,
        contact_id: i64,
        blocked: bool,
        by: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Who blocked the contact (their name), if anyone did.
    async fn blocked_by(&self, contact_id: i64) -> Result<Option<String>, StoreError>;
}

/// An entry to append to the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub actor_id: Option<i64>,
    /// The actor's email now (kept as it was, whatever happens to the account later).
    pub actor: Option<String>,
    pub action: AuditAction,
    pub subject: Option<AuditSubject>,
    /// A JSON object.
    pub detail: serde_json::Value,
    pub ip: Option<String>,
}

/// Which entries to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Any of these (empty: any).
    pub actions: Vec<AuditAction>,
    /// Contained in the actor's email (case ignored).
    pub actor: String,
    pub since_ms: Option<i64>,
    pub until_ms: Option<i64>,
    /// Entries older than this id.
    pub before: Option<i64>,
}

#[async_trait::async_trait]
pub trait AuditStore: Send + Sync + 'static {
    async fn append_audit(&self, entry: &NewAuditEntry, now_ms: i64) -> Result<(), StoreError>;
    /// Newest first, at most `limit`.
    async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
