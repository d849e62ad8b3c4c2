//! The audit log: who did what and when, for the admins and for a data-protection officer.
//! Append-only (the database refuses to change or delete a row) and kept when a contact is
//! erased: an entry names a contact by id only, never by number or name, so erasing the
//! contact leaves nothing personal behind in the log.

use serde::{Deserialize, Serialize};

/// What happened. Stored by [`AuditAction::as_str`]; the screen shows it in the reader's
/// language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    UserCreated,
    /// Role, name, capacity, disabled or enabled.
    UserChanged,
    PasswordReset,
    /// Any team setting (the detail names which).
    SettingsChanged,
    TokenCreated,
    TokenRevoked,
    /// A list of contacts exported as CSV.
    ContactsExported,
    /// One contact's data exported (access request).
    ContactDataExported,
    ContactErased,
    ContactsMerged,
    ContactBlocked,
    ContactUnblocked,
    ContactEdited,
    ContactsImported,
    CampaignLaunched,
    RetentionRun,
    AuditExported,
}

impl AuditAction {
    pub const ALL: [AuditAction; 19] = [
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::UserCreated,
        AuditAction::UserChanged,
        AuditAction::PasswordReset,
        AuditAction::SettingsChanged,
        AuditAction::TokenCreated,
        AuditAction::TokenRevoked,
        AuditAction::ContactsExported,
        AuditAction::ContactDataExported,
        AuditAction::ContactErased,
        AuditAction::ContactsMerged,
        AuditAction::ContactBlocked,
        AuditAction::ContactUnblocked,
        AuditAction::ContactEdited,
        AuditAction::ContactsImported,
        AuditAction::CampaignLaunched,
        AuditAction::RetentionRun,
        AuditAction::AuditExported,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::UserCreated => "user_created",
            AuditAction::UserChanged => "user_changed",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::TokenCreated => "token_created",
            AuditAction::TokenRevoked => "token_revoked",
            AuditAction::ContactsExported => "contacts_exported",
            AuditAction::ContactDataExported => "contact_data_exported",
            AuditAction::ContactErased => "contact_erased",
            AuditAction::ContactsMerged => "contacts_merged",
            AuditAction::ContactBlocked => "contact_blocked",
            AuditAction::ContactUnblocked => "contact_unblocked",
            AuditAction::ContactEdited => "contact_edited",
            AuditAction::ContactsImported => "contacts_imported",
            AuditAction::CampaignLaunched => "campaign_launched",
            AuditAction::RetentionRun => "retention_run",
            AuditAction::AuditExported => "audit_exported",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Groups for the screen's filter.
    pub fn group(self) -> AuditGroup {
        use AuditAction as A;
        match self {
            A::SignIn | A::SignInFailed => AuditGroup::SignIns,
            A::UserCreated | A::UserChanged | A::PasswordReset => AuditGroup::Users,
            A::SettingsChanged | A::TokenCreated | A::TokenRevoked | A::RetentionRun => {
                AuditGroup::Settings
            }
            A::ContactsExported | A::ContactDataExported | A::AuditExported => AuditGroup::Exports,
            A::ContactErased
            | A::ContactsMerged
            | A::ContactBlocked
            | A::ContactUnblocked
            | A::ContactEdited
            | A::ContactsImported => AuditGroup::Contacts,
            A::CampaignLaunched => AuditGroup::Campaigns,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditGroup {
    SignIns,
    Users,
    Settings,
    Exports,
    Contacts,
    Campaigns,
}

impl AuditGroup {
    pub const ALL: [AuditGroup; 6] = [
        AuditGroup::SignIns,
        AuditGroup::Users,
        AuditGroup::Settings,
        AuditGroup::Exports,
        AuditGroup::Contacts,
        AuditGroup::Campaigns,
    ];

    pub fn actions(self) -> Vec<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .filter(|a| a.group() == self)
            .collect()
    }
}

/// What a subject of an entry is (a contact by id only: see the module doc).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum AuditSubject {
    User(i64),
    Contact(i64),
    Campaign(i64),
    Token(i64),
    /// A setting's name.
    Setting(String),
}

impl AuditSubject {
    /// `contact:12`, `setting:masking`: how it is stored and filtered.
    pub fn key(&self) -> String {
        match self {
            AuditSubject::User(id) => format!("user:{id}"),
            AuditSubject::Contact(id) => format!("contact:{id}"),
            AuditSubject::Campaign(id) => format!("campaign:{id}"),
            AuditSubject::Token(id) => format!("token:{id}"),
            AuditSubject::Setting(name) => format!("setting:{name}"),
        }
    }

    pub fn parse(key: &str) -> Option<AuditSubject> {
        let (kind, rest) = key.split_once(':')?;
        let id = || rest.parse::<i64>().ok();
        Some(match kind {
            "user" => AuditSubject::User(id()?),
            "contact" => AuditSubject::Contact(id()?),
            "campaign" => AuditSubject::Campaign(id()?),
            "token" => AuditSubject::Token(id()?),
            "setting" => AuditSubject::Setting(rest.to_string()),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_and_every_one_has_a_group() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        let grouped: usize = AuditGroup::ALL.iter().map(|g| g.actions().len()).sum();
        assert_eq!(grouped, AuditAction::ALL.len());
        assert_eq!(AuditAction::parse("deleted_everything"), None);
    }

    #[test]
    fn subjects_round_trip() {
        for s in [
            AuditSubject::User(3),
            AuditSubject::Contact(12),
            AuditSubject::Campaign(1),
            AuditSubject::Token(9),
            AuditSubject::Setting("masking".into()),
        ] {
            assert_eq!(AuditSubject::parse(&s.key()), Some(s));
        }
        assert_eq!(AuditSubject::parse("contact:x"), None);
    }
}
