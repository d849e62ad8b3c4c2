//! `/media/{media_id}`: a customer's file, to signed-in users only. Types a browser could run
//! (SVG, HTML…) are never shown inline.

use super::AppState;
use app::ssr::{auth, MediaState};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Shown in the page; anything else is downloaded.
const INLINE: [&str; 11] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "audio/ogg",
    "audio/mpeg",
    "audio/mp4",
    "audio/aac",
    "audio/amr",
    "video/mp4",
    "video/3gpp",
    "application/pdf",
];

pub async fn serve_media(
    State(state): State<AppState>,
    session: Session,
    Path(media_id): Path<String>,
) -> Response {
    let user = match auth::current_user(&state.server, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "sign in to see this file").into_response(),
        Err(_) => {
            return (StatusCode::SERVICE_UNAVAILABLE, "try again in a moment").into_response()
        }
    };
    let record = match state.server.store.media(&media_id).await {
        Ok(Some(r)) => r,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such file").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "media lookup failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "try again in a moment").into_response();
        }
    };
    // A restricted agent may not open files of a colleague's conversation either.
    if !may_see(&state, user, record.message_id).await {
        return (
            StatusCode::FORBIDDEN,
            "this file belongs to a colleague's conversation",
        )
            .into_response();
    }
    let sha = match (&record.state, &record.sha256) {
        (MediaState::Stored, Some(sha)) => sha.clone(),
        (MediaState::Failed, _) => {
            let why = record.error.unwrap_or_default();
            return (
                StatusCode::NOT_FOUND,
                format!("the file could not be fetched from WhatsApp: {why}"),
            )
                .into_response();
        }
        _ => {
            return (
                StatusCode::NOT_FOUND,
                "the file is still being fetched from WhatsApp",
            )
                .into_response()
        }
    };
    let bytes = match state.media.read(&sha).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, %sha, "a stored media file is missing");
            return (
                StatusCode::NOT_FOUND,
                "the file is missing from the media store",
            )
                .into_response();
        }
    };
    let name = record
        .filename
        .unwrap_or_else(|| format!("{}-{}", record.kind, record.media_id));
    file_response(bytes, record.mime_type.as_deref(), &name)
}

/// A stored file for the browser: shown inline only when it is a type that cannot run.
pub fn file_response(bytes: Vec<u8>, mime: Option<&str>, filename: &str) -> Response {
    let mime = mime
        .unwrap_or("application/octet-stream")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let inline = INLINE.contains(&mime.as_str());
    let content_type = if inline {
        mime.clone()
    } else {
        "application/octet-stream".into()
    };
    let name: String = filename
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\')
        .collect();
    let disposition = format!(
        "{}; filename=\"{name}\"",
        if inline { "inline" } else { "attachment" }
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    let value = |v: &str| {
        HeaderValue::from_str(v).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
    };
    headers.insert(header::CONTENT_TYPE, value(&content_type));
    headers.insert(header::CONTENT_DISPOSITION, value(&disposition));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400"),
    );
    response
}

async fn may_see(state: &AppState, user: app::ssr::UserRecord, message_id: i64) -> bool {
    let Ok(asker) = app::ssr::console::Asker::new(state.server.clone(), user).await else {
        return false;
    };
    match state.server.store.message(message_id).await {
        Ok(Some(message)) => asker.conversation(message.conversation_id).await.is_ok(),
        _ => false,
    }
}
