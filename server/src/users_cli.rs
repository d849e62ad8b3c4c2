//! `buzon user add|passwd|disable|list`: manage accounts from a shell or a script.

use crate::config::UserCommand;
use app::domain::roles::Role;
use app::domain::users::removes_last_admin;
use app::domain::validation;
use app::i18n::Lang;
use app::ssr::{now_ms, NewUser, ServerState, UserChange};
use std::io::{BufRead, IsTerminal};

pub async fn run(command: UserCommand, state: &ServerState) -> Result<(), String> {
    let store = &state.store;
    let db = |e: app::ssr::StoreError| format!("DATABASE_URL: {e}");
    match command {
        UserCommand::Add { email, role, name } => {
            let email = validation::email(&email).map_err(|e| field_error("--email", e))?;
            let name = validation::name(&name, &email).map_err(|e| field_error("--name", e))?;
            let role = Role::parse(&role)
                .ok_or_else(|| format!("--role: {role:?} is not agent, supervisor or admin"))?;
            if store.user_by_email(&email).await.map_err(db)?.is_some() {
                return Err(format!("--email: a user with email {email} already exists"));
            }
            let hash = read_new_password(state).await?;
            let user = NewUser {
                email,
                name,
                role,
                password_hash: hash,
                capacity: validation::DEFAULT_CAPACITY,
                language: None,
            };
            let user = store.create_user(user, now_ms()).await.map_err(db)?;
            println!("Created {} ({}), id {}", user.email, user.role, user.id);
            Ok(())
        }
        UserCommand::Passwd { email } => {
            let user = find(state, &email).await?;
            let hash = read_new_password(state).await?;
            let change = UserChange::PasswordHash {
                hash,
                end_sessions: true,
            };
            store
                .update_user(user.id, change, now_ms())
                .await
                .map_err(db)?;
            println!(
                "Password changed for {}; their sessions have ended",
                user.email
            );
            Ok(())
        }
        UserCommand::Disable { email, enable } => {
            let user = find(state, &email).await?;
            let admins = store.count_active_admins().await.map_err(db)?;
            if removes_last_admin(admins, user.is_active_admin(), user.role, !enable) {
                return Err(format!(
                    "{}: {}",
                    user.email,
                    Lang::En.texts().err_last_admin
                ));
            }
            store
                .update_user(user.id, UserChange::Disabled(!enable), now_ms())
                .await
                .map_err(db)?;
            if enable {
                println!("Enabled {}", user.email);
            } else {
                println!("Disabled {}; their sessions have ended", user.email);
            }
            Ok(())
        }
        UserCommand::List => {
            let users = store.list_users().await.map_err(db)?;
            println!(
                "{:<6} {:<32} {:<11} {:<9} NAME",
                "ID", "EMAIL", "ROLE", "STATUS"
            );
            for u in users {
                let status = if u.disabled { "disabled" } else { "active" };
                println!(
                    "{:<6} {:<32} {:<11} {:<9} {}",
                    u.id, u.email, u.role, status, u.name
                );
            }
            Ok(())
        }
    }
}

async fn find(state: &ServerState, email: &str) -> Result<app::ssr::UserRecord, String> {
    let normalized = validation::email(email).map_err(|e| field_error("--email", e))?;
    state
        .store
        .user_by_email(&normalized)
        .await
        .map_err(|e| format!("DATABASE_URL: {e}"))?
        .ok_or_else(|| format!("--email: no user with email {normalized}"))
}

fn field_error(flag: &str, (field, problem): (validation::Field, validation::Problem)) -> String {
    let message = Lang::En
        .texts()
        .error(&app::error::AppError::Invalid { field, problem });
    format!("{flag}: {message}")
}

/// Reads a new password: one line from standard input in scripts, or typed twice (hidden)
/// at a terminal. Returns its hash.
async fn read_new_password(state: &ServerState) -> Result<String, String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New password: ")
            .map_err(|e| format!("cannot read the password: {e}"))?;
        let again = rpassword::prompt_password("Again: ")
            .map_err(|e| format!("cannot read the password: {e}"))?;
        if first != again {
            return Err("the two passwords differ; nothing was changed".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    validation::new_password(&password).map_err(|e| field_error("password", e))?;
    state
        .hasher
        .hash(password)
        .await
        .map_err(|e| format!("cannot hash the password: {e}"))
}
