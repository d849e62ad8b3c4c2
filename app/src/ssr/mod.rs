//! Everything in `app` that exists only on the server: the storage port, the server state
//! that `main` builds and injects, sessions and password hashing. This is the crate's one
//! `ssr` boundary; server functions reach the server through it.

pub mod admin;
pub mod audit;
pub mod audit_view;
pub mod auth;
pub mod bot;
pub mod campaign_ingest;
pub mod campaign_list_store;
pub mod campaign_lists;
pub mod campaign_store;
pub mod campaigns;
pub mod console;
pub mod contact_store;
pub mod contacts;
pub mod conversation_actions;
pub mod desk_actions;
pub mod external_bot;
pub mod ingest;
pub mod integration_store;
pub mod integrations;
pub mod integrations_views;
pub mod message_actions;
pub mod outreach;
pub mod outreach_store;
pub mod password;
pub mod pricing;
pub mod protection_store;
pub mod reports;
pub mod send;
pub mod state;
pub mod store;
pub mod templates;

pub use campaign_list_store::CampaignListStore;
pub use campaign_store::CampaignStore;
pub use contact_store::{AuditStore, ContactStore};
pub use integration_store::{
    ApiTokenRecord, AttemptOutcome, ConversationQuery, ConversationRow, DeliveryRecord,
    DeliveryState, IntegrationStore, NewApiToken, NewDelivery, WebhookDraft, WebhookRecord,
};
pub use outreach_store::{OutreachStore, Started};
pub use protection_store::{ErasureReport, ProtectionStore};
pub use state::{ServerState, WhatsAppLink};
pub use store::{
    AgentLoad, AssignmentStore, BotConversation, BotJob, BotReport, BotStore, BotTurnOutcome,
    BotTurnWrite, Change, Claim, ConsoleStore, ContactKey, ContactRecord, ConversationRecord,
    DashboardQuery, Direction, ImportCounts, InboxQuery, LabelStore, MediaRecord, MediaState,
    MessageRecord, NewOutbound, NewUpload, NewUser, OutboundJob, QuickReplyStore, ReportStore,
    Retry, Store, StoreError, SyncReport, SyncedTemplate, TemplateRecord, UploadRecord, UserChange,
    UserRecord,
};

/// Wall-clock time in unix milliseconds. Domain functions take `now` as an argument; this is
/// where the server reads it.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Lets UI components set the HTTP status of the page being rendered (403, 404), without
/// the UI code itself depending on the server integration.
pub fn response_status() -> crate::ui::ResponseStatus {
    crate::ui::ResponseStatus::new(|code| {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(code) {
                options.set_status(status);
            }
        }
    })
}
