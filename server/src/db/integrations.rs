//! API tokens, outgoing webhook endpoints, their delivery queue and log, and the feeds the
//! webhook worker reads (the event log and the messages after a point). Written once with
//! `$n` parameters (or `QueryBuilder`) and stamped out per database by `integration_queries!`;
//! the API's list reads are in `db::api_reads`.
//!
//! Claiming deliveries is portable: the due rows are picked, then leased by one `UPDATE` that
//! checks again that each is still pending and due. SQLite runs the statement under its one
//! writer; PostgreSQL re-checks a row another instance leased meanwhile (after waiting for its
//! lock) and leaves it out. Either way no delivery is leased twice.

use app::domain::integrations::tokens::Scope;
use app::domain::integrations::webhooks::EventType;
use app::ssr::{ApiTokenRecord, DeliveryRecord, DeliveryState, StoreError, WebhookRecord};

#[derive(sqlx::FromRow)]
pub(crate) struct TokenRow {
    id: i64,
    name: String,
    scope: String,
    prefix: String,
    owner_id: i64,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

pub(crate) const TOKEN_COLUMNS: &str =
    "id, name, scope, prefix, owner_id, created_at, last_used_at, revoked_at";

impl TryFrom<TokenRow> for ApiTokenRecord {
    type Error = StoreError;

