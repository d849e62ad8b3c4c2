//! The users screen (admins only): create accounts, change roles and capacity, disable,
//! reset passwords.

use crate::error::AppError;
use crate::wire::UserView;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "users/list")]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            desk_actions::users(&state, &admin).await
        }
        .await,
    )
}

/// Form fields arrive as text so that a bad value gets a field message, not a decode error.
#[server(prefix = "/api", endpoint = "users/create")]
pub async fn create_user(
    email: String,
    name: String,
    role: String,
    password: String,
    capacity: String,
) -> Result<UserView, AppError> {
    use crate::domain::roles::Role;
    use crate::domain::validation::{self, Field, Problem};
    use crate::ssr::{auth, now_ms, state::respond, NewUser};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let email = validation::email(&email)?;
            let name = validation::name(&name, &email)?;
            let role =
                Role::parse(&role).ok_or(AppError::invalid((Field::Role, Problem::Malformed)))?;
            validation::new_password(&password)?;
            let capacity = crate::domain::validation::capacity_text(&capacity)?;
            if state.store.user_by_email(&email).await?.is_some() {
                return Err(AppError::Conflict {
                    conflict: crate::error::Conflict::EmailTaken,
                });
            }
            let password_hash = state.hasher.hash(password).await?;
            let user = state
                .store
                .create_user(
                    NewUser {
                        email,
                        name,
                        role,
                        password_hash,
                        capacity,
                        language: None,
                    },
                    now_ms(),
                )
                .await?;
            tracing::info!(by = admin.id, user_id = user.id, role = %user.role, "user created");
            let actor = crate::ssr::audit::Actor::here(&state, &admin).await;
            crate::ssr::audit::record(
                &state,
                &actor,
                crate::domain::audit::AuditAction::UserCreated,
                Some(crate::domain::audit::AuditSubject::User(user.id)),
                serde_json::json!({ "role": user.role }),
            )
            .await;
            Ok(user.view())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "users/role")]
pub async fn set_user_role(id: i64, role: String) -> Result<UserView, AppError> {
    use crate::domain::roles::Role;
    use crate::domain::validation::{Field, Problem};
    use crate::ssr::UserChange;

    let role = Role::parse(&role).ok_or(AppError::invalid((Field::Role, Problem::Malformed)));
    crate::ssr::admin::change_user(id, move |_| role.map(UserChange::Role)).await
}

#[server(prefix = "/api", endpoint = "users/capacity")]
pub async fn set_user_capacity(id: i64, capacity: String) -> Result<UserView, AppError> {
    use crate::ssr::UserChange;

    let capacity = crate::domain::validation::capacity_text(&capacity).map_err(AppError::invalid);
    crate::ssr::admin::change_user(id, move |_| capacity.map(UserChange::Capacity)).await
}

/// Disabling signs the user out everywhere at once.
#[server(prefix = "/api", endpoint = "users/disabled")]
pub async fn set_user_disabled(id: i64, disabled: bool) -> Result<UserView, AppError> {
    use crate::error::Conflict;
    use crate::ssr::UserChange;

    crate::ssr::admin::change_user(id, move |admin_id| {
        if disabled && admin_id == id {
            Err(AppError::Conflict {
                conflict: Conflict::OwnAccount,
            })
        } else {
            Ok(UserChange::Disabled(disabled))
        }
    })
    .await
}

/// Sets a new password chosen by the admin; the user's sessions end.
#[server(prefix = "/api", endpoint = "users/password")]
pub async fn reset_user_password(id: i64, new_password: String) -> Result<UserView, AppError> {
    use crate::domain::roles::Role;
    use crate::domain::validation;
    use crate::ssr::{auth, now_ms, state::respond, UserChange};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            validation::new_password(&new_password)?;
            let hash = state.hasher.hash(new_password).await?;
            let change = UserChange::PasswordHash {
                hash,
                end_sessions: true,
            };
            let user = state.store.update_user(id, change, now_ms()).await?;
            tracing::info!(by = admin.id, user_id = id, "password reset");
            let actor = crate::ssr::audit::Actor::here(&state, &admin).await;
            crate::ssr::audit::record(
                &state,
                &actor,
                crate::domain::audit::AuditAction::PasswordReset,
                Some(crate::domain::audit::AuditSubject::User(id)),
                serde_json::json!({}),
            )
            .await;
            Ok(user.view())
        }
        .await,
    )
}
