//! Contacts (supervisors and admins): the contacts screen, a contact's page, blocking, their
//! attributes, the CSV export; Settings → Contact data and the audit log (admins). The logic
//! is `ssr::contacts` and `ssr::audit_view`, shared with the REST API.

use crate::domain::contacts::attributes::AttributeDefinition;
use crate::domain::contacts::directory::ContactQuery;
use crate::domain::contacts::protection::ProtectionSettings;
use crate::error::AppError;
use crate::wire::contacts::{
    AuditPage, AuditQuery, ContactCard, ContactListPage, ContactScreen, ContactSettings,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(name = LoadContactScreen, prefix = "/api", endpoint = "contacts/screen")]
pub async fn contact_screen() -> Result<ContactScreen, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            contacts::screen(&state, &user).await
        }
        .await,
    )
}

#[server(name = ListContacts, prefix = "/api", endpoint = "contacts/list", input = Json)]
pub async fn list_contacts(query: ContactQuery) -> Result<ContactListPage, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            contacts::page(&state, &user, query).await
        }
        .await,
    )
}

#[server(name = LoadContact, prefix = "/api", endpoint = "contacts/one")]
pub async fn contact_card(id: i64) -> Result<ContactCard, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            contacts::card(&state, &user, id).await
        }
        .await,
    )
}

#[server(name = BlockContact, prefix = "/api", endpoint = "contacts/block")]
pub async fn block_contact(id: i64, blocked: bool) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit::Actor, auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let actor = Actor::here(&state, &user).await;
            contacts::set_blocked(&state, &actor, id, blocked).await
        }
        .await,
    )
}

#[server(name = SaveContactAttributes, prefix = "/api", endpoint = "contacts/attributes", input = Json)]
pub async fn save_contact_attributes(
    id: i64,
    attributes: Vec<(String, String)>,
) -> Result<(), AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit::Actor, auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let actor = Actor::here(&state, &user).await;
            contacts::save_attributes(&state, &actor, id, attributes).await
        }
        .await,
    )
}

/// Erases a contact for good (right to erasure).
#[server(name = EraseContact, prefix = "/api", endpoint = "contacts/erase")]
pub async fn erase_contact(id: i64) -> Result<crate::wire::contacts::ErasureReport, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit::Actor, auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let actor = Actor::here(&state, &user).await;
            contacts::erase(&state, &actor, user.role, id).await
        }
        .await,
    )
}

/// Every contact the query selects, as CSV.
#[server(name = ExportContacts, prefix = "/api", endpoint = "contacts/csv", input = Json)]
pub async fn export_contacts(query: ContactQuery) -> Result<String, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit::Actor, auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Supervisor).await?;
            let actor = Actor::here(&state, &user).await;
            contacts::export_csv(&state, &actor, user.role, query).await
        }
        .await,
    )
}

#[server(name = LoadContactSettings, prefix = "/api", endpoint = "contacts/settings")]
pub async fn contact_settings() -> Result<ContactSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{auth, contacts, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            contacts::settings(&state).await
        }
        .await,
    )
}

#[server(name = SaveContactSettings, prefix = "/api", endpoint = "contacts/settings/save", input = Json)]
pub async fn save_contact_settings(
    definitions: Vec<AttributeDefinition>,
    protection: ProtectionSettings,
) -> Result<ContactSettings, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit::Actor, auth, contacts, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Admin).await?;
            let actor = Actor::here(&state, &user).await;
            contacts::save_settings(&state, &actor, definitions, protection).await
        }
        .await,
    )
}

#[server(name = LoadAudit, prefix = "/api", endpoint = "audit", input = Json)]
pub async fn audit_page(query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit_view, auth, state::respond};
    respond(
        async {
            let (state, _) = auth::require(Role::Admin).await?;
            audit_view::page(&state, query).await
        }
        .await,
    )
}

/// The filtered audit log as CSV (itself an audited export).
#[server(name = ExportAudit, prefix = "/api", endpoint = "audit/csv", input = Json)]
pub async fn export_audit(query: AuditQuery) -> Result<String, AppError> {
    use crate::domain::roles::Role;
    use crate::ssr::{audit::Actor, audit_view, auth, state::respond};
    respond(
        async {
            let (state, user) = auth::require(Role::Admin).await?;
            let actor = Actor::here(&state, &user).await;
            audit_view::csv(&state, &actor, query).await
        }
        .await,
    )
}
