//! An external bot driving the bot's conversations through the API instead of the built-in
//! one (Settings: bot engine `external`; the built-in bot then stays silent, see
//! `bot::answer`). It learns of customers' messages from the webhooks, answers with
//! [`say`] and gives the conversation to people with [`hand_off`]. Both are bot turns
//! written by the store exactly like the built-in bot's (`Store::bot_turn`): atomically, and
//! only while the conversation is still the bot's, so a bot never talks after a person took
//! over.

use super::console::Asker;
use super::send;
use super::store::{BotTurnOutcome, BotTurnWrite, MessageRecord};
use crate::domain::bot::engine::TurnEnd;
use crate::domain::bot::HandoffReason;
use crate::domain::inbox::ConversationStatus;
use crate::domain::outbound::Outbound;
use crate::error::{AppError, Conflict};

/// Times a turn is tried again when another turn was written between reading and writing.
const ATTEMPTS: usize = 3;

/// The bot's message `outbound` (already checked with `domain::outbound::validate`), stored
/// with sender `bot` and queued. The window and template rules apply as to anyone: outside
/// the window the bot may only send a template (or hand off, so a person can).
pub async fn say(
    asker: &Asker,
    conversation_id: i64,
    outbound: Outbound,
    now_ms: i64,
) -> Result<MessageRecord, AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    let contact = asker.contact(conversation.contact_id).await?;
    send::may_go_out(&asker.state, &contact, &outbound, now_ms).await?;
    let messages = turn(asker, conversation.id, vec![outbound], None, now_ms).await?;
    let id = messages.first().copied().ok_or(AppError::Internal)?;
    asker
        .state
        .store
        .message(id)
        .await?
        .ok_or(AppError::Internal)
}

/// Gives the conversation to people, as the built-in bot does: it opens, unassigned and
/// waiting, with a "handed off" line and `reason` counted in the bot's report.
pub async fn hand_off(
    asker: &Asker,
    conversation_id: i64,
    reason: HandoffReason,
    now_ms: i64,
) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    let end = Some(TurnEnd::HandOff { reason });
    turn(asker, conversation.id, Vec::new(), end, now_ms).await?;
    Ok(())
}

/// Writes one turn while the conversation is the bot's; 409 `not_with_bot` otherwise.
async fn turn(
    asker: &Asker,
    conversation_id: i64,
    replies: Vec<Outbound>,
    end: Option<TurnEnd>,
    now_ms: i64,
) -> Result<Vec<i64>, AppError> {
    let store = &asker.state.store;
    for _ in 0..ATTEMPTS {
        let with_bot = store
            .bot_conversation(conversation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if with_bot.status != ConversationStatus::Bot {
            return Err(AppError::Conflict {
                conflict: Conflict::NotWithBot,
            });
        }
        let write = BotTurnWrite {
            answering: None,
            conversation_id,
            expected_turn: with_bot.turn,
            // The built-in bot's memory is left as it was: it resumes from there if the
            // engine is switched back.
            state: with_bot.state,
            replies: replies.clone(),
            end,
        };
        match store.bot_turn(write, now_ms).await? {
            BotTurnOutcome::Written { messages } => {
                if !messages.is_empty() {
                    asker.state.whatsapp.outbound_queued();
                }
                return Ok(messages);
            }
            // Another turn, or a person, came first: look again.
            BotTurnOutcome::Superseded | BotTurnOutcome::AlreadyAnswered => continue,
        }
    }
    tracing::warn!(
        conversation_id,
        "an external bot's turn gave up: the conversation kept changing"
    );
    Err(AppError::Unavailable)
}
