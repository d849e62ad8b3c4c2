//! What the team keeps about prices (Settings → Costs): the pricing model's rules and the rate
//! cards, stored as one setting.

use super::{PricingRules, RateTable};
use serde::{Deserialize, Serialize};

/// Settings key of [`PricingSettings`] (JSON).
pub const PRICING_SETTING: &str = "pricing";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PricingSettings {
    pub rules: PricingRules,
    pub table: RateTable,
}

impl Default for PricingSettings {
    /// No rate card until an admin imports one: estimates say "no price" rather than guess.
    fn default() -> Self {
        PricingSettings {
            rules: PricingRules::default(),
            table: RateTable {
                currency: "USD".into(),
                source: String::new(),
                cards: Vec::new(),
            },
        }
    }
}

impl PricingSettings {
    /// Reads the stored setting; anything unreadable is the default.
    pub fn from_setting(value: Option<&str>) -> PricingSettings {
        value
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_settings_round_trip_and_default_when_unreadable() {
        let with_sample = PricingSettings {
            table: super::super::sample_table(),
            ..PricingSettings::default()
        };
        let json = serde_json::to_string(&with_sample).unwrap();
        assert_eq!(PricingSettings::from_setting(Some(&json)), with_sample);
        assert_eq!(
            PricingSettings::from_setting(Some("{broken")),
            PricingSettings::default()
        );
        assert!(PricingSettings::default().table.cards.is_empty());
    }
}
