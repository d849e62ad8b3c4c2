//! The SQL behind `app::ssr::OutreachStore`: conversations the desk starts, and marketing
//! consent with its history. Written once with `$n` parameters and stamped out per database by
//! `outreach_queries!`, which also defines `record_consent` for ingestion's transaction.

use app::domain::consent::{ConsentEntry, ConsentSource};
use app::domain::contacts::MarketingConsent;

#[derive(sqlx::FromRow)]
pub(crate) struct ConsentRow {
    at: i64,
    consent: String,
    source: String,
    note: Option<String>,
    actor: Option<String>,
}

impl From<ConsentRow> for ConsentEntry {
    fn from(r: ConsentRow) -> Self {
        ConsentEntry {
            at_ms: r.at,
            consent: MarketingConsent::parse(&r.consent),
            // Written only by us; an unknown source reads as the API's.
            source: ConsentSource::parse(&r.source).unwrap_or(ConsentSource::Api),
            note: r.note,
            actor: r.actor,
        }
    }
}

macro_rules! outreach_queries {
    ($store:ident, $db:ty) => {
        /// Applies a consent change unless a newer one was recorded (webhooks arrive out of
        /// order), and keeps it in the history; true when it applied.
        async fn record_consent(
            tx: &mut sqlx::Transaction<'_, $db>,
            contact_id: i64,
            change: &app::ssr::ingest::ConsentChange,
        ) -> Result<bool, StoreError> {
            let applied = sqlx::query(
                "UPDATE contacts SET marketing = $2, marketing_changed_at = $3
                 WHERE id = $1 AND (marketing_changed_at IS NULL OR marketing_changed_at <= $3)",
            )
            .bind(contact_id)
            .bind(change.consent.as_str())
            .bind(change.at_ms)
            .execute(&mut **tx)
            .await
            .map_err(store_error)?
            .rows_affected()
                > 0;
            if applied {
                consent_event(tx, contact_id, change).await?;
            }
            Ok(applied)
        }

        /// Keeps a consent change in the contact's history.
        async fn consent_event(
            tx: &mut sqlx::Transaction<'_, $db>,
            contact_id: i64,
            change: &app::ssr::ingest::ConsentChange,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO consent_events (contact_id, at, consent, source, note, actor_id)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(contact_id)
            .bind(change.at_ms)
            .bind(change.consent.as_str())
            .bind(change.source.as_str())
            .bind(&change.note)
            .bind(change.actor_id)
            .execute(&mut **tx)
            .await
            .map_err(store_error)?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl app::ssr::OutreachStore for $store {
            async fn contact_for_phone(&self, wa_id: &str, now_ms: i64) -> Result<app::ssr::ContactRecord, StoreError> {
                use $crate::db::conversations::{ContactRow, CONTACT_COLUMNS};
                let mut tx = self.begin_write().await?;
                // A number written for the first time gets a contact without a profile; the
                // unique wa_id makes a concurrent first write find the same one.
                sqlx::query("INSERT INTO contacts (wa_id, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (wa_id) DO NOTHING")
                    .bind(wa_id)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let row: ContactRow = sqlx::query_as(&format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE wa_id = $1"))
                    .bind(wa_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(store_error)?;
                tx.commit().await.map_err(store_error)?;
                Ok(row.into())
            }

            async fn start_conversation(&self, contact_id: i64, assignee: Option<i64>, actor: i64, now_ms: i64) -> Result<app::ssr::Started, StoreError> {
                use app::domain::message::Activity;
                use app::domain::reports::EventKind;
                use $crate::db::events::NewEvent;
                let mut tx = self.begin_write().await?;
                let open: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'",
                )
                .bind(contact_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                if let Some(conversation_id) = open {
                    tx.commit().await.map_err(store_error)?;
                    return Ok(app::ssr::Started { conversation_id, created: false });
                }
                // The unique index on unresolved conversations refuses a second one made at
                // the same moment (by the customer's webhook or a colleague): then theirs is used.
                let inserted: Result<i64, StoreError> = sqlx::query_scalar(
                    "INSERT INTO conversations (contact_id, status, assignee_id, last_message_at, created_at, updated_at)
                     VALUES ($1, 'open', $2, $3, $3, $3) RETURNING id",
                )
                .bind(contact_id)
                .bind(assignee)
                .bind(now_ms)
                .fetch_one(&mut *tx)
                .await
                .map_err(store_error);
                let conversation_id = match inserted {
                    Ok(id) => id,
                    Err(StoreError::Duplicate) => {
                        drop(tx);
                        let id: i64 = sqlx::query_scalar("SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'")
                            .bind(contact_id)
                            .fetch_one(&self.pool)
                            .await
                            .map_err(store_error)?;
                        return Ok(app::ssr::Started { conversation_id: id, created: false });
                    }
                    Err(e) => return Err(e),
                };
                let created = NewEvent {
                    actor_id: Some(actor),
                    detail: Some("people"),
                    ..NewEvent::new(conversation_id, now_ms, EventKind::Created)
                };
                write_event(&mut *tx, created).await?;
                let mut line = self.add_activity(&mut tx, conversation_id, Some(actor), Activity::StartedByDesk, None, now_ms).await?;
                if let Some(to) = assignee {
                    let name = self.user_name(&mut tx, Some(to)).await?.unwrap_or_default();
                    line = self.add_activity(&mut tx, conversation_id, Some(actor), Activity::Assigned { to: name }, None, now_ms).await?;
                }
                let changes = [
                    app::ssr::Change::Message { id: line },
                    app::ssr::Change::Conversation { id: conversation_id },
                ];
                self.commit_announcing(tx, &changes).await?;
                Ok(app::ssr::Started { conversation_id, created: true })
            }

            async fn adopt_reported_wa_id(&self, contact_id: i64, wa_id: &str, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE contacts SET wa_id = $2, updated_at = $3
                     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM contacts WHERE wa_id = $2)",
                )
                .bind(contact_id)
                .bind(wa_id)
                .bind(now_ms)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn note_estimate(&self, message_id: i64, estimate: &app::domain::pricing::Estimate, currency: &str) -> Result<(), StoreError> {
                sqlx::query("UPDATE messages SET estimated_category = $2, estimated_micros = $3, market = $4, estimated_currency = $5 WHERE id = $1")
                    .bind(message_id)
                    .bind(estimate.category.as_str())
                    .bind(estimate.price_micros)
                    .bind(&estimate.market)
                    .bind(currency)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }

            async fn consent_history(&self, contact_id: i64) -> Result<Vec<app::domain::consent::ConsentEntry>, StoreError> {
                let rows: Vec<$crate::db::outreach::ConsentRow> = sqlx::query_as(
                    "SELECT c.at, c.consent, c.source, c.note, u.name AS actor
                     FROM consent_events c LEFT JOIN users u ON u.id = c.actor_id
                     WHERE c.contact_id = $1 ORDER BY c.at DESC, c.id DESC",
                )
                .bind(contact_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn change_consent(&self, contact_id: i64, change: &app::ssr::ingest::ConsentChange, line_in: Option<i64>) -> Result<app::ssr::ContactRecord, StoreError> {
                use $crate::db::conversations::{ContactRow, CONTACT_COLUMNS};
                use app::domain::message::Activity;
                let mut tx = self.begin_write().await?;
                // The desk's word is the latest: it wins over any earlier preference.
                let at = sqlx::query_scalar::<_, Option<i64>>("SELECT marketing_changed_at FROM contacts WHERE id = $1")
                    .bind(contact_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?
                    .ok_or(StoreError::NotFound)?;
                let change = app::ssr::ingest::ConsentChange {
                    at_ms: change.at_ms.max(at.unwrap_or(i64::MIN)),
                    ..change.clone()
                };
                record_consent(&mut tx, contact_id, &change).await?;
                sqlx::query("UPDATE contacts SET updated_at = $2 WHERE id = $1")
                    .bind(contact_id)
                    .bind(change.at_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let row: ContactRow = sqlx::query_as(&format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = $1"))
                    .bind(contact_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let mut changes = Vec::new();
                if let Some(conversation_id) = line_in {
                    let activity = Activity::ConsentChanged { consent: change.consent, note: change.note.clone() };
                    let line = self.add_activity(&mut tx, conversation_id, change.actor_id, activity, None, change.at_ms).await?;
                    changes.push(app::ssr::Change::Message { id: line });
                }
                // Consoles showing the contact's conversations refresh, as for its attributes.
                let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'")
                    .bind(contact_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                changes.extend(ids.into_iter().map(|id| app::ssr::Change::Conversation { id }));
                self.commit_announcing(tx, &changes).await?;
                Ok(row.into())
            }
        }
    };
}

pub(crate) use outreach_queries;
