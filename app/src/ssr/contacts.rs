//! The contacts screen and the contact page (supervisors and admins), blocking, the CSV
//! export, and Settings → Contacts (admins: attribute definitions, masking, retention). Shared
//! by the server functions and the REST API.

use super::audit::{self, Actor};
use super::contact_store::ContactListRow;
use super::state::ServerState;
use super::store::UserRecord;
use crate::domain::audit::{AuditAction, AuditSubject};
use crate::domain::contacts::attributes::{self, AttributeDefinition};
use crate::domain::contacts::directory::{ContactQuery, PAGE_SIZE};
use crate::domain::contacts::protection::{self, ProtectionSettings};
use crate::domain::masking;
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::wire::contacts::{
    ContactCard, ContactListPage, ContactRow, ContactScreen, ContactSettings, RetentionRun,
};

/// The settings row holding the attribute definitions.
pub const ATTRIBUTES_SETTING: &str = "contact_attributes";
/// The retention job's last run (JSON `RetentionRun`).
pub const RETENTION_LAST_SETTING: &str = "retention_last_run";
/// Rows per query while exporting.
const EXPORT_BATCH: u32 = 1_000;

/// How numbers are written for one reader: in full, or masked (`domain::masking`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbers {
    pub masked: bool,
}

impl Numbers {
    pub const FULL: Numbers = Numbers { masked: false };

    /// A `wa_id` written for this reader.
    pub fn phone(self, wa_id: &str) -> String {
        let full = crate::domain::phone::for_people(wa_id);
        if self.masked {
            masking::masked(&full)
        } else {
            full
        }
    }

    /// A shown name, masked when it is a number (a contact without a profile name).
    pub fn name(self, name: String) -> String {
        if self.masked && masking::is_number(&name) {
            masking::masked(&name)
        } else {
            name
        }
    }

    /// A contact for the panel: the raw `wa_id` never reaches a masked reader.
    pub fn contact(
        self,
        mut c: crate::wire::inbox::ContactView,
    ) -> crate::wire::inbox::ContactView {
        if self.masked {
            c.name = self.name(c.name);
            c.phone = c.phone.map(|p| masking::masked(&p));
            c.wa_id = None;
        }
        c
    }

    pub fn summary(
        self,
        mut s: crate::wire::inbox::ConversationSummary,
    ) -> crate::wire::inbox::ConversationSummary {
        if self.masked {
            s.contact_name = self.name(s.contact_name);
            s.phone = s.phone.map(|p| masking::masked(&p));
        }
        s
    }
}

pub async fn protection(state: &ServerState) -> Result<ProtectionSettings, AppError> {
    let stored = state.store.setting(protection::SETTING).await?;
    Ok(ProtectionSettings::from_setting(stored.as_deref()))
}

/// How `role` reads numbers now: the one place the masking setting is asked.
pub async fn numbers_for(state: &ServerState, role: Role) -> Result<Numbers, AppError> {
    let on = protection(state).await?.mask_numbers;
    Ok(Numbers {
        masked: masking::masks(on, role),
    })
}

