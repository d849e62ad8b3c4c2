//! Writing in a conversation — replies, notes, retries, templates and interactive messages —
//! as the console's server functions and the REST API both do it. Each function takes the
//! [`Asker`] (who writes, and what they may see) and answers the stored message; the console
//! turns it into a `MessageView`, the API into its `Message`.

use super::console::Asker;
use super::now_ms;
use super::send::{self, Claiming};
use super::store::{ConversationRecord, MessageRecord, NewOutbound, TemplateRecord, UploadRecord};
use crate::domain::message::{DeliveryStatus, Media, MediaKind};
use crate::domain::outbound::Outbound;
use crate::domain::template_form::{
    build, header_media_kind, Chosen, TemplateMedia, UPLOAD_REUSE_MS,
};
use crate::domain::validation;
use crate::error::{AppError, Conflict, MediaRefusal};
use std::collections::BTreeMap;

/// A text reply, quoting message `reply_to` (of the same customer) when given.
pub async fn send_text(
    asker: &Asker,
    conversation_id: i64,
    text: &str,
    reply_to: Option<i64>,
    echo_id: Option<String>,
    claiming: Claiming,
) -> Result<MessageRecord, AppError> {
    let text = validation::message_text(text)?.to_string();
    send_outbound(
        asker,
        conversation_id,
        Outbound::Text {
            body: text,
            preview_url: false,
        },
        reply_to,
        echo_id,
        claiming,
    )
    .await
}

/// Queues `outbound` as the asker's message. Its content must already satisfy
/// `domain::outbound::validate` (the caller built it and says what was wrong in its terms).
pub async fn send_outbound(
    asker: &Asker,
    conversation_id: i64,
    outbound: Outbound,
    reply_to: Option<i64>,
    echo_id: Option<String>,
    claiming: Claiming,
) -> Result<MessageRecord, AppError> {
    let conversation = asker.conversation(conversation_id).await?;
    let reply_to = asker.quoted(conversation.contact_id, reply_to).await?;
    send::queue_with(
        &asker.state,
        NewOutbound {
            conversation_id: conversation.id,
            outbound,
            sender_user_id: Some(asker.user.id),
            reply_to,
            echo_id,
        },
        claiming,
        now_ms(),
    )
    .await
}

/// The header file `upload` as `template`'s media header wants it: refused when it is of
/// another kind or WhatsApp will no longer have it at `used_at_ms` (media ids last 30 days).
/// `None` when the template has no media header (or no file was chosen).
pub fn header_media(
    template: &TemplateRecord,
    upload: Option<&UploadRecord>,
    used_at_ms: i64,
) -> Result<Option<TemplateMedia>, AppError> {
    let (Some(kind), Some(upload)) = (header_media_kind(&template.content), upload) else {
        return Ok(None);
    };
    if upload.kind != kind {
        return Err(AppError::MediaRefused {
            refusal: MediaRefusal::WrongHeaderKind {
                needs: kind.as_str().into(),
                got: upload.kind.as_str().into(),
            },
        });
    }
    if upload.uploaded_at_ms < used_at_ms - UPLOAD_REUSE_MS {
        return Err(AppError::MediaRefused {
            refusal: MediaRefusal::Expired,
        });
    }
    Ok(Some(TemplateMedia {
        kind: upload.kind,
        media_id: upload.media_id.clone(),
        filename: (upload.kind == MediaKind::Document).then(|| upload.filename.clone()),
    }))
}

/// The message `template` makes, filled with `values` (see [`send_template`]) and the
/// header file `upload` (checked: the kind the header needs, not older than WhatsApp keeps
/// it). Values breaking Meta's rules are `TemplateValue`, naming the slot.
pub fn template_outbound(
    template: &TemplateRecord,
    values: &BTreeMap<String, String>,
    upload: Option<&UploadRecord>,
) -> Result<Outbound, AppError> {
    let media = header_media(template, upload, now_ms())?;
    build(
        Chosen {
            name: &template.name,
            language: &template.language,
            content: &template.content,
        },
        values,
        media,
    )
    .map_err(|problem| AppError::TemplateValue { problem })
}

/// A private note for colleagues; never sent to WhatsApp.
pub async fn send_note(
    asker: &Asker,
    conversation_id: i64,
    text: &str,
    echo_id: Option<String>,
) -> Result<MessageRecord, AppError> {
    let text = validation::message_text(text)?.to_string();
    let conversation = asker.conversation(conversation_id).await?;
    Ok(asker
        .state
        .store
        .insert_note(conversation.id, asker.user.id, &text, echo_id, now_ms())
        .await?)
}

/// Sends a failed message again, once, as a new message that names it (the failed one stays,
/// with its error, and shows it was retried). A second retry is [`Conflict::AlreadyRetried`].
pub async fn retry(
    asker: &Asker,
    message_id: i64,
    claiming: Claiming,
) -> Result<MessageRecord, AppError> {
    let failed = asker
        .state
        .store
        .message(message_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let conversation = asker.conversation(failed.conversation_id).await?;
    if failed.status != Some(DeliveryStatus::Failed) {
        return Err(AppError::Conflict {
            conflict: Conflict::NotFailed,
        });
    }
    if failed.retried_by.is_some() {
        return Err(AppError::Conflict {
            conflict: Conflict::AlreadyRetried,
        });
    }
    let outbound = failed.body.to_outbound().ok_or(AppError::NotFound)?;
    send::queue_retry(
        &asker.state,
        NewOutbound {
            conversation_id: conversation.id,
            outbound,
            sender_user_id: Some(asker.user.id),
            reply_to: failed.context.quoted_wamid.clone(),
            echo_id: None,
        },
        failed.id,
        claiming,
        now_ms(),
    )
    .await
}

/// Sends `template` (already checked with `send::usable` or found with `send::approved`)
/// filled with `values` (by slot key: `header.1`, `body.first_name`, `button.0`, `code.1`;
/// see `domain::template_form::slots`) and, for a media header, the file `upload`. Allowed
/// whether or not the customer's window is open.
pub async fn send_template(
    asker: &Asker,
    conversation: &ConversationRecord,
    template: &TemplateRecord,
    values: &BTreeMap<String, String>,
    upload: Option<UploadRecord>,
    echo_id: Option<String>,
    claiming: Claiming,
) -> Result<MessageRecord, AppError> {
    let upload = upload.filter(|_| header_media_kind(&template.content).is_some());
    let outbound = template_outbound(template, values, upload.as_ref())?;
    let store = &asker.state.store;
    let message = send::queue_with(
        &asker.state,
        NewOutbound {
            conversation_id: conversation.id,
            outbound,
            sender_user_id: Some(asker.user.id),
            reply_to: None,
            echo_id,
        },
        claiming,
        now_ms(),
    )
    .await?;
    if let Some(u) = upload {
        attach_header(&asker.state, message.id, &u).await;
    }
    Ok(store.message(message.id).await?.unwrap_or(message))
}

/// The header file shows in the thread like any file we sent.
pub async fn attach_header(state: &super::ServerState, message_id: i64, u: &UploadRecord) {
    let media = Media {
        kind: u.kind,
        media_id: u.media_id.clone(),
        mime_type: Some(u.mime_type.clone()),
        sha256: Some(u.sha256.clone()),
        caption: None,
        filename: Some(u.filename.clone()),
        voice: false,
        animated: false,
    };
    // The message is queued: a failure here only costs the thread its preview.
    if let Err(e) = state
        .store
        .attach_media(message_id, &media, &u.sha256, u.size, now_ms())
        .await
    {
        tracing::warn!(error = %e, message_id, "header file not attached");
    }
}
