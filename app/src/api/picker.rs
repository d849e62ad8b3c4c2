//! The console's template picker: the approved templates with what pre-fills them, earlier
//! header files, and sending a filled template. The server rebuilds the message from the stored
//! template and the values (`domain::template_form::build`); the browser's preview uses the
//! same function.

use crate::error::AppError;
use crate::wire::inbox::MessageView;
use crate::wire::picker::{PickerData, TemplateSend};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "picker/open")]
pub async fn template_picker(conversation_id: i64) -> Result<PickerData, AppError> {
    use crate::ssr::{console, state::respond};
    respond(
        async {
            let asker = console::asker().await?;
            let conversation = asker.conversation(conversation_id).await?;
            let contact = asker.contact(conversation.contact_id).await?;
            let entry_point =
                crate::ssr::templates::entry_point_open(&conversation, crate::ssr::now_ms());
            crate::ssr::templates::picker_data(&asker, &contact, entry_point).await
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