pub async fn definitions(state: &ServerState) -> Result<Vec<AttributeDefinition>, AppError> {
    let stored = state.store.setting(ATTRIBUTES_SETTING).await?;
    Ok(stored
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

/// A contact's attributes as written by anyone, checked against the definitions.
pub async fn checked_attributes(
    state: &ServerState,
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<std::collections::BTreeMap<String, String>, AppError> {
    let defs = definitions(state).await?;
    attributes::checked_values(&defs, pairs).map_err(|refusal| AppError::Attribute { refusal })
}

fn row(numbers: Numbers, r: ContactListRow) -> ContactRow {
    let phone = r.wa_id.as_deref().map(|w| numbers.phone(w));
    let name = r
        .profile_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| r.username.clone())
        .or_else(|| phone.clone())
        .or_else(|| r.user_id.clone())
        .unwrap_or_default();
    ContactRow {
        id: r.id,
        name,
        country: r
            .country
            .clone()
            .or_else(|| r.wa_id.as_deref().and_then(crate::domain::phone::country)),
        phone,
        username: r.username,
        consent: r.marketing,
        last_inbound_at_ms: r.last_inbound_at_ms,
        created_at_ms: r.created_at_ms,
        blocked: r.blocked_at_ms.is_some(),
        labels: r.labels,
        attributes: r.attributes,
    }
}

fn checked_query(mut query: ContactQuery) -> Result<ContactQuery, AppError> {
    query.filter = crate::domain::campaigns::segment::checked(query.filter).map_err(|p| {
        AppError::Campaign {
            problem: crate::domain::campaigns::CampaignProblem::Filter(p),
        }
    })?;
    Ok(query)
}

pub async fn screen(state: &ServerState, user: &UserRecord) -> Result<ContactScreen, AppError> {
    let definitions = definitions(state).await?;
    let mut other_keys = state.store.attribute_keys().await?;
    other_keys.retain(|k| !definitions.iter().any(|d| &d.key == k));
    Ok(ContactScreen {
        labels: state.store.labels().await?,
        definitions,
        other_keys,
        business_country: super::outreach::business_country(state).await?,
        can_export: user.role.at_least(Role::Supervisor),
    })
}

pub async fn page(
    state: &ServerState,
    user: &UserRecord,
    query: ContactQuery,
) -> Result<ContactListPage, AppError> {
    let query = checked_query(query)?;
    let numbers = numbers_for(state, user.role).await?;
    let (rows, next) = state
        .store
        .contact_page(&query, super::now_ms(), PAGE_SIZE)
        .await?;
    Ok(ContactListPage {
        rows: rows.into_iter().map(|r| row(numbers, r)).collect(),
        next,
    })
}

pub async fn card(
    state: &ServerState,
    user: &UserRecord,
    contact_id: i64,
) -> Result<ContactCard, AppError> {
    let store = &state.store;
    let contact = store
        .contact(super::ContactKey::Id(contact_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let numbers = numbers_for(state, user.role).await?;
    let conversations = store.contact_conversations(contact.id).await?;
    let mut labels: Vec<crate::wire::inbox::LabelView> = Vec::new();
    for l in conversations.iter().flat_map(|c| c.labels.iter()) {
        if !labels.iter().any(|x| x.id == l.id) {
            labels.push(l.clone());
        }
    }
    labels.sort_by(|a, b| a.name.cmp(&b.name));
    let view = crate::wire::inbox::ContactView {
        consent_history: store.consent_history(contact.id).await?,
        ..super::console::contact_view(&contact)
    };
    Ok(ContactCard {
        contact: numbers.contact(view),
        created_at_ms: contact.created_at_ms,
        blocked_at_ms: contact.blocked_at_ms,
        blocked_by: match contact.blocked_at_ms {
            Some(_) => store.blocked_by(contact.id).await?,
            None => None,
        },
        labels,
        conversations,
        campaigns: store.contact_campaigns(contact.id).await?,
        definitions: definitions(state).await?,
        can_manage: user.role.at_least(Role::Supervisor),
    })
}

/// Blocks or unblocks a contact, with an audit entry. Meta's block-users call is made by the
/// caller's link when the number supports it (see `WhatsAppLink`); the desk blocks locally
/// whatever Meta says, so a customer who writes anyway stays out of the queue.
pub async fn set_blocked(
    state: &ServerState,
    actor: &Actor,
    contact_id: i64,
    blocked: bool,
) -> Result<(), AppError> {
    state
        .store
        .set_blocked(contact_id, blocked, actor.id, super::now_ms())
        .await?;
    let action = if blocked {
        AuditAction::ContactBlocked
    } else {
        AuditAction::ContactUnblocked
    };
    audit::record(
        state,
        actor,
        action,
        Some(AuditSubject::Contact(contact_id)),
        serde_json::json!({}),
    )
    .await;
    Ok(())
}

/// Saves a contact's attributes from the contact page (checked against the definitions).
pub async fn save_attributes(
    state: &ServerState,
    actor: &Actor,
    contact_id: i64,
    pairs: Vec<(String, String)>,
) -> Result<(), AppError> {
    let map = checked_attributes(state, pairs).await?;
    state
        .store
        .set_contact_attributes(contact_id, &map, super::now_ms())
        .await?;
    let keys: Vec<&String> = map.keys().collect();
    audit::record(
        state,
        actor,
        AuditAction::ContactEdited,
        Some(AuditSubject::Contact(contact_id)),
        serde_json::json!({ "attributes": keys }),
    )
    .await;
    Ok(())
}

const CSV_HEADER: [&str; 9] = [
    "id",
    "name",
    "phone",
    "username",
    "country",
    "marketing",
    "last_message",
    "created",
    "blocked",
];

/// Every contact the query selects, as CSV (attributes as one column each, defined ones
/// first), for supervisors and admins; written to the audit log before it is handed out.
pub async fn export_csv(
    state: &ServerState,
    actor: &Actor,
    role: Role,
    query: ContactQuery,
) -> Result<String, AppError> {
    use crate::domain::reports::csv::defused;
    if !role.at_least(Role::Supervisor) {
        return Err(AppError::Forbidden);
    }
    let mut query = checked_query(query)?;
    let numbers = numbers_for(state, role).await?;
    let defs = definitions(state).await?;
    let now = super::now_ms();
    let mut rows = Vec::new();
    query.after = None;
    loop {
        let (page, next) = state.store.contact_page(&query, now, EXPORT_BATCH).await?;
        rows.extend(page.into_iter().map(|r| row(numbers, r)));
        match next {
            Some(cursor) => query.after = Some(cursor),
            None => break,
        }
    }
    let mut keys: Vec<String> = defs.iter().map(|d| d.key.clone()).collect();
    let mut others: Vec<String> = rows
        .iter()
        .flat_map(|r| r.attributes.keys().cloned())
        .filter(|k| !keys.contains(k))
        .collect();
    others.sort();
    others.dedup();
    keys.extend(others);
    audit::record_before(
        state,
        actor,
        AuditAction::ContactsExported,
        None,
        serde_json::json!({ "contacts": rows.len(), "search": query.search, "filtered": query.filter != Default::default() }),
    )
    .await?;
    let iso = |ms: Option<i64>| {
        ms.and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = CSV_HEADER
        .iter()
        .map(|s| s.to_string())
        .chain(keys.iter().cloned())
        .collect();
    let fail = |e: csv::Error| {
        tracing::error!(error = %e, "contacts CSV");
        AppError::Internal
    };
    w.write_record(&header).map_err(fail)?;
    for r in rows {
        let mut record = vec![
            r.id.to_string(),
            defused(&r.name),
            r.phone.clone().unwrap_or_default(),
            defused(r.username.as_deref().unwrap_or_default()),
            r.country.clone().unwrap_or_default(),
            r.consent.as_str().to_string(),
            iso(r.last_inbound_at_ms),
            iso(Some(r.created_at_ms)),
            if r.blocked {
                "yes".into()
            } else {
                String::new()
            },
        ];
        record.extend(
            keys.iter()
                .map(|k| defused(r.attributes.get(k).map(String::as_str).unwrap_or_default())),
        );
        w.write_record(&record).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| fail(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

pub async fn settings(state: &ServerState) -> Result<ContactSettings, AppError> {
    let protection = protection(state).await?;
    let last_retention: Option<RetentionRun> = state
        .store
        .setting(RETENTION_LAST_SETTING)
        .await?
        .and_then(|s| serde_json::from_str(&s).ok());
    let next_retention_ms = protection.retention_days.map(|_| {
        protection::next_retention_run_ms(last_retention.as_ref().map(|r| r.at_ms), super::now_ms())
    });
    Ok(ContactSettings {
        definitions: definitions(state).await?,
        protection,
        last_retention,
        next_retention_ms,
    })
}

/// Saves the definitions and the data-protection settings (admins), each with an audit entry
/// when it changed.
pub async fn save_settings(
    state: &ServerState,
    actor: &Actor,
    definitions_in: Vec<AttributeDefinition>,
    protection_in: ProtectionSettings,
) -> Result<ContactSettings, AppError> {
    let defs = attributes::checked(definitions_in)
        .map_err(|problem| AppError::AttributeDefinition { problem })?;
    let prot = protection_in
        .checked()
        .map_err(|problem| AppError::Protection { problem })?;
    let now = super::now_ms();
    if definitions(state).await? != defs {
        let text = serde_json::to_string(&defs).map_err(|_| AppError::Internal)?;
        state
            .store
            .put_setting(ATTRIBUTES_SETTING, &text, now)
            .await?;
        audit::record(
            state,
            actor,
            AuditAction::SettingsChanged,
            Some(AuditSubject::Setting(ATTRIBUTES_SETTING.into())),
            serde_json::json!({ "definitions": defs.iter().map(|d| &d.key).collect::<Vec<_>>() }),
        )
        .await;
    }
    let before = protection(state).await?;
    if before != prot {
        let text = serde_json::to_string(&prot).map_err(|_| AppError::Internal)?;
        state
            .store
            .put_setting(protection::SETTING, &text, now)
            .await?;
        // Consoles re-read what they show (masked numbers).
        state.store.signal(super::Change::Settings).await?;
        audit::record(
            state,
            actor,
            AuditAction::SettingsChanged,
            Some(AuditSubject::Setting(protection::SETTING.into())),
            serde_json::json!({ "before": before, "after": prot }),
        )
        .await;
    }
    settings(state).await
}

/// Erases a contact for good (right to erasure; supervisors and admins), with an audit entry
/// naming them by id only. Their media files are deleted by the media worker from the queue
/// the store fills in the same transaction.
pub async fn erase(
    state: &ServerState,
    actor: &Actor,
    role: Role,
    contact_id: i64,
) -> Result<super::ErasureReport, AppError> {
    if !role.at_least(Role::Supervisor) {
        return Err(AppError::Forbidden);
    }
    let report = state
        .store
        .erase_contact(contact_id, super::now_ms())
        .await?;
    audit::record(
        state,
        actor,
        AuditAction::ContactErased,
        Some(AuditSubject::Contact(contact_id)),
        serde_json::to_value(report).unwrap_or_default(),
    )
    .await;
    Ok(report)
}

/// One run of the retention policy, when it is due at `now_ms`: claimed through a
/// compare-and-set on the last run (one instance runs it a day), then old messages' contents
/// removed in batches. `None` when nothing was due (or another instance took it).
pub async fn run_retention(
    state: &ServerState,
    now_ms: i64,
) -> Result<Option<RetentionRun>, AppError> {
    const BATCH: u32 = 500;
    let settings = protection(state).await?;
    let Some(cutoff) = settings.retention_cutoff_ms(now_ms) else {
        return Ok(None);
    };
    let stored = state.store.setting(RETENTION_LAST_SETTING).await?;
    let last: Option<RetentionRun> = stored.as_deref().and_then(|s| serde_json::from_str(s).ok());
    if protection::next_retention_run_ms(last.as_ref().map(|r| r.at_ms), now_ms) > now_ms {
        return Ok(None);
    }
    // The claim: this run's start replaces the last run, only if no one replaced it first.
    let mut run = RetentionRun {
        at_ms: now_ms,
        messages: 0,
        media: 0,
    };
    let text = |r: &RetentionRun| serde_json::to_string(r).map_err(|_| AppError::Internal);
    let claimed = state
        .store
        .swap_setting(
            RETENTION_LAST_SETTING,
            stored.as_deref(),
            &text(&run)?,
            now_ms,
        )
        .await?;
    if !claimed {
        return Ok(None);
    }
    loop {
        let (messages, media) = state
            .store
            .remove_messages_before(cutoff, BATCH, now_ms)
            .await?;
        run.messages += messages;
        run.media += media;
        if messages < u64::from(BATCH) {
            break;
        }
    }
    state
        .store
        .put_setting(RETENTION_LAST_SETTING, &text(&run)?, now_ms)
        .await?;
    audit::record(
        state,
        &Actor::desk(),
        AuditAction::RetentionRun,
        None,
        serde_json::json!({ "days": settings.retention_days, "messages": run.messages, "media": run.media }),
    )
    .await;
    Ok(Some(run))
}

/// A contact's data for an access request (GDPR art. 15): the ZIP's JSON documents by file
/// name, and the media files to add (name in the ZIP, SHA-256 in the media store).
pub struct DataExport {
    pub documents: Vec<(String, String)>,
    pub files: Vec<(String, String)>,
}

fn extension(mime: Option<&str>) -> &'static str {
    match mime.unwrap_or_default() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "audio/ogg" => "ogg",
        "audio/mpeg" => "mp3",
        "audio/mp4" | "video/mp4" => "mp4",
        "audio/aac" => "aac",
        "video/3gpp" => "3gp",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        _ => "bin",
    }
}

/// Everything the desk keeps about the contact (supervisors and admins), written to the audit
/// log before it is handed out: the contact, their consent history, every conversation with
/// every message and note, and their files.
pub async fn data_export(
    state: &ServerState,
    actor: &Actor,
    role: Role,
    contact_id: i64,
) -> Result<DataExport, AppError> {
    if !role.at_least(Role::Supervisor) {
        return Err(AppError::Forbidden);
    }
    let store = &state.store;
    let contact = store
        .contact(super::ContactKey::Id(contact_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let view = super::console::contact_view(&contact);
    let history = store.consent_history(contact.id).await?;
    let mut conversations = Vec::new();
    let mut files = Vec::new();
    for c in store.conversations_of_contact(contact.id).await? {
        let messages = store.messages_of_conversation(c.id).await?;
        for m in &messages {
            let crate::domain::message::MessageBody::Media(media) = &m.body else {
                continue;
            };
            if let Some(record) = store.media(&media.media_id).await? {
                if let Some(sha) = record.sha256 {
                    let name = format!(
                        "media/{}-{}.{}",
                        m.id,
                        record.kind,
                        extension(record.mime_type.as_deref())
                    );
                    files.push((name, sha));
                }
            }
        }
        conversations.push(serde_json::json!({
            "id": c.id,
            "status": c.status().as_str(),
            "started_at_ms": c.created_at_ms,
            "last_message_at_ms": c.last_message_at_ms,
            "messages": messages.iter().map(|m| m.view()).collect::<Vec<_>>(),
        }));
    }
    let pretty =
        |v: serde_json::Value| serde_json::to_string_pretty(&v).map_err(|_| AppError::Internal);
    let documents = vec![
        (
            "contact.json".to_string(),
            pretty(serde_json::json!({
                "id": contact.id,
                "name": view.name,
                "wa_id": contact.wa_id,
                "phone": view.phone,
                "user_id": contact.user_id,
                "parent_user_id": contact.parent_user_id,
                "profile_name": contact.profile_name,
                "username": contact.username,
                "language": contact.language.map(|l| l.code()),
                "marketing": contact.marketing.as_str(),
                "attributes": contact.attributes,
                "last_message_at_ms": contact.last_inbound_at_ms,
                "created_at_ms": contact.created_at_ms,
                "blocked_at_ms": contact.blocked_at_ms,
            }))?,
        ),
        (
            "consent-history.json".to_string(),
            pretty(serde_json::to_value(&history).unwrap_or_default())?,
        ),
        (
            "conversations.json".to_string(),
            pretty(serde_json::Value::Array(conversations))?,
        ),
    ];
    audit::record_before(
        state,
        actor,
        AuditAction::ContactDataExported,
        Some(AuditSubject::Contact(contact.id)),
        serde_json::json!({ "files": files.len() }),
    )
    .await?;
    Ok(DataExport { documents, files })
}
