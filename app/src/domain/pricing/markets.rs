//! Meta's pricing markets: the country (or regional bucket) a rate card prices a number in,
//! named as in Meta's rate-card CSV. Asked by the estimate, the rate-card import and the
//! screens that pick a market.
//!
//! The buckets follow Meta's country-calling-code list as published for the 2025-07-01 model;
//! countries Meta lists in no bucket are "Other". Later cards price some countries on their
//! own ([`LATER_MARKETS`]); a card that lists one prices its numbers there
//! ([`super::RateCard::market_for`]).

/// North America: the United States and Canada.
pub const NORTH_AMERICA: &str = "North America";
/// Everything Meta prices in no other market.
pub const OTHER: &str = "Other";

/// The markets of Meta's rate cards since 2025-07-01, in the cards' order, for pickers.
pub const MARKETS: &[&str] = &[
    "Argentina",
    "Brazil",
    "Chile",
    "Colombia",
    "Egypt",
    "France",
    "Germany",
    "India",
    "Indonesia",
    "Israel",
    "Italy",
    "Malaysia",
    "Mexico",
    "Netherlands",
    "Nigeria",
    "Pakistan",
    "Peru",
    "Russia",
    "Saudi Arabia",
    "South Africa",
    "Spain",
    "Turkey",
    "United Arab Emirates",
    "United Kingdom",
    NORTH_AMERICA,
    "Rest of Africa",
    "Rest of Asia Pacific",
    "Rest of Central & Eastern Europe",
    "Rest of Latin America",
    "Rest of Middle East",
    "Rest of Western Europe",
    OTHER,
];

/// Countries that left their regional bucket for a market of their own in later cards, as
/// (ISO code, market name). Second-hand: Hong Kong, Hungary, Poland, Qatar, Romania and
/// Singapore appear in BSP transcriptions of the 2026-07-01 card; the rest are announced for
/// 2026-10-01. Listed so that such a card imports and prices these countries at their own
/// rate; a card without them keeps them in their bucket.
pub const LATER_MARKETS: &[(&str, &str)] = &[
    ("HK", "Hong Kong"),
    ("HU", "Hungary"),
    ("PL", "Poland"),
    ("QA", "Qatar"),
    ("RO", "Romania"),
    ("SG", "Singapore"),
    ("BD", "Bangladesh"),
    ("IQ", "Iraq"),
    ("NP", "Nepal"),
    ("LK", "Sri Lanka"),
    ("KZ", "Kazakhstan"),
    ("KW", "Kuwait"),
    ("MA", "Morocco"),
    ("OM", "Oman"),
    ("UA", "Ukraine"),
];

/// ISO country → market, for the countries Meta names.
const COUNTRIES: &[(&str, &str)] = &[
    ("AR", "Argentina"),
    ("BR", "Brazil"),
    ("CL", "Chile"),
    ("CO", "Colombia"),
    ("EG", "Egypt"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("IN", "India"),
    ("ID", "Indonesia"),
    ("IL", "Israel"),
    ("IT", "Italy"),
    ("MY", "Malaysia"),
    ("MX", "Mexico"),
    ("NL", "Netherlands"),
    ("NG", "Nigeria"),
    ("PK", "Pakistan"),
    ("PE", "Peru"),
    ("RU", "Russia"),
    ("SA", "Saudi Arabia"),
    ("ZA", "South Africa"),
    ("ES", "Spain"),
    ("TR", "Turkey"),
    ("AE", "United Arab Emirates"),
    ("GB", "United Kingdom"),
    ("US", NORTH_AMERICA),
    ("CA", NORTH_AMERICA),
];

const REST_OF_AFRICA: &[&str] = &[
    "DZ", "AO", "BJ", "BW", "BF", "BI", "CM", "TD", "CG", "ER", "ET", "GA", "GM", "GH", "GW", "CI",
    "KE", "LS", "LR", "LY", "MG", "MW", "ML", "MR", "MA", "MZ", "NA", "NE", "RW", "SN", "SL", "SO",
    "SS", "SD", "SZ", "TZ", "TG", "TN", "UG", "ZM", "ZW",
];
const REST_OF_ASIA_PACIFIC: &[&str] = &[
    "AF", "AU", "BD", "KH", "CN", "HK", "JP", "LA", "MN", "NP", "NZ", "PG", "PH", "SG", "LK", "TW",
    "TJ", "TH", "TM", "UZ", "VN",
];
const REST_OF_CENTRAL_EASTERN_EUROPE: &[&str] = &[
    "AL", "AM", "AZ", "BY", "BG", "HR", "CZ", "GE", "GR", "HU", "LV", "LT", "MK", "MD", "PL", "RO",
    "RS", "SK", "SI", "UA",
];
const REST_OF_LATIN_AMERICA: &[&str] = &[
    "BO", "CR", "DO", "EC", "SV", "GT", "HT", "HN", "JM", "NI", "PA", "PY", "PR", "UY", "VE",
];
const REST_OF_MIDDLE_EAST: &[&str] = &["BH", "IQ", "JO", "KW", "LB", "OM", "QA", "YE"];
const REST_OF_WESTERN_EUROPE: &[&str] = &["AT", "BE", "DK", "FI", "IE", "NO", "PT", "SE", "CH"];

const REGIONS: &[(&str, &[&str])] = &[
    ("Rest of Africa", REST_OF_AFRICA),
    ("Rest of Asia Pacific", REST_OF_ASIA_PACIFIC),
    (
        "Rest of Central & Eastern Europe",
        REST_OF_CENTRAL_EASTERN_EUROPE,
    ),
    ("Rest of Latin America", REST_OF_LATIN_AMERICA),
    ("Rest of Middle East", REST_OF_MIDDLE_EAST),
    ("Rest of Western Europe", REST_OF_WESTERN_EUROPE),
];

/// The market a number of `country_iso` (`AR`, `us`) is priced in under the 2025-07-01 list;
/// unknown or missing countries are "Other", as Meta prices them.
pub fn market_of(country_iso: Option<&str>) -> &'static str {
    let Some(iso) = country_iso.map(|c| c.trim().to_ascii_uppercase()) else {
        return OTHER;
    };
    if let Some((_, market)) = COUNTRIES.iter().find(|(c, _)| *c == iso) {
        return market;
    }
    REGIONS
        .iter()
        .find(|(_, members)| members.contains(&iso.as_str()))
        .map_or(OTHER, |(market, _)| market)
}

