//! Reading the audit log (admins): the `/audit` screen's pages and its CSV export.

use super::audit::{self, Actor};
use super::contact_store::AuditFilter;
use super::state::ServerState;
use crate::domain::audit::AuditAction;
use crate::domain::reports::period::Period;
use crate::error::AppError;
use crate::wire::contacts::{AuditPage, AuditQuery};

/// Entries per page on the screen; rows per query while exporting.
const PAGE: u32 = 100;
const EXPORT_BATCH: u32 = 2_000;

async fn filter(state: &ServerState, query: &AuditQuery) -> Result<AuditFilter, AppError> {
    let zone = super::campaigns::business_zone(state).await?;
    let day = |date: &str| {
        Period::new(date, date, zone.name()).map_err(|problem| AppError::Period { problem })
    };
    let since_ms = match query.from.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => Some(day(d)?.since_ms),
        None => None,
    };
    let until_ms = match query.to.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => Some(day(d)?.until_ms),
        None => None,
    };
    Ok(AuditFilter {
        actions: query.group.map(|g| g.actions()).unwrap_or_default(),
        actor: query.actor.chars().take(100).collect(),
        since_ms,
        until_ms,
        before: query.before,
    })
}

pub async fn page(state: &ServerState, query: AuditQuery) -> Result<AuditPage, AppError> {
    let filter = filter(state, &query).await?;
    let mut entries = state.store.audit_entries(&filter, PAGE + 1).await?;
    let more = entries.len() > PAGE as usize;
    entries.truncate(PAGE as usize);
    Ok(AuditPage { entries, more })
}

/// The filtered log as CSV, newest first; the export is itself written to the log first.
pub async fn csv(
    state: &ServerState,
    actor: &Actor,
    query: AuditQuery,
) -> Result<String, AppError> {
    use crate::domain::reports::csv::defused;
    let mut filter = filter(state, &query).await?;
    audit::record_before(
        state,
        actor,
        AuditAction::AuditExported,
        None,
        serde_json::json!({ "group": query.group, "actor": query.actor, "from": query.from, "to": query.to }),
    )
    .await?;
    let fail = |e: csv::Error| {
        tracing::error!(error = %e, "audit CSV");
        AppError::Internal
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "at", "actor", "action", "subject", "detail", "ip"])
        .map_err(fail)?;
    loop {
        let batch = state.store.audit_entries(&filter, EXPORT_BATCH).await?;
        for e in &batch {
            let at = chrono::DateTime::from_timestamp_millis(e.at_ms)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
                .unwrap_or_default();
            w.write_record([
                e.id.to_string(),
                at,
                defused(e.actor.as_deref().unwrap_or_default()),
                e.action.as_str().to_string(),
                e.subject.clone().unwrap_or_default(),
                defused(&e.detail),
                e.ip.clone().unwrap_or_default(),
            ])
            .map_err(fail)?;
        }
        match batch.last() {
            Some(last) if batch.len() == EXPORT_BATCH as usize => filter.before = Some(last.id),
            _ => break,
        }
    }
    let bytes = w.into_inner().map_err(|e| fail(e.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}
