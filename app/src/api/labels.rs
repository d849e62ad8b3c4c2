//! Labels: supervisors manage the definitions on the Labels screen; anyone who may see a
//! conversation puts labels on it or takes them off. Every change reaches every console live.

use crate::error::AppError;
use crate::wire::inbox::{LabelDefinition, LabelView};
use leptos::prelude::*;

/// The Labels screen's list: descriptions and how many conversations carry each label.
#[server(prefix = "/api", endpoint = "labels/list")]
pub async fn label_definitions() -> Result<Vec<LabelDefinition>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            desk_actions::label_definitions(&state, &user).await
        }
        .await,
    )
}

/// Form fields arrive as text so that a bad value gets a field message, not a decode error.
#[server(prefix = "/api", endpoint = "labels/create")]
pub async fn create_label(
    name: String,
    color: String,
    description: String,
) -> Result<LabelView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            desk_actions::create_label(&state, &user, &name, &color, &description).await
        }
        .await,
    )
}

/// Renames, recolours and redescribes a label (all three fields, as the form shows them).
#[server(prefix = "/api", endpoint = "labels/update")]
pub async fn update_label(
    id: i64,
    name: String,
    color: String,
    description: String,
) -> Result<LabelView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            desk_actions::update_label(&state, &user, id, &name, &color, &description).await
        }
        .await,
    )
}

/// Deletes a label and takes it off every conversation; answers how many carried it.
#[server(prefix = "/api", endpoint = "labels/delete")]
pub async fn delete_label(id: i64) -> Result<u64, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            desk_actions::delete_label(&state, &user, id).await
        }
        .await,
    )
}

/// Puts a label on a conversation (`on`) or takes it off, with an activity line naming the
/// agent. Anyone who may see the conversation may do it.
#[server(prefix = "/api", endpoint = "labels/apply")]
pub async fn set_conversation_label(
    conversation_id: i64,
    label_id: i64,
    on: bool,
) -> Result<(), AppError> {
    use crate::ssr::{console, conversation_actions, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            conversation_actions::set_label(&asker, conversation_id, label_id, on).await
        }
        .await,
    )
}
