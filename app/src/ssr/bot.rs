//! Running the bot: one inbound message in a conversation that is the bot's becomes one turn
//! (`domain::bot::engine::respond`), written atomically by the store — unless an agent took
//! the conversation meanwhile, in which case the bot stays silent. When an admin chose the
//! external engine (`integrations::external_bot`) it is silent too: conversations still start
//! with the bot (while the bot is enabled on the Bot screen), and an external bot answers
//! them through the API (`external_bot`).

use super::state::ServerState;
use super::store::{BotTurnOutcome, BotTurnWrite, ContactKey, Direction, Store, StoreError};
use crate::domain::bot::engine::{respond, BotInput, Knowledge, TurnEnd};
use crate::domain::bot::{BotConfig, HandoffReason, BOT_ENABLED_SETTING, BOT_SETTING};
use crate::domain::inbox::ConversationStatus;
use crate::domain::outbound::validate;
use crate::domain::window::may_send;
use crate::error::AppError;

/// The saved configuration, or the defaults when there is none (or it cannot be read).
pub async fn config(store: &dyn Store) -> Result<BotConfig, StoreError> {
    let Some(json) = store.setting(BOT_SETTING).await? else {
        return Ok(BotConfig::default());
    };
    Ok(serde_json::from_str(&json).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "the bot's saved configuration cannot be read; using defaults");
        BotConfig::default()
    }))
}

/// Whether new conversations start with the bot.
pub async fn enabled(store: &dyn Store) -> Result<bool, StoreError> {
    Ok(store.setting(BOT_ENABLED_SETTING).await?.as_deref() == Some("true"))
}

/// What the bot did with a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Answered {
    /// Replies queued (their ids), and whether the bot's part ended.
    Replied { messages: Vec<i64>, ended: bool },
    /// Not the bot's conversation, not a customer's message, or nothing to say.
    NotForTheBot,
}

/// Times a turn is recomputed when another writer got there first.
const ATTEMPTS: usize = 3;

/// The bot's turn for inbound message `message_id`.
pub async fn answer(
    state: &ServerState,
    message_id: i64,
    now_ms: i64,
) -> Result<Answered, AppError> {
    let store = state.store.as_ref();
    let Some(message) = store.message(message_id).await? else {
        return Ok(Answered::NotForTheBot);
    };
    if message.direction != Direction::Inbound {
        return Ok(Answered::NotForTheBot);
    }
    let input = BotInput::from_body(&message.body);
    if input == BotInput::Ignored {
        return Ok(Answered::NotForTheBot);
    }
    // Most messages are in conversations people have: look before loading the knowledge.
    let with_bot = store
        .bot_conversation(message.conversation_id)
        .await?
        .is_some_and(|c| c.status == ConversationStatus::Bot);
    if !with_bot {
        return Ok(Answered::NotForTheBot);
    }
    // An external bot answers through the API (`external_bot`): this one keeps quiet.
    if super::integrations::external_bot(store).await? {
        return Ok(Answered::NotForTheBot);
    }
    let known = std::sync::Arc::new((
        config(store).await?,
        store.faq_entries().await?,
        store.products().await?,
    ));
    for _ in 0..ATTEMPTS {
        let Some(conversation) = store.bot_conversation(message.conversation_id).await? else {
            return Ok(Answered::NotForTheBot);
        };
        if conversation.status != ConversationStatus::Bot {
            return Ok(Answered::NotForTheBot);
        }
        let contact = store
            .contact(ContactKey::Id(conversation.contact_id))
            .await?
            .ok_or(AppError::NotFound)?;
        // The bot speaks the language the customer writes in (kept on the contact by ingest).
        let mut at = conversation.state.clone();
        at.language = contact.language.or(at.language);
        // Building the FAQ and catalog indexes is CPU work (tens of milliseconds for a large
        // catalog, see docs/benchmarks.md): off the async runtime.
        let (known_now, said) = (known.clone(), input.clone());
        let turn = tokio::task::spawn_blocking(move || {
            let (config, faq, products) = &*known_now;
            let knowledge = Knowledge {
                config,
                faq,
                products,
            };
            respond(knowledge, &at, &said, now_ms)
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the bot's turn panicked");
            AppError::Internal
        })?;
        // The bot answers messages just received, but a delivery WhatsApp retried for a day
        // may arrive after the window: then nothing free-form goes out and the conversation
        // goes to people, who can answer with a template.
        let window_open = may_send(true, contact.last_inbound_at_ms, now_ms).is_ok();
        let replies = turn
            .replies
            .into_iter()
            .filter(|_| window_open)
            .filter(|reply| match validate(reply) {
                Ok(()) => true,
                Err(problem) => {
                    tracing::warn!(%problem, "the bot built a message WhatsApp would refuse; left out");
                    false
                }
            })
            .collect();
        // Nothing may be said, so nobody would answer: people take it (with a template).
        let end = match (window_open, turn.end) {
            (false, None) => Some(TurnEnd::HandOff {
                reason: HandoffReason::WindowClosed,
            }),
            (_, end) => end,
        };
        let ended = end.is_some();
        let write = BotTurnWrite {
            conversation_id: conversation.id,
            answering: Some(message_id),
            expected_turn: conversation.turn,
            state: turn.state,
            replies,
            end,
        };
        match store.bot_turn(write, now_ms).await? {
            BotTurnOutcome::Written { messages } => {
                if !messages.is_empty() {
                    state.whatsapp.outbound_queued();
                }
                return Ok(Answered::Replied { messages, ended });
            }
            // Taken over, or another turn first: look again.
            BotTurnOutcome::Superseded => continue,
            BotTurnOutcome::AlreadyAnswered => return Ok(Answered::NotForTheBot),
        }
    }
    tracing::warn!(
        message_id,
        "the bot gave up a turn: the conversation kept changing"
    );
    Ok(Answered::NotForTheBot)
}
