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
