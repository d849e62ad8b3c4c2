//! Quick replies: everyone lists the shared ones and their own, and manages their own;
//! supervisors and admins manage the shared ones (`domain::quick_replies::access`). Someone
//! else's personal reply does not exist as far as the asker can tell (404).

use crate::domain::quick_replies::QuickReply;
use crate::error::AppError;
use leptos::prelude::*;

/// The shared quick replies and the asker's own, by shortcut.
#[server(prefix = "/api", endpoint = "quick-replies/list")]
pub async fn list_quick_replies() -> Result<Vec<QuickReply>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};

    respond(
        async {
            let (state, user) = auth::require(Role::Agent).await?;
            Ok(state.store.quick_replies(user.id).await?)
        }
        .await,
    )
}

/// A new reply: `shared` for the whole team (supervisors and admins), otherwise the asker's
/// own. Form fields arrive as text so that a bad value gets a field message.
#[server(prefix = "/api", endpoint = "quick-replies/create")]
pub async fn create_quick_reply(
    shortcut: String,
    title: String,
    body: String,
    shared: bool,
) -> Result<QuickReply, AppError> {
    use crate::domain::quick_replies::{may_create, QuickReplyFields};
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};

    respond(
        async {
            let (state, user) = auth::require(Role::Agent).await?;
            if !may_create(user.role, shared) {
                return Err(AppError::Forbidden);
            }
            let fields = QuickReplyFields::new(&shortcut, &title, &body)?;
            let owner = (!shared).then_some(user.id);
            let reply = state
                .store
                .create_quick_reply(owner, &fields, now_ms())
                .await
                .map_err(shortcut_taken)?;
            tracing::info!(by = user.id, id = reply.id, shared, "quick reply created");
            Ok(reply)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "quick-replies/update")]
pub async fn update_quick_reply(
    id: i64,
    shortcut: String,
    title: String,
    body: String,
) -> Result<QuickReply, AppError> {
    use crate::domain::quick_replies::QuickReplyFields;
    use crate::ssr::{now_ms, state::respond};

    respond(
        async {
            let (state, user) = manageable(id).await?;
            let fields = QuickReplyFields::new(&shortcut, &title, &body)?;
            let reply = state
                .store
                .update_quick_reply(id, &fields, now_ms())
                .await
                .map_err(shortcut_taken)?;
            tracing::info!(by = user.id, id, "quick reply changed");
            Ok(reply)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "quick-replies/delete")]
pub async fn delete_quick_reply(id: i64) -> Result<(), AppError> {
    use crate::ssr::state::respond;

    respond(
        async {
            let (state, user) = manageable(id).await?;
            state.store.delete_quick_reply(id).await?;
            tracing::info!(by = user.id, id, "quick reply deleted");
            Ok(())
        }
        .await,
    )
}

/// A taken shortcut is the only duplicate a quick reply can hit.
#[cfg(feature = "ssr")]
fn shortcut_taken(err: crate::ssr::StoreError) -> AppError {
    match err {
        crate::ssr::StoreError::Duplicate => AppError::Conflict {
            conflict: crate::error::Conflict::ShortcutTaken,
        },
        other => other.into(),
    }
}

/// The asker, if they may change reply `id`: someone else's personal reply is not found, a
/// shared one is forbidden to agents.
#[cfg(feature = "ssr")]
async fn manageable(
    id: i64,
) -> Result<(crate::ssr::ServerState, crate::ssr::UserRecord), AppError> {
    use crate::domain::quick_replies::{access, Access};
    use crate::domain::roles::Role;

    let (state, user) = crate::ssr::auth::require(Role::Agent).await?;
    let reply = state
        .store
        .quick_reply(id)
        .await?
        .ok_or(AppError::NotFound)?;
    match access(user.role, user.id, reply.owner_id) {
        Access::Manage => Ok((state, user)),
        Access::Use => Err(AppError::Forbidden),
        Access::Hidden => Err(AppError::NotFound),
    }
}
