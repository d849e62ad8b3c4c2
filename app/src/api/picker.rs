//! The console's template picker: the approved templates with what pre-fills them, earlier
//! header files, and sending a filled template. The server rebuilds the message from the stored
//! template and the values (`domain::template_form::build`); the browser's preview uses the
//! same function.

use crate::error::AppError;
use crate::wire::inbox::MessageView;
use crate::wire::picker::{PickerData, TemplateSend};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Earlier header files offered per kind (each agent sees their own).
#[cfg(feature = "ssr")]
const UPLOADS_PER_KIND: u32 = 12;

#[server(prefix = "/api", endpoint = "picker/open")]
pub async fn template_picker(conversation_id: i64) -> Result<PickerData, AppError> {
    use crate::domain::message::MediaKind;
    use crate::domain::template_form::{sendable, PrefillSource, UPLOAD_REUSE_MS};
    use crate::ssr::{console, now_ms, state::respond};
    use crate::wire::picker::PickerTemplate;
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            let contact = asker.contact(conversation.contact_id).await?;
            let store = &asker.state.store;
            let mut templates: Vec<PickerTemplate> = store
                .list_templates()
                .await?
                .into_iter()
                .filter(|t| t.status == "APPROVED")
                .map(|t| PickerTemplate {
                    unsendable: sendable(t.category.as_deref(), &t.content).err(),
                    meta_id: t.meta_id,
                    name: t.name,
                    language: t.language,
                    category: t.category,
                    content: t.content,
                })
                .collect();
            templates.sort_by(|a, b| {
                (&a.category, &a.name, &a.language).cmp(&(&b.category, &b.name, &b.language))
            });
            let mut uploads = Vec::new();
            for kind in [MediaKind::Image, MediaKind::Video, MediaKind::Document] {
                uploads.extend(
                    store
                        .recent_uploads(
                            asker.user.id,
                            kind,
                            now_ms() - UPLOAD_REUSE_MS,
                            UPLOADS_PER_KIND,
                        )
                        .await?
                        .into_iter()
                        .map(|u| crate::ssr::console::upload_view(&u)),
                );
            }
            Ok(PickerData {
                templates,
                prefill: PrefillSource {
                    contact_name: contact.profile_name.clone(),
                    phone: contact.wa_id.clone(),
                    agent_name: asker.user.name.clone(),
                    attributes: contact.attributes.clone(),
                },
                marketing: contact.marketing,
                uploads,
            })
        }
        .await,
    )
}

/// Sends an approved template, filled with the agent's values. Allowed whether or not the
/// customer's window is open.
#[server(prefix = "/api", endpoint = "picker/send", input = Json)]
pub async fn send_template(send: TemplateSend) -> Result<MessageView, AppError> {
    use crate::domain::message::Media;
    use crate::domain::template_form::{
        build, header_media_kind, Chosen, TemplateMedia, UPLOAD_REUSE_MS,
    };
    use crate::ssr::{console, now_ms, send, state::respond, NewOutbound};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(send.conversation_id).await?;
            let store = &asker.state.store;
            let template = store
                .template(&send.meta_id)
                .await?
                .ok_or_else(|| AppError::TemplateUnavailable {
                    status: "DELETED".into(),
                })?;
            let template = send::usable(template)?;
            let upload = match (header_media_kind(&template.content), send.upload_id) {
                (Some(kind), Some(id)) => {
                    // Each agent's header files are their own: another customer's invoice
                    // must never be one click away.
                    let upload = store
                        .upload(id)
                        .await?
                        .filter(|u| u.uploaded_by == Some(asker.user.id))
                        .ok_or(AppError::NotFound)?;
                    if upload.kind != kind {
                        return Err(AppError::MediaRefused {
                            reason: format!(
                                "the template's header needs a {}, not a {}.",
                                kind.as_str(),
                                upload.kind.as_str()
                            ),
                        });
                    }
                    if upload.uploaded_at_ms < now_ms() - UPLOAD_REUSE_MS {
                        return Err(AppError::MediaRefused {
                            reason: "WhatsApp keeps uploaded files for 30 days and this one is older. Upload it again.".into(),
                        });
                    }
                    Some(upload)
                }
                _ => None,
            };
            let media = upload.as_ref().map(|u| TemplateMedia {
                kind: u.kind,
                media_id: u.media_id.clone(),
                filename: (u.kind == crate::domain::message::MediaKind::Document)
                    .then(|| u.filename.clone()),
            });
            let outbound = build(
                Chosen {
                    name: &template.name,
                    language: &template.language,
                    content: &template.content,
                },
                &send.values,
                media,
            )
            .map_err(|problem| AppError::TemplateValue { problem })?;
            let message = send::queue(
                &asker.state,
                NewOutbound {
                    conversation_id: conversation.id,
                    outbound,
                    sender_user_id: Some(asker.user.id),
                    reply_to: None,
                    echo_id: send.echo_id.map(super::inbox::clip_echo),
                },
                now_ms(),
            )
            .await?;
            // The header file shows in the thread like any file we sent.
            if let Some(u) = upload {
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
                if let Err(e) = store
                    .attach_media(message.id, &media, &u.sha256, u.size, now_ms())
                    .await
                {
                    tracing::warn!(error = %e, message_id = message.id, "header file not attached");
                }
            }
            let stored = store.message(message.id).await?.unwrap_or(message);
            Ok(stored.view())
        }
        .await,
    )
}
