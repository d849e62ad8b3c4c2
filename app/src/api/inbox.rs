//! The agent console: the conversation list, a conversation's thread, replies, notes,
//! assignment and the contact panel. Every function checks who asks and what they may see
//! (`domain::inbox::Viewer`), the same rule the websocket applies to every event.

use crate::error::AppError;
use crate::wire::inbox::{
    Colleague, ConversationDetail, ConversationSummary, Cursor, InboxCounts, InboxFilter,
    InboxPage, LabelView, MessageView, ThreadPage,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Rows per list page.
pub const LIST_PAGE: u32 = 40;

#[server(prefix = "/api", endpoint = "inbox/list", input = Json)]
pub async fn list_conversations(
    filter: InboxFilter,
    after: Option<Cursor>,
) -> Result<InboxPage, AppError> {
    use crate::ssr::{console, state::respond, InboxQuery};
    respond(
        async {
            let asker = console::asker().await?;
            if let Some(search) = &filter.search {
                if search.chars().count() > 200 {
                    return Err(AppError::invalid((
                        crate::domain::validation::Field::Message,
                        crate::domain::validation::Problem::TooLong { max: 200 },
                    )));
                }
            }
            let rows = asker
                .state
                .store
                .inbox(&InboxQuery {
                    filter: filter.clone(),
                    me: asker.user.id,
                    restricted: asker.viewer.restricted(asker.policy),
                    after,
                    limit: LIST_PAGE,
                    now_ms: crate::ssr::now_ms(),
                    warning_ms: console::warning_ms(&asker.state).await?,
                })
                .await?;
            let next = (rows.len() == LIST_PAGE as usize)
                .then(|| rows.last().map(|r| cursor_of(r, &filter)))
                .flatten();
            Ok(InboxPage { rows, next })
        }
        .await,
    )
}

/// The sort key of a row in its view (see the store's ordering; ascending when
/// `filter.ascending()`).
pub fn cursor_of(row: &ConversationSummary, filter: &InboxFilter) -> Cursor {
    let key = if filter.closing_first() {
        row.last_inbound_at_ms.unwrap_or(0)
    } else if filter.view.oldest_wait_first() {
        row.waiting_since_ms.unwrap_or(row.last_message_at_ms)
    } else {
        row.last_message_at_ms
    };
    Cursor { key, id: row.id }
}

#[server(prefix = "/api", endpoint = "inbox/counts")]
pub async fn view_counts() -> Result<InboxCounts, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            Ok(asker
                .state
                .store
                .inbox_counts(asker.user.id, asker.viewer.restricted(asker.policy))
                .await?)
        }
        .await,
    )
}

/// Opens a conversation: everything the screen shows. Marks the customer's messages read
/// (on WhatsApp too, when the team setting says so).
#[server(prefix = "/api", endpoint = "inbox/open")]
pub async fn open_conversation(id: i64) -> Result<ConversationDetail, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(id).await?;
            if let Some(wamid) = asker.state.store.mark_read(id).await? {
                if console::read_receipts(&asker.state).await? {
                    asker.state.whatsapp.mark_read(wamid);
                }
            }
            asker.detail(&conversation).await
        }
        .await,
    )
}

/// The agent is looking at the conversation while the customer writes: mark it read again.
#[server(prefix = "/api", endpoint = "inbox/read")]
pub async fn mark_read(conversation_id: i64) -> Result<(), AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            if let Some(wamid) = asker.state.store.mark_read(conversation.id).await? {
                if console::read_receipts(&asker.state).await? {
                    asker.state.whatsapp.mark_read(wamid);
                }
            }
            Ok(())
        }
        .await,
    )
}

/// Older messages of the conversation's contact, before message `before_id`.
#[server(prefix = "/api", endpoint = "inbox/older")]
pub async fn older_messages(conversation_id: i64, before_id: i64) -> Result<ThreadPage, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            asker.thread(conversation.contact_id, Some(before_id)).await
        }
        .await,
    )
}

