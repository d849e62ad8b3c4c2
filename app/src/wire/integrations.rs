//! Settings → Integrations: API tokens, outgoing webhooks and their delivery log, and the
//! external-bot switch. A token or a webhook secret crosses the wire exactly once, in the
//! answer to creating it ([`CreatedToken`], [`CreatedWebhook`]); lists never carry them.

use crate::domain::integrations::tokens::Scope;
use crate::domain::integrations::webhooks::EventType;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    /// The token's first characters ("bzn_AbCdEfGh").
    pub prefix: String,
    /// Who it acts as.
    pub owner_name: String,
    pub created_at_ms: i64,
    pub last_used_at_ms: Option<i64>,
    pub revoked_at_ms: Option<i64>,
}

/// The answer to creating a token: the token itself, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: String,
    pub view: TokenView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub events: Vec<EventType>,
    pub allow_private: bool,
    pub enabled: bool,
    pub created_at_ms: i64,
}

/// The answer to creating an endpoint: its signing secret, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedWebhook {
    pub secret: String,
    pub view: WebhookView,
}

/// What an admin sends to create or change an endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookInput {
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub allow_private: bool,
    pub enabled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStateView {
    Pending,
    Delivered,
    Failed,
}

/// One row of an endpoint's delivery log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub id: i64,
    pub event_type: EventType,
    pub event_key: String,
    pub state: DeliveryStateView,
    pub attempts: u32,
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    pub next_attempt_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub delivered_at_ms: Option<i64>,
}

/// Everything the Integrations screen shows at first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationsScreen {
    pub tokens: Vec<TokenView>,
    pub webhooks: Vec<WebhookView>,
    /// An external bot answers the bot's conversations instead of the built-in one.
    pub external_bot: bool,
}
