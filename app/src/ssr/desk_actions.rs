//! The desk's directory: labels, quick replies, templates and users. The console's server
//! functions and the REST API both call these, so a token can do exactly what its owner
//! could do on the console, under the same rules and with the same refusals.

use super::now_ms;
use super::state::ServerState;
use super::store::{StoreError, SyncReport, UserRecord};
use crate::domain::labels::LabelDraft;
use crate::domain::quick_replies::{access, may_create, Access, QuickReply, QuickReplyFields};
use crate::domain::roles::Role;
use crate::error::{AppError, Conflict};
use crate::wire::inbox::{LabelDefinition, LabelView};
use crate::wire::{TemplatesScreen, UserView};

/// `Forbidden` unless `user` has at least `role` (the console checks it on sign-in too; a
/// token's owner may have been demoted since the token was made).
fn at_least(user: &UserRecord, role: Role) -> Result<(), AppError> {
    if user.role.at_least(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The Labels screen's list: descriptions and how many conversations carry each label.
pub async fn label_definitions(
    state: &ServerState,
    by: &UserRecord,
) -> Result<Vec<LabelDefinition>, AppError> {
    at_least(by, Role::Supervisor)?;
    Ok(state.store.label_definitions().await?)
}

pub async fn create_label(
    state: &ServerState,
    by: &UserRecord,
    name: &str,
    color: &str,
    description: &str,
) -> Result<LabelView, AppError> {
    at_least(by, Role::Supervisor)?;
    let draft = LabelDraft::new(name, color, description)?;
    let label = state
        .store
        .create_label(&draft, now_ms())
        .await
        .map_err(name_taken)?;
    tracing::info!(by = by.id, label = label.id, "label created");
    Ok(label)
}

/// Renames, recolours and redescribes a label (all three fields).
pub async fn update_label(
    state: &ServerState,
    by: &UserRecord,
    id: i64,
    name: &str,
    color: &str,
    description: &str,
) -> Result<LabelView, AppError> {
    at_least(by, Role::Supervisor)?;
    let draft = LabelDraft::new(name, color, description)?;
    let label = state
        .store
        .update_label(id, &draft, now_ms())
        .await
        .map_err(name_taken)?;
    tracing::info!(by = by.id, label = id, "label changed");
    Ok(label)
}

/// Deletes a label and takes it off every conversation; answers how many carried it.
pub async fn delete_label(state: &ServerState, by: &UserRecord, id: i64) -> Result<u64, AppError> {
    at_least(by, Role::Supervisor)?;
    let carried = state.store.delete_label(id).await?;
    tracing::info!(by = by.id, label = id, carried, "label deleted");
    Ok(carried)
}

/// A taken name is the label's conflict, not the generic one.
fn name_taken(err: StoreError) -> AppError {
    match err {
        StoreError::Duplicate => AppError::Conflict {
            conflict: Conflict::LabelNameTaken,
        },
        other => other.into(),
    }
}

/// The shared quick replies and `by`'s own, by shortcut.
pub async fn quick_replies(
    state: &ServerState,
    by: &UserRecord,
) -> Result<Vec<QuickReply>, AppError> {
    Ok(state.store.quick_replies(by.id).await?)
}

/// A new reply: `shared` for the whole team (supervisors and admins), otherwise `by`'s own.
pub async fn create_quick_reply(
    state: &ServerState,
    by: &UserRecord,
    shortcut: &str,
    title: &str,
    body: &str,
    shared: bool,
) -> Result<QuickReply, AppError> {
    if !may_create(by.role, shared) {
        return Err(AppError::Forbidden);
    }
    let fields = QuickReplyFields::new(shortcut, title, body)?;
    let owner = (!shared).then_some(by.id);
    let reply = state
        .store
        .create_quick_reply(owner, &fields, now_ms())
        .await
        .map_err(shortcut_taken)?;
    tracing::info!(by = by.id, id = reply.id, shared, "quick reply created");
    Ok(reply)
}

/// Changes a reply's text; the list it is in (shared or personal) stays.
pub async fn update_quick_reply(
    state: &ServerState,
    by: &UserRecord,
    id: i64,
    shortcut: &str,
    title: &str,
    body: &str,
) -> Result<QuickReply, AppError> {
    manageable_quick_reply(state, by, id).await?;
    let fields = QuickReplyFields::new(shortcut, title, body)?;
    let reply = state
        .store
        .update_quick_reply(id, &fields, now_ms())
        .await
        .map_err(shortcut_taken)?;
    tracing::info!(by = by.id, id, "quick reply changed");
    Ok(reply)
}

pub async fn delete_quick_reply(
    state: &ServerState,
    by: &UserRecord,
    id: i64,
) -> Result<(), AppError> {
    manageable_quick_reply(state, by, id).await?;
    state.store.delete_quick_reply(id).await?;
    tracing::info!(by = by.id, id, "quick reply deleted");
    Ok(())
}

/// Reply `id`, if `by` may change it: someone else's personal reply is not found, a shared
/// one is forbidden to agents.
pub async fn manageable_quick_reply(
    state: &ServerState,
    by: &UserRecord,
    id: i64,
) -> Result<QuickReply, AppError> {
    let reply = state
        .store
        .quick_reply(id)
        .await?
        .ok_or(AppError::NotFound)?;
    match access(by.role, by.id, reply.owner_id) {
        Access::Manage => Ok(reply),
        Access::Use => Err(AppError::Forbidden),
        Access::Hidden => Err(AppError::NotFound),
    }
}

/// A taken shortcut is the only duplicate a quick reply can hit.
fn shortcut_taken(err: StoreError) -> AppError {
    match err {
        StoreError::Duplicate => AppError::Conflict {
            conflict: Conflict::ShortcutTaken,
        },
        other => other.into(),
    }
}

/// The Templates screen (admins): the templates and how the last sync went.
pub async fn templates(state: &ServerState, by: &UserRecord) -> Result<TemplatesScreen, AppError> {
    at_least(by, Role::Admin)?;
    super::templates::screen(state).await
}

/// Syncs the templates from WhatsApp now (admins).
pub async fn sync_templates(state: &ServerState, by: &UserRecord) -> Result<SyncReport, AppError> {
    at_least(by, Role::Admin)?;
    tracing::info!(by = by.id, "template sync requested");
    state.whatsapp.sync_templates().await.map_err(sync_failure)
}

/// The sync reports its failure as text (the Templates screen shows it). WhatsApp's failures
/// name WhatsApp and are worth passing on, with Meta's code when the text starts with
/// "WhatsApp error <code> (<http status>): "; anything else (the database) stays inside.
fn sync_failure(message: String) -> AppError {
    if !message.contains("WhatsApp") {
        tracing::error!(error = %message, "template sync failed");
        return AppError::Internal;
    }
    let meta = message.strip_prefix("WhatsApp error ").and_then(|rest| {
        let (code, after) = rest.split_once(' ')?;
        let code = code.parse::<i64>().ok()?;
        let (_, said) = after.split_once("): ")?;
        Some((code, said.to_string()))
    });
    match meta {
        Some((code, said)) => AppError::WhatsApp {
            code: Some(code),
            message: said,
        },
        None => AppError::WhatsApp {
            code: None,
            message,
        },
    }
}

/// Every account (admins), never a password hash.
pub async fn users(state: &ServerState, by: &UserRecord) -> Result<Vec<UserView>, AppError> {
    at_least(by, Role::Admin)?;
    let users = state.store.list_users().await?;
    Ok(users.iter().map(UserRecord::view).collect())
}

pub async fn user(state: &ServerState, by: &UserRecord, id: i64) -> Result<UserView, AppError> {
    at_least(by, Role::Admin)?;
    state
        .store
        .user_by_id(id)
        .await?
        .map(|u| u.view())
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metas_code_is_read_from_a_sync_failure() {
        let err =
            sync_failure("WhatsApp error 190 (401): Invalid OAuth access token — expired".into());
        assert_eq!(
            err,
            AppError::WhatsApp {
                code: Some(190),
                message: "Invalid OAuth access token — expired".into()
            }
        );
        let err = sync_failure("WhatsApp could not be reached: refused".into());
        assert_eq!(
            err,
            AppError::WhatsApp {
                code: None,
                message: "WhatsApp could not be reached: refused".into()
            }
        );
        let err = sync_failure("the templates could not be saved: disk full".into());
        assert_eq!(err, AppError::Internal);
    }
}
