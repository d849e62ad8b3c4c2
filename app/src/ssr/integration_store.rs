//! The storage port's part for integrations: API tokens, outgoing webhooks and their
//! delivery log, and the reads the REST API needs beyond the console's. Implemented in
//! `server/src/db/integrations.rs` (tokens, webhooks) and `server/src/db/api_reads.rs`.

use super::store::{ContactRecord, ConversationRecord, MessageRecord, StoreError};
use crate::domain::inbox::ConversationStatus;
use crate::domain::integrations::tokens::Scope;
use crate::domain::integrations::webhooks::EventType;
use crate::domain::reports::Event;

/// An API token as stored: never the token itself, only its SHA-256.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    /// The first characters of the token, to tell tokens apart in Settings.
    pub prefix: String,
    /// The user whose name the token acts in (an admin when created).
    pub owner_id: i64,
    pub created_at_ms: i64,
    pub last_used_at_ms: Option<i64>,
    pub revoked_at_ms: Option<i64>,
}

impl std::fmt::Debug for ApiTokenRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiTokenRecord")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("scope", &self.scope)
            .field("owner_id", &self.owner_id)
            .field("revoked_at_ms", &self.revoked_at_ms)
            .finish_non_exhaustive()
    }
}

pub struct NewApiToken {
    pub name: String,
    pub scope: Scope,
    /// Hex SHA-256 of the whole token.
    pub token_hash: String,
    pub prefix: String,
    pub owner_id: i64,
}

/// An outgoing webhook endpoint as stored, with the secret its deliveries are signed with.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookRecord {
    pub id: i64,
    pub url: String,
    pub description: String,
    /// Never empty, sorted.
    pub events: Vec<EventType>,
    pub secret: String,
    /// The admin allowed loopback and private-network destinations for this endpoint.
    pub allow_private: bool,
    pub enabled: bool,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

impl std::fmt::Debug for WebhookRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookRecord")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("events", &self.events)
            .field("allow_private", &self.allow_private)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

/// What an admin sets on an endpoint (already validated by the domain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookDraft {
    pub url: String,
    pub description: String,
    pub events: Vec<EventType>,
    pub allow_private: bool,
    pub enabled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    Delivered,
    /// Given up on after the retry period (or the endpoint was refused as unsafe).
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<DeliveryState> {
        match raw {
            "pending" => Some(DeliveryState::Pending),
            "delivered" => Some(DeliveryState::Delivered),
            "failed" => Some(DeliveryState::Failed),
            _ => None,
        }
    }
}

/// One event to deliver to one endpoint. `event_key` names the event (`message.created:42`):
/// enqueueing the same key for the same endpoint again does nothing, so every instance may
/// enqueue what it sees and each event is delivered once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDelivery {
    pub endpoint_id: i64,
    pub event_key: String,
    pub event_type: EventType,
    /// The JSON body, fixed when the event happened: retries send the same bytes.
    pub payload: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub id: i64,
    pub endpoint_id: i64,
    pub event_key: String,
    pub event_type: EventType,
    pub payload: String,
    pub state: DeliveryState,
    /// Attempts made so far.
    pub attempts: u32,
    pub next_attempt_at_ms: Option<i64>,
    /// The receiver's HTTP status on the last attempt, if it answered.
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    pub created_at_ms: i64,
    pub delivered_at_ms: Option<i64>,
}

/// How one attempt went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttemptOutcome {
    Delivered {
        status: u16,
    },
    /// Try again at `retry_at_ms`, or give up (`None`).
    Failed {
        status: Option<u16>,
        error: String,
        retry_at_ms: Option<i64>,
    },
}

/// A page of the API's conversation list: filters are ANDed; ordered by id, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConversationQuery {
    pub status: Option<ConversationStatus>,
    /// `Some(None)`: unassigned only.
    pub assignee: Option<Option<i64>>,
    pub label_id: Option<i64>,
    pub contact_id: Option<i64>,
    /// Rows with a smaller id than this.
    pub before_id: Option<i64>,
    pub limit: u32,
}

/// A conversation with its label names, as the API lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConversationRow {
    pub conversation: ConversationRecord,
    pub contact: ContactRecord,
    /// Label names, by name.
    pub labels: Vec<String>,
}

