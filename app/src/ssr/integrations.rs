//! What Settings, the command line, the REST API and the webhook sender share: making and
//! checking API tokens, the external-bot switch, and checking a webhook's destination.

use super::integration_store::{ApiTokenRecord, NewApiToken, WebhookDraft};
use super::state::ServerState;
use super::store::{Store, StoreError, UserRecord};
use crate::domain::integrations::destinations;
use crate::domain::integrations::tokens::{self, Scope};
use crate::domain::integrations::webhooks;
use crate::error::AppError;

/// The setting that hands conversations with the bot to an external bot (through the API
/// and webhooks) instead of the built-in one: `external` or absent.
pub const BOT_ENGINE_SETTING: &str = "bot_engine";

/// Whether an external bot answers the bot's conversations (the built-in one stays quiet).
pub async fn external_bot(store: &dyn Store) -> Result<bool, StoreError> {
    Ok(store.setting(BOT_ENGINE_SETTING).await?.as_deref() == Some("external"))
}

pub async fn set_external_bot(store: &dyn Store, on: bool, now_ms: i64) -> Result<(), StoreError> {
    let value = if on { "external" } else { "builtin" };
    store.put_setting(BOT_ENGINE_SETTING, value, now_ms).await
}

/// Hex SHA-256: how tokens are stored and looked up. Tokens carry ~190 random bits, so a
/// fast hash is enough (no password stretching needed).
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

fn random_base62(len: usize) -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rngs::OsRng;
    (0..len)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Creates a token acting as `owner`; returns it with the token itself, shown this once.
pub async fn create_token(
    store: &dyn Store,
    owner: &UserRecord,
    name: &str,
    scope: Scope,
    now_ms: i64,
) -> Result<(ApiTokenRecord, String), AppError> {
    let name = tokens::name(name)?;
    if !owner.is_active_admin() {
        return Err(AppError::Forbidden);
    }
    let token = format!(
        "{}{}",
        tokens::TOKEN_PREFIX,
        random_base62(tokens::TOKEN_RANDOM_LEN)
    );
    let record = store
        .create_api_token(
            &NewApiToken {
                name,
                scope,
                token_hash: token_hash(&token),
                prefix: tokens::shown_prefix(&token),
                owner_id: owner.id,
            },
            now_ms,
        )
        .await?;
    Ok((record, token))
}

/// The token and the user it acts as, if `raw` is a live token of an enabled user.
/// Every refusal is `Unauthenticated`: a caller learns nothing about which part failed.
pub async fn authenticate(
    state: &ServerState,
    raw: &str,
) -> Result<(ApiTokenRecord, UserRecord), AppError> {
    if !tokens::well_formed(raw) {
        return Err(AppError::Unauthenticated);
    }
    let token = state
        .store
        .api_token_by_hash(&token_hash(raw))
        .await?
        .filter(|t| t.revoked_at_ms.is_none())
        .ok_or(AppError::Unauthenticated)?;
    let owner = state
        .store
        .user_by_id(token.owner_id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or(AppError::Unauthenticated)?;
    Ok((token, owner))
}

/// A fresh signing secret for a webhook endpoint.
pub fn new_webhook_secret() -> String {
    format!("whsec_{}", random_base62(40))
}

/// Validates what an admin typed for an endpoint, including where its host points.
pub async fn webhook_draft(
    url: &str,
    description: &str,
    events: &[String],
    allow_private: bool,
    enabled: bool,
) -> Result<WebhookDraft, AppError> {
    use crate::domain::validation::{Field, Problem};
    let url = webhooks::url(url)?;
    let events = webhooks::event_selection(events)?;
    let description = description.trim().to_string();
    if description.chars().count() > 200 {
        return Err(AppError::invalid((
            Field::WebhookUrl,
            Problem::TooLong { max: 200 },
        )));
    }
    resolve_destination(&url, allow_private).await?;
    Ok(WebhookDraft {
        url,
        description,
        events,
        allow_private,
        enabled,
    })
}

/// The host and port a request to `url` connects to, read by the same parser as the HTTP
/// client's (`webhooks::destination`).
pub fn host_and_port(url: &str) -> Option<(String, u16)> {
    webhooks::destination(&url::Url::parse(url).ok()?)
}

/// Resolves the URL's host and applies the SSRF rule: the addresses to connect to.
pub async fn resolve_destination(
    url: &str,
    allow_private: bool,
) -> Result<Vec<std::net::SocketAddr>, AppError> {
    use crate::domain::integrations::destinations::Refusal;
    use crate::domain::validation::{Field, Problem};
    let (host, port) =
        host_and_port(url).ok_or(AppError::invalid((Field::WebhookUrl, Problem::Malformed)))?;
    let addresses: Vec<std::net::SocketAddr> =
        match tokio::net::lookup_host((host.as_str(), port)).await {
            Ok(found) => found.collect(),
            Err(_) => {
                return Err(AppError::WebhookDestination {
                    refusal: Refusal::Unresolvable,
                })
            }
        };
    let ips: Vec<std::net::IpAddr> = addresses.iter().map(|a| a.ip()).collect();
    destinations::check(&ips, allow_private)
        .map_err(|refusal| AppError::WebhookDestination { refusal })?;
    Ok(addresses)
}
