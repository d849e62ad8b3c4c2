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
    use crate::domain::template_form::header_media_kind;
    use crate::ssr::{console, message_actions, send, send::Claiming, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(send.conversation_id).await?;
            let store = &asker.state.store;
            let template = store.template(&send.meta_id).await?.ok_or_else(|| {
                AppError::TemplateUnavailable {
                    status: "DELETED".into(),
                }
            })?;
            let template = send::usable(template)?;
            let upload = match (header_media_kind(&template.content), send.upload_id) {
                // Each agent's header files are their own: another customer's invoice must
                // never be one click away.
                (Some(_), Some(id)) => Some(
                    store
                        .upload(id)
                        .await?
                        .filter(|u| u.uploaded_by == Some(asker.user.id))
                        .ok_or(AppError::NotFound)?,
                ),
                _ => None,
            };
            let message = message_actions::send_template(
                &asker,
                &conversation,
                &template,
                &send.values,
                upload,
                send.echo_id.map(super::inbox::clip_echo),
                Claiming::TakeOnReply,
            )
            .await?;
            Ok(message.view())
        }
        .await,
    )
}
