//! The PostgreSQL store, for running several instances against one database.

use super::api_reads::api_read_queries;
use super::assignment::assignment_queries;
use super::audit::audit_queries;
use super::bot::bot_queries;
use super::campaign_ingest::campaign_ingest_ops;
use super::campaign_lists::campaign_list_queries;
use super::campaigns::campaign_queries;
use super::contacts::contact_queries;
use super::conversations::conversation_queries;
use super::dashboard::dashboard_queries;
use super::events::event_writer;
use super::inbox::inbox_queries;
use super::ingest::{at_least, body_kind, ingest_ops, to_json};
use super::integrations::integration_queries;
use super::labels::label_queries;
use super::outreach::outreach_queries;
use super::protection::protection_queries;
use super::quick_replies::quick_reply_queries;
use super::reports::report_queries;
use super::revoked_sessions::revoked_session_queries;
use super::{failures_of, lang_text, role_text, store_error, user, user_change, UserRow, Value};
use app::domain::message::{DeliveryStatus, MessageContext, MetaError, Referral};
use app::domain::throttle::{self as throttle, AttemptClaim, Failures};
use app::ssr::ingest::{
    ContactRef, IngestEvent, IngestReport, KnownMessage, NewInbound, StatusUpdate, TemplateChange,
    TemplateEvent,
};
use app::ssr::{
    Change, ContactKey, ContactRecord, ConversationRecord, MediaRecord, MessageRecord, NewOutbound,
    NewUser, OutboundJob, Retry, Store, StoreError, SyncReport, SyncedTemplate, TemplateRecord,
    UserChange, UserRecord,
};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    /// Fed by this instance's one `LISTEN` connection: changes from every instance.
    changes: tokio::sync::broadcast::Sender<Change>,
}

/// The `NOTIFY` channel; payloads are JSON arrays of [`Change`].
const CHANNEL: &str = "buzon_changes";
/// Changes per notification: PostgreSQL caps a payload at 8000 bytes.
const CHANGES_PER_NOTIFY: usize = 100;

