//! `/webhooks/whatsapp`: Meta's verification handshake (GET) and notifications (POST).
//! A notification is checked against its signature before it is parsed, applied in one
//! transaction, and acknowledged with 200 only after the commit.

use super::AppState;
use crate::whatsapp::{signature, webhook};
use app::wire::{LinkProblem, LinkStep};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Meta's notifications can be large; other routes keep the default limit.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Deserialize)]
pub struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

pub async fn verify(State(state): State<AppState>, Query(q): Query<Handshake>) -> Response {
    let expected = state.whatsapp.verify_token.as_ref().map(|t| t.expose());
    match (
        q.mode.as_deref(),
        q.verify_token.as_deref(),
        q.challenge,
        expected,
    ) {
        (Some("subscribe"), Some(given), Some(challenge), Some(expected)) if given == expected => {
            tracing::info!("webhook verified by Meta");
            (StatusCode::OK, challenge).into_response()
        }
        (_, _, _, None) => {
            tracing::warn!("webhook verification refused: WHATSAPP_VERIFY_TOKEN is not set");
            (StatusCode::FORBIDDEN, "verify token not configured").into_response()
        }
        _ => {
            tracing::warn!("webhook verification refused: wrong mode or verify token");
            (StatusCode::FORBIDDEN, "wrong verify token").into_response()
        }
    }
}

pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(secret) = state.whatsapp.app_secret.as_ref() else {
        tracing::error!(
            "webhook refused: WHATSAPP_APP_SECRET is not set, signatures cannot be checked"
        );
        return (StatusCode::UNAUTHORIZED, "signature cannot be checked").into_response();
    };
    let header = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    if let Err(why) = signature::verify(secret.expose().as_bytes(), &body, header) {
        tracing::warn!(?why, bytes = body.len(), "webhook refused: bad signature");
        state.server.whatsapp.webhook_received(Err(LinkProblem::new(
            LinkStep::WebhookSignature,
            None,
            "",
        )));
        return (StatusCode::UNAUTHORIZED, "invalid signature").into_response();
    }
    let now = app::ssr::now_ms();
    let parsed = match webhook::parse(&body, state.whatsapp.phone_number_id.as_deref(), now) {
        Ok(parsed) => parsed,
        Err(webhook::Malformed(reason)) => {
            tracing::warn!(%reason, "webhook refused: malformed body");
            state.server.whatsapp.webhook_received(Err(LinkProblem::new(
                LinkStep::WebhookMalformed,
                None,
                reason.clone(),
            )));
            return (StatusCode::BAD_REQUEST, reason).into_response();
        }
    };
    for skipped in &parsed.skipped {
        tracing::info!(%skipped, "webhook: left out");
    }
    match state.server.store.ingest(&parsed.events, now).await {
        Ok(report) => {
            tracing::debug!(?report, "webhook applied");
            state.server.whatsapp.webhook_received(Ok(()));
            if report.templates_updated > 0 {
                state.server.whatsapp.templates_changed();
            }
            // The bot's jobs were written with the messages; its worker answers them.
            if !report.inbound.is_empty() {
                state.bot_bell.notify_one();
            }
            StatusCode::OK.into_response()
        }
        Err(err) => {
            // Not 200: Meta delivers it again later, so nothing is lost.
            tracing::error!(error = %err, "webhook not applied; Meta will retry");
            state.server.whatsapp.webhook_received(Err(LinkProblem::new(
                LinkStep::WebhookNotSaved,
                None,
                "",
            )));
            (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response()
        }
    }
}
