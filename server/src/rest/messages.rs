//! Messages: read a conversation's messages, send every kind the desk sends (text, note,
//! template, reply buttons, list, file) and retry a failed one. Sends call the console's own
//! logic (`app::ssr::message_actions`, `http::upload::send_file`) as the token's owner, with
//! one difference: an API send never makes the token's owner the conversation's assignee
//! (`send::Claiming::LeaveAsIs`).

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::extract::{Body, Id, Params};
use super::types::{next_cursor, Message, MessagePage, PageParams};
use crate::http::upload::{self, File, Sending};
use crate::http::AppState;
use app::domain::integrations::tokens::Scope;
use app::domain::outbound::{self, ListRow, ListSection, Outbound, ReplyButton};
use app::domain::template_form::{header_media_kind, slots, SlotPart};
use app::domain::templates::TemplateContent;
use app::ssr::message_actions as actions;
use app::ssr::send::{self, Claiming};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;

/// A request body carrying the largest file WhatsApp takes (a 100 MB document) in base64,
/// with room for the rest of the message.
const BODY_LIMIT: usize = upload::BODY_LIMIT / 3 * 4 + 64 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_messages, send_message))
        .routes(utoipa_axum::routes!(get_message))
        .routes(utoipa_axum::routes!(retry_message))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// A message to send, by `type`. (Its variants do not refuse unknown fields: the schema
/// combines each with `type`, which `additionalProperties: false` would forbid.)
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NewMessage {
    /// Free-form text: only while the customer's 24-hour window is open.
    Text(TextMessage),
    /// A private note for the team; never sent to the customer.
    Note(NoteMessage),
    /// An approved template: allowed whether or not the window is open.
    Template(TemplateMessage),
    /// Text with up to three reply buttons (free-form).
    Interactive(InteractiveMessage),
    /// Text with a button that opens a list of options (free-form).
    List(ListMessage),
    /// A file: image, video, audio, sticker or document (free-form).
    Media(MediaMessage),
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TextMessage {
    /// Up to 4,096 characters.
    pub text: String,
    /// A message of the same customer to quote.
    pub reply_to_message_id: Option<i64>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteMessage {
    /// Up to 4,096 characters.
    pub text: String,
}

/// A template's values for one part (`header` or `body`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum TemplateValues {
    /// In order: `{{1}}`, `{{2}}`… (for named parameters: in order of first appearance).
    Ordered(Vec<String>),
    /// By parameter name: `{"first_name": "Lucía"}` (positional ones by number: `{"1": …}`).
    Named(BTreeMap<String, String>),
}

/// The value of a template button's variable part.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ButtonValue {
    /// The button's position in the template, from 0.
    pub index: u32,
    /// A URL button's suffix (what replaces `{{1}}` in its URL) or a copy-code button's
    /// code.
    pub value: String,
}

