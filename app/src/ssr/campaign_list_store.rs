//! The storage port's part for campaign lists uploaded as CSV (`domain::campaigns::csv_list`
//! checks the file): creating or matching a contact for every row, keeping the list and its
//! rejected rows. Implemented in `server/src/db/campaign_lists.rs`.

use super::ingest::ConsentChange;
use super::store::StoreError;
use crate::domain::campaigns::csv_list::{ListRow, RejectedRow};
use crate::wire::campaigns::ListView;
use std::collections::{BTreeMap, HashMap};

/// A checked file, to keep.
pub struct NewList<'a> {
    pub name: &'a str,
    pub header: &'a [String],
    pub columns: &'a [String],
    pub rows: &'a [ListRow],
    /// Rejected while reading the file; the store adds rows that turn out to be a contact
    /// already on the list.
    pub rejected: &'a [RejectedRow],
    pub created_by: Option<i64>,
    /// The business collected these people's opt-in outside WhatsApp: recorded (source
    /// import) for contacts whose consent is unknown; never over an opt-out.
    pub opt_in: Option<ConsentChange>,
}

/// A list member's own values (the file's name for them became the contact's name when
/// WhatsApp had given none; template names use the contact's).
pub type ListMember = BTreeMap<String, String>;

#[async_trait::async_trait]
pub trait CampaignListStore: Send + Sync + 'static {
    /// Creates (or matches, by any spelling of the number, or the user id) a contact for
    /// every row and keeps the list, all in one transaction. Returns the list and every
    /// rejected row (the file's and the duplicates found here), by line.
    async fn create_list(
        &self,
        list: &NewList<'_>,
        now_ms: i64,
    ) -> Result<(ListView, Vec<RejectedRow>), StoreError>;
    /// Lists, newest first (at most `limit`).
    async fn lists(&self, limit: u32) -> Result<Vec<ListView>, StoreError>;
    async fn list(&self, id: i64) -> Result<Option<ListView>, StoreError>;
    /// The rejected rows as CSV.
    async fn list_rejected(&self, id: i64) -> Result<Option<String>, StoreError>;
    /// Every member's values, by contact id.
    async fn list_members(&self, id: i64) -> Result<HashMap<i64, ListMember>, StoreError>;
}
