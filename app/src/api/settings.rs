//! The Settings screen (admins): the WhatsApp connection and its recent activity.

use crate::error::AppError;
use crate::wire::{ConnectionCheck, ConnectionView, TestMessage};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "settings/connection")]
pub async fn connection_settings() -> Result<ConnectionView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};

    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            Ok(state.whatsapp.connection())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "settings/check")]
pub async fn check_connection() -> Result<ConnectionCheck, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};

    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let outcome = state.whatsapp.check_connection().await;
            Ok(ConnectionCheck {
                ok: outcome.is_ok(),
                templates: outcome.as_ref().copied().unwrap_or(0),
                problem: outcome.err(),
                connection: state.whatsapp.connection(),
            })
        }
        .await,
    )
}

/// Sends a free-text message to a phone number through the outbound queue, to see the whole
/// path work: the message, its statuses, or WhatsApp's refusal.
#[server(prefix = "/api", endpoint = "settings/test-message")]
pub async fn send_test_message(to: String, text: String) -> Result<TestMessage, AppError> {
    use crate::domain::outbound::Outbound;
    use crate::domain::roles::Role;
    use crate::domain::validation;
    use crate::ssr::{auth, now_ms, send, state::respond, NewOutbound};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let to = validation::phone(&to)?;
            let text = validation::message_text(&text)?.to_string();
            // Refused before anything is stored: no empty conversation for a number that
            // cannot receive free text now.
            let last_inbound = state
                .store
                .contact(crate::ssr::ContactKey::WaId(&to))
                .await?
                .and_then(|c| c.last_inbound_at_ms);
            crate::domain::window::may_send(true, last_inbound, now_ms()).map_err(|closed| {
                AppError::WindowClosed {
                    closed_at_ms: closed.closed_at_ms,
                }
            })?;
            let conversation_id = state.store.conversation_for_phone(&to, now_ms()).await?;
            let message = send::queue(
                &state,
                NewOutbound {
                    conversation_id,
                    outbound: Outbound::Text {
                        body: text,
                        preview_url: false,
                    },
                    sender_user_id: Some(admin.id),
                    reply_to: None,
                    echo_id: None,
                },
                now_ms(),
            )
            .await?;
            tracing::info!(
                by = admin.id,
                message_id = message.id,
                "test message queued"
            );
            Ok(crate::ssr::templates::test_message(&message))
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "settings/test-message-status")]
pub async fn test_message_status(id: i64) -> Result<TestMessage, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};

    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let message = state.store.message(id).await?.ok_or(AppError::NotFound)?;
            Ok(crate::ssr::templates::test_message(&message))
        }
        .await,
    )
}

/// The team's console settings, for every signed-in user (the console reads them).
#[server(prefix = "/api", endpoint = "settings/console")]
pub async fn console_settings() -> Result<crate::wire::ConsoleSettings, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            Ok(crate::wire::ConsoleSettings {
                window_warning_minutes: console::warning_ms(&asker.state).await? / 60_000,
                owner_only_replies: console::owner_only_replies(&asker.state).await?,
                bot_enabled: crate::ssr::bot::enabled(asker.state.store.as_ref()).await?,
            })
        }
        .await,
    )
}

/// Changes the console settings (admins). Every open console reloads them at once.
#[server(prefix = "/api", endpoint = "settings/console/save")]
pub async fn save_console_settings(
    window_warning_minutes: i64,
) -> Result<crate::wire::ConsoleSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::domain::validation;
    use crate::domain::window::WARNING_SETTING;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let minutes = validation::warning_minutes(window_warning_minutes)?;
            state
                .store
                .put_setting(WARNING_SETTING, &minutes.to_string(), now_ms())
                .await?;
            tracing::info!(by = admin.id, minutes, "window warning changed");
            Ok(crate::wire::ConsoleSettings {
                window_warning_minutes: minutes,
                owner_only_replies: crate::ssr::console::owner_only_replies(&state).await?,
                bot_enabled: crate::ssr::bot::enabled(state.store.as_ref()).await?,
            })
        }
        .await,
    )
}

