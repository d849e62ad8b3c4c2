//! The storage port. One object-safe trait, domain types in and out; the server crate has one
//! implementation per database and runs the same conformance suite against each.

use crate::domain::roles::Role;
use crate::domain::throttle::Failures;
use crate::i18n::Lang;
use crate::wire::{Me, UserView};

/// A user as stored, including the password hash. Never sent to a browser: convert with
/// [`UserRecord::view`] or [`UserRecord::me`].
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub capacity: u32,
    pub language: Option<Lang>,
    pub disabled: bool,
    /// Bumped whenever the account's existing sessions must end (disable, password reset).
    pub auth_epoch: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("disabled", &self.disabled)
            .field("auth_epoch", &self.auth_epoch)
            .finish_non_exhaustive()
    }
}

impl UserRecord {
    pub fn view(&self) -> UserView {
        UserView {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
            capacity: self.capacity,
            language: self.language,
            disabled: self.disabled,
            created_at_ms: self.created_at_ms,
        }
    }

    pub fn me(&self) -> Me {
        Me {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
        }
    }

    pub fn is_active_admin(&self) -> bool {
        self.role == Role::Admin && !self.disabled
    }
}

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub capacity: u32,
    pub language: Option<Lang>,
}

/// One change to a user account.
#[derive(Clone)]
pub enum UserChange {
    Name(String),
    Role(Role),
    Capacity(u32),
    Language(Option<Lang>),
    Disabled(bool),
    /// A new hash. `end_sessions` is false only when re-hashing the same password.
    PasswordHash {
        hash: String,
        end_sessions: bool,
    },
}

impl UserChange {
    /// Whether this change must sign the user out everywhere.
    pub fn ends_sessions(&self) -> bool {
        match self {
            UserChange::Disabled(disabled) => *disabled,
            UserChange::PasswordHash { end_sessions, .. } => *end_sessions,
            _ => false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("already exists")]
    Duplicate,
    #[error("database is read-only: {0}")]
    ReadOnly(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Other(String),
}

#[async_trait::async_trait]
pub trait Store: Send + Sync + 'static {
    /// A cheap round trip, for readiness checks.
    async fn ping(&self) -> Result<(), StoreError>;

    async fn create_user(&self, user: NewUser, now_ms: i64) -> Result<UserRecord, StoreError>;
    async fn user_by_id(&self, id: i64) -> Result<Option<UserRecord>, StoreError>;
    /// `email` is already normalised (trimmed, lower-case).
    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError>;
    /// All users, ordered by email.
    async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError>;
    /// Applies one change; bumps `auth_epoch` when [`UserChange::ends_sessions`].
    async fn update_user(
        &self,
        id: i64,
        change: UserChange,
        now_ms: i64,
    ) -> Result<UserRecord, StoreError>;
    async fn count_active_admins(&self) -> Result<u64, StoreError>;

    async fn login_failures(&self, key: &str) -> Result<Option<Failures>, StoreError>;
    async fn put_login_failures(&self, key: &str, failures: Failures) -> Result<(), StoreError>;
    async fn clear_login_failures(&self, key: &str) -> Result<(), StoreError>;
}