impl PgStore {
    /// Connects to the database at `url` without running migrations, and starts listening to
    /// the change feed.
    pub async fn connect(url: &str) -> Result<PgStore, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        let (changes, _) = tokio::sync::broadcast::channel(super::CHANGE_FEED_CAPACITY);
        let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
        listener.listen(CHANNEL).await?;
        tokio::spawn(listen(listener, changes.clone()));
        Ok(PgStore { pool, changes })
    }

    /// A write transaction (PostgreSQL waits for row locks by itself).
    async fn begin_write(&self) -> Result<sqlx::Transaction<'_, sqlx::Postgres>, StoreError> {
        self.pool.begin().await.map_err(store_error)
    }

    /// Commits a write with its change notifications inside the transaction: listeners (this
    /// instance's too) hear them only if it commits.
    async fn commit_announcing(
        &self,
        mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        for chunk in changes.chunks(CHANGES_PER_NOTIFY) {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(to_json(&chunk))
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
        }
        tx.commit().await.map_err(store_error)
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        MIGRATOR.run(&self.pool).await
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Forwards notifications to the local feed. After a lost connection (notifications may have
/// been missed meanwhile) consoles are told to reload.
async fn listen(
    mut listener: sqlx::postgres::PgListener,
    feed: tokio::sync::broadcast::Sender<Change>,
) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Vec<Change>>(notification.payload()) {
                    Ok(changes) => {
                        for change in changes {
                            let _ = feed.send(change);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "unreadable change notification"),
                }
            }
            Ok(None) => {
                tracing::warn!("change listener reconnected; consoles will reload");
                let _ = feed.send(Change::Resync);
            }
            Err(e) => {
                tracing::warn!(error = %e, "change listener failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

event_writer!(sqlx::Postgres);
ingest_ops!(PgIngest, sqlx::Postgres, PgStore);
campaign_ingest_ops!(PgIngest);
conversation_queries!(PgStore, sqlx::Postgres);
inbox_queries!(PgStore, sqlx::Postgres);
label_queries!(PgStore, sqlx::Postgres);
quick_reply_queries!(PgStore, sqlx::Postgres);
bot_queries!(PgStore, sqlx::Postgres);
assignment_queries!(PgStore, sqlx::Postgres);
report_queries!(PgStore, sqlx::Postgres);
dashboard_queries!(PgStore, sqlx::Postgres);
integration_queries!(PgStore, sqlx::Postgres);
api_read_queries!(PgStore, sqlx::Postgres);
outreach_queries!(PgStore, sqlx::Postgres);
campaign_queries!(
    PgStore,
    sqlx::Postgres,
    super::segment_sql::Dialect::Postgres
);
campaign_list_queries!(PgStore, sqlx::Postgres);
contact_queries!(
    PgStore,
    sqlx::Postgres,
    super::segment_sql::Dialect::Postgres
);
audit_queries!(PgStore, sqlx::Postgres);
protection_queries!(PgStore, sqlx::Postgres);
revoked_session_queries!(PgStore);

const USER_COLUMNS: &str = "id, email, name, role, password_hash, capacity, language, time_zone, disabled, auth_epoch, created_at, updated_at";

#[async_trait::async_trait]
impl Store for PgStore {
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    async fn create_user(&self, new: NewUser, now_ms: i64) -> Result<UserRecord, StoreError> {
        let row: UserRow = sqlx::query_as(&format!(
            "INSERT INTO users (email, name, role, password_hash, capacity, language, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {USER_COLUMNS}"
        ))
        .bind(&new.email)
        .bind(&new.name)
        .bind(role_text(new.role))
        .bind(&new.password_hash)
        .bind(i64::from(new.capacity))
        .bind(lang_text(new.language))
        .bind(now_ms)
        .bind(now_ms)
        .fetch_one(&self.pool)
        .await
        .map_err(store_error)?;
        row.try_into()
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(store_error)?;
        user(row)
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        ))
        .bind(email)
        .fetch_optional(&self.pool)
        .await
        .map_err(store_error)?;
        user(row)
    }

    async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError> {
        let rows: Vec<UserRow> =
            sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY email"))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
        rows.into_iter().map(UserRecord::try_from).collect()
    }

    async fn update_user(
        &self,
        id: i64,
        change: UserChange,
        now_ms: i64,
    ) -> Result<UserRecord, StoreError> {
        let bump = i64::from(change.ends_sessions());
        let (column, value) = user_change(change);
        let sql = format!(
            "UPDATE users SET {column} = $1, auth_epoch = auth_epoch + $2, updated_at = $3
             WHERE id = $4 RETURNING {USER_COLUMNS}"
        );
        let query = sqlx::query_as(&sql);
        let query = match value {
            Value::Text(v) => query.bind(v),
            Value::Int(v) => query.bind(v),
            Value::Bool(v) => query.bind(v),
        };
        let row: Option<UserRow> = query
            .bind(bump)
            .bind(now_ms)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(store_error)?;
        let updated = user(row)?.ok_or(StoreError::NotFound)?;
        if bump > 0 {
            // Consoles of this user look at their session again now, not at their next check.
            if let Err(e) = self.signal(Change::Account { user_id: id }).await {
                tracing::warn!(error = %e, "cannot announce an account change");
            }
        }
        Ok(updated)
    }

    async fn count_active_admins(&self) -> Result<u64, StoreError> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled")
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn ingest(
        &self,
        events: &[IngestEvent],
        now_ms: i64,
    ) -> Result<IngestReport, StoreError> {
        let tx = self.pool.begin().await.map_err(store_error)?;
        let mut ops = PgIngest { tx };
        let report = app::ssr::ingest::apply(&mut ops, events, now_ms).await?;
        self.commit_announcing(ops.tx, &super::ingest_changes(&report))
            .await?;
        Ok(report)
    }

    async fn contact(&self, key: ContactKey<'_>) -> Result<Option<ContactRecord>, StoreError> {
        self.find_contact(key).await
    }

    async fn conversations_of_contact(
        &self,
        contact_id: i64,
    ) -> Result<Vec<ConversationRecord>, StoreError> {
        self.find_conversations_of_contact(contact_id).await
    }

    async fn messages_of_conversation(
        &self,
        conversation_id: i64,
    ) -> Result<Vec<MessageRecord>, StoreError> {
        self.find_messages_of_conversation(conversation_id).await
    }

    async fn message_by_wamid(&self, wamid: &str) -> Result<Option<MessageRecord>, StoreError> {
        self.find_message_by_wamid(wamid).await
    }

    async fn template(&self, meta_id: &str) -> Result<Option<TemplateRecord>, StoreError> {
        self.find_template(meta_id).await
    }

    async fn media(&self, media_id: &str) -> Result<Option<MediaRecord>, StoreError> {
        self.find_media(media_id).await
    }

    async fn media_due(&self, now_ms: i64, limit: u32) -> Result<Vec<MediaRecord>, StoreError> {
        self.due_media(now_ms, limit).await
    }

    async fn media_stored(
        &self,
        media_id: &str,
        sha256: &str,
        mime_type: &str,
        size: i64,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.set_media_stored(media_id, sha256, mime_type, size, now_ms)
            .await
    }

    async fn media_fetch_failed(
        &self,
        media_id: &str,
        next_attempt_ms: Option<i64>,
        error: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.set_media_failed(media_id, next_attempt_ms, error, now_ms)
            .await
    }

    async fn list_templates(&self) -> Result<Vec<TemplateRecord>, StoreError> {
        self.all_templates().await
    }

    async fn sync_templates(
        &self,
        templates: Vec<SyncedTemplate>,
        now_ms: i64,
    ) -> Result<SyncReport, StoreError> {
        self.replace_templates(templates, now_ms).await
    }

    async fn message(&self, id: i64) -> Result<Option<MessageRecord>, StoreError> {
        self.find_message(id).await
    }

    async fn conversation_for_phone(&self, wa_id: &str, now_ms: i64) -> Result<i64, StoreError> {
        self.phone_conversation(wa_id, now_ms).await
    }

    async fn insert_outbound(
        &self,
        message: NewOutbound,
        now_ms: i64,
    ) -> Result<MessageRecord, StoreError> {
        self.add_outbound(message, now_ms).await
    }

    async fn insert_retry(
        &self,
        message: NewOutbound,
        failed_id: i64,
        now_ms: i64,
    ) -> Result<MessageRecord, StoreError> {
        self.add_retry(message, failed_id, now_ms).await
    }

    async fn mark_sent(
        &self,
        message_id: i64,
        wamid: &str,
        at_ms: i64,
    ) -> Result<MessageRecord, StoreError> {
        self.record_sent(message_id, wamid, at_ms).await
    }

    async fn claim_outbound(
        &self,
        now_ms: i64,
        in_doubt_before_ms: i64,
        limit: u32,
    ) -> Result<Vec<OutboundJob>, StoreError> {
        self.claim_jobs(now_ms, in_doubt_before_ms, limit).await
    }

    async fn retry_outbound(
        &self,
        message_id: i64,
        next_attempt_ms: i64,
        why: Retry,
        error: Option<MetaError>,
    ) -> Result<(), StoreError> {
        self.retry_job(message_id, next_attempt_ms, why, error)
            .await
    }

    async fn fail_outbound(
        &self,
        message_id: i64,
        error: MetaError,
        at_ms: i64,
    ) -> Result<MessageRecord, StoreError> {
        self.fail_job(message_id, error, at_ms).await
    }

    fn changes(&self) -> tokio::sync::broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    async fn signal(&self, change: Change) -> Result<(), StoreError> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(to_json(&[change]))
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    async fn login_failures(&self, key: &str) -> Result<Option<Failures>, StoreError> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT count, last_at FROM login_failures WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
        Ok(row.map(failures_of))
    }

    async fn claim_login_attempt(
        &self,
        keys: &[String],
        now_ms: i64,
    ) -> Result<AttemptClaim, StoreError> {
        // Each key's row exists and is locked until commit, so concurrent claims of the same
        // keys take turns (in one order: no deadlock).
        let mut keys: Vec<&String> = keys.iter().collect();
        keys.sort();
        keys.dedup();
        let mut tx = self.begin_write().await?;
        let mut records = Vec::with_capacity(keys.len());
        for key in &keys {
            sqlx::query(
                "INSERT INTO login_failures (key, count, last_at) VALUES ($1, 0, 0)
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .execute(&mut *tx)
            .await
            .map_err(store_error)?;
            let row: (i64, i64) = sqlx::query_as(
                "SELECT count, last_at FROM login_failures WHERE key = $1 FOR UPDATE",
            )
            .bind(key)
            .fetch_one(&mut *tx)
            .await
            .map_err(store_error)?;
            records.push(Some(failures_of(row)));
        }
        let next = match throttle::claim(&records, now_ms) {
            Ok(next) => next,
            Err(wait) => return Ok(wait),
        };
        for (key, f) in keys.iter().zip(next) {
            sqlx::query("UPDATE login_failures SET count = $2, last_at = $3 WHERE key = $1")
                .bind(key)
                .bind(i64::from(f.count))
                .bind(f.last_at_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
        }
        tx.commit().await.map_err(store_error)?;
        Ok(AttemptClaim::Granted)
    }

    async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(store_error)
    }

    async fn revoke_session(
        &self,
        key: &str,
        until_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.record_revoked(key, until_ms, now_ms).await
    }

    async fn session_revoked(&self, key: &str, now_ms: i64) -> Result<bool, StoreError> {
        self.is_revoked(key, now_ms).await
    }
}
