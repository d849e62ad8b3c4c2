//! API tokens: what a scope allows, what a token looks like, and how fast it may call.

use crate::domain::pacing::{Bucket, Rate};
use crate::domain::validation::{Checked, Field, Problem};
use serde::{Deserialize, Serialize};

/// What a token may do. Ordered: each scope includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read everything the console shows.
    Read,
    /// Also act as an agent: send, assign, label, change status, edit contacts.
    Write,
    /// Also manage the desk: labels, shared quick replies, template sync.
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Option<Scope> {
        Scope::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim().to_ascii_lowercase())
    }

    /// Whether a token of this scope may call an endpoint that needs `needed`.
    pub fn allows(self, needed: Scope) -> bool {
        self >= needed
    }

    /// The most a token may do for an owner of `role` today: a token never does more than
    /// the person it acts as may (a demoted admin's admin token is a write token until they
    /// are an admin again). Asked on every API request.
    pub fn for_role(self, role: crate::domain::roles::Role) -> Scope {
        use crate::domain::roles::Role;
        let most = match role {
            Role::Admin => Scope::Admin,
            Role::Supervisor | Role::Agent => Scope::Write,
        };
        self.min(most)
    }
}

/// Every token starts with this, so leaked tokens are easy to recognise (secret scanners).
pub const TOKEN_PREFIX: &str = "bzn_";
/// Random characters after the prefix (base62: about 190 bits).
pub const TOKEN_RANDOM_LEN: usize = 32;
/// How much of a token Settings shows to tell tokens apart.
pub const SHOWN_PREFIX_LEN: usize = 12;
pub const NAME_MAX: usize = 80;

/// Whether `raw` has a token's shape (checked before any database lookup).
pub fn well_formed(raw: &str) -> bool {
    raw.strip_prefix(TOKEN_PREFIX).is_some_and(|rest| {
        rest.len() == TOKEN_RANDOM_LEN && rest.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// The part of a token Settings keeps and shows ("bzn_AbCdEfGh…").
pub fn shown_prefix(token: &str) -> String {
    token.chars().take(SHOWN_PREFIX_LEN).collect()
}

/// A token's name: trimmed, 1 to 80 characters.
pub fn name(raw: &str) -> Checked<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err((Field::TokenName, Problem::Empty));
    }
    if name.chars().count() > NAME_MAX {
        return Err((Field::TokenName, Problem::TooLong { max: NAME_MAX }));
    }
    Ok(name.to_string())
}

/// The per-token request rate: `per_minute` sustained, bursts of the same size.
pub fn rate(per_minute: u32) -> Rate {
    let per_minute = f64::from(per_minute.max(1));
    Rate {
        capacity: per_minute,
        per_second: per_minute / 60.0,
    }
}

/// Takes one request from the token's bucket, or says after how many whole seconds to retry
/// (the `Retry-After` header).
pub fn admit(bucket: &mut Bucket, rate: Rate, now_ms: i64) -> Result<(), i64> {
    bucket
        .take(rate, now_ms)
        .map_err(|wait_ms| (wait_ms + 999) / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roles::Role;

    #[test]
    fn a_token_does_no_more_than_its_owner_may_today() {
        assert_eq!(Scope::Admin.for_role(Role::Admin), Scope::Admin);
        assert_eq!(Scope::Admin.for_role(Role::Supervisor), Scope::Write);
        assert_eq!(Scope::Admin.for_role(Role::Agent), Scope::Write);
        assert_eq!(Scope::Read.for_role(Role::Admin), Scope::Read);
        assert_eq!(Scope::Write.for_role(Role::Agent), Scope::Write);
    }
}
