//! The databases behind the `Store` port: SQLite (embedded, the default) and PostgreSQL
//! (scale-out). All SQL of the program lives in this folder.

pub(crate) mod api_reads;
pub(crate) mod assignment;
pub(crate) mod audit;
pub(crate) mod bot;
pub(crate) mod campaign_ingest;
pub(crate) mod campaign_lists;
pub(crate) mod campaigns;
pub(crate) mod contacts;
pub(crate) mod conversations;
pub(crate) mod dashboard;
pub(crate) mod events;
pub(crate) mod inbox;
pub(crate) mod ingest;
pub(crate) mod integrations;
pub(crate) mod labels;
pub(crate) mod outreach;
pub mod postgres;
pub(crate) mod protection;
pub(crate) mod quick_replies;
pub(crate) mod reports;
pub(crate) mod revoked_sessions;
pub(crate) mod segment_sql;
pub mod sqlite;

use app::domain::roles::Role;
use app::i18n::Lang;
use app::ssr::{StoreError, UserChange, UserRecord};

/// Columns of `users`, decoded the same way from both databases.
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    password_hash: String,
    capacity: i64,
    language: Option<String>,
    time_zone: Option<String>,
    disabled: bool,
    auth_epoch: i64,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        let role = Role::parse(&row.role).ok_or_else(|| {
            StoreError::Other(format!("user {} has unknown role {:?}", row.id, row.role))
        })?;
        Ok(UserRecord {
            id: row.id,
            email: row.email,
            name: row.name,
            role,
            password_hash: row.password_hash,
            capacity: u32::try_from(row.capacity).unwrap_or(0),
            language: row.language.as_deref().and_then(Lang::parse),
            time_zone: row.time_zone,
            disabled: row.disabled,
            auth_epoch: row.auth_epoch,
            created_at_ms: row.created_at,
            updated_at_ms: row.updated_at,
        })
    }
}

fn user(row: Option<UserRow>) -> Result<Option<UserRecord>, StoreError> {
    row.map(UserRecord::try_from).transpose()
}

/// Sorts a driver error into what callers can act on; the cause text is kept for the log.
fn store_error(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                return StoreError::Duplicate;
            }
            let code = db.code().map(|c| c.to_string()).unwrap_or_default();
            // SQLite reports (extended) result codes as numbers: the low byte is the primary
            // code. PostgreSQL reports SQLSTATE strings.
            if let Ok(n) = code.parse::<i64>() {
                match n & 0xff {
                    8 => return StoreError::ReadOnly(err.to_string()),
                    5 | 6 => return StoreError::Unavailable(err.to_string()),
                    _ => {}
                }
            }
            match code.as_str() {
                "25006" => StoreError::ReadOnly(err.to_string()),
                "57P01" | "57P02" | "57P03" | "53300" => StoreError::Unavailable(err.to_string()),
                _ => StoreError::Other(err.to_string()),
            }
        }
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(err.to_string()),
        _ => StoreError::Other(err.to_string()),
    }
}

/// The column an account change writes, and the typed value for it.
enum Value {
    Text(Option<String>),
    Int(i64),
    Bool(bool),
}

fn user_change(change: UserChange) -> (&'static str, Value) {
    match change {
        UserChange::Name(name) => ("name", Value::Text(Some(name))),
        UserChange::Role(role) => ("role", Value::Text(Some(role_text(role).to_string()))),
        UserChange::Capacity(c) => ("capacity", Value::Int(i64::from(c))),
        UserChange::Language(lang) => {
            ("language", Value::Text(lang_text(lang).map(str::to_string)))
        }
        UserChange::TimeZone(zone) => ("time_zone", Value::Text(zone)),
        UserChange::Disabled(d) => ("disabled", Value::Bool(d)),
        UserChange::PasswordHash { hash, .. } => ("password_hash", Value::Text(Some(hash))),
    }
}

/// A `login_failures` row's (count, last_at).
fn failures_of((count, last_at_ms): (i64, i64)) -> app::domain::throttle::Failures {
    app::domain::throttle::Failures {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        last_at_ms,
    }
}

fn role_text(role: Role) -> &'static str {
    role.as_str()
}

fn lang_text(lang: Option<Lang>) -> Option<&'static str> {
    lang.map(Lang::code)
}

/// The database chosen by `DATABASE_URL`, opened and ready for migrations.
pub enum Database {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

impl Database {
    /// Opens the database, creating the SQLite file (and its folder) on first run. Errors are
    /// one line naming the setting and the cause.
    pub async fn open(url: &crate::config::DatabaseUrl) -> Result<Database, String> {
        use crate::config::DatabaseUrl;
        match url {
            DatabaseUrl::Sqlite(u) => {
                if let Some(dir) = sqlite_file(u).and_then(|p| p.parent().map(|d| d.to_path_buf()))
                {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(&dir).map_err(|e| {
                            format!("BUZON_DATA_DIR: cannot create {}: {e}", dir.display())
                        })?;
                    }
                }
                sqlite::SqliteStore::connect(u)
                    .await
                    .map(Database::Sqlite)
                    .map_err(|e| {
                        format!(
                            "DATABASE_URL: cannot open {}: {}",
                            url.redacted(),
                            one_line(&e)
                        )
                    })
            }
            DatabaseUrl::Postgres(u) => postgres::PgStore::connect(u)
                .await
                .map(Database::Postgres)
                .map_err(|e| {
                    format!(
                        "DATABASE_URL: cannot connect to {}: {}",
                        url.redacted(),
                        one_line(&e)
                    )
                }),
        }
    }

    pub async fn migrate(&self) -> Result<(), String> {
        let result = match self {
            Database::Sqlite(s) => s.migrate().await,
            Database::Postgres(p) => p.migrate().await,
        };
        result.map_err(|e| format!("DATABASE_URL: migrations failed: {}", one_line(&e)))
    }

    pub fn store(&self) -> std::sync::Arc<dyn app::ssr::Store> {
        match self {
            Database::Sqlite(s) => std::sync::Arc::new(s.clone()),
            Database::Postgres(p) => std::sync::Arc::new(p.clone()),
        }
    }
}

/// The file behind a `sqlite:` URL, unless it is in memory.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

fn one_line(err: &dyn std::fmt::Display) -> String {
    err.to_string().replace('\n', " ")
}

/// What consoles must hear about after a webhook delivery was applied.
fn ingest_changes(report: &app::ssr::ingest::IngestReport) -> Vec<app::ssr::Change> {
    use app::ssr::Change;
    let mut messages = report.messages.clone();
    messages.sort_unstable();
    messages.dedup();
    messages
        .into_iter()
        .map(|id| Change::Message { id })
        .chain(
            report
                .conversations
                .iter()
                .map(|&id| Change::Conversation { id }),
        )
        .chain(report.campaigns.iter().map(|&id| Change::Campaign { id }))
        .collect()
}

/// How many changes one change-feed channel keeps for slow readers.
const CHANGE_FEED_CAPACITY: usize = 8192;
