//! `/contacts/{id}/export.zip`: everything the desk keeps about one contact (a GDPR access
//! request), for supervisors and admins — the JSON documents `app::ssr::contacts::data_export`
//! gathers and their media files, zipped off the async runtime.

use super::AppState;
use app::domain::roles::Role;
use app::error::AppError;
use app::ssr::audit::Actor;
use app::ssr::{auth, contacts};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::net::SocketAddr;
use tower_sessions::Session;

const README: &str = "This archive holds everything the desk keeps about one contact:\n\
contact.json (who they are, their attributes), consent-history.json (marketing consent\n\
changes), conversations.json (every conversation with every message, note and activity line)\n\
and media/ (the files they sent or received). Times are unix milliseconds (UTC).\n";

fn refuse(status: StatusCode, words: &'static str) -> Response {
    (status, words).into_response()
}

pub async fn export(
    State(state): State<AppState>,
    session: Session,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let user = match auth::current_user(&state.server, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "sign in to export a contact's data",
            )
        }
        Err(_) => return refuse(StatusCode::SERVICE_UNAVAILABLE, "try again in a moment"),
    };
    if !user.role.at_least(Role::Supervisor) {
        return refuse(
            StatusCode::FORBIDDEN,
            "only supervisors and admins export a contact's data",
        );
    }
    let ip = auth::client_address_of(&state.server, peer.ip(), &headers);
    let actor = Actor::user(&user, Some(ip));
    let data = match contacts::data_export(&state.server, &actor, user.role, id).await {
        Ok(data) => data,
        Err(AppError::NotFound) => return refuse(StatusCode::NOT_FOUND, "no such contact"),
        Err(e) => {
            tracing::warn!(error = %e, "contact export failed");
            return refuse(StatusCode::SERVICE_UNAVAILABLE, "try again in a moment");
        }
    };
    let mut files = Vec::with_capacity(data.files.len());
    for (name, sha) in data.files {
        match state.media.read(&sha).await {
            Ok(bytes) => files.push((name, bytes)),
            // Listed in the JSON; the file itself is gone (never fetched, or deleted).
            Err(e) => {
                tracing::warn!(error = %e, %sha, "a contact's media file is missing from the export")
            }
        }
    }
    let documents = data.documents;
    let zipped = tokio::task::spawn_blocking(move || zip_all(&documents, &files)).await;
    match zipped {
        Ok(Ok(bytes)) => {
            let mut response = bytes.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            );
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"contact-{id}.zip\""))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        other => {
            tracing::error!(?other, "cannot zip a contact's data");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the archive could not be made",
            )
        }
    }
}

fn zip_all(
    documents: &[(String, String)],
    files: &[(String, Vec<u8>)],
) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("README.txt", options)?;
    zip.write_all(README.as_bytes())?;
    for (name, text) in documents {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text.as_bytes())?;
    }
    // Media are compressed already.
    let stored = options.compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), stored)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
