//! The desk's running connection to WhatsApp: the outbound worker's doorbell and the
//! template syncer, offered to server functions through `app::ssr::WhatsAppLink`.

use crate::outbound::Outbox;
use crate::whatsapp::templates::TemplateSyncer;
use app::ssr::{SyncReport, WhatsAppLink};

pub struct Connection {
    pub outbox: Outbox,
    pub templates: TemplateSyncer,
}

#[async_trait::async_trait]
impl WhatsAppLink for Connection {
    async fn sync_templates(&self) -> Result<SyncReport, String> {
        self.templates.sync_now().await
    }

    async fn last_template_sync(&self) -> (Option<i64>, Option<Result<SyncReport, String>>) {
        let last = self.templates.last().await;
        (last.at_ms, last.result)
    }

    fn templates_changed(&self) {
        self.templates.wake();
    }

    fn outbound_queued(&self) {
        self.outbox.wake();
    }
}
