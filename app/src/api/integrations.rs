//! Settings → Integrations (admins): API tokens, outgoing webhooks and their delivery log,
//! and the external-bot switch.

use crate::error::AppError;
use crate::wire::integrations::{
    CreatedToken, CreatedWebhook, DeliveryView, WebhookInput, WebhookView,
};
use leptos::prelude::*;

/// How many delivery-log rows one page shows.
pub const DELIVERIES_PAGE: u32 = 20;

/// (The wire type is spelled out: the server function's own struct takes its short name.)
#[server(prefix = "/api", endpoint = "integrations/screen")]
pub async fn integrations_screen() -> Result<crate::wire::integrations::IntegrationsScreen, AppError>
{
    use crate::domain::roles::Role;
    use crate::ssr::integrations_views::{token_view, webhook_view};
    use crate::ssr::{auth, integrations, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            let users = state.store.list_users().await?;
            let tokens = state.store.api_tokens().await?;
            let webhooks = state.store.webhooks().await?;
            Ok(crate::wire::integrations::IntegrationsScreen {
                tokens: tokens.into_iter().map(|t| token_view(t, &users)).collect(),
                webhooks: webhooks.into_iter().map(webhook_view).collect(),
                external_bot: integrations::external_bot(state.store.as_ref()).await?,
            })
        }
        .await,
    )
}

/// Creates a token acting as the admin who creates it; the answer carries the token, the
/// only time it is ever shown. `scope` arrives as text so a bad value is a field message.
#[server(prefix = "/api", endpoint = "integrations/tokens/create")]
pub async fn create_token(name: String, scope: String) -> Result<CreatedToken, AppError> {
    use crate::domain::integrations::tokens::Scope;
    use crate::domain::roles::Role;
    use crate::domain::validation::{Field, Problem};
    use crate::ssr::integrations_views::token_view;
    use crate::ssr::{auth, integrations, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            // The scope has no field of its own: the token's name is what the form fixes.
            let scope = Scope::parse(&scope)
                .ok_or(AppError::invalid((Field::TokenName, Problem::Malformed)))?;
            let (record, token) =
                integrations::create_token(state.store.as_ref(), &admin, &name, scope, now_ms())
                    .await?;
            tracing::info!(
                by = admin.id,
                token = record.id,
                scope = scope.as_str(),
                "API token created"
            );
            Ok(CreatedToken {
                token,
                view: token_view(record, std::slice::from_ref(&admin)),
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "integrations/tokens/revoke")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            state.store.revoke_api_token(id, now_ms()).await?;
            tracing::info!(by = admin.id, token = id, "API token revoked");
            Ok(())
        }
        .await,
    )
}

/// Registers an endpoint; the answer carries its signing secret, shown this once.
#[server(prefix = "/api", endpoint = "integrations/webhooks/create", input = leptos::server_fn::codec::Json)]
pub async fn create_webhook(input: WebhookInput) -> Result<CreatedWebhook, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::integrations_views::webhook_view;
    use crate::ssr::{auth, integrations, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let draft = draft_of(&input).await?;
            let secret = integrations::new_webhook_secret();
            let record = state
                .store
                .create_webhook(&draft, &secret, now_ms())
                .await?;
            tracing::info!(
                by = admin.id,
                webhook = record.id,
                "webhook endpoint created"
            );
            Ok(CreatedWebhook {
                secret,
                view: webhook_view(record),
            })
        }
        .await,
    )
}

/// Changes an endpoint's URL, events and switches; its secret stays.
#[server(prefix = "/api", endpoint = "integrations/webhooks/update", input = leptos::server_fn::codec::Json)]
pub async fn update_webhook(id: i64, input: WebhookInput) -> Result<WebhookView, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::integrations_views::webhook_view;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let draft = draft_of(&input).await?;
            let record = state.store.update_webhook(id, &draft, now_ms()).await?;
            tracing::info!(by = admin.id, webhook = id, "webhook endpoint changed");
            Ok(webhook_view(record))
        }
        .await,
    )
}

/// Deletes an endpoint and its delivery log.
#[server(prefix = "/api", endpoint = "integrations/webhooks/delete")]
pub async fn delete_webhook(id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            state.store.delete_webhook(id).await?;
            tracing::info!(by = admin.id, webhook = id, "webhook endpoint deleted");
            Ok(())
        }
        .await,
    )
}

/// A page of an endpoint's delivery log, newest first, older than `before_id`.
#[server(prefix = "/api", endpoint = "integrations/webhooks/deliveries")]
pub async fn webhook_deliveries(
    endpoint_id: i64,
    before_id: Option<i64>,
) -> Result<Vec<DeliveryView>, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::integrations_views::delivery_view;
    use crate::ssr::{auth, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            if state.store.webhook(endpoint_id).await?.is_none() {
                return Err(AppError::NotFound);
            }
            let page = state
                .store
                .deliveries(endpoint_id, before_id, DELIVERIES_PAGE)
                .await?;
            Ok(page.into_iter().map(delivery_view).collect())
        }
        .await,
    )
}

/// Sends a delivery again now (its attempts are kept).
#[server(prefix = "/api", endpoint = "integrations/webhooks/redeliver")]
pub async fn redeliver(delivery_id: i64) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            state.store.redeliver(delivery_id, now_ms()).await?;
            tracing::info!(
                by = admin.id,
                delivery = delivery_id,
                "webhook delivery sent again"
            );
            Ok(())
        }
        .await,
    )
}

/// Hands the bot's conversations to an external bot (`on`) or back to the built-in one.
#[server(prefix = "/api", endpoint = "integrations/external-bot")]
pub async fn set_external_bot(on: bool) -> Result<bool, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, integrations, now_ms, state::respond};
    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            integrations::set_external_bot(state.store.as_ref(), on, now_ms()).await?;
            tracing::info!(by = admin.id, on, "external bot switched");
            integrations::external_bot(state.store.as_ref())
                .await
                .map_err(Into::into)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn draft_of(input: &WebhookInput) -> Result<crate::ssr::WebhookDraft, AppError> {
    crate::ssr::integrations::webhook_draft(
        &input.url,
        &input.description,
        &input.events,
        input.allow_private,
        input.enabled,
    )
    .await
}
