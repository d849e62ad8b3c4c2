//! The agent console: the conversation list, a conversation's thread, replies, notes,
//! assignment and the contact panel. Every function checks who asks and what they may see
//! (`domain::inbox::Viewer`), the same rule the websocket applies to every event.

use crate::error::AppError;
use crate::wire::inbox::{
    Colleague, ContactView, ConversationDetail, ConversationSummary, Cursor, InboxCounts,
    InboxFilter, InboxPage, LabelView, MessageView, ThreadPage,
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
            let rows = rows.into_iter().map(|r| asker.numbers.summary(r)).collect();
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

/// The contact of a conversation, as the contact panel shows it (consent history included).
#[server(prefix = "/api", endpoint = "inbox/contact")]
pub async fn conversation_contact(id: i64) -> Result<ContactView, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            asker.contact_of(id).await
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
    use crate::ssr::{console, message_actions, send::Claiming, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let message = message_actions::send_text(
                &asker,
                conversation_id,
                &text,
                reply_to,
                echo_id.map(clip_echo),
                Claiming::TakeOnReply,
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
    use crate::ssr::{console, message_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let message =
                message_actions::send_note(&asker, conversation_id, &text, echo_id.map(clip_echo))
                    .await?;
            Ok(message.view())
        }
        .await,
    )
}

/// Sends a failed message again, as a new message (the failed one stays, with its error).
#[server(prefix = "/api", endpoint = "inbox/retry")]
pub async fn retry_message(message_id: i64) -> Result<MessageView, AppError> {
    use crate::ssr::{console, message_actions, send::Claiming, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let message = message_actions::retry(&asker, message_id, Claiming::TakeOnReply).await?;
            Ok(message.view())
        }
        .await,
    )
}

/// Takes the conversation (`mine = true`: atomic — when colleagues press Take at the same
/// moment exactly one gets it and the others are told who) or gives it back to the queue.
#[server(prefix = "/api", endpoint = "inbox/assign-me")]
pub async fn assign_to_me(conversation_id: i64, mine: bool) -> Result<(), AppError> {
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            if mine {
                conversation_actions::take(&asker, conversation_id).await
            } else {
                conversation_actions::give_back(&asker, conversation_id).await
            }
        }
        .await,
    )
}

/// Hands the conversation back to the bot: unassigned, and the bot answers the customer's
/// next message (with its greeting and menu). Only while the bot is on.
#[server(prefix = "/api", endpoint = "inbox/return-to-bot")]
pub async fn return_to_bot(conversation_id: i64) -> Result<(), AppError> {
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            conversation_actions::return_to_bot(&asker, conversation_id).await
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
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            // The console shows each colleague's load in the picker: a supervisor's choice
            // of someone full is a knowing one.
            conversation_actions::assign(&asker, conversation_id, assignee, true).await
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
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            conversation_actions::snooze(&asker, conversation_id, until_ms).await
        }
        .await,
    )
}

/// Resolves (`resolved = true`) or reopens the conversation.
#[server(prefix = "/api", endpoint = "inbox/resolve")]
pub async fn resolve_conversation(conversation_id: i64, resolved: bool) -> Result<(), AppError> {
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            conversation_actions::resolve(&asker, conversation_id, resolved).await
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
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            conversation_actions::save_attributes(&asker, conversation.contact_id, attributes).await
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
