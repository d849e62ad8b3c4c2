//! The Reports screen's settings as an admin saves them: the business's time zone. (What
//! messages cost comes from the rate cards on Settings → Costs, `domain::pricing`.)

use super::reports::ReportSettings;
use serde::{Deserialize, Serialize};

/// Why settings were refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SettingsProblem {
    UnknownTimezone { timezone: String },
}

/// The settings trimmed, or what is wrong with them. `known_timezone` says whether a time
/// zone name exists (the server passes the bot's own check).
pub fn normalized(
    settings: ReportSettings,
    known_timezone: impl Fn(&str) -> bool,
) -> Result<ReportSettings, SettingsProblem> {
    let timezone = settings.timezone.trim().to_string();
    if timezone.is_empty() || !known_timezone(&timezone) {
        return Err(SettingsProblem::UnknownTimezone { timezone });
    }
    Ok(ReportSettings { timezone })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(tz: &str) -> bool {
        tz == "Europe/Madrid"
    }

    fn settings(tz: &str) -> ReportSettings {
        ReportSettings {
            timezone: tz.into(),
        }
    }

    #[test]
    fn good_settings_are_tidied() {
        let s = normalized(settings(" Europe/Madrid "), known).unwrap();
        assert_eq!(s.timezone, "Europe/Madrid");
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        for bad in ["Mars/Olympus", "  "] {
            assert_eq!(
                normalized(settings(bad), known),
                Err(SettingsProblem::UnknownTimezone {
                    timezone: bad.trim().into()
                })
            );
        }
    }

    #[test]
    fn settings_saved_with_an_old_price_table_still_read() {
        let old = r#"{"timezone":"Europe/Madrid","prices":{"currency":"EUR","prices":[["marketing",0.06]]}}"#;
        let read: ReportSettings = serde_json::from_str(old).unwrap();
        assert_eq!(read, settings("Europe/Madrid"));
    }
}