/// A text reply. Stored as pending at once and sent by the outbound worker.
#[server(prefix = "/api", endpoint = "inbox/send")]
pub async fn send_text(
    conversation_id: i64,
    text: String,
    reply_to: Option<i64>,
    echo_id: Option<String>,
) -> Result<MessageView, AppError> {
    use crate::domain::outbound::Outbound;
    use crate::domain::validation;
    use crate::ssr::{console, now_ms, send, state::respond, NewOutbound};
    respond(
        async {
            let asker = console::asker().await?;
            let text = validation::message_text(&text)?.to_string();
            let conversation = asker.conversation(conversation_id).await?;
            let reply_to = asker.quoted(conversation.contact_id, reply_to).await?;
            let message = send::queue(
                &asker.state,
                NewOutbound {
                    conversation_id: conversation.id,
                    outbound: Outbound::Text {
                        body: text,
                        preview_url: false,
                    },
                    sender_user_id: Some(asker.user.id),
                    reply_to,
                    echo_id: echo_id.map(clip_echo),
                },
                now_ms(),
            )
            .await?;
            Ok(message.view())
        }
        .await,
    )
}

/// Echo ids are the browser's; keep them short.
pub fn clip_echo(echo: String) -> String {
    echo.chars().take(64).collect()
}

/// A private note for colleagues; never sent to WhatsApp.
#[server(prefix = "/api", endpoint = "inbox/note")]
pub async fn send_note(
    conversation_id: i64,
    text: String,
    echo_id: Option<String>,
) -> Result<MessageView, AppError> {
    use crate::domain::validation;
    use crate::ssr::{console, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let text = validation::message_text(&text)?.to_string();
            let conversation = asker.conversation(conversation_id).await?;
            let message = asker
                .state
                .store
                .insert_note(
                    conversation.id,
                    asker.user.id,
                    &text,
                    echo_id.map(clip_echo),
                    now_ms(),
                )
                .await?;
            Ok(message.view())
        }
        .await,
    )
}

/// Sends a failed message again, as a new message (the failed one stays, with its error).
#[server(prefix = "/api", endpoint = "inbox/retry")]
pub async fn retry_message(message_id: i64) -> Result<MessageView, AppError> {
    use crate::domain::message::DeliveryStatus;
    use crate::ssr::{console, now_ms, send, state::respond, NewOutbound};
    respond(
        async {
            let asker = console::asker().await?;
            let failed = asker
                .state
                .store
                .message(message_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if failed.status != Some(DeliveryStatus::Failed) {
                return Err(AppError::Conflict {
                    conflict: crate::error::Conflict::NotFailed,
                });
            }
            let outbound = failed.body.to_outbound().ok_or(AppError::NotFound)?;
            let conversation = asker.conversation(failed.conversation_id).await?;
            let message = send::queue(
                &asker.state,
                NewOutbound {
                    conversation_id: conversation.id,
                    outbound,
                    sender_user_id: Some(asker.user.id),
                    reply_to: failed.context.quoted_wamid.clone(),
                    echo_id: None,
                },
                now_ms(),
            )
            .await?;
            Ok(message.view())
        }
        .await,
    )
}

/// Takes the conversation (`mine = true`: atomic — when colleagues press Take at the same
/// moment exactly one gets it and the others are told who) or gives it back to the queue.
#[server(prefix = "/api", endpoint = "inbox/assign-me")]
pub async fn assign_to_me(conversation_id: i64, mine: bool) -> Result<(), AppError> {
    use crate::domain::inbox::ConversationStatus;
    use crate::ssr::{console, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            let me = asker.user.id;
            if mine {
                if conversation.assignee_id == Some(me) {
                    return Ok(());
                }
                // A resolved conversation is reopened first, then taken like any other.
                if conversation.status() == ConversationStatus::Resolved {
                    move_status(&asker, &conversation, ConversationStatus::Open).await?;
                }
                console::claim(&asker.state, conversation.id, me).await
            } else {
                if !crate::domain::assignment::may_assign(
                    asker.viewer,
                    conversation.assignee_id,
                    None,
                ) {
                    return Err(AppError::Forbidden);
                }
                asker
                    .state
                    .store
                    .assign(conversation.id, None, Some(me), now_ms())
                    .await?;
                Ok(())
            }
        }
        .await,
    )
}

