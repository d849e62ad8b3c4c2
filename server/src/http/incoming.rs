//! Files agents send through the browser (`/conversations/{id}/media`, `/uploads`): the
//! sender is checked from the request's head BEFORE a byte of the body is read ([`SignedIn`]),
//! an announced size over the limit is refused at once, and the body is streamed to a file
//! in the media store's `incoming` folder with the limit enforced as it arrives, so a 100 MB
//! request never sits in memory before anyone knows who sent it. Tested over HTTP in
//! `server/tests/it/uploads_http.rs`.

use super::AppState;
use app::error::{AppError, MediaRefusal};
use app::ssr::{auth, UserRecord};
use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures::StreamExt;
use tokio::io::AsyncWriteExt;
use tower_sessions::Session;

/// The signed-in user, read from the session cookie in the request's head.
pub struct SignedIn(pub UserRecord);

/// An error as the JSON answer the browser reads, with its status.
pub(super) fn refusal(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error)).into_response()
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let session =
            Session::from_request_parts(parts, state)
                .await
                .map_err(|(status, why)| {
                    tracing::error!(%status, why, "no session layer on an upload route");
                    refusal(AppError::Internal)
                })?;
        match auth::current_user(&state.server, &session).await {
            Ok(Some(user)) => Ok(SignedIn(user)),
            Ok(None) => Err(refusal(AppError::Unauthenticated)),
            Err(error) => Err(refusal(error)),
        }
    }
}

/// What `Content-Length` announces, when it does.
pub fn announced_size(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

fn too_large(mime: &str, max_bytes: u64) -> AppError {
    AppError::MediaRefused {
        refusal: MediaRefusal::TooLarge {
            kind: app::domain::outbound::kind_for_mime(mime).map(|k| k.as_str().to_string()),
            max_bytes,
        },
    }
}

/// Streams `body` to a fresh file under `folder`, refusing it (and deleting what arrived)
/// once it passes WhatsApp's limit for the declared type `mime`. Returns the bytes, read back once the whole file is in and
/// accepted: Meta's upload takes them from memory (see docs/security.md, "left open").
pub async fn receive(
    body: Body,
    headers: &HeaderMap,
    folder: &std::path::Path,
    mime: &str,
) -> Result<axum::body::Bytes, AppError> {
    let max_bytes = super::upload::upload_cap(mime);
    if announced_size(headers).is_some_and(|n| n > max_bytes) {
        return Err(too_large(mime, max_bytes));
    }
    let internal = |e: std::io::Error| {
        tracing::error!(error = %e, "cannot write an incoming file");
        AppError::Internal
    };
    tokio::fs::create_dir_all(folder).await.map_err(internal)?;
    let path = folder.join(format!("partial-{:016x}", rand::random::<u64>()));
    let outcome = async {
        let mut file = tokio::fs::File::create(&path).await.map_err(internal)?;
        let mut size = 0u64;
        let mut stream = body.into_data_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| {
                tracing::info!(error = %e, "an upload broke off");
                AppError::MediaRefused {
                    refusal: MediaRefusal::Incomplete,
                }
            })?;
            size += chunk.len() as u64;
            if size > max_bytes {
                return Err(too_large(mime, max_bytes));
            }
            file.write_all(&chunk).await.map_err(internal)?;
        }
        file.flush().await.map_err(internal)?;
        drop(file);
        tokio::fs::read(&path).await.map_err(internal)
    }
    .await;
    let _ = tokio::fs::remove_file(&path).await;
    outcome.map(axum::body::Bytes::from)
}
