//! The embedded SQLite store: one file under the data directory, WAL journal.

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
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    ingest: tokio::sync::mpsc::Sender<IngestRequest>,
    /// The change feed: one process owns the file, so an in-process broadcast is all it takes.
    changes: tokio::sync::broadcast::Sender<Change>,
}

/// One webhook delivery waiting for the ingest writer.
struct IngestRequest {
    events: Vec<IngestEvent>,
    now_ms: i64,
    reply: tokio::sync::oneshot::Sender<Result<IngestReport, StoreError>>,
}

/// Most deliveries committed together.
const INGEST_BATCH: usize = 64;

/// SQLite has one writer, and every commit waits for the disk. The ingest writer applies the
/// deliveries that queued up meanwhile in one transaction (each inside its own savepoint, so
/// one bad delivery fails alone) and answers each only after the commit.
async fn ingest_writer(
    pool: SqlitePool,
    mut queue: tokio::sync::mpsc::Receiver<IngestRequest>,
    changes: tokio::sync::broadcast::Sender<Change>,
) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < INGEST_BATCH {
            match queue.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let tx = match pool.begin_with("BEGIN IMMEDIATE").await {
            Ok(tx) => tx,
            Err(e) => {
                let error = store_error(e);
                for r in batch {
                    let _ = r.reply.send(Err(copy(&error)));
                }
                continue;
            }
        };
        let mut ops = SqliteIngest { tx };
        let mut done = Vec::with_capacity(batch.len());
        for request in batch {
            let result = apply_in_savepoint(&mut ops, &request.events, request.now_ms).await;
            done.push((request.reply, result));
        }
        match ops.tx.commit().await {
            Ok(()) => {
                for (reply, result) in done {
                    if let Ok(report) = &result {
                        for change in super::ingest_changes(report) {
                            let _ = changes.send(change);
                        }
                    }
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                let error = store_error(e);
                for (reply, _) in done {
                    let _ = reply.send(Err(copy(&error)));
                }
            }
        }
    }
}

/// The same error again, for each delivery of a batch that failed as a whole.
fn copy(error: &StoreError) -> StoreError {
    match error {
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Duplicate => StoreError::Duplicate,
        StoreError::ReadOnly(m) => StoreError::ReadOnly(m.clone()),
        StoreError::Unavailable(m) => StoreError::Unavailable(m.clone()),
        StoreError::Other(m) => StoreError::Other(m.clone()),
    }
}

/// Boxed so that the writer task's future is `Send` (sqlx executors and higher-ranked
/// lifetimes do not mix in spawned futures otherwise).
fn apply_in_savepoint<'a>(
    ops: &'a mut SqliteIngest,
    events: &'a [IngestEvent],
    now_ms: i64,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<IngestReport, StoreError>> + Send + 'a>,
