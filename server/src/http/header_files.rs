//! Files for template headers: `POST /uploads?filename=` takes the raw file (its type in
//! `Content-Type`, so the browser can show progress), checks it against Meta's limits, keeps it
//! in our media store, uploads it to WhatsApp and remembers it for 29 days so the picker can
//! offer it again to the same agent. `GET /uploads/{id}` shows it to that agent (the picker's
//! preview).

use super::incoming::{refusal as error_response, SignedIn};
use super::AppState;
use app::error::AppError;
use app::ssr::auth;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tower_sessions::Session;

#[derive(serde::Deserialize)]
pub struct Params {
    filename: Option<String>,
}

pub async fn upload(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match store_upload(state, user, params, headers, body).await {
        Ok(view) => Json(view).into_response(),
        Err(error) => error_response(error),
    }
}

async fn store_upload(
    state: AppState,
    user: app::ssr::UserRecord,
    params: Params,
    headers: HeaderMap,
    body: Body,
) -> Result<app::wire::picker::UploadView, AppError> {
    let mime = super::upload::content_type(&headers);
    let bytes = super::incoming::receive(body, &headers, &state.media.incoming(), &mime).await?;
    let file = super::upload::File {
        mime,
        filename: super::upload::clean_filename(params.filename),
        bytes,
    };
    let record = super::upload::keep_header_file(&state, user.id, file).await?;
    Ok(app::ssr::console::upload_view(&record))
}

pub async fn serve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    let user = match auth::current_user(&state.server, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return error_response(AppError::Unauthenticated),
        Err(e) => return error_response(e),
    };
    // Only to whoever uploaded it; once sent, the file is served from `/media` to those who
    // may see the conversation.
    let record = match state.server.store.upload(id).await {
        Ok(Some(r)) if r.uploaded_by == Some(user.id) => r,
        Ok(_) => return error_response(AppError::NotFound),
        Err(e) => return error_response(e.into()),
    };
    match state.media.read(&record.sha256).await {
        Ok(bytes) => super::media::file_response(bytes, Some(&record.mime_type), &record.filename),
        Err(e) => {
            tracing::error!(error = %e, id, "an uploaded header file is missing");
            error_response(AppError::NotFound)
        }
    }
}
