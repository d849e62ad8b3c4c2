//! `POST /conversations/{id}/media`: an agent sends a file. The raw file is the body (so the
//! browser can show upload progress); `Content-Type` is its type and the query carries the
//! file name, caption, echo id and the message it replies to. The file is checked against
//! Meta's limits, kept in our media store (so the thread can show it), uploaded to WhatsApp
//! and queued like any reply. Answers the stored message, or an `AppError`.

use super::incoming::{receive, SignedIn};
use super::AppState;
use app::domain::message::Media;
use app::domain::outbound::Outbound;
use app::error::{AppError, MediaRefusal};
use app::ssr::console::Asker;
use app::ssr::send::Claiming;
use app::ssr::{now_ms, MessageRecord, NewOutbound};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The largest file WhatsApp takes (documents, 100 MB), plus room for nothing else.
pub const BODY_LIMIT: usize = 100 * 1024 * 1024 + 1024;

#[derive(serde::Deserialize)]
pub struct Params {
    filename: Option<String>,
    caption: Option<String>,
    echo_id: Option<String>,
    reply_to: Option<i64>,
}

/// The largest file the console may send, by its declared type: WhatsApp's limit for that
/// kind, or the largest of all when the type is unknown (refused later with its reason).
pub fn upload_cap(mime: &str) -> u64 {
    app::domain::outbound::kind_for_mime(mime)
        .map(|kind| app::domain::outbound::media_size_limit(kind, false))
        .unwrap_or(BODY_LIMIT as u64)
}

pub async fn send_media(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(conversation_id): Path<i64>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match send(state, user, conversation_id, params, headers, body).await {
        Ok(message) => Json(message).into_response(),
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(error)).into_response()
        }
    }
}

async fn send(
    state: AppState,
    user: app::ssr::UserRecord,
    conversation_id: i64,
    params: Params,
    headers: HeaderMap,
    body: Body,
) -> Result<app::wire::inbox::MessageView, AppError> {
    let asker = Asker::new(state.server.clone(), user).await?;
    // Who may write here is known before the file is read.
    asker.writable(conversation_id, now_ms()).await?;
    let mime = content_type(&headers);
    let bytes = receive(body, &headers, &state.media.incoming(), &mime).await?;
    let file = File {
        bytes,
        mime,
        filename: clean_filename(params.filename),
    };
    let message = send_file(
        &state,
        &asker,
        conversation_id,
        file,
        Sending {
            caption: params.caption,
            reply_to: params.reply_to,
            echo_id: params.echo_id.map(app::api::inbox::clip_echo),
            claiming: Claiming::TakeOnReply,
        },
    )
    .await?;
    Ok(message.view())
}

/// A file to send: its bytes, MIME type (see [`clean_mime`]) and name (see
/// [`clean_filename`]).
pub struct File {
    pub bytes: Bytes,
    pub mime: String,
    pub filename: String,
}

/// How a file goes out: its caption, the message it quotes, the console's echo id, and
/// whether it claims an unassigned conversation (the console's sends do, the API's do not).
pub struct Sending {
    pub caption: Option<String>,
    pub reply_to: Option<i64>,
    pub echo_id: Option<String>,
    pub claiming: Claiming,
}