/// Hands the conversation back to the bot: unassigned, and the bot answers the customer's
/// next message (with its greeting and menu). Only while the bot is on.
#[server(prefix = "/api", endpoint = "inbox/return-to-bot")]
pub async fn return_to_bot(conversation_id: i64) -> Result<(), AppError> {
    use crate::domain::assignment::may_return_to_bot;
    use crate::error::Conflict;
    use crate::ssr::{console, now_ms, state::respond, StoreError};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            if !crate::ssr::bot::enabled(asker.state.store.as_ref()).await? {
                return Err(AppError::Conflict {
                    conflict: Conflict::BotOff,
                });
            }
            if !may_return_to_bot(
                asker.viewer,
                conversation.assignee_id,
                conversation.status(),
            ) {
                return Err(AppError::Forbidden);
            }
            match asker
                .state
                .store
                .return_to_bot(conversation.id, Some(asker.user.id), now_ms())
                .await
            {
                Ok(_) => Ok(()),
                Err(StoreError::Duplicate) => Err(AppError::Forbidden),
                Err(e) => Err(e.into()),
            }
        }
        .await,
    )
}

/// Gives the conversation to a colleague (`assignee`) or back to the queue (`None`).
/// Supervisors assign any conversation; agents hand on their own, to a colleague with room.
#[server(prefix = "/api", endpoint = "inbox/assign")]
pub async fn assign_conversation(
    conversation_id: i64,
    assignee: Option<i64>,
) -> Result<(), AppError> {
    use crate::domain::assignment::may_assign;
    use crate::domain::roles::Role;
    use crate::ssr::{console, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            if !may_assign(asker.viewer, conversation.assignee_id, assignee) {
                return Err(AppError::Forbidden);
            }
            let store = &asker.state.store;
            if let Some(to) = assignee {
                let load = store
                    .agent_loads()
                    .await?
                    .into_iter()
                    .find(|a| a.user_id == to)
                    .ok_or(AppError::NotFound)?;
                // Supervisors may knowingly go over someone's capacity; agents may not.
                let full = load.open >= load.capacity && conversation.assignee_id != Some(to);
                if full && !asker.user.role.at_least(Role::Supervisor) {
                    return Err(AppError::AtCapacity {
                        name: load.name,
                        capacity: load.capacity,
                    });
                }
            }
            store
                .assign(conversation.id, assignee, Some(asker.user.id), now_ms())
                .await?;
            // Whoever is given a bot's or snoozed conversation handles it now.
            if assignee.is_some()
                && matches!(
                    conversation.status(),
                    crate::domain::inbox::ConversationStatus::Bot
                        | crate::domain::inbox::ConversationStatus::Snoozed
                )
            {
                move_status(
                    &asker,
                    &conversation,
                    crate::domain::inbox::ConversationStatus::Open,
                )
                .await?;
            }
            Ok(())
        }
        .await,
    )
}

