//! The SQL behind `app::ssr::AuditStore`: appending to the audit log and reading it back,
//! newest first. The table refuses updates and deletes (migration 0016's triggers).

use app::domain::audit::AuditAction;
use app::wire::contacts::AuditEntry;

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: i64,
    at: i64,
    actor: Option<String>,
    action: String,
    subject: Option<String>,
    detail: String,
    ip: Option<String>,
}

impl AuditRow {
    /// `None` for an action this version does not know (written by a newer one).
    pub(crate) fn entry(self) -> Option<AuditEntry> {
        Some(AuditEntry {
            id: self.id,
            at_ms: self.at,
            actor: self.actor,
            action: AuditAction::parse(&self.action)?,
            subject: self.subject,
            detail: self.detail,
            ip: self.ip,
        })
    }
}

macro_rules! audit_queries {
    ($store:ident, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::AuditStore for $store {
            async fn append_audit(&self, entry: &app::ssr::contact_store::NewAuditEntry, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor_id, actor, action, subject, detail, ip) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(now_ms)
                .bind(entry.actor_id)
                .bind(entry.actor.as_deref())
                .bind(entry.action.as_str())
                .bind(entry.subject.as_ref().map(|s| s.key()))
                .bind(entry.detail.to_string())
                .bind(entry.ip.as_deref())
                .execute(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(())
            }

            async fn audit_entries(&self, filter: &app::ssr::contact_store::AuditFilter, limit: u32) -> Result<Vec<app::wire::contacts::AuditEntry>, StoreError> {
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT id, at, actor, action, subject, detail, ip FROM audit_log WHERE 1 = 1",
                );
                if !filter.actions.is_empty() {
                    qb.push(" AND action IN (");
                    let mut list = qb.separated(", ");
                    for a in &filter.actions {
                        list.push_bind(a.as_str());
                    }
                    qb.push(")");
                }
                let actor = filter.actor.trim().to_lowercase();
                if !actor.is_empty() {
                    qb.push(" AND lower(COALESCE(actor, '')) LIKE ")
                        .push_bind($crate::db::inbox::like_pattern(&actor))
                        .push(" ESCAPE '\\'");
                }
                if let Some(since) = filter.since_ms {
                    qb.push(" AND at >= ").push_bind(since);
                }
                if let Some(until) = filter.until_ms {
                    qb.push(" AND at < ").push_bind(until);
                }
                if let Some(before) = filter.before {
                    qb.push(" AND id < ").push_bind(before);
                }
                qb.push(" ORDER BY id DESC LIMIT ").push_bind(i64::from(limit));
                let rows: Vec<$crate::db::audit::AuditRow> = qb
                    .build_query_as()
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(rows.into_iter().filter_map(|r| r.entry()).collect())
            }
        }
    };
}
pub(crate) use audit_queries;
