//! What an agent does to a conversation and its contact: status, assignment, labels,
//! handing back to the bot, the contact's attributes. The console's server functions and
//! the REST API both call these, so the API refuses exactly what the console refuses.

use super::console::{self, Asker};
use super::now_ms;
use super::store::{ConversationRecord, StoreError};
use crate::domain::assignment::{may_assign, may_return_to_bot, snooze_ok};
use crate::domain::inbox::ConversationStatus;
use crate::domain::roles::Role;
use crate::domain::validation::{Checked, Field, Problem};
use crate::error::{AppError, Conflict};
use std::collections::BTreeMap;

/// Longest attribute name and value, and how many a contact keeps.
pub const ATTRIBUTE_NAME_MAX: usize = 60;
pub const ATTRIBUTE_VALUE_MAX: usize = 500;
pub const ATTRIBUTES_MAX: u32 = 50;

/// A contact's attributes as they are kept: names and values trimmed, empty names dropped,
/// within the limits.
pub fn checked_attributes(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Checked<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for (name, value) in pairs {
        let name = name.trim().to_string();
        if name.is_empty() {
            continue;
        }
        if name.chars().count() > ATTRIBUTE_NAME_MAX || value.chars().count() > ATTRIBUTE_VALUE_MAX
        {
            return Err((
                Field::Attributes,
                Problem::TooLong {
                    max: ATTRIBUTE_VALUE_MAX,
                },
            ));
        }
        map.insert(name, value.trim().to_string());
    }
    if map.len() > ATTRIBUTES_MAX as usize {
        return Err((
            Field::Attributes,
            Problem::OutOfRange {
                max: ATTRIBUTES_MAX,
            },
        ));
    }
    Ok(map)
}

/// Replaces the contact's attributes with `pairs` (see [`checked_attributes`]); attributes the
/// admin defined must have values of their type (`ssr::contacts::checked_attributes`).
pub async fn save_attributes(
    asker: &Asker,
    contact_id: i64,
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<(), AppError> {
    let map = checked_attributes(pairs)?;
    let map = super::contacts::checked_attributes(&asker.state, map).await?;
    asker
        .state
        .store
        .set_contact_attributes(contact_id, &map, now_ms())
        .await?;
    Ok(())
}

/// Moves the conversation to `status` (not a snooze), with an activity line by the asker.
pub async fn move_status(
    asker: &Asker,
    conversation: &ConversationRecord,
    status: ConversationStatus,
) -> Result<(), AppError> {
    match asker
        .state
        .store
        .set_conversation_status(conversation.id, status, None, Some(asker.user.id), now_ms())
        .await
    {
        Ok(_) => Ok(()),
        // Reopening an old conversation while the customer already has a newer open one.
        Err(StoreError::Duplicate) => Err(AppError::Conflict {
            conflict: Conflict::AlreadyOpen,
        }),
        Err(e) => Err(e.into()),
    }
}

/// Resolves (`resolved = true`) or reopens the conversation.
pub async fn resolve(asker: &Asker, conversation_id: i64, resolved: bool) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    let status = if resolved {
        ConversationStatus::Resolved
    } else {
        ConversationStatus::Open
    };
    move_status(asker, &conversation, status).await
}

/// Puts the conversation aside until `until_ms`, or until the customer writes (`None`).
pub async fn snooze(
    asker: &Asker,
    conversation_id: i64,
    until_ms: Option<i64>,
) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    let now = now_ms();
    if !snooze_ok(until_ms, now) {
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
            now,
        )
        .await
    {
        Ok(_) => Ok(()),
        // An old, resolved conversation while the customer has a newer open one.
        Err(StoreError::Duplicate) => Err(AppError::Conflict {
            conflict: Conflict::AlreadyOpen,
        }),
        Err(e) => Err(e.into()),
    }
}

/// Gives the conversation to a colleague (`assignee`) or back to the queue (`None`).
/// Supervisors assign any conversation; agents hand on their own, to a colleague with room.
/// `over_capacity`: a supervisor knowingly gives someone more than their capacity (agents
/// never may).
pub async fn assign(
    asker: &Asker,
    conversation_id: i64,
    assignee: Option<i64>,
    over_capacity: bool,
) -> Result<(), AppError> {
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
        let full = load.open >= load.capacity && conversation.assignee_id != Some(to);
        if full && !(over_capacity && asker.user.role.at_least(Role::Supervisor)) {
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
            ConversationStatus::Bot | ConversationStatus::Snoozed
        )
    {
        move_status(asker, &conversation, ConversationStatus::Open).await?;
    }
    Ok(())
}

/// The asker takes the conversation. Atomic: when colleagues take it at the same moment
/// exactly one gets it and the others are told who. A resolved one is reopened first.
pub async fn take(asker: &Asker, conversation_id: i64) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    let me = asker.user.id;
    if conversation.assignee_id == Some(me) {
        return Ok(());
    }
    if conversation.status() == ConversationStatus::Resolved {
        move_status(asker, &conversation, ConversationStatus::Open).await?;
    }
    console::claim(&asker.state, conversation.id, me).await
}

/// The asker gives the conversation back to the queue.
pub async fn give_back(asker: &Asker, conversation_id: i64) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    if !may_assign(asker.viewer, conversation.assignee_id, None) {
        return Err(AppError::Forbidden);
    }
    asker
        .state
        .store
        .assign(conversation.id, None, Some(asker.user.id), now_ms())
        .await?;
    Ok(())
}

/// Hands the conversation back to the bot: unassigned, and the bot answers the customer's
/// next message. Only while the bot is on.
pub async fn return_to_bot(asker: &Asker, conversation_id: i64) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    if !super::bot::enabled(asker.state.store.as_ref()).await? {
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

/// Puts a label on the conversation (`on`) or takes it off, with an activity line naming
/// the asker. Anyone who may see the conversation may do it. `NotFound` for an unknown label.
pub async fn set_label(
    asker: &Asker,
    conversation_id: i64,
    label_id: i64,
    on: bool,
) -> Result<(), AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    asker
        .state
        .store
        .label_conversation(conversation.id, label_id, on, Some(asker.user.id), now_ms())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn attributes_are_trimmed_and_empty_names_dropped() {
        let map = checked_attributes(pairs(&[(" plan ", " gold "), ("  ", "x")])).unwrap();
        assert_eq!(map.len(), 1);
        assert_eq!(map["plan"], "gold");
    }

    #[test]
    fn attributes_beyond_the_limits_are_refused() {
        let long_name = "n".repeat(ATTRIBUTE_NAME_MAX + 1);
        assert!(checked_attributes(pairs(&[(&long_name, "v")])).is_err());
        let long_value = "v".repeat(ATTRIBUTE_VALUE_MAX + 1);
        assert!(checked_attributes(pairs(&[("n", &long_value)])).is_err());
        let many: Vec<(String, String)> = (0..=ATTRIBUTES_MAX)
            .map(|i| (format!("k{i}"), "v".into()))
            .collect();
        assert_eq!(
            checked_attributes(many),
            Err((
                Field::Attributes,
                Problem::OutOfRange {
                    max: ATTRIBUTES_MAX
                }
            ))
        );
    }
}
