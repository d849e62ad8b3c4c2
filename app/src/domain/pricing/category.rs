//! Meta's pricing categories, as status webhooks, rate cards and templates spell them.

use serde::{Deserialize, Serialize};

/// What a delivered message is billed as. The template's category decides for templates;
/// everything free-form is `Service`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Marketing,
    Utility,
    Authentication,
    /// An authentication template to a number abroad, in markets where Meta has a separate
    /// (higher) rate for that; see [`super::estimate`].
    AuthenticationInternational,
    /// Free-form messages (text, media, interactive…) inside the customer-service window.
    Service,
}

impl Category {
    /// Rate-card column order, also the order [`super::to_csv`] writes.
    pub const ALL: [Category; 5] = [
        Category::Marketing,
        Category::Utility,
        Category::Authentication,
        Category::AuthenticationInternational,
        Category::Service,
    ];

    /// The spelling of serde and of Meta's webhooks (`authentication_international`).
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Marketing => "marketing",
            Category::Utility => "utility",
            Category::Authentication => "authentication",
            Category::AuthenticationInternational => "authentication_international",
            Category::Service => "service",
        }
    }

    /// Meta's spellings, any case: the status webhook's `pricing.category` (including the
    /// status reference's `authentication-international` and the Marketing Messages API's
    /// `marketing_lite`, which is billed as marketing) and template categories (`MARKETING`).
    /// `referral_conversion`, `general_purpose_ai` and anything else are not categories Buzón
    /// prices: `None`.
    pub fn parse(text: &str) -> Option<Category> {
        let key = text.trim().to_ascii_lowercase().replace('-', "_");
        Some(match key.as_str() {
            "marketing" | "marketing_lite" => Category::Marketing,
            "utility" => Category::Utility,
            "authentication" => Category::Authentication,
            "authentication_international" => Category::AuthenticationInternational,
            "service" => Category::Service,
            _ => return None,
        })
    }

    /// The category a template is billed under, from its approved category (`UTILITY`…).
    /// A template of unknown or missing category counts as marketing, the dearest: an estimate
    /// must never call a paid message free.
    pub fn of_template(category: Option<&str>) -> Category {
        match category.and_then(Category::parse) {
            Some(Category::Utility) => Category::Utility,
            Some(Category::Authentication | Category::AuthenticationInternational) => {
                Category::Authentication
            }
            _ => Category::Marketing,
        }
    }

    /// The rate-card column header Meta uses.
    pub fn csv_header(self) -> &'static str {
        match self {
            Category::Marketing => "Marketing",
            Category::Utility => "Utility",
            Category::Authentication => "Authentication",
            Category::AuthenticationInternational => "Authentication-International",
            Category::Service => "Service",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_spellings_parse() {
        let table: &[(&str, Option<Category>)] = &[
            ("marketing", Some(Category::Marketing)),
            ("MARKETING", Some(Category::Marketing)),
            ("marketing_lite", Some(Category::Marketing)),
            ("utility", Some(Category::Utility)),
            (" Utility ", Some(Category::Utility)),
            ("authentication", Some(Category::Authentication)),
            (
                "authentication_international",
                Some(Category::AuthenticationInternational),
            ),
            (
                "authentication-international",
                Some(Category::AuthenticationInternational),
            ),
            ("service", Some(Category::Service)),
            ("referral_conversion", None),
            ("general_purpose_ai", None),
            ("", None),
        ];
        for (text, want) in table {
            assert_eq!(Category::parse(text), *want, "{text:?}");
        }
    }

    #[test]
    fn as_str_round_trips_and_matches_serde() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            assert_eq!(Category::parse(c.csv_header()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
    }

    #[test]
    fn unknown_templates_count_as_marketing() {
        let table: &[(Option<&str>, Category)] = &[
            (Some("MARKETING"), Category::Marketing),
            (Some("UTILITY"), Category::Utility),
            (Some("utility"), Category::Utility),
            (Some("AUTHENTICATION"), Category::Authentication),
            (None, Category::Marketing),
            (Some(""), Category::Marketing),
            (Some("SOMETHING_NEW"), Category::Marketing),
            // A template is never a service message.
            (Some("SERVICE"), Category::Marketing),
        ];
        for (category, want) in table {
            assert_eq!(Category::of_template(*category), *want, "{category:?}");
        }
    }
}
