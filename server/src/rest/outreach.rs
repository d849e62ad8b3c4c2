//! `POST /conversations`: the desk writes first, to a contact or a phone number, with the
//! same rules as the console's "New conversation" (`app::ssr::outreach::start`): the message
//! is checked (window, template, consent) before anything is stored.

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::extract::Body;
use super::messages::{inline_file, template_values, TemplateMessage, TextMessage};
use super::types::{Conversation, Message};
use crate::http::{upload, AppState};
use app::domain::integrations::tokens::Scope;
use app::domain::template_form::header_media_kind;
use app::ssr::{outreach, send};
use app::wire::outreach::{FirstMessage, Recipient};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The first message: text (only inside the customer's 24-hour window, so never to a new
/// number) or an approved template.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FirstApiMessage {
    Text(TextMessage),
    Template(TemplateMessage),
}

/// Whom to write to — a contact by id, or a phone number — and what.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConversation {
    /// A known contact.
    pub contact_id: Option<i64>,
    /// Or a phone number, as people write it (`+34 600 000 001`, `011 5555-0101`).
    pub phone: Option<String>,
    /// The country (ISO code, e.g. `AR`) a number without `+` belongs to; the business's
    /// country when left out.
    pub country: Option<String>,
    pub message: FirstApiMessage,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StartedConversation {
    /// False when the customer already had an unresolved conversation, which was written to.
    pub created: bool,
    pub conversation: Conversation,
    pub message: Message,
}

/// Starts a conversation: the desk writes first.
///
/// Exactly one of `contact_id` and `phone`. The conversation is assigned to the token's owner
/// or left in the queue, as the team chose for new conversations (Settings → Team).
#[utoipa::path(
    post,
    path = "/conversations",
    tag = "conversations",
    request_body = NewConversation,
    responses(
        (status = 201, description = "The conversation and its first message, queued", body = StartedConversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, or the customer's open conversation is someone else's", body = ErrorBody),
        (status = 404, description = "No such contact", body = ErrorBody),
        (status = 409, description = "window_closed (text to a customer outside their window, or a new number), template_unavailable, marketing_opted_out, marketing_needs_opt_in", body = ErrorBody),
        (status = 422, description = "Neither or both of contact_id and phone, a number that is not a valid phone number, a missing template value", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was sent", body = ErrorBody),
    )
)]
pub async fn start_conversation(
    caller: Caller,
    axum::extract::State(state): axum::extract::State<AppState>,
    Body(new): Body<NewConversation>,
) -> Result<(StatusCode, Json<StartedConversation>), ApiError> {
    caller.need(Scope::Write)?;
    let asker = &caller.asker;
    let to = match (new.contact_id, new.phone) {
        (Some(id), None) => Recipient::Contact { id },
        (None, Some(number)) => Recipient::Phone {
            number,
            country: match new.country {
                Some(c) => c.trim().to_uppercase(),
                None => outreach::business_country(&asker.state).await?,
            },
        },
        _ => {
            return Err(ApiError::unreadable(
                "Give exactly one of contact_id and phone.",
            ))
        }
    };
    let message = match new.message {
        FirstApiMessage::Text(m) => FirstMessage::Text { body: m.text },
        FirstApiMessage::Template(m) => {
            let template = send::approved(&asker.state, &m.name, &m.language).await?;
            let values = template_values(&template.content, &m)?;
            let upload_id = match (header_media_kind(&template.content), m.header_media) {
                (Some(_), Some(file)) => {
                    let file = inline_file(file)?;
                    Some(
                        upload::keep_header_file(&state, caller.user_id(), file)
                            .await?
                            .id,
                    )
                }
                (None, Some(_)) => {
                    return Err(ApiError::unreadable(
                        "This template has no media header: leave header_media out.",
                    ))
                }
                (_, None) => None,
            };
            FirstMessage::Template {
                meta_id: template.meta_id,
                values,
                upload_id,
            }
        }
    };
    let (started, queued) = outreach::start(asker, &to, &message).await?;
    let row = caller
        .state()
        .store
        .conversation_row(started.conversation_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((
        StatusCode::CREATED,
        Json(StartedConversation {
            created: started.created,
            conversation: Conversation::of(&row, caller.asker.numbers),
            message: Message::of(&queued),
        }),
    ))
}