/// Puts the conversation aside until `until_ms`, or until the customer writes (`None`).
#[server(prefix = "/api", endpoint = "inbox/snooze")]
pub async fn snooze_conversation(
    conversation_id: i64,
    until_ms: Option<i64>,
) -> Result<(), AppError> {
    use crate::domain::inbox::ConversationStatus;
    use crate::domain::validation::{Field, Problem};
    use crate::ssr::{console, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            if !crate::domain::assignment::snooze_ok(until_ms, now_ms()) {
                return Err(AppError::invalid((Field::SnoozeUntil, Problem::Malformed)));
            }
            match asker
                .state
                .store
                .set_conversation_status(
                    conversation.id,
                    ConversationStatus::Snoozed,
                    until_ms,
                    Some(asker.user.id),
                    now_ms(),
                )
                .await
            {
                Ok(_) => Ok(()),
                // An old, resolved conversation while the customer has a newer open one.
                Err(crate::ssr::StoreError::Duplicate) => Err(AppError::Conflict {
                    conflict: crate::error::Conflict::AlreadyOpen,
                }),
                Err(e) => Err(e.into()),
            }
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn move_status(
    asker: &crate::ssr::console::Asker,
    conversation: &crate::ssr::ConversationRecord,
    status: crate::domain::inbox::ConversationStatus,
) -> Result<(), AppError> {
    use crate::ssr::{now_ms, StoreError};
    match asker
        .state
        .store
        .set_conversation_status(conversation.id, status, None, Some(asker.user.id), now_ms())
        .await
    {
        Ok(_) => Ok(()),
        // Reopening an old conversation while the customer already has a newer open one.
        Err(StoreError::Duplicate) => Err(AppError::Conflict {
            conflict: crate::error::Conflict::AlreadyOpen,
        }),
        Err(e) => Err(e.into()),
    }
}

/// Resolves (`resolved = true`) or reopens the conversation.
#[server(prefix = "/api", endpoint = "inbox/resolve")]
pub async fn resolve_conversation(conversation_id: i64, resolved: bool) -> Result<(), AppError> {
    use crate::domain::inbox::ConversationStatus;
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            let status = if resolved {
                ConversationStatus::Resolved
            } else {
                ConversationStatus::Open
            };
            move_status(&asker, &conversation, status).await
        }
        .await,
    )
}

/// Saves the contact's attributes (name → value). Empty names are dropped.
#[server(prefix = "/api", endpoint = "inbox/attributes", input = Json)]
pub async fn save_attributes(
    conversation_id: i64,
    attributes: Vec<(String, String)>,
) -> Result<(), AppError> {
    use crate::domain::validation::{Field, Problem};
    use crate::ssr::{console, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            let mut map = std::collections::BTreeMap::new();
            for (name, value) in attributes {
                let name = name.trim().to_string();
                if name.is_empty() {
                    continue;
                }
                if name.chars().count() > 60 || value.chars().count() > 500 {
                    return Err(AppError::invalid((
                        Field::Message,
                        Problem::TooLong { max: 500 },
                    )));
                }
                map.insert(name, value.trim().to_string());
            }
            if map.len() > 50 {
                return Err(AppError::invalid((
                    Field::Message,
                    Problem::OutOfRange { max: 50 },
                )));
            }
            asker
                .state
                .store
                .set_contact_attributes(conversation.contact_id, &map, now_ms())
                .await?;
            Ok(())
        }
        .await,
    )
}

/// Colleagues for the assignee filter and picker, by name, with their load.
#[server(prefix = "/api", endpoint = "inbox/colleagues")]
pub async fn colleagues() -> Result<Vec<Colleague>, AppError> {
    use crate::domain::inbox::Presence;
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            // Presence is live in the console (websocket frames); this is the rest.
            let mut users: Vec<Colleague> = asker
                .state
                .store
                .agent_loads()
                .await?
                .into_iter()
                .map(|u| Colleague {
                    id: u.user_id,
                    name: u.name,
                    presence: Presence::Offline,
                    role: u.role,
                    open: u.open,
                    capacity: u.capacity,
                })
                .collect();
            users.sort_by_key(|u| u.name.to_lowercase());
            Ok(users)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "inbox/labels")]
pub async fn labels() -> Result<Vec<LabelView>, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            Ok(asker.state.store.labels().await?)
        }
        .await,
    )
}
