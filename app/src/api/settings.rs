//! The Settings screen (admins): the WhatsApp connection and its recent activity.

use crate::error::AppError;
use crate::wire::{ConnectionCheck, ConnectionView};
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
