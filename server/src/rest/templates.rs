//! Message templates: the business account's templates as last synced from WhatsApp, and
//! syncing them now. Same rules as the Templates screen (`desk_actions`).

use super::auth::Caller;
use super::directory::no_cursor;
use super::error::{ApiError, ErrorBody};
use super::types::rfc3339;
use crate::http::AppState;
use app::domain::integrations::tokens::Scope;
use app::ssr::desk_actions;
use app::wire::TemplateView;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_templates))
        .routes(utoipa_axum::routes!(sync_templates))
}

/// A message template. Send one with `POST /conversations/{id}/messages` (`kind: template`),
/// naming it by `name` and `language`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Template {
    /// Meta's id for the template.
    pub id: String,
    pub name: String,
    /// Meta's language code, e.g. `es_ES`.
    pub language: String,
    /// Meta's status: `APPROVED`, `PENDING`, `REJECTED`, `PAUSED`, `DISABLED`, … and
    /// `DELETED` for one the account no longer lists.
    pub status: String,
    /// Why Meta rejected or paused it, when it says.
    pub status_reason: Option<String>,
    /// `MARKETING`, `UTILITY` or `AUTHENTICATION`.
    pub category: Option<String>,
    /// Meta's quality rating: `GREEN`, `YELLOW`, `RED` or `UNKNOWN`.
    pub quality: Option<String>,
    /// The template's parts: `parameter_format` (`positional`|`named`), `header` (null,
    /// `{"format": "text", "text"}` or `{"format": "media", "kind"}`), `body`, `footer`,
    /// `buttons` (`kind`, `text`, `url`, `phone_number`, `example`), `header_examples`,
    /// `body_examples`.
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
    /// When it was last synced with a change (RFC 3339).
    pub updated_at: String,
}

impl Template {
    fn of(view: TemplateView) -> Template {
        Template {
            id: view.meta_id,
            name: view.name,
            language: view.language,
            status: view.status,
            status_reason: view.status_reason,
            category: view.category,
            quality: view.quality,
            content: serde_json::to_value(&view.content).unwrap_or_default(),
            updated_at: rfc3339(view.updated_at_ms),
        }
    }
}

/// Every template (never paged: `next_cursor` is always null).
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateList {
    pub data: Vec<Template>,
    pub next_cursor: Option<String>,
    /// When templates were last synced from WhatsApp (RFC 3339), since the server started;
    /// null before the first sync.
    pub last_sync_at: Option<String>,
    /// Why the last sync failed, if it did.
    pub last_sync_error: Option<String>,
}

/// What a sync did.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateSync {
    /// Templates the account lists now.
    pub templates: u32,
    /// Templates it no longer lists (kept, with status `DELETED`).
    pub removed: u32,
}

/// Lists the templates as last synced.
#[utoipa::path(
    get,
    path = "/templates",
    tag = "desk",
    responses(
        (status = 200, description = "Every template", body = TemplateList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is no longer an admin", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_templates(caller: Caller) -> Result<Json<TemplateList>, ApiError> {
    caller.need(Scope::Read)?;
    let screen = desk_actions::templates(caller.state(), &caller.asker.user).await?;
    Ok(Json(TemplateList {
        data: screen.templates.into_iter().map(Template::of).collect(),
        next_cursor: no_cursor(),
        last_sync_at: screen.last_sync_at_ms.map(rfc3339),
        last_sync_error: screen.last_sync_error,
    }))
}

/// Syncs the templates from WhatsApp now.
#[utoipa::path(
    post,
    path = "/templates/sync",
    tag = "desk",
    responses(
        (status = 200, description = "Synced", body = TemplateSync),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is not admin", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 500, description = "The templates could not be saved", body = ErrorBody),
        (status = 502, description = "`whatsapp_error`: WhatsApp refused or could not be reached; `meta_code` is Meta's code when it gave one", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only", body = ErrorBody),
    )
)]
pub async fn sync_templates(caller: Caller) -> Result<Json<TemplateSync>, ApiError> {
    caller.need(Scope::Admin)?;
    let report = desk_actions::sync_templates(caller.state(), &caller.asker.user).await?;
    Ok(Json(TemplateSync {
        templates: report.templates,
        removed: report.removed,
    }))
}
