//! Checks on what people type. Each returns the cleaned value or the field's problem, which
//! the UI shows next to the field and the server re-checks.

use serde::{Deserialize, Serialize};

pub const EMAIL_MAX: usize = 254;
pub const NAME_MAX: usize = 80;
pub const PASSWORD_MIN: usize = 8;
/// Long enough for any passphrase, short enough that hashing cannot be abused.
pub const PASSWORD_MAX: usize = 128;
pub const CAPACITY_MAX: u32 = 100;
pub const DEFAULT_CAPACITY: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Email,
    Name,
    Password,
    CurrentPassword,
    Role,
    Capacity,
    Language,
    TimeZone,
    Phone,
    Message,
    /// Settings → Console: minutes before the window closes when the console warns.
    WarningMinutes,
    LabelName,
    LabelDescription,
    LabelColor,
    Shortcut,
    QuickReplyTitle,
    QuickReplyBody,
    /// When a snooze ends.
    SnoozeUntil,
    /// Settings → Integrations: an API token's name.
    TokenName,
    /// An outgoing webhook's URL and its chosen events.
    WebhookUrl,
    WebhookEvents,
    /// A contact attribute or consent set through the API.
    Attributes,
    /// A list's cursor or page size in the API.
    Cursor,
    /// Why a contact's marketing consent changed.
    ConsentNote,
    /// A country chosen for a phone number.
    Country,
    /// The first day a rate card applies.
    EffectiveDate,
    /// A currency code (ISO 4217: three letters).
    Currency,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Problem {
    Empty,
    TooShort { min: usize },
    TooLong { max: usize },
    Malformed,
    OutOfRange { max: u32 },
}

pub type Checked<T> = Result<T, (Field, Problem)>;

/// Trimmed, lower-cased address with one `@`, something on both sides and a dot in the domain.
pub fn email(raw: &str) -> Checked<String> {
    let e = raw.trim().to_lowercase();
    if e.is_empty() {
        return Err((Field::Email, Problem::Empty));
    }
    if e.chars().count() > EMAIL_MAX {
        return Err((Field::Email, Problem::TooLong { max: EMAIL_MAX }));
    }
    let well_formed = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if well_formed {
        Ok(e)
    } else {
        Err((Field::Email, Problem::Malformed))
    }
}

/// A display name; empty falls back to the part of the email before `@`.
pub fn name(raw: &str, email: &str) -> Checked<String> {
    let n = raw.trim();
    if n.chars().count() > NAME_MAX {
        return Err((Field::Name, Problem::TooLong { max: NAME_MAX }));
    }
    if n.chars().any(char::is_control) {
        return Err((Field::Name, Problem::Malformed));
    }
    if n.is_empty() {
        return Ok(email.split('@').next().unwrap_or(email).to_string());
    }
    Ok(n.to_string())
}

/// A new password. Not trimmed: spaces are allowed and count.
pub fn new_password(raw: &str) -> Checked<&str> {
    let len = raw.chars().count();
    if len == 0 {
        Err((Field::Password, Problem::Empty))
    } else if len < PASSWORD_MIN {
        Err((Field::Password, Problem::TooShort { min: PASSWORD_MIN }))
    } else if len > PASSWORD_MAX {
        Err((Field::Password, Problem::TooLong { max: PASSWORD_MAX }))
    } else {
        Ok(raw)
    }
}

/// What a login form may carry: present and not absurdly long. Existing passwords are not
/// re-judged by today's rules.
pub fn login_input(email_raw: &str, password: &str) -> Checked<String> {
    let e = email_raw.trim().to_lowercase();
    if e.is_empty() {
        return Err((Field::Email, Problem::Empty));
    }
    if e.chars().count() > EMAIL_MAX {
        return Err((Field::Email, Problem::TooLong { max: EMAIL_MAX }));
    }
    if password.is_empty() {
        return Err((Field::Password, Problem::Empty));
    }
    if password.chars().count() > PASSWORD_MAX {
        return Err((Field::Password, Problem::TooLong { max: PASSWORD_MAX }));
    }
    Ok(e)
}

/// The longest reason kept with a consent change.
pub const CONSENT_NOTE_MAX: usize = 500;

/// The reason given with a consent change: trimmed, at most [`CONSENT_NOTE_MAX`] characters;
/// empty means none (agents must give one: see [`required_consent_note`]).
pub fn consent_note(raw: Option<&str>) -> Checked<Option<String>> {
    let note = raw.map(str::trim).filter(|n| !n.is_empty());
    match note {
        Some(n) if n.chars().count() > CONSENT_NOTE_MAX => Err((
            Field::ConsentNote,
            Problem::TooLong {
                max: CONSENT_NOTE_MAX,
            },
        )),
        Some(n) if n.chars().any(|c| c.is_control() && c != '\n') => {
            Err((Field::ConsentNote, Problem::Malformed))
        }
        other => Ok(other.map(str::to_string)),
    }
}

