//! The storage port's part for data protection: erasing a contact, removing old messages'
//! contents (retention), the durable queue of media files to delete, and a compare-and-set
//! on settings (the retention job's once-a-day claim across instances). Implemented in
//! `server/src/db/protection.rs`.

use super::store::StoreError;

pub use crate::wire::contacts::ErasureReport;

#[async_trait::async_trait]
pub trait ProtectionStore: Send + Sync + 'static {
    /// Erases the contact in one transaction: identities, attributes, consent history and list
    /// rows deleted; every message's content removed (the rows stay, for anonymous counts);
    /// media rows deleted and their files queued for deletion; queued replies failed and
    /// waiting campaign recipients left out; open conversations resolved; outgoing webhook
    /// deliveries naming their number deleted. `NotFound` when there is no such contact.
    async fn erase_contact(
        &self,
        contact_id: i64,
        now_ms: i64,
    ) -> Result<ErasureReport, StoreError>;
    /// Removes the content of at most `limit` messages sent before `cutoff_ms` (oldest
    /// first; never a reply still waiting to be sent, nor activity lines) and their media.
    /// Returns (messages, media files) removed; call again until it returns no messages.
    async fn remove_messages_before(
        &self,
        cutoff_ms: i64,
        limit: u32,
        now_ms: i64,
    ) -> Result<(u64, u64), StoreError>;
    /// Files queued for deletion that no media or upload row names any more.
    async fn media_to_purge(&self, limit: u32) -> Result<Vec<String>, StoreError>;
    /// The files are gone from the media store.
    async fn media_purged(&self, sha256: &[String]) -> Result<(), StoreError>;
    /// Writes `new` only when the setting is `expected` now (`None`: not set); whether it did.
    async fn swap_setting(
        &self,
        key: &str,
        expected: Option<&str>,
        new: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
}
