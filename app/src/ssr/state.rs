//! The server state `main` builds and every server function receives through context.

use super::password::Hasher;
use super::store::{Store, StoreError};
use crate::domain::session::SessionPolicy;
use crate::error::AppError;
use std::sync::Arc;

/// The desk's running connection to WhatsApp, as server functions need it.
#[async_trait::async_trait]
pub trait WhatsAppLink: Send + Sync + 'static {
    /// Syncs the templates now.
    async fn sync_templates(&self) -> Result<super::store::SyncReport, String>;
    /// When templates were last synced, and how it went.
    async fn last_template_sync(
        &self,
    ) -> (
        Option<i64>,
        Option<Result<super::store::SyncReport, String>>,
    );
    /// A template webhook arrived: sync soon.
    fn templates_changed(&self);
    /// A message was queued: send it now.
    fn outbound_queued(&self);
    /// Messages a second the number may send (Meta's throughput, as configured).
    fn throughput_per_second(&self) -> f64 {
        crate::domain::pacing::Rate::THROUGHPUT.per_second
    }
    /// Marks the customer's message read on WhatsApp (blue ticks), in the background.
    fn mark_read(&self, wamid: String);
    /// Checks Meta's type and size limits and uploads a file for sending: WhatsApp's media id
    /// and kind. Errors are sentences for the agent.
    async fn upload_media(
        &self,
        bytes: Vec<u8>,
        mime: &str,
        filename: &str,
    ) -> Result<(crate::domain::message::MediaKind, String), crate::error::AppError>;
    /// A webhook delivery arrived: applied, or refused with a reason.
    fn webhook_received(&self, outcome: Result<(), crate::wire::LinkProblem>);
    /// The connection's settings (secrets masked) and recent activity.
    fn connection(&self) -> crate::wire::ConnectionView;
    /// Asks the Graph API something harmless to prove the settings work.
    /// The number of templates on the first page when it answers.
    async fn check_connection(&self) -> Result<usize, crate::wire::LinkProblem>;
}

#[derive(Clone)]
pub struct ServerState {
    pub store: Arc<dyn Store>,
    pub whatsapp: Arc<dyn WhatsAppLink>,
    pub sessions: SessionPolicy,
    /// Every password hash of the process goes through it (bounded; see `password`).
    pub hasher: Arc<Hasher>,
    /// The reverse proxies whose `X-Forwarded-For` is believed (`domain::client_address`).
    pub trusted_proxies: Arc<[ipnet::IpNet]>,
}

impl ServerState {
    /// The state injected into this request.
    pub fn current() -> Result<ServerState, AppError> {
        leptos::prelude::use_context::<ServerState>().ok_or_else(|| {
            tracing::error!("ServerState missing from context");
            AppError::Internal
        })
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Duplicate => AppError::Conflict {
                conflict: crate::error::Conflict::EmailTaken,
            },
            StoreError::ReadOnly(cause) => {
                tracing::error!(%cause, "database refused a write");
                AppError::ReadOnly
            }
            StoreError::Unavailable(cause) => {
                tracing::warn!(%cause, "database unavailable");
                AppError::Unavailable
            }
            StoreError::Other(cause) => {
                tracing::error!(%cause, "database error");
                AppError::Internal
            }
        }
    }
}

/// Finishes a server function: an error also sets the HTTP status it stands for.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            let status = axum::http::StatusCode::from_u16(err.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            options.set_status(status);
            if let AppError::Throttled { retry_after_secs } | AppError::Busy { retry_after_secs } =
                err
            {
                if let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                    options.insert_header(axum::http::header::RETRY_AFTER, v);
                }
            }
        }
    }
    result
}
