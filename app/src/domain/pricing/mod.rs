//! What Meta charges for a WhatsApp message, and what Buzón estimates before sending it.
//! Pure rules: callers pass the date (in the WABA's time zone) and the rules and rate cards
//! the team keeps; nothing here reads a clock or a store. Built for the server and the browser.
//!
//! - [`charge`]: whether a send is billed and under which [`Category`], from the send's facts
//!   and the effective-dated [`PricingRules`] (which Meta changes, and the team may edit).
//! - [`estimate`]: that charge priced with the [`RateCard`] in force, in the recipient's market
//!   ([`market_of`]).
//! - [`charged`]: what a status webhook's `pricing` object says was billed, priced the same way.
//! - [`parse_rate_card_csv`] / [`to_csv`]: Meta's published rate cards in and out.
//!
//! See docs/pricing.md for the model and what is uncertain in it.

mod card_csv;
mod category;
mod markets;
mod model;
mod rates;
mod sample;
mod settings;

pub use self::card_csv::{parse_rate_card_csv, to_csv, CsvProblem, CsvProblemKind};
pub use self::category::Category;
pub use self::markets::{known_market, market_of, LATER_MARKETS, MARKETS, NORTH_AMERICA, OTHER};
pub use self::model::{
    charge, Blocked, Charge, Content, Free, PricingModel, PricingRules, SendFacts,
    US_MARKETING_BLOCKED_FROM,
};
pub use self::rates::{
    charged, estimate, micros_to_f64, Estimate, Rate, RateCard, RateTable, MICROS_PER_UNIT,
};
pub use self::sample::{sample_table, SAMPLE_CSV, SAMPLE_EFFECTIVE_FROM, SAMPLE_SOURCE};
pub use self::settings::{PricingSettings, PRICING_SETTING};

/// The day an instant falls on for Meta's effective dates (rate cards, the pricing model):
/// the UTC day. Meta's calendar is the WABA's time zone, at most a few hours away on the
/// first day of a quarter. Asked by the estimate, the cost reports, the rate-card screen and
/// the simulator alike.
pub fn pricing_day(at_ms: i64) -> chrono::NaiveDate {
    chrono::DateTime::from_timestamp_millis(at_ms)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// Dates stored as `YYYY-MM-DD` (chrono's serde support is not enabled in this crate).
mod day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(serde::de::Error::custom)
    }
}
