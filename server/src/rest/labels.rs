//! Labels: the definitions the Labels screen manages. Putting a label on a conversation is
//! under `/conversations/{id}/labels`. Same rules as the console (`desk_actions`).

use super::auth::Caller;
use super::directory::no_cursor;
use super::error::{ApiError, ErrorBody};
use super::extract::{Body, Id};
use app::domain::integrations::tokens::Scope;
use app::ssr::desk_actions;
use app::wire::inbox::LabelDefinition;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

use crate::http::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_labels, create_label))
        .routes(utoipa_axum::routes!(update_label, delete_label))
}

/// A label.
#[derive(Debug, Serialize, ToSchema)]
pub struct Label {
    pub id: i64,
    /// Unique ignoring case; 1 to 40 characters, spaces collapsed.
    pub name: String,
    /// One of `slate`, `red`, `orange`, `amber`, `emerald`, `teal`, `sky`, `blue`, `violet`,
    /// `pink`.
    pub color: String,
    /// Up to 200 characters; may be empty.
    pub description: String,
    /// How many conversations carry it (resolved ones included).
    pub conversations: u64,
}

impl Label {
    fn of(definition: LabelDefinition) -> Label {
        Label {
            id: definition.id,
            name: definition.name,
            color: definition.color,
            description: definition.description,
            conversations: definition.conversations,
        }
    }
}

/// Every label, by name (never paged: `next_cursor` is always null).
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelList {
    pub data: Vec<Label>,
    pub next_cursor: Option<String>,
}

/// A new label.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLabel {
    pub name: String,
    /// A palette colour (see `Label.color`); default `slate`.
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// What to change on a label; fields left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelPatch {
    pub name: Option<String>,
    pub color: Option<String>,
    pub description: Option<String>,
}

/// What deleting a label did.
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelRemoved {
    /// How many conversations carried the label (it was taken off all of them).
    pub removed_from: u64,
}

/// Lists every label with how many conversations carry it.
#[utoipa::path(
    get,
    path = "/labels",
    tag = "desk",
    responses(
        (status = 200, description = "Every label, by name", body = LabelList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is no longer a supervisor or admin", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_labels(caller: Caller) -> Result<Json<LabelList>, ApiError> {
    caller.need(Scope::Read)?;
    let labels = desk_actions::label_definitions(caller.state(), &caller.asker.user).await?;
    Ok(Json(LabelList {
        data: labels.into_iter().map(Label::of).collect(),
        next_cursor: no_cursor(),
    }))
}

/// The label as listed, after a change.
async fn label(caller: &Caller, id: i64) -> Result<Label, ApiError> {
    desk_actions::label_definitions(caller.state(), &caller.asker.user)
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .map(Label::of)
        .ok_or_else(ApiError::not_found)
}

/// Creates a label.
#[utoipa::path(
    post,
    path = "/labels",
    tag = "desk",
    request_body = NewLabel,
    responses(
        (status = 201, description = "The label", body = Label),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is not admin", body = ErrorBody),
        (status = 409, description = "`name_taken`: another label has this name (ignoring case)", body = ErrorBody),
        (status = 422, description = "An empty or too long name, an unknown colour, a too long description, or a body that is not this shape", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn create_label(
    caller: Caller,
    Body(new): Body<NewLabel>,
) -> Result<(StatusCode, Json<Label>), ApiError> {
    caller.need(Scope::Admin)?;
    let created = desk_actions::create_label(
        caller.state(),
        &caller.asker.user,
        &new.name,
        new.color
            .as_deref()
            .unwrap_or(app::domain::labels::DEFAULT_COLOR),
        new.description.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(label(&caller, created.id).await?)))
}

/// Renames, recolours or redescribes a label.
#[utoipa::path(
    patch,
    path = "/labels/{id}",
    tag = "desk",
    params(("id" = i64, Path, description = "The label's id")),
    request_body = LabelPatch,
    responses(
        (status = 200, description = "The label, changed", body = Label),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is not admin", body = ErrorBody),
        (status = 404, description = "No such label", body = ErrorBody),
        (status = 409, description = "`name_taken`: another label has this name (ignoring case)", body = ErrorBody),
        (status = 422, description = "An empty or too long name, an unknown colour, a too long description, or a body that is not this shape", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn update_label(
    caller: Caller,
    Id(id): Id<i64>,
    Body(patch): Body<LabelPatch>,
) -> Result<Json<Label>, ApiError> {
    caller.need(Scope::Admin)?;
    let current = label(&caller, id).await?;
    desk_actions::update_label(
        caller.state(),
        &caller.asker.user,
        id,
        patch.name.as_deref().unwrap_or(&current.name),
        patch.color.as_deref().unwrap_or(&current.color),
        patch.description.as_deref().unwrap_or(&current.description),
    )
    .await?;
    Ok(Json(label(&caller, id).await?))
}

/// Deletes a label and takes it off every conversation.
#[utoipa::path(
    delete,
    path = "/labels/{id}",
    tag = "desk",
    params(("id" = i64, Path, description = "The label's id")),
    responses(
        (status = 200, description = "Deleted", body = LabelRemoved),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is not admin", body = ErrorBody),
        (status = 404, description = "No such label", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was deleted", body = ErrorBody),
    )
)]
pub async fn delete_label(caller: Caller, Id(id): Id<i64>) -> Result<Json<LabelRemoved>, ApiError> {
    caller.need(Scope::Admin)?;
    let removed_from = desk_actions::delete_label(caller.state(), &caller.asker.user, id).await?;
    Ok(Json(LabelRemoved { removed_from }))
}
