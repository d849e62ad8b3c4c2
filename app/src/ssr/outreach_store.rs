//! The storage port's part for the desk speaking first: conversations the desk starts, and
//! customers' marketing consent with its history. Implemented in `server/src/db/outreach.rs`.

use super::ingest::ConsentChange;
use super::store::{ContactRecord, StoreError};
use crate::domain::consent::ConsentEntry;

/// A conversation the desk opened (or the customer's unresolved one, which it reuses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Started {
    pub conversation_id: i64,
    /// False when the customer already had an unresolved conversation.
    pub created: bool,
}

#[async_trait::async_trait]
pub trait OutreachStore: Send + Sync + 'static {
    /// The contact with phone `wa_id`, created (without a profile) when the desk writes to a
    /// number for the first time.
    async fn contact_for_phone(
        &self,
        wa_id: &str,
        now_ms: i64,
    ) -> Result<ContactRecord, StoreError>;
    /// The contact's unresolved conversation, or a new one the desk starts, assigned to
    /// `assignee` (`None`: the queue) by `actor`; announced to every console.
    async fn start_conversation(
        &self,
        contact_id: i64,
        assignee: Option<i64>,
        actor: i64,
        now_ms: i64,
    ) -> Result<Started, StoreError>;
    /// WhatsApp answered a send with another spelling of the contact's number (`wa_id`): the
    /// contact takes it, unless another contact has it already.
    async fn adopt_reported_wa_id(
        &self,
        contact_id: i64,
        wa_id: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Keeps what the desk expected message `message_id` to cost when it was queued.
    async fn note_estimate(
        &self,
        message_id: i64,
        estimate: &crate::domain::pricing::Estimate,
        currency: &str,
    ) -> Result<(), StoreError>;
    /// The contact's consent history, newest first.
    async fn consent_history(&self, contact_id: i64) -> Result<Vec<ConsentEntry>, StoreError>;
    /// A consent change made in the desk (an agent, the API, an import): always applied, kept
    /// in the history, and written as an activity line in `line_in` (the conversation the
    /// agent was looking at) when given.
    async fn change_consent(
        &self,
        contact_id: i64,
        change: &ConsentChange,
        line_in: Option<i64>,
    ) -> Result<ContactRecord, StoreError>;
}
