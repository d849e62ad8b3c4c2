//! The Reports screen's settings as an admin saves them: the business's time zone, the
//! currency and the price of one billable template message per pricing category.

use super::reports::ReportSettings;
use serde::{Deserialize, Serialize};

/// Why settings were refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SettingsProblem {
    UnknownTimezone {
        timezone: String,
    },
    /// Not three letters (ISO 4217, e.g. `USD`, `EUR`, `MXN`).
    Currency,
    /// Negative, not a number, or a category without a name.
    Price {
        category: String,
    },
}

/// The settings trimmed (currency upper-cased), or what is wrong with them. `known_timezone`
/// says whether a time zone name exists (the server passes the bot's own check).
pub fn normalized(
    settings: ReportSettings,
    known_timezone: impl Fn(&str) -> bool,
) -> Result<ReportSettings, SettingsProblem> {
    let timezone = settings.timezone.trim().to_string();
    if timezone.is_empty() || !known_timezone(&timezone) {
        return Err(SettingsProblem::UnknownTimezone { timezone });
    }
    let currency = settings.prices.currency.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(SettingsProblem::Currency);
    }
    let mut prices = Vec::with_capacity(settings.prices.prices.len());
    for (category, price) in settings.prices.prices {
        let category = category.trim().to_lowercase();
        if category.is_empty() || !price.is_finite() || price < 0.0 {
            return Err(SettingsProblem::Price { category });
        }
        prices.push((category, price));
    }
    Ok(ReportSettings {
        timezone,
        prices: super::reports::PriceTable { currency, prices },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(tz: &str) -> bool {
        tz == "Europe/Madrid"
    }

    fn settings(tz: &str, currency: &str, price: f64) -> ReportSettings {
        let mut s = ReportSettings {
            timezone: tz.into(),
            ..ReportSettings::default()
        };
        s.prices.currency = currency.into();
        s.prices.prices[0].1 = price;
        s
    }

    #[test]
    fn good_settings_are_tidied() {
        let s = normalized(settings(" Europe/Madrid ", "eur", 0.05), known).unwrap();
        assert_eq!(s.timezone, "Europe/Madrid");
        assert_eq!(s.prices.currency, "EUR");
        assert_eq!(s.prices.prices[0], ("marketing".to_string(), 0.05));
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        assert_eq!(
            normalized(settings("Mars/Olympus", "EUR", 0.0), known),
            Err(SettingsProblem::UnknownTimezone {
                timezone: "Mars/Olympus".into()
            })
        );
        assert_eq!(
            normalized(settings("Europe/Madrid", "EURO", 0.0), known),
            Err(SettingsProblem::Currency)
        );
        assert_eq!(
            normalized(settings("Europe/Madrid", "E1R", 0.0), known),
            Err(SettingsProblem::Currency)
        );
        for bad in [-0.01, f64::NAN, f64::INFINITY] {
            assert_eq!(
                normalized(settings("Europe/Madrid", "EUR", bad), known),
                Err(SettingsProblem::Price {
                    category: "marketing".into()
                })
            );
        }
    }
}
