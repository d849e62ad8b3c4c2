//! Contacts: list and search them, read one, keep your own details on them (attributes) and
//! record the marketing consent collected elsewhere. Attributes follow the console's rule
//! (`conversation_actions::checked_attributes`), since both edit the same panel.

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::extract::{Body, Id, Params};
use super::types::{next_cursor, ConsentEvent, Contact, ContactPage, PageParams};
use crate::http::AppState;
use app::domain::consent::ConsentSource;
use app::domain::contacts::MarketingConsent;
use app::domain::integrations::tokens::Scope;
use app::ssr::ingest::ConsentChange;
use app::ssr::{conversation_actions, now_ms};
use axum::Json;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_contacts))
        .routes(utoipa_axum::routes!(get_contact, update_contact))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactSearch {
    /// Part of the name, phone number or username (case-insensitive).
    pub search: Option<String>,
}

/// Longest search text: longer ones are no search a person types.
const SEARCH_MAX: usize = 200;

/// Lists contacts, newest first.
#[utoipa::path(
    get,
    path = "/contacts",
    tag = "contacts",
    params(ContactSearch, PageParams),
    responses(
        (status = 200, description = "A page of contacts", body = ContactPage),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "A bad limit, cursor or search", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_contacts(
    caller: Caller,
    Params(search): Params<ContactSearch>,
    Params(page): Params<PageParams>,
) -> Result<Json<ContactPage>, ApiError> {
    caller.need(Scope::Read)?;
    let limit = page.limit()?;
    let before = page.cursor()?;
    let search = search
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if search.is_some_and(|s| s.chars().count() > SEARCH_MAX) {
        return Err(ApiError::unreadable(format!(
            "search is longer than {SEARCH_MAX} characters."
        )));
    }
    let contacts = caller
        .state()
        .store
        .contacts_page(search, before, limit)
        .await?;
    Ok(Json(ContactPage {
        next_cursor: next_cursor(contacts.last().map(|c| c.id), contacts.len(), limit),
        data: contacts
            .iter()
            .map(|c| Contact::of(c, caller.asker.numbers))
            .collect(),
    }))
}

/// Reads one contact.
#[utoipa::path(
    get,
    path = "/contacts/{id}",
    tag = "contacts",
    params(("id" = i64, Path, description = "The contact's id")),
    responses(
        (status = 200, description = "The contact", body = Contact),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such contact", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn get_contact(caller: Caller, Id(id): Id<i64>) -> Result<Json<Contact>, ApiError> {
    caller.need(Scope::Read)?;
    let contact = caller.asker.contact(id).await?;
    with_history(&caller, &contact).await
}

/// One contact as the API answers it: with its consent history.
async fn with_history(
    caller: &Caller,
    contact: &app::ssr::ContactRecord,
) -> Result<Json<Contact>, ApiError> {
    let history = caller.state().store.consent_history(contact.id).await?;
    Ok(Json(Contact {
        consent_history: Some(history.iter().map(ConsentEvent::of).collect()),
        ..Contact::of(contact, caller.asker.numbers)
    }))
}

/// Marketing consent as the API names it.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Marketing {
    OptedIn,
    OptedOut,
    Unknown,
}

impl Marketing {
    fn consent(self) -> MarketingConsent {
        match self {
            Marketing::OptedIn => MarketingConsent::OptedIn,
            Marketing::OptedOut => MarketingConsent::OptedOut,
            Marketing::Unknown => MarketingConsent::Unknown,
        }
    }
}

/// What to change on a contact; fields left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPatch {
    /// Attributes to set (a string) or delete (`null`); the others stay. Names are trimmed;
    /// at most 50 attributes, names up to 60 characters, values up to 500.
    #[schema(value_type = Option<BTreeMap<String, Option<String>>>)]
    pub attributes: Option<BTreeMap<String, Option<String>>>,
    /// The customer's marketing consent, collected elsewhere (your CRM, a form). Kept in the
    /// contact's consent history with `consent_source` and `consent_note`.
    pub marketing: Option<Marketing>,
    /// Where the consent was collected: `api` (the default) or `form`.
    pub consent_source: Option<ConsentOrigin>,
    /// Why, or how it was collected (up to 500 characters), shown in the contact's history.
    pub consent_note: Option<String>,
}

/// Where a consent given through the API was collected.
#[derive(Clone, Copy, Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentOrigin {
    Api,
    Form,
}

/// Changes a contact's attributes and marketing consent.
///
/// Attributes are merged: a string sets one, `null` deletes it, those not named stay. The
/// whole result is checked before anything is saved.
#[utoipa::path(
    patch,
    path = "/contacts/{id}",
    tag = "contacts",
    params(("id" = i64, Path, description = "The contact's id")),
    request_body = ContactPatch,
    responses(
        (status = 200, description = "The contact, changed", body = Contact),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's scope is read", body = ErrorBody),
        (status = 404, description = "No such contact", body = ErrorBody),
        (status = 422, description = "Too many or too long attributes, an unknown marketing value, or a body that is not this shape", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy or read-only; nothing was saved", body = ErrorBody),
    )
)]
pub async fn update_contact(
    caller: Caller,
    Id(id): Id<i64>,
    Body(patch): Body<ContactPatch>,
) -> Result<Json<Contact>, ApiError> {
    caller.need(Scope::Write)?;
    let contact = caller.asker.contact(id).await?;
    if let Some(changes) = patch.attributes {
        let mut merged = contact.attributes.clone();
        for (name, value) in changes {
            let name = name.trim().to_string();
            match value {
                Some(value) => merged.insert(name, value),
                None => merged.remove(&name),
            };
        }
        // Checked whole before any write, so a refused patch changes nothing.
        let merged = conversation_actions::checked_attributes(merged)
            .map_err(app::error::AppError::invalid)?;
        conversation_actions::save_attributes(&caller.asker, contact.id, merged).await?;
    }
    if let Some(marketing) = patch.marketing {
        let source = match patch.consent_source {
            Some(ConsentOrigin::Form) => ConsentSource::Form,
            _ => ConsentSource::Api,
        };
        let note = app::domain::validation::consent_note(patch.consent_note.as_deref())
            .map_err(app::error::AppError::invalid)?;
        let change = ConsentChange {
            consent: marketing.consent(),
            source,
            note,
            actor_id: Some(caller.asker.user.id),
            at_ms: now_ms(),
        };
        caller
            .state()
            .store
            .change_consent(contact.id, &change, None)
            .await?;
    }
    let contact = caller.asker.contact(id).await?;
    with_history(&caller, &contact).await
}