/// The country's own market in later cards, if it has one ([`LATER_MARKETS`]).
pub(crate) fn later_market_of(country_iso: Option<&str>) -> Option<&'static str> {
    let iso = country_iso?.trim();
    LATER_MARKETS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(iso))
        .map(|(_, market)| *market)
}

/// The market `name` means, spelled as Meta does: any case and spacing, `and` for `&`
/// (`rest of central and eastern europe`). `None` for names Meta does not use.
pub fn known_market(name: &str) -> Option<&'static str> {
    let key = market_key(name);
    if key.is_empty() {
        return None;
    }
    MARKETS
        .iter()
        .copied()
        .chain(LATER_MARKETS.iter().map(|(_, m)| *m))
        .find(|m| market_key(m) == key)
}

/// Letters and digits only, lower case, `&` read as `and`: the part of a market's name that
/// survives spreadsheets.
pub(crate) fn market_key(name: &str) -> String {
    name.replace('&', " and ")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_map_to_markets() {
        let table: &[(Option<&str>, &str)] = &[
            (Some("US"), "North America"),
            (Some("CA"), "North America"),
            (Some("ca"), "North America"),
            (Some("AR"), "Argentina"),
            (Some("BR"), "Brazil"),
            (Some("GB"), "United Kingdom"),
            (Some("AE"), "United Arab Emirates"),
            (Some("PT"), "Rest of Western Europe"),
            (Some("BE"), "Rest of Western Europe"),
            (Some("IE"), "Rest of Western Europe"),
            (Some("UY"), "Rest of Latin America"),
            (Some("PY"), "Rest of Latin America"),
            (Some("GT"), "Rest of Latin America"),
            (Some("PR"), "Rest of Latin America"),
            (Some("PL"), "Rest of Central & Eastern Europe"),
            (Some("KE"), "Rest of Africa"),
            (Some("JP"), "Rest of Asia Pacific"),
            (Some("KW"), "Rest of Middle East"),
            (Some("XX"), "Other"),
            (Some(""), "Other"),
            (None, "Other"),
        ];
        for (country, want) in table {
            assert_eq!(market_of(*country), *want, "{country:?}");
        }
    }

    #[test]
    fn every_mapped_market_is_a_market_and_no_country_is_in_two() {
        let mut seen: Vec<&str> = Vec::new();
        for (iso, market) in COUNTRIES {
            assert!(MARKETS.contains(market), "{market}");
            assert!(!seen.contains(iso), "{iso} twice");
            seen.push(iso);
        }
        for (market, members) in REGIONS {
            assert!(MARKETS.contains(market), "{market}");
            for iso in *members {
                assert!(!seen.contains(iso), "{iso} twice");
                seen.push(iso);
            }
        }
        // Every country that later gets its own market comes from a bucket.
        for (iso, market) in LATER_MARKETS {
            let before = market_of(Some(iso));
            assert!(before.starts_with("Rest of") || before == OTHER, "{iso}");
            assert_eq!(later_market_of(Some(iso)), Some(*market));
            assert!(!MARKETS.contains(market), "{market}");
        }
        assert_eq!(later_market_of(Some("AR")), None);
    }

    #[test]
    fn market_names_are_read_loosely() {
        let table: &[(&str, Option<&str>)] = &[
            ("Brazil", Some("Brazil")),
            ("  BRAZIL ", Some("Brazil")),
            (
                "Rest of Central and Eastern Europe",
                Some("Rest of Central & Eastern Europe"),
            ),
            (
                "rest of central &  eastern\neurope",
                Some("Rest of Central & Eastern Europe"),
            ),
            ("north-america", Some("North America")),
            ("Poland", Some("Poland")),
            ("Brasil", None),
            ("United States", None),
            ("", None),
            ("&", None),
        ];
        for (name, want) in table {
            assert_eq!(known_market(name), *want, "{name:?}");
        }
    }
}
