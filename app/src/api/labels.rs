//! Labels: supervisors manage the definitions on the Labels screen; anyone who may see a
//! conversation puts labels on it or takes them off. Every change reaches every console live.

use crate::error::AppError;
use crate::wire::inbox::{LabelDefinition, LabelView};
use leptos::prelude::*;

/// The Labels screen's list: descriptions and how many conversations carry each label.
#[server(prefix = "/api", endpoint = "labels/list")]
pub async fn label_definitions() -> Result<Vec<LabelDefinition>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            Ok(state.store.label_definitions().await?)
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
    use crate::domain::labels::LabelDraft;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let draft = LabelDraft::new(&name, &color, &description)?;
            let label = state
                .store
                .create_label(&draft, now_ms())
                .await
                .map_err(name_taken)?;
            tracing::info!(by = user.id, label = label.id, "label created");
            Ok(label)
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
    use crate::domain::labels::LabelDraft;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let draft = LabelDraft::new(&name, &color, &description)?;
            let label = state
                .store
                .update_label(id, &draft, now_ms())
                .await
                .map_err(name_taken)?;
            tracing::info!(by = user.id, label = id, "label changed");
            Ok(label)
        }
        .await,
    )
}

/// Deletes a label and takes it off every conversation; answers how many carried it.
#[server(prefix = "/api", endpoint = "labels/delete")]
pub async fn delete_label(id: i64) -> Result<u64, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let carried = state.store.delete_label(id).await?;
            tracing::info!(by = user.id, label = id, carried, "label deleted");
            Ok(carried)
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
    use crate::ssr::{console, now_ms, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            asker
                .state
                .store
                .label_conversation(conversation.id, label_id, on, Some(asker.user.id), now_ms())
                .await?;
            Ok(())
        }
        .await,
    )
}

/// A taken name is the label's conflict, not the generic one.
#[cfg(feature = "ssr")]
fn name_taken(err: crate::ssr::StoreError) -> AppError {
    match err {
        crate::ssr::StoreError::Duplicate => AppError::Conflict {
            conflict: crate::error::Conflict::LabelNameTaken,
        },
        other => other.into(),
    }
}