> {
    Box::pin(async move {
        sqlx::query("SAVEPOINT delivery")
            .execute(&mut *ops.tx)
            .await
            .map_err(store_error)?;
        let result = app::ssr::ingest::apply(ops, events, now_ms).await;
        if result.is_err() {
            sqlx::query("ROLLBACK TO delivery")
                .execute(&mut *ops.tx)
                .await
                .map_err(store_error)?;
        }
        sqlx::query("RELEASE delivery")
            .execute(&mut *ops.tx)
            .await
            .map_err(store_error)?;
        result
    })
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` without running migrations.
    pub async fn connect(url: &str) -> Result<SqliteStore, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        let (ingest, queue) = tokio::sync::mpsc::channel(1024);
        let (changes, _) = tokio::sync::broadcast::channel(super::CHANGE_FEED_CAPACITY);
        tokio::spawn(ingest_writer(pool.clone(), queue, changes.clone()));
        Ok(SqliteStore {
            pool,
            ingest,
            changes,
        })
    }

    /// A write transaction that holds SQLite's write lock from its first statement. A
    /// deferred one that reads first fails at once with SQLITE_BUSY (no busy wait) when
    /// another connection wrote in between; this one waits its turn instead.
    async fn begin_write(&self) -> Result<sqlx::Transaction<'_, sqlx::Sqlite>, StoreError> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(store_error)
    }

    /// Commits a write and then tells the change feed (one process owns the file, so the
    /// feed is in-process).
    async fn commit_announcing(
        &self,
        tx: sqlx::Transaction<'_, sqlx::Sqlite>,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        tx.commit().await.map_err(store_error)?;
        for change in changes {
            // No subscriber is fine: nobody is connected.
            let _ = self.changes.send(change.clone());
        }
        Ok(())
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        MIGRATOR.run(&self.pool).await
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

event_writer!(sqlx::Sqlite);
ingest_ops!(SqliteIngest, sqlx::Sqlite, SqliteStore);
campaign_ingest_ops!(SqliteIngest);
conversation_queries!(SqliteStore, sqlx::Sqlite);
inbox_queries!(SqliteStore, sqlx::Sqlite);
label_queries!(SqliteStore, sqlx::Sqlite);
quick_reply_queries!(SqliteStore, sqlx::Sqlite);
bot_queries!(SqliteStore, sqlx::Sqlite);
assignment_queries!(SqliteStore, sqlx::Sqlite);
report_queries!(SqliteStore, sqlx::Sqlite);
dashboard_queries!(SqliteStore, sqlx::Sqlite);
integration_queries!(SqliteStore, sqlx::Sqlite);
api_read_queries!(SqliteStore, sqlx::Sqlite);
outreach_queries!(SqliteStore, sqlx::Sqlite);
campaign_queries!(
    SqliteStore,
    sqlx::Sqlite,
    super::segment_sql::Dialect::Sqlite
);
campaign_list_queries!(SqliteStore, sqlx::Sqlite);
contact_queries!(
    SqliteStore,
    sqlx::Sqlite,
    super::segment_sql::Dialect::Sqlite
);
audit_queries!(SqliteStore, sqlx::Sqlite);
protection_queries!(SqliteStore, sqlx::Sqlite);
revoked_session_queries!(SqliteStore);

const USER_COLUMNS: &str = "id, email, name, role, password_hash, capacity, language, time_zone, disabled, auth_epoch, created_at, updated_at";

#[async_trait::async_trait]
impl Store for SqliteStore {
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
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {USER_COLUMNS}"
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
        let row = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(store_error)?;
        user(row)
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?"))
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
            "UPDATE users SET {column} = ?, auth_epoch = auth_epoch + ?, updated_at = ?
             WHERE id = ? RETURNING {USER_COLUMNS}"
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
        let (reply, answer) = tokio::sync::oneshot::channel();
        let request = IngestRequest {
            events: events.to_vec(),
            now_ms,
            reply,
        };
        self.ingest
            .send(request)
            .await
            .map_err(|_| StoreError::Unavailable("the ingest writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| StoreError::Unavailable("the ingest writer has stopped".into()))?
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
        let _ = self.changes.send(change);
        Ok(())
    }

    async fn login_failures(&self, key: &str) -> Result<Option<Failures>, StoreError> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT count, last_at FROM login_failures WHERE key = ?")
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
        // BEGIN IMMEDIATE: one claim at a time, so each reads what the previous wrote.
        let mut tx = self.begin_write().await?;
        let mut records = Vec::with_capacity(keys.len());
        for key in keys {
            let row: Option<(i64, i64)> =
                sqlx::query_as("SELECT count, last_at FROM login_failures WHERE key = ?")
                    .bind(key)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
            records.push(row.map(failures_of));
        }
        let next = match throttle::claim(&records, now_ms) {
            Ok(next) => next,
            Err(wait) => return Ok(wait),
        };
        for (key, f) in keys.iter().zip(next) {
            sqlx::query(
                "INSERT INTO login_failures (key, count, last_at) VALUES (?, ?, ?)
                 ON CONFLICT (key) DO UPDATE SET count = excluded.count, last_at = excluded.last_at",
            )
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
        sqlx::query("DELETE FROM login_failures WHERE key = ?")
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
