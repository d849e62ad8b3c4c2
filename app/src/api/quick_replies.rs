//! Quick replies: everyone lists the shared ones and their own, and manages their own;
//! supervisors and admins manage the shared ones (`domain::quick_replies::access`). Someone
//! else's personal reply does not exist as far as the asker can tell (404). The rules live
//! in `ssr::desk_actions`, shared with the REST API.

use crate::domain::quick_replies::QuickReply;
use crate::error::AppError;
use leptos::prelude::*;

/// The shared quick replies and the asker's own, by shortcut.
#[server(prefix = "/api", endpoint = "quick-replies/list")]
pub async fn list_quick_replies() -> Result<Vec<QuickReply>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, user) = auth::require(Role::Agent).await?;
            desk_actions::quick_replies(&state, &user).await
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
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, user) = auth::require(Role::Agent).await?;
            desk_actions::create_quick_reply(&state, &user, &shortcut, &title, &body, shared).await
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
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, user) = auth::require(Role::Agent).await?;
            desk_actions::update_quick_reply(&state, &user, id, &shortcut, &title, &body).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "quick-replies/delete")]
pub async fn delete_quick_reply(id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, user) = auth::require(Role::Agent).await?;
            desk_actions::delete_quick_reply(&state, &user, id).await
        }
        .await,
    )
}
