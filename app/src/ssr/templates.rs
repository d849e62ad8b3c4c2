//! Building the Templates and Settings screens' data from the store.

use super::state::ServerState;
use crate::error::AppError;
use crate::wire::{TemplateView, TemplatesScreen};

pub async fn screen(state: &ServerState) -> Result<TemplatesScreen, AppError> {
    let templates = state
        .store
        .list_templates()
        .await?
        .into_iter()
        .map(|t| TemplateView {
            meta_id: t.meta_id,
            name: t.name,
            language: t.language,
            category: t.category,
            status: t.status,
            status_reason: t.status_reason,
            quality: t.quality,
            content: t.content,
            updated_at_ms: t.updated_at_ms,
        })
        .collect();
    let (last_sync_at_ms, last) = state.whatsapp.last_template_sync().await;
    Ok(TemplatesScreen {
        templates,
        last_sync_at_ms,
        last_sync_error: last.and_then(Result::err),
    })
}

pub fn test_message(message: &super::MessageRecord) -> crate::wire::TestMessage {
    crate::wire::TestMessage {
        id: message.id,
        status: message
            .status
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        error: message
            .error
            .as_ref()
            .map(|e| format!("{} ({})", e.title, e.code)),
    }
}

/// Earlier header files offered per kind (each agent sees their own).
const UPLOADS_PER_KIND: u32 = 12;

/// `user_id`'s header files WhatsApp still keeps, newest first, a few of each kind: the
/// picker and the campaign editor offer them again.
pub async fn recent_uploads(
    state: &super::ServerState,
    user_id: i64,
) -> Result<Vec<crate::wire::picker::UploadView>, AppError> {
    use crate::domain::message::MediaKind;
    use crate::domain::template_form::UPLOAD_REUSE_MS;
    let mut uploads = Vec::new();
    for kind in [MediaKind::Image, MediaKind::Video, MediaKind::Document] {
        uploads.extend(
            state
                .store
                .recent_uploads(
                    user_id,
                    kind,
                    super::now_ms() - UPLOAD_REUSE_MS,
                    UPLOADS_PER_KIND,
                )
                .await?
                .into_iter()
                .map(|u| super::console::upload_view(&u)),
        );
    }
    Ok(uploads)
}

/// The template picker's data for writing to `contact`: the approved templates, what
/// pre-fills their variables, the consent rule's inputs and the asker's recent header files.
pub async fn picker_data(
    asker: &super::console::Asker,
    contact: &super::ContactRecord,
    entry_point_open: bool,
) -> Result<crate::wire::picker::PickerData, AppError> {
    use crate::domain::template_form::{sendable, PrefillSource};
    use crate::wire::picker::{PickerData, PickerTemplate};
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
    let uploads = recent_uploads(&asker.state, asker.user.id).await?;
    let (costs, currency) =
        super::pricing::estimates_for(&asker.state, contact, entry_point_open, super::now_ms())
            .await?;
    Ok(PickerData {
        templates,
        prefill: PrefillSource {
            contact_name: contact.profile_name.clone(),
            phone: contact.wa_id.clone(),
            agent_name: asker.user.name.clone(),
            attributes: contact.attributes.clone(),
        },
        marketing: contact.marketing,
        opt_in_required: super::send::consent_settings(&asker.state)
            .await?
            .explicit_opt_in(crate::domain::consent::Reach::OneToOne),
        uploads,
        costs,
        currency,
    })
}

/// The 72 hours after a conversation started from a Click-to-WhatsApp ad, when Meta charges
/// nothing (an approximation: Meta counts from the business's first reply within 24 hours).
pub fn entry_point_open(conversation: &super::ConversationRecord, now_ms: i64) -> bool {
    const FREE_ENTRY_POINT_MS: i64 = 72 * 60 * 60 * 1000;
    conversation.referral.is_some() && now_ms - conversation.created_at_ms < FREE_ENTRY_POINT_MS
}
