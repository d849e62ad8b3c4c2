//! Who is calling: `Authorization: Bearer <token>`, checked on every request, then the
//! token's rate limit. A session cookie means nothing here (and a token means nothing to the
//! console): the API router sits outside the session layer.

use super::error::ApiError;
use crate::http::AppState;
use app::domain::integrations::tokens::{self, Scope};
use app::domain::pacing::Bucket;
use app::error::AppError;
use app::ssr::console::Asker;
use app::ssr::{now_ms, ApiTokenRecord};
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use std::collections::HashMap;
use std::sync::Mutex;

/// How often a token's "last used" time is written (it is shown in Settings).
const TOUCH_EVERY_MS: i64 = 60_000;

/// Each token's request bucket, in this instance's memory: with several instances behind a
/// load balancer the limit applies per instance (docs/api.md says so).
pub struct RateLimits {
    per_minute: u32,
    buckets: Mutex<HashMap<i64, Bucket>>,
}

impl RateLimits {
    pub fn new(per_minute: u32) -> RateLimits {
        RateLimits {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `token_id`'s bucket, or the seconds to wait.
    pub fn admit(&self, token_id: i64, now_ms: i64) -> Result<(), i64> {
        let rate = tokens::rate(self.per_minute);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        // Forget full buckets now and then so revoked tokens do not pile up.
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| !b.is_full(rate, now_ms));
        }
        let bucket = buckets
            .entry(token_id)
            .or_insert_with(|| Bucket::full(rate, now_ms));
        tokens::admit(bucket, rate, now_ms)
    }

    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }
}

/// An authenticated caller: the token and the user it acts as, seen exactly as the console
/// sees that user.
pub struct Caller {
    pub token: ApiTokenRecord,
    pub asker: Asker,
}

impl Caller {
    /// Refuses with 403 unless the token's scope, as far as its owner's role today allows
    /// (`Scope::for_role`), includes `needed`.
    pub fn need(&self, needed: Scope) -> Result<(), ApiError> {
        let scope = self.token.scope.for_role(self.asker.user.role);
        if scope.allows(needed) {
            Ok(())
        } else if self.token.scope.allows(needed) {
            Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "forbidden",
                format!(
                    "This token acts as {}, who is no longer an admin: it may do \"{}\" things \
                     only; this needs \"{}\".",
                    self.asker.user.email,
                    scope.as_str(),
                    needed.as_str()
                ),
            ))
        } else {
            Err(ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "forbidden",
                format!(
                    "This token's scope is \"{}\"; this needs \"{}\".",
                    self.token.scope.as_str(),
                    needed.as_str()
                ),
            ))
        }
    }

    pub fn state(&self) -> &app::ssr::ServerState {
        &self.asker.state
    }

    pub fn user_id(&self) -> i64 {
        self.asker.user.id
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let raw = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::new(
                    axum::http::StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "Send an API token: Authorization: Bearer <token>.",
                )
            })?;
        let (token, owner) = app::ssr::integrations::authenticate(&state.server, raw)
            .await
            .map_err(|err| match err {
                AppError::Unauthenticated => ApiError::new(
                    axum::http::StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "This API token is not valid: it is unknown, revoked, or its owner's account is disabled.",
                ),
                other => ApiError::from(other),
            })?;
        let now = now_ms();
        if let Err(retry_after_secs) = state.api_limits.admit(token.id, now) {
            return Err(ApiError::from(AppError::Throttled { retry_after_secs }));
        }
        if token
            .last_used_at_ms
            .is_none_or(|at| now - at >= TOUCH_EVERY_MS)
        {
            if let Err(err) = state.server.store.touch_api_token(token.id, now).await {
                tracing::warn!(error = %err, "could not record an API token's use");
            }
        }
        let asker = Asker::new(state.server.clone(), owner).await?;
        Ok(Caller { token, asker })
    }
}