#[async_trait::async_trait]
pub trait IntegrationStore: Send + Sync + 'static {
    async fn create_api_token(
        &self,
        token: &NewApiToken,
        now_ms: i64,
    ) -> Result<ApiTokenRecord, StoreError>;
    /// Every token, revoked ones too, newest first.
    async fn api_tokens(&self) -> Result<Vec<ApiTokenRecord>, StoreError>;
    /// The token with this hash, revoked or not.
    async fn api_token_by_hash(&self, hash: &str) -> Result<Option<ApiTokenRecord>, StoreError>;
    /// `NotFound` when there is no such token; revoking twice keeps the first time.
    async fn revoke_api_token(&self, id: i64, now_ms: i64) -> Result<ApiTokenRecord, StoreError>;
    async fn touch_api_token(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;

    /// By id.
    async fn webhooks(&self) -> Result<Vec<WebhookRecord>, StoreError>;
    async fn webhook(&self, id: i64) -> Result<Option<WebhookRecord>, StoreError>;
    async fn create_webhook(
        &self,
        draft: &WebhookDraft,
        secret: &str,
        now_ms: i64,
    ) -> Result<WebhookRecord, StoreError>;
    /// `NotFound` when there is no such endpoint. The secret stays.
    async fn update_webhook(
        &self,
        id: i64,
        draft: &WebhookDraft,
        now_ms: i64,
    ) -> Result<WebhookRecord, StoreError>;
    /// Deletes the endpoint and its delivery log.
    async fn delete_webhook(&self, id: i64) -> Result<(), StoreError>;

    /// Adds the deliveries not already there (same endpoint and `event_key`): returns how
    /// many were added. Each new delivery is due at once.
    async fn enqueue_deliveries(
        &self,
        deliveries: &[NewDelivery],
        now_ms: i64,
    ) -> Result<u64, StoreError>;
    /// Up to `limit` pending deliveries due by `now_ms`, oldest first; each is leased until
    /// `lease_until_ms` (not claimed again before, by this or another instance).
    async fn claim_deliveries(
        &self,
        now_ms: i64,
        lease_until_ms: i64,
        limit: u32,
    ) -> Result<Vec<DeliveryRecord>, StoreError>;
    /// Records one attempt (counts it) and its outcome.
    async fn record_attempt(
        &self,
        delivery_id: i64,
        outcome: &AttemptOutcome,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The endpoint's delivery log, newest first, older than `before_id`.
    async fn deliveries(
        &self,
        endpoint_id: i64,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<DeliveryRecord>, StoreError>;
    /// An admin asks to send a delivery again now (pending, due now; attempts kept).
    async fn redeliver(&self, delivery_id: i64, now_ms: i64) -> Result<(), StoreError>;

    /// Where the webhook feed stopped reading one of the tables it follows (`key` names it).
    async fn feed_cursor(&self, key: &str) -> Result<Option<i64>, StoreError>;
    /// Moves that place. Bookkeeping, not a team setting: it announces no change, since a
    /// settings change makes every console reload.
    async fn set_feed_cursor(&self, key: &str, id: i64, now_ms: i64) -> Result<(), StoreError>;
    /// The event log after `after_id`, by id, for the webhook feed.
    async fn events_after(&self, after_id: i64, limit: u32) -> Result<Vec<Event>, StoreError>;
    /// Messages after `after_id`, by id, for the webhook feed.
    async fn messages_after(
        &self,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<MessageRecord>, StoreError>;

    /// Contacts newest first, older than `before_id`; `search` matches name, phone or
    /// username (case-insensitive substring).
    async fn contacts_page(
        &self,
        search: Option<&str>,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<ContactRecord>, StoreError>;
    async fn conversations_page(
        &self,
        query: &ConversationQuery,
    ) -> Result<Vec<ConversationRow>, StoreError>;
    async fn conversation_row(&self, id: i64) -> Result<Option<ConversationRow>, StoreError>;
    /// A conversation's messages oldest first, after `after_id`.
    async fn conversation_messages(
        &self,
        conversation_id: i64,
        after_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<MessageRecord>, StoreError>;
}