/// A file, inline.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InlineFile {
    /// Shown to the customer for documents.
    pub filename: String,
    /// One WhatsApp takes: `image/jpeg`, `image/png`, `image/webp` (sticker), `video/mp4`,
    /// `audio/ogg`, `audio/mpeg`, `application/pdf`, `text/plain`…
    pub mime_type: String,
    /// The file's bytes in base64 (standard or URL-safe alphabet, padding optional).
    pub data_base64: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TemplateMessage {
    /// The template's name.
    pub name: String,
    /// Its language code, e.g. `es_ES`.
    pub language: String,
    /// Values for the header's placeholders.
    pub header: Option<TemplateValues>,
    /// Values for the body's placeholders.
    pub body: Option<TemplateValues>,
    /// Values for URL buttons with a variable suffix and copy-code buttons.
    #[serde(default)]
    pub buttons: Vec<ButtonValue>,
    /// The image, video or document of a media header (required when the template has one).
    pub header_media: Option<InlineFile>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Button {
    /// Comes back in the customer's reply (up to 256 characters, unique).
    pub id: String,
    /// Up to 20 characters, unique.
    pub title: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InteractiveMessage {
    /// Up to 60 characters.
    pub header: Option<String>,
    /// Up to 1,024 characters.
    pub body: String,
    /// Up to 60 characters.
    pub footer: Option<String>,
    /// One to three.
    pub buttons: Vec<Button>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListOption {
    /// Comes back in the customer's reply (up to 200 characters, unique in the list).
    pub id: String,
    /// Up to 24 characters.
    pub title: String,
    /// Up to 72 characters.
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListGroup {
    /// Up to 24 characters; required when there is more than one section.
    pub title: Option<String>,
    pub rows: Vec<ListOption>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ListMessage {
    /// Up to 60 characters.
    pub header: Option<String>,
    /// Up to 4,096 characters.
    pub body: String,
    /// Up to 60 characters.
    pub footer: Option<String>,
    /// The button that opens the list, up to 20 characters.
    pub button: String,
    /// One to ten sections, ten rows in all.
    pub sections: Vec<ListGroup>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MediaMessage {
    pub media: InlineFile,
    /// Up to 1,024 characters (not for audio or stickers).
    pub caption: Option<String>,
    /// A message of the same customer to quote.
    pub reply_to_message_id: Option<i64>,
}

/// The WhatsApp message, checked against Meta's limits (422 naming what is wrong).
fn checked(outbound: Outbound) -> Result<Outbound, ApiError> {
    outbound::validate(&outbound).map_err(|problem| {
        ApiError::unreadable(format!("WhatsApp would refuse this: {problem}."))
    })?;
    Ok(outbound)
}

impl InteractiveMessage {
    pub fn outbound(self) -> Result<Outbound, ApiError> {
        checked(Outbound::Buttons {
            header: self.header,
            body: self.body,
            footer: self.footer,
            buttons: self
                .buttons
                .into_iter()
                .map(|b| ReplyButton {
                    id: b.id,
                    title: b.title,
                })
                .collect(),
        })
    }
}

impl ListMessage {
    pub fn outbound(self) -> Result<Outbound, ApiError> {
        checked(Outbound::List {
            header: self.header,
            body: self.body,
            footer: self.footer,
            button: self.button,
            sections: self
                .sections
                .into_iter()
                .map(|s| ListSection {
                    title: s.title,
                    rows: s
                        .rows
                        .into_iter()
                        .map(|r| ListRow {
                            id: r.id,
                            title: r.title,
                            description: r.description,
                        })
                        .collect(),
                })
                .collect(),
        })
    }
}

/// A text message for the bot: the same limits as anyone's.
pub fn text_outbound(text: String) -> Result<Outbound, ApiError> {
    checked(Outbound::Text {
        body: text,
        preview_url: false,
    })
}

/// The template's values by slot key (`header.1`, `body.first_name`, `button.0`, `code.1`:
/// what `domain::template_form::build` takes), from the API's shape. Missing values are left
/// out: `build` says which one is missing.
pub fn template_values(
    content: &TemplateContent,
    message: &TemplateMessage,
) -> Result<BTreeMap<String, String>, ApiError> {
    let all = slots(content);
    let mut values = BTreeMap::new();
    for (part, name, given) in [
        (SlotPart::Header, "header", &message.header),
        (SlotPart::Body, "body", &message.body),
    ] {
        let wanted: Vec<_> = all.iter().filter(|s| s.part == part).collect();
        match given {
            None => {}
            Some(TemplateValues::Ordered(list)) => {
                if list.len() > wanted.len() {
                    return Err(ApiError::unreadable(format!(
                        "The template's {name} takes {} values, not {}.",
                        wanted.len(),
                        list.len()
                    )));
                }
                for (slot, value) in wanted.iter().zip(list) {
                    values.insert(slot.key.clone(), value.clone());
                }
            }
            Some(TemplateValues::Named(map)) => {
                for (given_name, value) in map {
                    let slot = wanted
                        .iter()
                        .find(|s| &s.name == given_name)
                        .ok_or_else(|| {
                            ApiError::unreadable(format!(
                                "The template's {name} has no parameter \"{given_name}\"."
                            ))
                        })?;
                    values.insert(slot.key.clone(), value.clone());
                }
            }
        }
    }
    for button in &message.buttons {
        let slot = all
            .iter()
            .find(|s| {
                matches!(s.part, SlotPart::UrlButton { index } | SlotPart::CopyCode { index }
                    if index == button.index)
            })
            .ok_or_else(|| {
                ApiError::unreadable(format!(
                    "The template's button {} takes no value.",
                    button.index
                ))
            })?;
        values.insert(slot.key.clone(), button.value.clone());
    }
    Ok(values)
}

/// An inline file, decoded.
pub fn inline_file(file: InlineFile) -> Result<File, ApiError> {
    let bytes = decode_base64(&file.data_base64)
        .ok_or_else(|| ApiError::unreadable("data_base64 is not valid base64."))?;
    if bytes.is_empty() {
        return Err(ApiError::unreadable("The file is empty."));
    }
    Ok(File {
        bytes: bytes.into(),
        mime: upload::clean_mime(&file.mime_type),
        filename: upload::clean_filename(Some(file.filename)),
    })
}

/// Standard or URL-safe base64; padding and whitespace (line breaks) are allowed.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches(|c: char| c == '=' || c.is_ascii_whitespace());
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let sextet = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // One character left over holds less than a byte: the text was cut.
    (bits < 6).then_some(out)
}

/// Lists a conversation's messages, oldest first: notes and activity lines included.
#[utoipa::path(
    get,
    path = "/conversations/{id}/messages",
    tag = "messages",
    params(("id" = i64, Path, description = "The conversation's id"), PageParams),
    responses(
        (status = 200, description = "A page of messages, oldest first", body = MessagePage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner may not see this conversation", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
        (status = 422, description = "A bad limit or cursor", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_messages(
    caller: Caller,
    Id(id): Id<i64>,
    Params(page): Params<PageParams>,
) -> Result<Json<MessagePage>, ApiError> {
    caller.need(Scope::Read)?;
    let limit = page.limit()?;
    let after = page.cursor()?;
    let conversation = caller.asker.conversation(id).await?;
    let rows = caller
        .state()
        .store
        .conversation_messages(conversation.id, after, limit)
        .await?;
    Ok(Json(MessagePage {
        next_cursor: next_cursor(rows.last().map(|m| m.id), rows.len(), limit),
        data: rows.iter().map(Message::of).collect(),
    }))
}

/// Sends a message, or writes a note, as the token's owner.
///
/// The message is stored `pending` and sent by the desk's outbound worker; follow its
/// `status` with `GET /messages/{id}` or the `message.updated` webhook. Free-form messages
/// (everything but templates and notes) only go while the customer's 24-hour window is open:
/// otherwise `409 window_closed` and nothing is stored. Unlike a reply from the console, a
/// message sent here does not assign an unassigned conversation to the token's owner.
#[utoipa::path(
    post,
    path = "/conversations/{id}/messages",
    tag = "messages",
    params(("id" = i64, Path, description = "The conversation's id")),
    request_body = NewMessage,
    responses(
        (status = 201, description = "Stored (and queued, unless a note)", body = Message),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, its owner may not see the conversation, or the team lets only the assignee write (not_assignee)", body = ErrorBody),
        (status = 404, description = "No such conversation, or reply_to_message_id is not this customer's message", body = ErrorBody),
        (status = 409, description = "window_closed (free-form outside the 24-hour window), template_unavailable (not approved, unknown or not sendable), marketing_opted_out, marketing_needs_opt_in (the team requires an explicit opt-in)", body = ErrorBody),
        (status = 422, description = "An unknown type, a missing or bad field, a value breaking WhatsApp's limits, a template value missing, or a file WhatsApp would refuse (type, size)", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 502, description = "WhatsApp refused the file upload", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was sent", body = ErrorBody),
    )
)]
pub async fn send_message(
    caller: Caller,
    axum::extract::State(state): axum::extract::State<AppState>,
    Id(id): Id<i64>,
    Body(message): Body<NewMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    caller.need(Scope::Write)?;
    let asker = &caller.asker;
    let keep = Claiming::LeaveAsIs;
    let stored = match message {
        NewMessage::Text(m) => {
            actions::send_text(asker, id, &m.text, m.reply_to_message_id, None, keep).await?
        }
        NewMessage::Note(m) => actions::send_note(asker, id, &m.text, None).await?,
        NewMessage::Interactive(m) => {
            actions::send_outbound(asker, id, m.outbound()?, None, None, keep).await?
        }
        NewMessage::List(m) => {
            actions::send_outbound(asker, id, m.outbound()?, None, None, keep).await?
        }
        NewMessage::Media(m) => {
            let file = inline_file(m.media)?;
            let sending = Sending {
                caption: m.caption,
                reply_to: m.reply_to_message_id,
                echo_id: None,
                claiming: keep,
            };
            upload::send_file(&state, asker, id, file, sending).await?
        }
        NewMessage::Template(m) => send_template(&state, &caller, id, m).await?,
    };
    Ok((StatusCode::CREATED, Json(Message::of(&stored))))
}

async fn send_template(
    state: &AppState,
    caller: &Caller,
    conversation_id: i64,
    message: TemplateMessage,
) -> Result<app::ssr::MessageRecord, ApiError> {
    let asker = &caller.asker;
    let conversation = asker.conversation(conversation_id).await?;
    let template = send::approved(&asker.state, &message.name, &message.language).await?;
    let values = template_values(&template.content, &message)?;
    let upload = match (header_media_kind(&template.content), message.header_media) {
        (Some(_), Some(file)) => {
            let file = inline_file(file)?;
            Some(upload::keep_header_file(state, caller.user_id(), file).await?)
        }
        (None, Some(_)) => {
            return Err(ApiError::unreadable(
                "This template has no media header: leave header_media out.",
            ))
        }
        (_, None) => None,
    };
    Ok(actions::send_template(
        asker,
        &conversation,
        &template,
        &values,
        upload,
        None,
        Claiming::LeaveAsIs,
    )
    .await?)
}

/// Reads one message.
#[utoipa::path(
    get,
    path = "/messages/{id}",
    tag = "messages",
    params(("id" = i64, Path, description = "The message's id")),
    responses(
        (status = 200, description = "The message", body = Message),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner may not see its conversation", body = ErrorBody),
        (status = 404, description = "No such message", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn get_message(caller: Caller, Id(id): Id<i64>) -> Result<Json<Message>, ApiError> {
    caller.need(Scope::Read)?;
    let message = caller
        .state()
        .store
        .message(id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    caller.asker.conversation(message.conversation_id).await?;
    Ok(Json(Message::of(&message)))
}

/// Sends a failed message again, as a new message (the failed one keeps its error).
#[utoipa::path(
    post,
    path = "/messages/{id}/retry",
    tag = "messages",
    params(("id" = i64, Path, description = "The failed message's id")),
    responses(
        (status = 201, description = "The new message, queued", body = Message),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read, its owner may not see the conversation, or the team lets only the assignee write (not_assignee)", body = ErrorBody),
        (status = 404, description = "No such message, or one that cannot be sent again", body = ErrorBody),
        (status = 409, description = "not_failed (it did not fail), already_retried (it was sent again once already: see retried_by), window_closed, template_unavailable, marketing_opted_out", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was sent", body = ErrorBody),
    )
)]
pub async fn retry_message(
    caller: Caller,
    Id(id): Id<i64>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    caller.need(Scope::Write)?;
    let stored = actions::retry(&caller.asker, id, Claiming::LeaveAsIs).await?;
    Ok((StatusCode::CREATED, Json(Message::of(&stored))))
}

#[cfg(test)]
mod tests {
    use super::decode_base64;

    #[test]
    fn base64_in_every_usual_spelling() {
        assert_eq!(decode_base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("aGVs\nbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(
            decode_base64("+/+/").as_deref(),
            Some(&[0xfb, 0xff, 0xbf][..])
        );
        assert_eq!(
            decode_base64("-_-_").as_deref(),
            Some(&[0xfb, 0xff, 0xbf][..])
        );
        assert_eq!(decode_base64("").as_deref(), Some(&b""[..]));
        assert_eq!(decode_base64("aGVsbG8*"), None, "not base64");
        assert_eq!(decode_base64("aGVsb"), None, "cut short");
        assert_eq!(decode_base64("aG=VsbG8"), None, "padding inside");
    }
}