/// An agent's consent change must say why (it is the business's proof).
pub fn required_consent_note(raw: &str) -> Checked<String> {
    consent_note(Some(raw))?.ok_or((Field::ConsentNote, Problem::Empty))
}

/// Maximum open chats an agent takes at once.
pub fn capacity(value: i64) -> Checked<u32> {
    if (0..=i64::from(CAPACITY_MAX)).contains(&value) {
        Ok(value as u32)
    } else {
        Err((Field::Capacity, Problem::OutOfRange { max: CAPACITY_MAX }))
    }
}

/// Capacity as typed in a form.
pub fn capacity_text(raw: &str) -> Checked<u32> {
    let value: i64 = raw
        .trim()
        .parse()
        .map_err(|_| (Field::Capacity, Problem::Malformed))?;
    capacity(value)
}

/// A WhatsApp phone number as digits with the country code (`+`, spaces and dashes dropped).
pub fn phone(raw: &str) -> Checked<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, '+' | ' ' | '-' | '(' | ')'))
        .collect();
    if digits.is_empty() {
        Err((Field::Phone, Problem::Empty))
    } else if !digits.chars().all(|c| c.is_ascii_digit()) || !(6..=15).contains(&digits.len()) {
        Err((Field::Phone, Problem::Malformed))
    } else {
        Ok(digits)
    }
}

/// A free-text WhatsApp message: present, and within Meta's 4,096 characters.
pub fn message_text(raw: &str) -> Checked<&str> {
    if raw.trim().is_empty() {
        Err((Field::Message, Problem::Empty))
    } else if raw.chars().count() > 4096 {
        Err((Field::Message, Problem::TooLong { max: 4096 }))
    } else {
        Ok(raw)
    }
}

/// The window warning, in minutes: 1 to 1,440 (the whole window).
pub fn warning_minutes(raw: i64) -> Checked<i64> {
    if (1..=crate::domain::window::WARNING_MINUTES_MAX).contains(&raw) {
        Ok(raw)
    } else {
        Err((
            Field::WarningMinutes,
            Problem::OutOfRange {
                max: crate::domain::window::WARNING_MINUTES_MAX as u32,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email("  Ana@Demo.Local ").as_deref(), Ok("ana@demo.local"));
        assert_eq!(email(""), Err((Field::Email, Problem::Empty)));
        assert_eq!(email("ana"), Err((Field::Email, Problem::Malformed)));
        assert_eq!(email("ana@local"), Err((Field::Email, Problem::Malformed)));
        assert_eq!(email("a b@x.io"), Err((Field::Email, Problem::Malformed)));
        assert_eq!(email("a@b@x.io"), Err((Field::Email, Problem::Malformed)));
        let long = format!("{}@x.io", "a".repeat(EMAIL_MAX));
        assert_eq!(
            email(&long),
            Err((Field::Email, Problem::TooLong { max: EMAIL_MAX }))
        );
    }

    #[test]
    fn names_default_to_email_local_part() {
        assert_eq!(name("", "ana@demo.local").as_deref(), Ok("ana"));
        assert_eq!(name(" Ana Ruiz ", "x@y.z").as_deref(), Ok("Ana Ruiz"));
        assert!(name(&"n".repeat(NAME_MAX + 1), "x@y.z").is_err());
    }

    #[test]
    fn passwords() {
        assert!(new_password("short").is_err());
        assert!(new_password("long enough").is_ok());
        assert!(new_password(&"p".repeat(PASSWORD_MAX + 1)).is_err());
        assert_eq!(new_password(""), Err((Field::Password, Problem::Empty)));
    }

    #[test]
    fn login_inputs() {
        assert_eq!(login_input("", "x"), Err((Field::Email, Problem::Empty)));
        assert_eq!(
            login_input("a@b.c", ""),
            Err((Field::Password, Problem::Empty))
        );
        assert_eq!(login_input(" A@B.c", "x").as_deref(), Ok("a@b.c"));
    }

    #[test]
    fn phones_and_messages() {
        assert_eq!(phone("+34 611-22-33-44").as_deref(), Ok("34611223344"));
        assert_eq!(phone(""), Err((Field::Phone, Problem::Empty)));
        assert_eq!(phone("12ab45678"), Err((Field::Phone, Problem::Malformed)));
        assert_eq!(phone("12345"), Err((Field::Phone, Problem::Malformed)));
        assert_eq!(message_text(" "), Err((Field::Message, Problem::Empty)));
        assert!(message_text(&"a".repeat(4097)).is_err());
    }

    #[test]
    fn capacities() {
        assert_eq!(capacity(0), Ok(0));
        assert_eq!(capacity(100), Ok(100));
        assert!(capacity(-1).is_err());
        assert!(capacity(101).is_err());
        assert_eq!(capacity_text(" 7 "), Ok(7));
        assert_eq!(
            capacity_text("seven"),
            Err((Field::Capacity, Problem::Malformed))
        );
    }
}