/// How the team shares the number (admins).
#[server(prefix = "/api", endpoint = "settings/team")]
pub async fn team_settings() -> Result<crate::wire::TeamSettings, AppError> {
    use crate::domain::assignment::{
        flag, AutoAssign, AUTO_ASSIGN_SETTING, RETURN_ON_OFFLINE_SETTING,
    };
    use crate::domain::roles::Role;
    use crate::ssr::{auth, console, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let store = &state.store;
            Ok(crate::wire::TeamSettings {
                agent_visibility: console::policy(&state).await?,
                read_receipts: console::read_receipts(&state).await?,
                auto_assign: store
                    .setting(AUTO_ASSIGN_SETTING)
                    .await?
                    .as_deref()
                    .and_then(AutoAssign::parse)
                    .unwrap_or_default(),
                return_on_offline: flag(
                    store.setting(RETURN_ON_OFFLINE_SETTING).await?.as_deref(),
                    false,
                ),
                owner_only_replies: console::owner_only_replies(&state).await?,
                new_conversations_to_sender: flag(
                    store
                        .setting(crate::domain::assignment::NEW_CONVERSATIONS_TO_SENDER_SETTING)
                        .await?
                        .as_deref(),
                    true,
                ),
                business_country: crate::ssr::outreach::business_country(&state).await?,
            })
        }
        .await,
    )
}

/// Changes how the team shares the number (admins). Consoles reload at once; the dispatcher
/// applies a new auto-assignment mode on its next pass.
#[server(prefix = "/api", endpoint = "settings/team/save", input = leptos::server_fn::codec::Json)]
pub async fn save_team_settings(
    settings: crate::wire::TeamSettings,
) -> Result<crate::wire::TeamSettings, AppError> {
    use crate::domain::assignment::{
        AUTO_ASSIGN_SETTING, OWNER_ONLY_REPLIES_SETTING, RETURN_ON_OFFLINE_SETTING,
    };
    use crate::domain::roles::Role;
    use crate::ssr::{auth, console, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let now = now_ms();
            // Left out (an older client): the country stays as it is.
            let country = match settings.business_country.trim().to_uppercase() {
                empty if empty.is_empty() => crate::ssr::outreach::business_country(&state).await?,
                given => given,
            };
            if !crate::domain::phone::countries()
                .iter()
                .any(|(id, _)| *id == country)
            {
                return Err(AppError::invalid((
                    crate::domain::validation::Field::Country,
                    crate::domain::validation::Problem::Malformed,
                )));
            }
            let settings = crate::wire::TeamSettings {
                business_country: country,
                ..settings
            };
            let pairs = [
                (
                    console::VISIBILITY_SETTING,
                    settings.agent_visibility.as_str().to_string(),
                ),
                (
                    console::READ_RECEIPTS_SETTING,
                    settings.read_receipts.to_string(),
                ),
                (
                    AUTO_ASSIGN_SETTING,
                    settings.auto_assign.as_str().to_string(),
                ),
                (
                    RETURN_ON_OFFLINE_SETTING,
                    settings.return_on_offline.to_string(),
                ),
                (
                    OWNER_ONLY_REPLIES_SETTING,
                    settings.owner_only_replies.to_string(),
                ),
                (
                    crate::domain::assignment::NEW_CONVERSATIONS_TO_SENDER_SETTING,
                    settings.new_conversations_to_sender.to_string(),
                ),
                (
                    crate::domain::phone::BUSINESS_COUNTRY_SETTING,
                    settings.business_country.clone(),
                ),
            ];
            for (key, value) in pairs {
                state.store.put_setting(key, &value, now).await?;
            }
            tracing::info!(by = admin.id, ?settings, "team settings changed");
            Ok(settings)
        }
        .await,
    )
}

/// The team's marketing consent rules: keywords, confirmations, explicit opt-in (admins).
#[server(prefix = "/api", endpoint = "settings/consent")]
pub async fn consent_settings() -> Result<crate::domain::consent::ConsentSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, send, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            send::consent_settings(&state).await
        }
        .await,
    )
}

/// Saves the consent rules, cleaned (keywords trimmed and de-duplicated) or refused whole.
#[server(prefix = "/api", endpoint = "settings/consent/save", input = leptos::server_fn::codec::Json)]
pub async fn save_consent_settings(
    settings: crate::domain::consent::ConsentSettings,
) -> Result<crate::domain::consent::ConsentSettings, AppError> {
    use crate::domain::consent::CONSENT_SETTING;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let cleaned = settings
                .cleaned()
                .map_err(|problem| AppError::ConsentSettings { problem })?;
            let json = serde_json::to_string(&cleaned).map_err(|_| AppError::Internal)?;
            state
                .store
                .put_setting(CONSENT_SETTING, &json, now_ms())
                .await?;
            tracing::info!(by = admin.id, "consent settings changed");
            Ok(cleaned)
        }
        .await,
    )
}
