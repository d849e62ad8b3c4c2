//! Conversations: list them with filters, read one, and do what an agent does in the
//! console — resolve, reopen, snooze, assign, take, hand back to the bot, label. Each action
//! calls the console's own logic (`app::ssr::conversation_actions`) as the token's owner,
//! and answers the conversation as it is afterwards.

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::extract::{Body, Id, Params};
use super::types::{next_cursor, Conversation, ConversationPage, PageParams};
use crate::http::AppState;
use app::domain::inbox::ConversationStatus;
use app::domain::integrations::tokens::Scope;
use app::domain::validation::{Field, Problem};
use app::error::AppError;
use app::ssr::conversation_actions as actions;
use app::ssr::ConversationQuery;
use axum::Json;
use serde::{Deserialize, Deserializer};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(
            list_conversations,
            super::outreach::start_conversation
        ))
        .routes(utoipa_axum::routes!(get_conversation))
        .routes(utoipa_axum::routes!(change_status))
        .routes(utoipa_axum::routes!(assign))
        .routes(utoipa_axum::routes!(take))
        .routes(utoipa_axum::routes!(return_to_bot))
        .routes(utoipa_axum::routes!(add_label))
        .routes(utoipa_axum::routes!(remove_label))
}

/// A conversation's status, as filters name it.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StatusName {
    Bot,
    Open,
    Snoozed,
    Resolved,
}

impl StatusName {
    fn status(self) -> ConversationStatus {
        match self {
            StatusName::Bot => ConversationStatus::Bot,
            StatusName::Open => ConversationStatus::Open,
            StatusName::Snoozed => ConversationStatus::Snoozed,
            StatusName::Resolved => ConversationStatus::Resolved,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConversationFilter {
    /// Only conversations in this status.
    #[param(inline)]
    pub status: Option<StatusName>,
    /// Only those assigned to this user id, or `unassigned`.
    #[param(pattern = "^([0-9]{1,18}|unassigned)$")]
    pub assignee_id: Option<String>,
    /// Only those carrying the label with this name (case-insensitive). An unknown name
    /// matches nothing.
    pub label: Option<String>,
    /// Only this contact's conversations.
    pub contact_id: Option<i64>,
}

/// `Some(None)` for unassigned.
fn assignee_filter(raw: Option<&str>) -> Result<Option<Option<i64>>, ApiError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some("unassigned") => Ok(Some(None)),
        Some(id) => id
            .parse::<i64>()
            .map(|id| Some(Some(id)))
            .map_err(|_| ApiError::unreadable("assignee_id must be a user id or \"unassigned\".")),
    }
}

/// The conversation as it is now (after an action).
async fn current(caller: &Caller, id: i64) -> Result<Json<Conversation>, ApiError> {
    let row = caller
        .state()
        .store
        .conversation_row(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(Conversation::of(&row, caller.asker.numbers)))
}

/// Lists conversations, newest first; filters combine.
///
/// A token whose owner is no longer a supervisor or admin sees what that agent would see in
/// the console; pages may then come back shorter than `limit` (follow `next_cursor` to the
/// end).
#[utoipa::path(
    get,
    path = "/conversations",
    tag = "conversations",
    params(ConversationFilter, PageParams),
    responses(
        (status = 200, description = "A page of conversations", body = ConversationPage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "An unknown status, a bad assignee_id, limit or cursor", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_conversations(
    caller: Caller,
    Params(filter): Params<ConversationFilter>,
    Params(page): Params<PageParams>,
) -> Result<Json<ConversationPage>, ApiError> {
    caller.need(Scope::Read)?;
    let limit = page.limit()?;
    let before_id = page.cursor()?;
    let assignee = assignee_filter(filter.assignee_id.as_deref())?;
    let store = &caller.state().store;
    let label_id = match filter.label.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => {
            let wanted = name.to_lowercase();
            let found = store
                .labels()
                .await?
                .into_iter()
                .find(|l| l.name.to_lowercase() == wanted);
            match found {
                Some(label) => Some(label.id),
                None => {
                    return Ok(Json(ConversationPage {
                        data: Vec::new(),
                        next_cursor: None,
                    }))
                }
            }
        }
    };
    let rows = store
        .conversations_page(&ConversationQuery {
            status: filter.status.map(StatusName::status),
            assignee,
            label_id,
            contact_id: filter.contact_id,
            before_id,
            limit,
        })
        .await?;
    // The cursor follows the store's page, so a page thinned by visibility still leads on.
    let next = next_cursor(rows.last().map(|r| r.conversation.id), rows.len(), limit);
    let asker = &caller.asker;
    Ok(Json(ConversationPage {
        data: rows
            .iter()
            .filter(|r| asker.may_see(r.conversation.assignee_id))
            .map(|row| Conversation::of(row, caller.asker.numbers))
            .collect(),
        next_cursor: next,
    }))
}

/// Reads one conversation.
#[utoipa::path(
    get,
    path = "/conversations/{id}",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner may not see it (an agent's token)", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn get_conversation(
    caller: Caller,
    Id(id): Id<i64>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Read)?;
    let conversation = caller.asker.conversation(id).await?;
    current(&caller, conversation.id).await
}

/// The statuses an agent moves a conversation to (back to the bot: `return-to-bot`).
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TargetStatus {
    Open,
    Resolved,
    Snoozed,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// `open` reopens (or wakes), `resolved` resolves, `snoozed` puts it aside.
    pub status: TargetStatus,
    /// With `snoozed` only: when it wakes (RFC 3339, at least a minute ahead, within a
    /// year). Left out: when the customer next writes.
    pub snoozed_until: Option<String>,
}

fn snooze_time(raw: &str) -> Result<i64, AppError> {
    chrono::DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| AppError::invalid((Field::SnoozeUntil, Problem::Malformed)))
}