/// Sends `file` in the conversation as `asker`: the console's upload route and the API's
/// media messages. The window is checked before the (costly) upload and again when queued;
/// a file WhatsApp would refuse (type, size) is `MediaRefused`.
pub async fn send_file(
    state: &AppState,
    asker: &Asker,
    conversation_id: i64,
    file: File,
    sending: Sending,
) -> Result<MessageRecord, AppError> {
    let (conversation, contact) = asker.writable(conversation_id, now_ms()).await?;
    let reply_to = asker.quoted(contact.id, sending.reply_to).await?;
    let File {
        bytes,
        mime,
        filename,
    } = file;
    let caption = sending
        .caption
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    let size = bytes.len() as i64;
    let (kind, media_id, sha256) = upload_and_keep(state, &bytes, &mime, &filename).await?;
    let document = kind == app::domain::message::MediaKind::Document;
    let outbound = Outbound::Media {
        kind,
        media_id: media_id.clone(),
        caption: caption.clone(),
        filename: document.then(|| filename.clone()),
        voice: false,
    };
    app::domain::outbound::validate(&outbound).map_err(|problem| {
        tracing::info!(%problem, "a file message breaks WhatsApp's limits");
        AppError::MediaRefused {
            refusal: MediaRefusal::CaptionTooLong {
                max: app::domain::outbound::CAPTION_MAX,
            },
        }
    })?;
    let message = app::ssr::send::queue_with(
        &state.server,
        NewOutbound {
            conversation_id: conversation.id,
            outbound,
            sender_user_id: Some(asker.user.id),
            reply_to,
            echo_id: sending.echo_id,
        },
        sending.claiming,
        now_ms(),
    )
    .await?;
    state
        .server
        .store
        .attach_media(
            message.id,
            &Media {
                kind,
                media_id,
                mime_type: Some(mime),
                sha256: Some(sha256.clone()),
                caption,
                filename: Some(filename),
                voice: false,
                animated: false,
            },
            &sha256,
            size,
            now_ms(),
        )
        .await?;
    Ok(state
        .server
        .store
        .message(message.id)
        .await?
        .unwrap_or(message))
}

/// The file's MIME type from `Content-Type`, without parameters.
pub fn content_type(headers: &HeaderMap) -> String {
    clean_mime(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/octet-stream"),
    )
}

/// A MIME type without parameters, lower-cased: `Image/PNG; q=1` → `image/png`.
pub fn clean_mime(raw: &str) -> String {
    raw.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The browser's file name, without control characters and at most 200 characters.
pub fn clean_filename(name: Option<String>) -> String {
    name.map(|f| {
        f.chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect::<String>()
    })
    .filter(|f| !f.trim().is_empty())
    .unwrap_or_else(|| "file".to_string())
}

/// Uploads a file to WhatsApp (Meta's limits checked first) and keeps it in our media store:
/// its kind, WhatsApp's media id and our sha256.
pub async fn upload_and_keep(
    state: &AppState,
    body: &[u8],
    mime: &str,
    filename: &str,
) -> Result<(app::domain::message::MediaKind, String, String), AppError> {
    let (kind, media_id) = state
        .server
        .whatsapp
        .upload_media(body.to_vec(), mime, filename)
        .await?;
    let sha256 = state.media.put(body).await.map_err(|e| {
        tracing::error!(error = %e, "cannot keep an outbound file");
        AppError::Internal
    })?;
    Ok((kind, media_id, sha256))
}

/// Uploads a file for a template's media header on behalf of `user_id` and remembers it
/// (as the picker's `POST /uploads` does), so the template send can use it. Whether the
/// header takes this kind of file is the template send's check.
pub async fn keep_header_file(
    state: &AppState,
    user_id: i64,
    file: File,
) -> Result<app::ssr::UploadRecord, AppError> {
    use app::domain::message::MediaKind;
    // Template headers take images, videos and documents only.
    if !matches!(
        app::domain::outbound::kind_for_mime(&file.mime),
        Some(MediaKind::Image | MediaKind::Video | MediaKind::Document)
    ) {
        return Err(AppError::MediaRefused {
            refusal: MediaRefusal::NotForHeader { mime: file.mime },
        });
    }
    let size = file.bytes.len() as i64;
    let (kind, media_id, sha256) =
        upload_and_keep(state, &file.bytes, &file.mime, &file.filename).await?;
    Ok(state
        .server
        .store
        .record_upload(
            &app::ssr::NewUpload {
                media_id,
                kind,
                mime_type: file.mime,
                filename: file.filename,
                size,
                sha256,
                uploaded_by: Some(user_id),
            },
            now_ms(),
        )
        .await?)
}
