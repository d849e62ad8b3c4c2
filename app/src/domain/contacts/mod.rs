//! Who a customer is. WhatsApp identifies a customer by phone (`wa_id`), by business-scoped
//! user id (`user_id`, since 2026), or both; a payload may carry either. These rules decide
//! which stored contact a payload belongs to.

pub mod attributes;
pub mod directory;
pub mod protection;

use serde::{Deserialize, Serialize};

/// How to file a payload that names `wa_id` and/or `user_id`, given the contacts found by each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Neither id is known: a new contact.
    Create,
    /// One contact matches (by either id or both); fill in whichever id it lacks.
    Existing(i64),
    /// The two ids belong to two contacts: they are the same person. Keep the older one and
    /// move the other's history into it.
    Merge { keep: i64, absorb: i64 },
}

pub fn link(by_wa_id: Option<i64>, by_user_id: Option<i64>) -> Link {
    match (by_wa_id, by_user_id) {
        (None, None) => Link::Create,
        (Some(a), None) | (None, Some(a)) => Link::Existing(a),
        (Some(a), Some(b)) if a == b => Link::Existing(a),
        (Some(a), Some(b)) => Link::Merge {
            keep: a.min(b),
            absorb: a.max(b),
        },
    }
}

/// Whether the customer wants marketing messages (templates of the marketing category).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarketingConsent {
    #[default]
    Unknown,
    OptedIn,
    OptedOut,
}

impl MarketingConsent {
    pub fn as_str(self) -> &'static str {
        match self {
            MarketingConsent::Unknown => "unknown",
            MarketingConsent::OptedIn => "opted_in",
            MarketingConsent::OptedOut => "opted_out",
        }
    }

    pub fn parse(s: &str) -> MarketingConsent {
        match s {
            "opted_in" => MarketingConsent::OptedIn,
            "opted_out" => MarketingConsent::OptedOut,
            _ => MarketingConsent::Unknown,
        }
    }

    /// Meta's `user_preferences` value: `stop` opts out; `resume` and `signup` opt in.
    pub fn from_preference(value: &str) -> Option<MarketingConsent> {
        match value {
            "stop" => Some(MarketingConsent::OptedOut),
            "resume" | "signup" => Some(MarketingConsent::OptedIn),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linking() {
        assert_eq!(link(None, None), Link::Create);
        assert_eq!(link(Some(3), None), Link::Existing(3));
        assert_eq!(link(None, Some(4)), Link::Existing(4));
        assert_eq!(link(Some(5), Some(5)), Link::Existing(5));
        assert_eq!(link(Some(9), Some(2)), Link::Merge { keep: 2, absorb: 9 });
    }

    #[test]
    fn preferences() {
        assert_eq!(
            MarketingConsent::from_preference("stop"),
            Some(MarketingConsent::OptedOut)
        );
        assert_eq!(
            MarketingConsent::from_preference("signup"),
            Some(MarketingConsent::OptedIn)
        );
        assert_eq!(MarketingConsent::from_preference("maybe"), None);
    }
}
