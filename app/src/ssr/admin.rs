//! Admin changes to user accounts.

use super::{auth, now_ms, state::respond, UserChange};
use crate::domain::audit::{AuditAction, AuditSubject};
use crate::domain::roles::Role;
use crate::domain::users::removes_last_admin;
use crate::error::{AppError, Conflict};
use crate::wire::UserView;

/// Applies an admin's change to a user, keeping at least one active admin. `change` gets the
/// acting admin's id and may refuse.
pub async fn change_user(
    id: i64,
    change: impl FnOnce(i64) -> Result<UserChange, AppError>,
) -> Result<UserView, AppError> {
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let change = change(admin.id)?;
            let target = state
                .store
                .user_by_id(id)
                .await?
                .ok_or(AppError::NotFound)?;
            let (new_role, new_disabled) = match &change {
                UserChange::Role(r) => (*r, target.disabled),
                UserChange::Disabled(d) => (target.role, *d),
                _ => (target.role, target.disabled),
            };
            let admins = state.store.count_active_admins().await?;
            if removes_last_admin(admins, target.is_active_admin(), new_role, new_disabled) {
                return Err(AppError::Conflict {
                    conflict: Conflict::LastAdmin,
                });
            }
            let ends_sessions = change.ends_sessions();
            let detail = match &change {
                UserChange::Role(r) => serde_json::json!({ "role": r }),
                UserChange::Disabled(d) => serde_json::json!({ "disabled": d }),
                UserChange::Capacity(c) => serde_json::json!({ "capacity": c }),
                _ => serde_json::json!({}),
            };
            let user = state.store.update_user(id, change, now_ms()).await?;
            tracing::info!(by = admin.id, user_id = id, "user updated");
            let actor = super::audit::Actor::here(&state, &admin).await;
            super::audit::record(
                &state,
                &actor,
                AuditAction::UserChanged,
                Some(AuditSubject::User(id)),
                detail,
            )
            .await;
            // An admin who changed their own role goes on under a new session with the new
            // role; everyone else's sessions (and this admin's other ones) have ended.
            if ends_sessions && id == admin.id {
                auth::begin(&auth::session().await?, &user).await?;
            }
            Ok(user.view())
        }
        .await,
    )
}
