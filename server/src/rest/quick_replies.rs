//! Quick replies: the team's shared ones and the token owner's own. Creating, changing or
//! deleting a shared one takes an admin token; the owner's own, a write token. Same rules as
//! the console (`desk_actions`): someone else's personal reply is not found.

use super::auth::Caller;
use super::directory::no_cursor;
use super::error::{ApiError, ErrorBody};
use super::extract::{Body, Id};
use super::types::rfc3339;
use crate::http::AppState;
use app::domain::integrations::tokens::Scope;
use app::domain::quick_replies::QuickReply as Stored;
use app::ssr::desk_actions;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_quick_replies, create_quick_reply))
        .routes(utoipa_axum::routes!(update_quick_reply, delete_quick_reply))
}

/// A canned answer agents insert by typing `/shortcut`.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuickReply {
    pub id: i64,
    /// Lower-case letters, digits, `-` and `_`, 1 to 32 (without the `/`).
    pub shortcut: String,
    /// Up to 80 characters.
    pub title: String,
    /// Up to 4096 characters; may use `{{contact.name}}`, `{{contact.first_name}}`,
    /// `{{agent.name}}`, `{{agent.first_name}}` and `{{contact.<attribute>}}`.
    pub body: String,
    /// Shared with the whole team; otherwise the token owner's own.
    pub shared: bool,
    /// The user it belongs to; null when shared.
    pub owner_id: Option<i64>,
    /// RFC 3339.
    pub updated_at: String,
}

impl QuickReply {
    fn of(reply: Stored) -> QuickReply {
        QuickReply {
            id: reply.id,
            shared: reply.is_shared(),
            owner_id: reply.owner_id,
            shortcut: reply.shortcut,
            title: reply.title,
            body: reply.body,
            updated_at: rfc3339(reply.updated_at_ms),
        }
    }
}

/// The shared replies and the token owner's own, by shortcut (never paged).
#[derive(Debug, Serialize, ToSchema)]
pub struct QuickReplyList {
    pub data: Vec<QuickReply>,
    /// Always null.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuickReply {
    pub shortcut: String,
    pub title: String,
    pub body: String,
    /// For the whole team (needs an admin token); default false: the token owner's own.
    #[serde(default)]
    pub shared: bool,
}

/// What to change on a reply; fields left out stay as they are. A reply stays shared or
/// personal: `shared`, if given, must be what it already is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuickReplyPatch {
    pub shortcut: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub shared: Option<bool>,
}

/// The scope a change to a reply takes: admin for a shared one, write for one's own.
fn scope_to_change(shared: bool) -> Scope {
    if shared {
        Scope::Admin
    } else {
        Scope::Write
    }
}

/// Lists the shared quick replies and the token owner's own.
#[utoipa::path(
    get,
    path = "/quick-replies",
    tag = "desk",
    responses(
        (status = 200, description = "The replies, by shortcut", body = QuickReplyList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_quick_replies(caller: Caller) -> Result<Json<QuickReplyList>, ApiError> {
    caller.need(Scope::Read)?;
    let replies = desk_actions::quick_replies(caller.state(), &caller.asker.user).await?;
    Ok(Json(QuickReplyList {
        data: replies.into_iter().map(QuickReply::of).collect(),
        next_cursor: no_cursor(),
    }))
}

/// Creates a quick reply: shared (admin token) or the token owner's own (write token).
#[utoipa::path(
    post,
    path = "/quick-replies",
    tag = "desk",
    request_body = NewQuickReply,
    responses(
        (status = 201, description = "The reply", body = QuickReply),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or write for a shared reply", body = ErrorBody),
        (status = 409, description = "`name_taken`: that list already has the shortcut", body = ErrorBody),
        (status = 422, description = "A bad shortcut, an empty or too long title or body, or a body that is not this shape", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn create_quick_reply(
    caller: Caller,
    Body(new): Body<NewQuickReply>,
) -> Result<(StatusCode, Json<QuickReply>), ApiError> {
    caller.need(scope_to_change(new.shared))?;
    let reply = desk_actions::create_quick_reply(
        caller.state(),
        &caller.asker.user,
        &new.shortcut,
        &new.title,
        &new.body,
        new.shared,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(QuickReply::of(reply))))
}

/// Changes a quick reply's shortcut, title or body.
#[utoipa::path(
    patch,
    path = "/quick-replies/{id}",
    tag = "desk",
    params(("id" = i64, Path, description = "The reply's id")),
    request_body = QuickReplyPatch,
    responses(
        (status = 200, description = "The reply, changed", body = QuickReply),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or write for a shared reply", body = ErrorBody),
        (status = 404, description = "No such reply (or another user's own)", body = ErrorBody),
        (status = 409, description = "`name_taken`: that list already has the shortcut", body = ErrorBody),
        (status = 422, description = "A bad shortcut, an empty or too long title or body, a change of `shared`, or a body that is not this shape", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn update_quick_reply(
    caller: Caller,
    Id(id): Id<i64>,
    Body(patch): Body<QuickReplyPatch>,
) -> Result<Json<QuickReply>, ApiError> {
    caller.need(Scope::Write)?;
    let user = &caller.asker.user;
    let current = desk_actions::manageable_quick_reply(caller.state(), user, id).await?;
    caller.need(scope_to_change(current.is_shared()))?;
    if patch
        .shared
        .is_some_and(|shared| shared != current.is_shared())
    {
        return Err(ApiError::unreadable(
            "A quick reply stays shared or personal: create a new one instead.",
        ));
    }
    let reply = desk_actions::update_quick_reply(
        caller.state(),
        user,
        id,
        patch.shortcut.as_deref().unwrap_or(&current.shortcut),
        patch.title.as_deref().unwrap_or(&current.title),
        patch.body.as_deref().unwrap_or(&current.body),
    )
    .await?;
    Ok(Json(QuickReply::of(reply)))
}

/// Deletes a quick reply.
#[utoipa::path(
    delete,
    path = "/quick-replies/{id}",
    tag = "desk",
    params(("id" = i64, Path, description = "The reply's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or write for a shared reply", body = ErrorBody),
        (status = 404, description = "No such reply (or another user's own)", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was deleted", body = ErrorBody),
    )
)]
pub async fn delete_quick_reply(caller: Caller, Id(id): Id<i64>) -> Result<StatusCode, ApiError> {
    caller.need(Scope::Write)?;
    let user = &caller.asker.user;
    let current = desk_actions::manageable_quick_reply(caller.state(), user, id).await?;
    caller.need(scope_to_change(current.is_shared()))?;
    desk_actions::delete_quick_reply(caller.state(), user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