/// Resolves, reopens or snoozes the conversation.
///
/// Reopening an old conversation while the customer has a newer unresolved one is refused
/// with `409 already_open`.
#[utoipa::path(
    post,
    path = "/conversations/{id}/status",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "The conversation, changed", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or its owner may not see it", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 409, description = "already_open: the customer has another unresolved conversation", body = ErrorBody),
        (status = 422, description = "An unknown status, a bad snoozed_until, or snoozed_until without snoozed", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn change_status(
    caller: Caller,
    Id(id): Id<i64>,
    Body(change): Body<StatusChange>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    match (change.status, change.snoozed_until.as_deref()) {
        (TargetStatus::Snoozed, until) => {
            let until = until.map(snooze_time).transpose()?;
            actions::snooze(&caller.asker, id, until).await?
        }
        (_, Some(_)) => {
            return Err(ApiError::unreadable(
                "snoozed_until goes only with \"status\": \"snoozed\".",
            ))
        }
        (TargetStatus::Open, None) => actions::resolve(&caller.asker, id, false).await?,
        (TargetStatus::Resolved, None) => actions::resolve(&caller.asker, id, true).await?,
    }
    current(&caller, id).await
}

/// A field that must be present but may be `null`.
fn required_nullable<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Option::<i64>::deserialize(d)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The user to give it to, or `null` for the queue.
    #[serde(deserialize_with = "required_nullable")]
    #[schema(required = true)]
    pub assignee_id: Option<i64>,
    /// Give it even to someone already at their capacity (only for a token whose owner is
    /// a supervisor or admin). Without it, that is `409 at_capacity`.
    #[serde(default)]
    pub over_capacity: bool,
}

