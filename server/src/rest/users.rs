//! Users, read-only: who can be assigned conversations, and who did what in reports and
//! events. Accounts are managed on the Users screen and with `buzon user`.

use super::auth::Caller;
use super::directory::no_cursor;
use super::error::{ApiError, ErrorBody};
use super::extract::Id;
use super::types::rfc3339;
use crate::http::AppState;
use app::domain::integrations::tokens::Scope;
use app::ssr::desk_actions;
use app::wire::UserView;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_users))
        .routes(utoipa_axum::routes!(get_user))
}

/// A user of the desk.
#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `agent`, `supervisor` or `admin`.
    pub role: String,
    /// How many open conversations auto-assignment gives them at most.
    pub capacity: u32,
    /// A disabled user cannot sign in; their API tokens stop working.
    pub disabled: bool,
    /// RFC 3339.
    pub created_at: String,
}

impl User {
    fn of(view: UserView) -> User {
        User {
            id: view.id,
            role: view.role.as_str().to_string(),
            name: view.name,
            email: view.email,
            capacity: view.capacity,
            disabled: view.disabled,
            created_at: rfc3339(view.created_at_ms),
        }
    }
}

/// Every user (never paged: `next_cursor` is always null).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub data: Vec<User>,
    pub next_cursor: Option<String>,
}

/// Lists every user, disabled ones too.
#[utoipa::path(
    get,
    path = "/users",
    tag = "desk",
    responses(
        (status = 200, description = "Every user", body = UserList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is no longer an admin", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_users(caller: Caller) -> Result<Json<UserList>, ApiError> {
    caller.need(Scope::Read)?;
    let users = desk_actions::users(caller.state(), &caller.asker.user).await?;
    Ok(Json(UserList {
        data: users.into_iter().map(User::of).collect(),
        next_cursor: no_cursor(),
    }))
}

/// Reads one user.
#[utoipa::path(
    get,
    path = "/users/{id}",
    tag = "desk",
    params(("id" = i64, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is no longer an admin", body = ErrorBody),
        (status = 404, description = "No such user", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn get_user(caller: Caller, Id(id): Id<i64>) -> Result<Json<User>, ApiError> {
    caller.need(Scope::Read)?;
    let user = desk_actions::user(caller.state(), &caller.asker.user, id).await?;
    Ok(Json(User::of(user)))
}
