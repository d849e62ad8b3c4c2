//! Writing the audit log (`domain::audit`). Every path that does something worth auditing —
//! server functions, the REST API, the CLI, background jobs — calls [`record`] (after the
//! act: a failed write is logged, the act stands) or, for exports, [`record_before`] (the
//! data leaves only once the entry is written).

use super::contact_store::NewAuditEntry;
use super::state::ServerState;
use super::store::UserRecord;
use crate::domain::audit::{AuditAction, AuditSubject};
use crate::error::AppError;

/// Who did it: a user (with the address they came from), or the desk itself.
#[derive(Clone, Debug, Default)]
pub struct Actor {
    pub id: Option<i64>,
    pub email: Option<String>,
    pub ip: Option<String>,
}

impl Actor {
    pub fn user(user: &UserRecord, ip: Option<String>) -> Actor {
        Actor {
            id: Some(user.id),
            email: Some(user.email.clone()),
            ip,
        }
    }

    /// The signed-in user of the current server-function request, with their address.
    pub async fn here(state: &ServerState, user: &UserRecord) -> Actor {
        let ip = super::auth::client_address(state).await;
        Actor::user(user, Some(ip).filter(|ip| ip != "unknown"))
    }

    /// The desk's own background work (retention).
    pub fn desk() -> Actor {
        Actor::default()
    }
}

fn entry(
    actor: &Actor,
    action: AuditAction,
    subject: Option<AuditSubject>,
    detail: serde_json::Value,
) -> NewAuditEntry {
    NewAuditEntry {
        actor_id: actor.id,
        actor: actor.email.clone(),
        action,
        subject,
        detail,
        ip: actor.ip.clone(),
    }
}

/// Appends an entry after the act. A failure is logged at error level and does not undo it.
pub async fn record(
    state: &ServerState,
    actor: &Actor,
    action: AuditAction,
    subject: Option<AuditSubject>,
    detail: serde_json::Value,
) {
    let e = entry(actor, action, subject, detail);
    if let Err(err) = state.store.append_audit(&e, super::now_ms()).await {
        tracing::error!(action = action.as_str(), error = %err, "audit entry not written");
    }
}

/// Appends an entry before the act (exports): no entry, no export.
pub async fn record_before(
    state: &ServerState,
    actor: &Actor,
    action: AuditAction,
    subject: Option<AuditSubject>,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let e = entry(actor, action, subject, detail);
    state.store.append_audit(&e, super::now_ms()).await?;
    Ok(())
}