/// Assigns the conversation to a user, or returns it to the queue (`null`).
///
/// A conversation with the bot or snoozed opens when given to someone. An unknown or
/// disabled user is `404`, as in the console.
#[utoipa::path(
    post,
    path = "/conversations/{id}/assign",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = Assignment,
    responses(
        (status = 200, description = "The conversation, assigned", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or its owner may not assign it", body = ErrorBody),
        (status = 404, description = "No such conversation, or no such enabled user", body = ErrorBody),
        (status = 409, description = "at_capacity: the user has as many open conversations as their capacity; already_open", body = ErrorBody),
        (status = 422, description = "A body that is not this shape", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn assign(
    caller: Caller,
    Id(id): Id<i64>,
    Body(assignment): Body<Assignment>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    actions::assign(
        &caller.asker,
        id,
        assignment.assignee_id,
        assignment.over_capacity,
    )
    .await?;
    current(&caller, id).await
}

/// The token's owner takes the conversation, as Take in the console.
///
/// Atomic: when someone else takes it at the same moment, one of you gets it and the other
/// is told `409 already_taken`. A resolved conversation is reopened first.
#[utoipa::path(
    post,
    path = "/conversations/{id}/take",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation, assigned to the token's owner", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or its owner may not see it", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 409, description = "already_taken: someone else has it; already_open", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn take(caller: Caller, Id(id): Id<i64>) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    actions::take(&caller.asker, id).await?;
    current(&caller, id).await
}

/// Hands the conversation back to the bot: unassigned, and the bot answers the customer's
/// next message. Only an open or snoozed conversation, and only while the bot is on.
#[utoipa::path(
    post,
    path = "/conversations/{id}/return-to-bot",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation, with the bot", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or the conversation is not open or snoozed (or not its owner's)", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 409, description = "bot_off: the bot is switched off", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn return_to_bot(
    caller: Caller,
    Id(id): Id<i64>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    actions::return_to_bot(&caller.asker, id).await?;
    current(&caller, id).await
}

/// The label to put on: by name (case-insensitive) or by id, one of the two.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelChoice {
    pub label: Option<String>,
    pub label_id: Option<i64>,
}

/// Puts a label on the conversation (nothing changes if it already carries it).
///
/// A label that does not exist is `422` (the conversation exists; the body names nothing):
/// create labels first with `POST /labels` (admin scope), or list them with `GET /labels`.
#[utoipa::path(
    post,
    path = "/conversations/{id}/labels",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = LabelChoice,
    responses(
        (status = 200, description = "The conversation, labelled", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or its owner may not see it", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 422, description = "No such label, or neither or both of label and label_id", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn add_label(
    caller: Caller,
    Id(id): Id<i64>,
    Body(choice): Body<LabelChoice>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    let labels = caller.state().store.labels().await?;
    let found = match (choice.label.as_deref().map(str::trim), choice.label_id) {
        (Some(name), None) => {
            let wanted = name.to_lowercase();
            labels.iter().find(|l| l.name.to_lowercase() == wanted)
        }
        (None, Some(label_id)) => labels.iter().find(|l| l.id == label_id),
        _ => {
            return Err(ApiError::unreadable(
                "Name the label with either \"label\" (its name) or \"label_id\".",
            ))
        }
    };
    // The conversation is checked first: an unknown conversation is 404 whatever the body.
    caller.asker.conversation(id).await?;
    let label = found
        .ok_or_else(|| ApiError::unreadable("There is no such label: GET /labels lists them."))?;
    actions::set_label(&caller.asker, id, label.id, true).await?;
    current(&caller, id).await
}

/// Takes a label off the conversation (nothing changes if it does not carry it).
#[utoipa::path(
    delete,
    path = "/conversations/{id}/labels/{label_id}",
    tag = "conversations",
    params(
        ("id" = i64, Path, description = "The conversation's id"),
        ("label_id" = i64, Path, description = "The label's id"),
    ),
    responses(
        (status = 200, description = "The conversation, without the label", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or its owner may not see it", body = ErrorBody),
        (status = 404, description = "No such conversation or label", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn remove_label(
    caller: Caller,
    Id((id, label_id)): Id<(i64, i64)>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    actions::set_label(&caller.asker, id, label_id, false).await?;
    current(&caller, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignee_filter_reads_ids_and_unassigned() {
        assert_eq!(assignee_filter(None).unwrap(), None);
        assert_eq!(assignee_filter(Some("")).unwrap(), None);
        assert_eq!(assignee_filter(Some("unassigned")).unwrap(), Some(None));
        assert_eq!(assignee_filter(Some("42")).unwrap(), Some(Some(42)));
        assert_eq!(assignee_filter(Some("nobody")).unwrap_err().status, 422);
    }

    #[test]
    fn snooze_times_are_rfc3339() {
        assert_eq!(snooze_time("1970-01-01T00:00:01Z").unwrap(), 1000);
        assert_eq!(snooze_time("1970-01-01T01:00:01+01:00").unwrap(), 1000);
        assert!(snooze_time("tomorrow").is_err());
    }
}