    fn try_from(r: TokenRow) -> Result<Self, StoreError> {
        let scope = Scope::parse(&r.scope).ok_or_else(|| {
            StoreError::Other(format!("token {} has unknown scope {:?}", r.id, r.scope))
        })?;
        Ok(ApiTokenRecord {
            id: r.id,
            name: r.name,
            scope,
            prefix: r.prefix,
            owner_id: r.owner_id,
            created_at_ms: r.created_at,
            last_used_at_ms: r.last_used_at,
            revoked_at_ms: r.revoked_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct WebhookRow {
    id: i64,
    url: String,
    description: String,
    events: String,
    secret: String,
    allow_private: bool,
    enabled: bool,
    created_at: i64,
    updated_at: i64,
}

pub(crate) const WEBHOOK_COLUMNS: &str =
    "id, url, description, events, secret, allow_private, enabled, created_at, updated_at";

impl From<WebhookRow> for WebhookRecord {
    fn from(r: WebhookRow) -> Self {
        WebhookRecord {
            id: r.id,
            url: r.url,
            description: r.description,
            events: event_types(&r.events),
            secret: r.secret,
            allow_private: r.allow_private,
            enabled: r.enabled,
            created_at_ms: r.created_at,
            updated_at_ms: r.updated_at,
        }
    }
}

/// The `events` column: names comma-separated, sorted, each once.
pub(crate) fn events_text(events: &[EventType]) -> String {
    let mut events = events.to_vec();
    events.sort_unstable();
    events.dedup();
    events
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Names this version does not know (a newer version's) are left out.
fn event_types(text: &str) -> Vec<EventType> {
    let mut events: Vec<EventType> = text.split(',').filter_map(EventType::parse).collect();
    events.sort_unstable();
    events.dedup();
    events
}

#[derive(sqlx::FromRow)]
pub(crate) struct DeliveryRow {
    id: i64,
    endpoint_id: i64,
    event_key: String,
    event_type: String,
    payload: String,
    state: String,
    attempts: i64,
    next_attempt_at: Option<i64>,
    last_status: Option<i64>,
    last_error: Option<String>,
    created_at: i64,
    delivered_at: Option<i64>,
}

pub(crate) const DELIVERY_COLUMNS: &str = "id, endpoint_id, event_key, event_type, payload, state, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at";

/// Deliveries this version can read; one of a newer version's event types is logged and left
/// out (its lease runs out and a newer instance takes it).
pub(crate) fn deliveries(rows: Vec<DeliveryRow>) -> Vec<DeliveryRecord> {
    rows.into_iter()
        .filter_map(|r| {
            let (Some(event_type), Some(state)) =
                (EventType::parse(&r.event_type), DeliveryState::parse(&r.state))
            else {
                tracing::warn!(delivery = r.id, event_type = %r.event_type, state = %r.state, "unreadable webhook delivery left out");
                return None;
            };
            Some(DeliveryRecord {
                id: r.id,
                endpoint_id: r.endpoint_id,
                event_key: r.event_key,
                event_type,
                payload: r.payload,
                state,
                attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
                next_attempt_at_ms: r.next_attempt_at,
                last_status: r.last_status.and_then(|s| u16::try_from(s).ok()),
                last_error: r.last_error,
                created_at_ms: r.created_at,
                delivered_at_ms: r.delivered_at,
            })
        })
        .collect()
}

/// Implements `app::ssr::IntegrationStore` for one database (the API's list reads through
/// the methods `api_read_queries!` adds).
macro_rules! integration_queries {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::IntegrationStore for $store {
            async fn create_api_token(&self, token: &app::ssr::NewApiToken, now_ms: i64) -> Result<app::ssr::ApiTokenRecord, StoreError> {
                use $crate::db::integrations::{TokenRow, TOKEN_COLUMNS};
                let row: TokenRow = sqlx::query_as(&format!(
                    "INSERT INTO api_tokens (name, scope, token_hash, prefix, owner_id, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING {TOKEN_COLUMNS}"
                ))
                .bind(&token.name)
                .bind(token.scope.as_str())
                .bind(&token.token_hash)
                .bind(&token.prefix)
                .bind(token.owner_id)
                .bind(now_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                row.try_into()
            }

            async fn api_tokens(&self) -> Result<Vec<app::ssr::ApiTokenRecord>, StoreError> {
                use $crate::db::integrations::{TokenRow, TOKEN_COLUMNS};
                let rows: Vec<TokenRow> = sqlx::query_as(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id DESC"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn api_token_by_hash(&self, hash: &str) -> Result<Option<app::ssr::ApiTokenRecord>, StoreError> {
                use $crate::db::integrations::{TokenRow, TOKEN_COLUMNS};
                let row: Option<TokenRow> = sqlx::query_as(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"))
                    .bind(hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn revoke_api_token(&self, id: i64, now_ms: i64) -> Result<app::ssr::ApiTokenRecord, StoreError> {
                use $crate::db::integrations::{TokenRow, TOKEN_COLUMNS};
                let row: Option<TokenRow> = sqlx::query_as(&format!(
                    "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING {TOKEN_COLUMNS}"
                ))
                .bind(id)
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                row.ok_or(StoreError::NotFound)?.try_into()
            }

            async fn touch_api_token(&self, id: i64, now_ms: i64) -> Result<(), StoreError> {
                // Only forward: requests finishing out of order do not move it back.
                sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)")
                    .bind(id)
                    .bind(now_ms)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }

            async fn webhooks(&self) -> Result<Vec<app::ssr::WebhookRecord>, StoreError> {
                use $crate::db::integrations::{WebhookRow, WEBHOOK_COLUMNS};
                let rows: Vec<WebhookRow> = sqlx::query_as(&format!("SELECT {WEBHOOK_COLUMNS} FROM webhook_endpoints ORDER BY id"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn webhook(&self, id: i64) -> Result<Option<app::ssr::WebhookRecord>, StoreError> {
                use $crate::db::integrations::{WebhookRow, WEBHOOK_COLUMNS};
                let row: Option<WebhookRow> = sqlx::query_as(&format!("SELECT {WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(row.map(Into::into))
            }

            async fn create_webhook(&self, draft: &app::ssr::WebhookDraft, secret: &str, now_ms: i64) -> Result<app::ssr::WebhookRecord, StoreError> {
                use $crate::db::integrations::{events_text, WebhookRow, WEBHOOK_COLUMNS};
                let row: WebhookRow = sqlx::query_as(&format!(
                    "INSERT INTO webhook_endpoints (url, description, events, secret, allow_private, enabled, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {WEBHOOK_COLUMNS}"
                ))
                .bind(&draft.url)
                .bind(&draft.description)
                .bind(events_text(&draft.events))
                .bind(secret)
                .bind(draft.allow_private)
                .bind(draft.enabled)
                .bind(now_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(row.into())
            }

            async fn update_webhook(&self, id: i64, draft: &app::ssr::WebhookDraft, now_ms: i64) -> Result<app::ssr::WebhookRecord, StoreError> {
                use $crate::db::integrations::{events_text, WebhookRow, WEBHOOK_COLUMNS};
                let row: Option<WebhookRow> = sqlx::query_as(&format!(
                    "UPDATE webhook_endpoints SET url = $2, description = $3, events = $4, allow_private = $5, enabled = $6, updated_at = $7
                     WHERE id = $1 RETURNING {WEBHOOK_COLUMNS}"
                ))
                .bind(id)
                .bind(&draft.url)
                .bind(&draft.description)
                .bind(events_text(&draft.events))
                .bind(draft.allow_private)
                .bind(draft.enabled)
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(row.ok_or(StoreError::NotFound)?.into())
            }

            async fn delete_webhook(&self, id: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                // The log first, not left to the foreign key's cascade.
                sqlx::query("DELETE FROM webhook_deliveries WHERE endpoint_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let done = sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                $crate::db::inbox::not_found_if_zero(done.rows_affected())?;
                tx.commit().await.map_err(store_error)
            }

            async fn enqueue_deliveries(&self, deliveries: &[app::ssr::NewDelivery], now_ms: i64) -> Result<u64, StoreError> {
                if deliveries.is_empty() {
                    return Ok(0);
                }
                let mut tx = self.begin_write().await?;
                let mut added = 0;
                for d in deliveries {
                    // An endpoint deleted meanwhile gets nothing (rather than failing the batch).
                    added += sqlx::query(
                        "INSERT INTO webhook_deliveries (endpoint_id, event_key, event_type, payload, state, next_attempt_at, created_at, updated_at)
                         SELECT $1, $2, $3, $4, 'pending', $5, $5, $5 WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = $1)
                         ON CONFLICT (endpoint_id, event_key) DO NOTHING",
                    )
                    .bind(d.endpoint_id)
                    .bind(&d.event_key)
                    .bind(d.event_type.as_str())
                    .bind(&d.payload)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?
                    .rows_affected();
                }
                tx.commit().await.map_err(store_error)?;
                Ok(added)
            }

            async fn claim_deliveries(&self, now_ms: i64, lease_until_ms: i64, limit: u32) -> Result<Vec<app::ssr::DeliveryRecord>, StoreError> {
                use $crate::db::integrations::{DeliveryRow, DELIVERY_COLUMNS};
                // Read first, outside a write: an idle poll takes no write lock.
                let due: Vec<i64> = sqlx::query_scalar(
                    "SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                     WHERE d.state = 'pending' AND d.next_attempt_at <= $1 AND e.enabled
                     ORDER BY d.next_attempt_at, d.id LIMIT $2",
                )
                .bind(now_ms)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                if due.is_empty() {
                    return Ok(Vec::new());
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new("UPDATE webhook_deliveries SET next_attempt_at = ");
                qb.push_bind(lease_until_ms)
                    .push(", updated_at = ")
                    .push_bind(now_ms)
                    .push(" WHERE state = 'pending' AND next_attempt_at <= ")
                    .push_bind(now_ms)
                    .push(" AND id IN (");
                let mut ids = qb.separated(", ");
                for id in &due {
                    ids.push_bind(*id);
                }
                qb.push(") RETURNING ").push(DELIVERY_COLUMNS);
                // One statement: what another instance leased in between no longer matches.
                let rows: Vec<DeliveryRow> = qb.build_query_as().fetch_all(&self.pool).await.map_err(store_error)?;
                let mut claimed = $crate::db::integrations::deliveries(rows);
                // RETURNING has no order: back to the order they were due in.
                claimed.sort_by_key(|d| due.iter().position(|id| *id == d.id));
                Ok(claimed)
            }

            async fn record_attempt(&self, delivery_id: i64, outcome: &app::ssr::AttemptOutcome, now_ms: i64) -> Result<(), StoreError> {
                use app::ssr::{AttemptOutcome, DeliveryState};
                let done = match outcome {
                    AttemptOutcome::Delivered { status } => sqlx::query(
                        "UPDATE webhook_deliveries SET attempts = attempts + 1, state = $2, delivered_at = $3, last_status = $4,
                            last_error = NULL, next_attempt_at = NULL, updated_at = $3
                         WHERE id = $1",
                    )
                    .bind(delivery_id)
                    .bind(DeliveryState::Delivered.as_str())
                    .bind(now_ms)
                    .bind(i64::from(*status))
                    .execute(&self.pool)
                    .await,
                    AttemptOutcome::Failed { status, error, retry_at_ms } => {
                        let state = if retry_at_ms.is_some() { DeliveryState::Pending } else { DeliveryState::Failed };
                        sqlx::query(
                            "UPDATE webhook_deliveries SET attempts = attempts + 1, state = $2, next_attempt_at = $3,
                                last_status = $4, last_error = $5, updated_at = $6
                             WHERE id = $1",
                        )
                        .bind(delivery_id)
                        .bind(state.as_str())
                        .bind(*retry_at_ms)
                        .bind(status.map(i64::from))
                        .bind(error)
                        .bind(now_ms)
                        .execute(&self.pool)
                        .await
                    }
                }
                .map_err(store_error)?;
                $crate::db::inbox::not_found_if_zero(done.rows_affected())
            }

            async fn deliveries(&self, endpoint_id: i64, before_id: Option<i64>, limit: u32) -> Result<Vec<app::ssr::DeliveryRecord>, StoreError> {
                use $crate::db::integrations::{DeliveryRow, DELIVERY_COLUMNS};
                let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
                    "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
                ))
                .bind(endpoint_id)
                .bind(before_id.unwrap_or(i64::MAX))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok($crate::db::integrations::deliveries(rows))
            }

            async fn redeliver(&self, delivery_id: i64, now_ms: i64) -> Result<(), StoreError> {
                let done = sqlx::query("UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = $2, updated_at = $2 WHERE id = $1")
                    .bind(delivery_id)
                    .bind(now_ms)
                    .execute(&self.pool)
                    .await
                    .map_err(store_error)?;
                $crate::db::inbox::not_found_if_zero(done.rows_affected())
            }

            async fn feed_cursor(&self, key: &str) -> Result<Option<i64>, StoreError> {
                let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(value.and_then(|v| v.parse().ok()))
            }

            async fn set_feed_cursor(&self, key: &str, id: i64, now_ms: i64) -> Result<(), StoreError> {
                // A plain write: consoles are not told (a settings change makes them reload).
                sqlx::query(
                    "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                )
                .bind(key)
                .bind(id.to_string())
                .bind(now_ms)
                .execute(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(())
            }

            async fn events_after(&self, after_id: i64, limit: u32) -> Result<Vec<app::domain::reports::Event>, StoreError> {
                use $crate::db::reports::{EventRow, EVENT_COLUMNS};
                let rows: Vec<EventRow> = sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.id > $1 ORDER BY e.id LIMIT $2"))
                    .bind(after_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok($crate::db::reports::events(rows))
            }

            async fn messages_after(&self, after_id: i64, limit: u32) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                use $crate::db::conversations::{MessageRow, MESSAGE_COLUMNS};
                let rows: Vec<MessageRow> = sqlx::query_as(&format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id > $1 ORDER BY id LIMIT $2"))
                    .bind(after_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                $crate::db::conversations::messages_of(rows)
            }

            async fn contacts_page(&self, search: Option<&str>, before_id: Option<i64>, limit: u32) -> Result<Vec<app::ssr::ContactRecord>, StoreError> {
                self.api_contacts(search, before_id, limit).await
            }

            async fn conversations_page(&self, query: &app::ssr::ConversationQuery) -> Result<Vec<app::ssr::ConversationRow>, StoreError> {
                self.api_conversations(query).await
            }

            async fn conversation_row(&self, id: i64) -> Result<Option<app::ssr::ConversationRow>, StoreError> {
                self.api_conversation(id).await
            }

            async fn conversation_messages(&self, conversation_id: i64, after_id: Option<i64>, limit: u32) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                self.api_messages(conversation_id, after_id, limit).await
            }
        }
    };
}

pub(crate) use integration_queries;
