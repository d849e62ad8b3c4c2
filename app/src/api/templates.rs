//! The Templates screen (admins): the business account's templates and "Sync now".

use crate::error::AppError;
use crate::wire::TemplatesScreen;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "templates/list")]
pub async fn list_templates() -> Result<TemplatesScreen, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            desk_actions::templates(&state, &admin).await
        }
        .await,
    )
}

/// Syncs now; a failure is reported on the screen, not as an error of this call.
#[server(prefix = "/api", endpoint = "templates/sync")]
pub async fn sync_templates() -> Result<TemplatesScreen, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, desk_actions, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let _ = desk_actions::sync_templates(&state, &admin).await;
            desk_actions::templates(&state, &admin).await
        }
        .await,
    )
}
