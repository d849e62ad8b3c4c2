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
            let (ok, message) = match state.whatsapp.check_connection().await {
                Ok(m) => (true, m),
                Err(m) => (false, m),
            };
            Ok(ConnectionCheck {
                ok,
                message,
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
    use crate::ssr::{auth, now_ms, state::respond, NewOutbound};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let to = validation::phone(&to)?;
            let text = validation::message_text(&text)?.to_string();
            let conversation_id = state.store.conversation_for_phone(&to, now_ms()).await?;
            let message = state
                .store
                .insert_outbound(
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
            state.whatsapp.outbound_queued();
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
