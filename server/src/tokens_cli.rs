//! `buzon token create|list|revoke`: the integration API's tokens from a shell or a script.
//! Made the same way as in Settings (`app::ssr::integrations::create_token`): only a hash is
//! kept, so the token is printed once.

use crate::config::TokenCommand;
use crate::rest::types::rfc3339;
use app::domain::integrations::tokens::Scope;
use app::domain::validation;
use app::error::AppError;
use app::i18n::Lang;
use app::ssr::{now_ms, ServerState, StoreError, UserRecord};

pub async fn run(command: TokenCommand, state: &ServerState) -> Result<(), String> {
    let store = state.store.as_ref();
    match command {
        TokenCommand::Create { name, scope, owner } => {
            let scope = Scope::parse(scope.trim())
                .ok_or_else(|| format!("--scope: {scope:?} is not read, write or admin"))?;
            let owner = owner_of(state, owner.as_deref()).await?;
            let (record, token) =
                app::ssr::integrations::create_token(store, &owner, &name, scope, now_ms())
                    .await
                    .map_err(|e| match e {
                        AppError::Invalid { .. } => {
                            format!("--name: {}", Lang::En.texts().error(&e))
                        }
                        other => Lang::En.texts().error(&other),
                    })?;
            // The token alone on stdout (`TOKEN=$(buzon token create …)`); the note for the
            // person goes to stderr, so a reader that stops after the token breaks nothing.
            println!("{token}");
            eprintln!(
                "Token {} \"{}\" ({}) acts as {}. It is shown only this once: store it now.",
                record.id,
                record.name,
                record.scope.as_str(),
                owner.email
            );
            Ok(())
        }
        TokenCommand::List => {
            let tokens = store.api_tokens().await.map_err(db)?;
            let users = store.list_users().await.map_err(db)?;
            let email = |id: i64| {
                users
                    .iter()
                    .find(|u| u.id == id)
                    .map(|u| u.email.clone())
                    .unwrap_or_else(|| format!("user #{id}"))
            };
            println!(
                "{:<6} {:<7} {:<8} {:<14} {:<28} {:<26} {:<26} NAME",
                "ID", "SCOPE", "STATUS", "PREFIX", "OWNER", "CREATED", "LAST USED"
            );
            for t in tokens {
                let status = if t.revoked_at_ms.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:<6} {:<7} {:<8} {:<14} {:<28} {:<26} {:<26} {}",
                    t.id,
                    t.scope.as_str(),
                    status,
                    format!("{}…", t.prefix),
                    email(t.owner_id),
                    rfc3339(t.created_at_ms),
                    t.last_used_at_ms
                        .map(rfc3339)
                        .unwrap_or_else(|| "never".into()),
                    t.name
                );
            }
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            let token = store
                .revoke_api_token(id, now_ms())
                .await
                .map_err(|e| match e {
                    StoreError::NotFound => format!("no token with id {id}"),
                    other => db(other),
                })?;
            println!(
                "Revoked token {} \"{}\": it no longer works",
                token.id, token.name
            );
            Ok(())
        }
    }
}

fn db(e: StoreError) -> String {
    format!("DATABASE_URL: {e}")
}

/// The admin a new token acts as: `--as`, else the first active admin by email.
async fn owner_of(state: &ServerState, email: Option<&str>) -> Result<UserRecord, String> {
    let store = &state.store;
    match email {
        Some(raw) => {
            let email = validation::email(raw).map_err(|(field, problem)| {
                format!(
                    "--as: {}",
                    Lang::En
                        .texts()
                        .error(&AppError::Invalid { field, problem })
                )
            })?;
            let user = store
                .user_by_email(&email)
                .await
                .map_err(db)?
                .ok_or_else(|| format!("--as: no user with email {email}"))?;
            if !user.is_active_admin() {
                return Err(format!(
                    "--as: {email} is not an active admin; a token acts as an admin"
                ));
            }
            Ok(user)
        }
        None => {
            let mut admins: Vec<UserRecord> = store
                .list_users()
                .await
                .map_err(db)?
                .into_iter()
                .filter(UserRecord::is_active_admin)
                .collect();
            admins.sort_by(|a, b| a.email.cmp(&b.email));
            admins.into_iter().next().ok_or_else(|| {
                "there is no active admin for the token to act as: add one with `buzon user add --role admin`".to_string()
            })
        }
    }
}
