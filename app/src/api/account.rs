//! What every signed-in user may change about their own account.

use crate::error::AppError;
use crate::i18n::Lang;
use leptos::prelude::*;

/// Changes the caller's password after checking the current one. Other sessions of the
/// account end; this one continues under a new id.
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_own_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::domain::throttle;
    use crate::domain::validation::{self, Field, Problem};
    use crate::ssr::password::Verdict;
    use crate::ssr::{auth, now_ms, state::respond, UserChange};

    respond(
        async {
            let (state, me) = auth::require(Role::Agent).await?;
            if current_password.is_empty() {
                return Err(AppError::invalid((Field::CurrentPassword, Problem::Empty)));
            }
            validation::new_password(&new_password)?;
            // A stolen session must not become a way to guess the password: the same
            // throttle as signing in, claimed before the check.
            let key = format!("password:{}", me.id);
            if let throttle::AttemptClaim::Wait { retry_after_secs } = state
                .store
                .claim_login_attempt(std::slice::from_ref(&key), now_ms())
                .await?
            {
                return Err(AppError::Throttled { retry_after_secs });
            }
            let verdict = state
                .hasher
                .verify(current_password, me.password_hash.clone())
                .await?;
            if verdict == Verdict::Wrong {
                return Err(AppError::invalid((
                    Field::CurrentPassword,
                    Problem::Malformed,
                )));
            }
            state.store.clear_login_failures(&key).await?;
            let hash = state.hasher.hash(new_password).await?;
            let change = UserChange::PasswordHash {
                hash,
                end_sessions: true,
            };
            let updated = state.store.update_user(me.id, change, now_ms()).await?;
            let session = auth::session().await?;
            auth::begin(&session, &updated).await
        }
        .await,
    )
}

/// Sets the zone the caller reads times in (an IANA name); `None` follows the business's.
#[server(prefix = "/api", endpoint = "account/time-zone")]
pub async fn set_my_time_zone(time_zone: Option<String>) -> Result<(), AppError> {
    use crate::domain::bot::hours::known_timezone;
    use crate::domain::roles::Role;
    use crate::domain::validation::{Field, Problem};
    use crate::ssr::{auth, now_ms, state::respond, UserChange};

    respond(
        async {
            let (state, me) = auth::require(Role::Agent).await?;
            let zone = time_zone
                .map(|z| z.trim().to_string())
                .filter(|z| !z.is_empty());
            if zone.as_deref().is_some_and(|z| !known_timezone(z)) {
                return Err(AppError::Invalid {
                    field: Field::TimeZone,
                    problem: Problem::Malformed,
                });
            }
            state
                .store
                .update_user(me.id, UserChange::TimeZone(zone), now_ms())
                .await?;
            Ok(())
        }
        .await,
    )
}

/// Sets the caller's language; `None` follows the browser.
#[server(prefix = "/api", endpoint = "account/language")]
pub async fn set_my_language(language: Option<Lang>) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond, UserChange};

    respond(
        async {
            let (state, me) = auth::require(Role::Agent).await?;
            state
                .store
                .update_user(me.id, UserChange::Language(language), now_ms())
                .await?;
            Ok(())
        }
        .await,
    )
}
