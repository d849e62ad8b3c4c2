//! Sign in, sign out, and who is signed in.

use crate::error::AppError;
use crate::wire::SessionInfo;
use leptos::prelude::*;

/// Who is signed in, and the language to show. Works signed out too (for the login page).
#[server(prefix = "/api", endpoint = "session")]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    use crate::i18n::Lang;
    use crate::ssr::{auth, state::respond, ServerState};

    respond(
        async {
            let state = ServerState::current()?;
            let session = auth::session().await?;
            let user = auth::current_user(&state, &session).await?;
            let browser_lang = leptos_axum::extract::<axum::http::HeaderMap>()
                .await
                .ok()
                .and_then(|h| {
                    h.get(axum::http::header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok())
                        .map(Lang::from_accept_language)
                })
                .unwrap_or_default();
            let lang = user
                .as_ref()
                .and_then(|u| u.language)
                .unwrap_or(browser_lang);
            let own_time_zone = user.as_ref().and_then(|u| u.time_zone.clone());
            let time_zone = match &own_time_zone {
                Some(zone) => zone.clone(),
                // Only signed-in people read times; the login page skips the settings read.
                None if user.is_some() => crate::ssr::reports::settings(&*state.store)
                    .await
                    .map(|s| s.timezone)
                    .unwrap_or_else(|_| "UTC".into()),
                None => "UTC".into(),
            };
            Ok(SessionInfo {
                me: user.map(|u| u.me()),
                lang,
                time_zone,
                own_time_zone,
            })
        }
        .await,
    )
}

/// Checks the email and password and starts a session, then sends the browser to `next`.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::domain::{session::safe_next, throttle, validation};
    use crate::ssr::password::Verdict;
    use crate::ssr::{auth, now_ms, state::respond, ServerState, UserChange};

    respond(
        async {
            let state = ServerState::current()?;
            let email = validation::login_input(&email, &password)?;
            let now = now_ms();
            let keys = [
                format!("email:{email}"),
                format!("addr:{}", auth::client_address(&state).await),
            ];
            // The attempt counts before the password is checked: parallel guesses each take
            // a turn, and none gets past the wait (nor costs a hash) once it applies.
            if let throttle::AttemptClaim::Wait { retry_after_secs } =
                state.store.claim_login_attempt(&keys, now).await?
            {
                return Err(AppError::Throttled { retry_after_secs });
            }

            let user = state.store.user_by_email(&email).await?;
            let verdict = match &user {
                Some(u) => {
                    state
                        .hasher
                        .verify(password.clone(), u.password_hash.clone())
                        .await?
                }
                None => {
                    state.hasher.waste_time(password.clone()).await?;
                    Verdict::Wrong
                }
            };
            let user = match (user, verdict) {
                (Some(user), Verdict::Right | Verdict::RightButRehash) => user,
                (user, _) => {
                    tracing::info!(email = %email, "failed sign-in");
                    let actor = crate::ssr::audit::Actor {
                        id: user.map(|u| u.id),
                        email: Some(email.clone()),
                        ip: Some(keys[1].trim_start_matches("addr:").to_string()),
                    };
                    crate::ssr::audit::record(
                        &state,
                        &actor,
                        crate::domain::audit::AuditAction::SignInFailed,
                        None,
                        serde_json::json!({}),
                    )
                    .await;
                    return Err(AppError::InvalidCredentials);
                }
            };
            if user.disabled {
                return Err(AppError::AccountDisabled);
            }
            for key in &keys {
                state.store.clear_login_failures(key).await?;
            }
            let user = if verdict == Verdict::RightButRehash {
                let hash = state.hasher.hash(password).await?;
                let change = UserChange::PasswordHash {
                    hash,
                    end_sessions: false,
                };
                state.store.update_user(user.id, change, now).await?
            } else {
                user
            };
            let session = auth::session().await?;
            auth::begin(&session, &user).await?;
            tracing::info!(user_id = user.id, "signed in");
            let actor = crate::ssr::audit::Actor::user(
                &user,
                Some(keys[1].trim_start_matches("addr:").to_string()),
            );
            crate::ssr::audit::record(
                &state,
                &actor,
                crate::domain::audit::AuditAction::SignIn,
                Some(crate::domain::audit::AuditSubject::User(user.id)),
                serde_json::json!({}),
            )
            .await;
            leptos_axum::redirect(&safe_next(next.as_deref()));
            Ok(())
        }
        .await,
    )
}

/// Ends the session (if any) and sends the browser to the login page.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::{auth, state::respond, ServerState};

    respond(
        async {
            let state = ServerState::current()?;
            let session = auth::session().await?;
            auth::sign_out(&state, &session).await?;
            leptos_axum::redirect("/login");
            Ok(())
        }
        .await,
    )
}
