//! An external bot instead of the built-in one. An admin enables the bot (Bot screen: new
//! conversations start with it) and picks the `external` engine (`PUT /bot/engine`); the
//! built-in bot then stays silent. The external bot hears of customers' messages through the
//! outgoing webhooks, answers with `POST /conversations/{id}/bot/messages` and hands the
//! conversation to people with `POST /conversations/{id}/handoff` — both only while the
//! conversation is with the bot (`status: bot`), written as bot turns exactly like the
//! built-in bot's (`app::ssr::external_bot`).

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::extract::{Body, Id};
use super::messages::{template_values, text_outbound, InteractiveMessage, ListMessage};
use super::types::{Conversation, Message};
use crate::http::AppState;
use app::domain::bot::HandoffReason;
use app::domain::integrations::tokens::Scope;
use app::ssr::{external_bot, integrations, message_actions, now_ms, send};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(get_engine, set_engine))
        .routes(utoipa_axum::routes!(bot_says))
        .routes(utoipa_axum::routes!(hand_off))
}

/// Who answers conversations with the bot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum EngineName {
    /// The built-in bot (menu, FAQ, catalog) configured on the Bot screen.
    Builtin,
    /// An external bot, through this API; the built-in one stays silent.
    External,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    pub engine: EngineName,
}

async fn engine(caller: &Caller) -> Result<Json<Engine>, ApiError> {
    let external = integrations::external_bot(caller.state().store.as_ref()).await?;
    Ok(Json(Engine {
        engine: if external {
            EngineName::External
        } else {
            EngineName::Builtin
        },
    }))
}

/// Which bot answers conversations with the bot.
#[utoipa::path(
    get,
    path = "/bot/engine",
    tag = "bot",
    responses(
        (status = 200, description = "The engine", body = Engine),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn get_engine(caller: Caller) -> Result<Json<Engine>, ApiError> {
    caller.need(Scope::Read)?;
    engine(&caller).await
}

/// Chooses the bot that answers conversations with the bot (admin scope).
///
/// Conversations start with the bot only while the bot is enabled (Bot screen); this only
/// says which bot answers them.
#[utoipa::path(
    put,
    path = "/bot/engine",
    tag = "bot",
    request_body = Engine,
    responses(
        (status = 200, description = "The engine, changed", body = Engine),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is not admin", body = ErrorBody),
        (status = 422, description = "An unknown engine", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn set_engine(
    caller: Caller,
    Body(wanted): Body<Engine>,
) -> Result<Json<Engine>, ApiError> {
    caller.need(Scope::Admin)?;
    let external = wanted.engine == EngineName::External;
    integrations::set_external_bot(caller.state().store.as_ref(), external, now_ms()).await?;
    engine(&caller).await
}

/// What an external bot says, by `type`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BotMessage {
    /// Free-form text (inside the customer's window).
    Text(BotText),
    /// Text with up to three reply buttons.
    Interactive(InteractiveMessage),
    /// Text with a button that opens a list of options.
    List(ListMessage),
    /// An approved template (also outside the window); templates with a media header are
    /// not available to bots.
    Template(super::messages::TemplateMessage),
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BotText {
    /// Up to 4,096 characters.
    pub text: String,
}

/// The bot answers the customer.
///
/// Stored with `sender_type: bot` and queued like every message. Only while the conversation
/// is with the bot: once it went to people (a handoff, an agent took it) `409 not_with_bot`,
/// and nothing is stored.
#[utoipa::path(
    post,
    path = "/conversations/{id}/bot/messages",
    tag = "bot",
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = BotMessage,
    responses(
        (status = 201, description = "Stored and queued", body = Message),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 409, description = "not_with_bot, window_closed (free-form outside the 24-hour window), template_unavailable, marketing_opted_out", body = ErrorBody),
        (status = 422, description = "An unknown type, a missing or bad field, a value breaking WhatsApp's limits, or a template value missing", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was sent", body = ErrorBody),
    )
)]
pub async fn bot_says(
    caller: Caller,
    Id(id): Id<i64>,
    Body(message): Body<BotMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    caller.need(Scope::Write)?;
    let asker = &caller.asker;
    let outbound = match message {
        BotMessage::Text(m) => text_outbound(m.text)?,
        BotMessage::Interactive(m) => m.outbound()?,
        BotMessage::List(m) => m.outbound()?,
        BotMessage::Template(m) => {
            if m.header_media.is_some() {
                return Err(ApiError::unreadable(
                    "A bot cannot send a template with a media header.",
                ));
            }
            let template = send::approved(&asker.state, &m.name, &m.language).await?;
            let values = template_values(&template.content, &m)?;
            message_actions::template_outbound(&template, &values, None)?
        }
    };
    let stored = external_bot::say(asker, id, outbound, now_ms()).await?;
    Ok((StatusCode::CREATED, Json(Message::of(&stored))))
}

/// Why the bot hands a conversation to people (counted in the bot's report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The customer asked for a person.
    Asked,
    /// The customer chose an option that hands off.
    Button,
    /// The bot did not understand the customer.
    Misunderstood,
    /// A message the bot cannot handle (media…).
    Media,
    /// The bot is being switched off.
    BotDisabled,
    /// The customer's window closed: a person can answer with a template.
    WindowClosed,
}

impl Reason {
    fn domain(self) -> HandoffReason {
        match self {
            Reason::Asked => HandoffReason::Asked,
            Reason::Button => HandoffReason::Button,
            Reason::Misunderstood => HandoffReason::Misunderstood,
            Reason::Media => HandoffReason::Media,
            Reason::BotDisabled => HandoffReason::BotDisabled,
            Reason::WindowClosed => HandoffReason::WindowClosed,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    /// Why; `asked` when left out.
    pub reason: Option<Reason>,
}

/// The bot gives the conversation to people.
///
/// As when the built-in bot hands off: the conversation opens, unassigned and waiting in the
/// queue, with a "handed off" line in the thread. Only while it is with the bot: otherwise
/// `409 not_with_bot`.
#[utoipa::path(
    post,
    path = "/conversations/{id}/handoff",
    tag = "bot",
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = Handoff,
    responses(
        (status = 200, description = "The conversation, now with people", body = Conversation),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 409, description = "not_with_bot: the conversation is not with the bot", body = ErrorBody),
        (status = 422, description = "An unknown reason", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn hand_off(
    caller: Caller,
    Id(id): Id<i64>,
    Body(handoff): Body<Handoff>,
) -> Result<Json<Conversation>, ApiError> {
    caller.need(Scope::Write)?;
    let reason = handoff.reason.unwrap_or(Reason::Asked).domain();
    external_bot::hand_off(&caller.asker, id, reason, now_ms()).await?;
    let row = caller
        .state()
        .store
        .conversation_row(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(Conversation::of(&row, caller.asker.numbers)))
}

#[cfg(test)]
mod tests {
    use super::Reason;
    use app::domain::bot::HandoffReason;

    #[test]
    fn reasons_are_the_domains_names() {
        for reason in HandoffReason::ALL {
            let named: Reason =
                serde_json::from_value(serde_json::json!(reason.as_str())).expect("known");
            assert_eq!(named.domain(), reason);
        }
    }
}
