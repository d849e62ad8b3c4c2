//! The contacts screen's list: a search, the segment filter (the same conditions campaigns
//! use, so "who is in this list" and "who gets this campaign" are one rule), whether blocked
//! contacts show, an order and keyset paging (a page costs the same on page 1 and page
//! 20,000). The store runs it; [`ContactSort::key`] is the one definition of each order's
//! key, which the conformance tests hold the SQL to.

use crate::domain::campaigns::segment::SegmentFilter;
use serde::{Deserialize, Serialize};

/// Contacts per page on the screen and, at most, through the API.
pub const PAGE_SIZE: u32 = 50;
pub const SEARCH_MAX: usize = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactSort {
    /// Who wrote last first; never-written at the end.
    #[default]
    LastContact,
    /// Newest contacts first.
    Newest,
    /// By name (a contact without a name by their number), A to Z.
    Name,
}

impl ContactSort {
    pub const ALL: [ContactSort; 3] = [
        ContactSort::LastContact,
        ContactSort::Newest,
        ContactSort::Name,
    ];
}

/// Whether blocked contacts are listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockedFilter {
    /// Everyone (blocked ones marked).
    #[default]
    Any,
    Only,
    Hidden,
}

/// Where the next page starts: the last row's sort key and id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "value")]
pub enum SortKey {
    Number(i64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactCursor {
    pub key: SortKey,
    pub id: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactQuery {
    /// Name, phone digits, username or an attribute value (contains, case ignored).
    pub search: String,
    pub filter: SegmentFilter,
    pub blocked: BlockedFilter,
    pub sort: ContactSort,
    pub after: Option<ContactCursor>,
}

/// What a contact's place in an order is decided by.
pub struct SortFacts<'a> {
    pub last_inbound_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub profile_name: Option<&'a str>,
    pub username: Option<&'a str>,
    pub wa_id: Option<&'a str>,
    pub user_id: Option<&'a str>,
}

impl ContactSort {
    /// The contact's key in this order. Last contact and newest run from high to low; name
    /// from low to high; ties by id in the same direction.
    pub fn key(self, facts: &SortFacts<'_>) -> SortKey {
        match self {
            ContactSort::LastContact => SortKey::Number(facts.last_inbound_at_ms.unwrap_or(0)),
            ContactSort::Newest => SortKey::Number(facts.created_at_ms),
            ContactSort::Name => SortKey::Text(
                [
                    facts.profile_name,
                    facts.username,
                    facts.wa_id,
                    facts.user_id,
                ]
                .into_iter()
                .flatten()
                .find(|s| !s.is_empty())
                .unwrap_or_default()
                .to_string(),
            ),
        }
    }

    pub fn descending(self) -> bool {
        !matches!(self, ContactSort::Name)
    }
}

/// The search as typed, trimmed and cut to [`SEARCH_MAX`]; its digits (when it has at least
/// three) also match phone numbers however they were written (`+34 600-00` finds `3460000…`).
pub fn search_terms(search: &str) -> (String, Option<String>) {
    let text: String = search.trim().chars().take(SEARCH_MAX).collect();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    (text, (phone_like && digits.len() >= 3).then_some(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_per_order() {
        let facts = SortFacts {
            last_inbound_at_ms: None,
            created_at_ms: 7,
            profile_name: Some(""),
            username: None,
            wa_id: Some("34600"),
            user_id: None,
        };
        assert_eq!(ContactSort::LastContact.key(&facts), SortKey::Number(0));
        assert_eq!(ContactSort::Newest.key(&facts), SortKey::Number(7));
        assert_eq!(ContactSort::Name.key(&facts), SortKey::Text("34600".into()));
        assert!(ContactSort::Newest.descending() && !ContactSort::Name.descending());
    }

    #[test]
    fn phone_searches_match_digits() {
        assert_eq!(
            search_terms(" +34 600-00 "),
            ("+34 600-00".into(), Some("3460000".into()))
        );
        assert_eq!(search_terms("Ana 600"), ("Ana 600".into(), None));
        assert_eq!(search_terms("12"), ("12".into(), None));
        assert_eq!(search_terms(&"a".repeat(300)).0.len(), SEARCH_MAX);
    }
}
