//! The team's data-protection settings (admins): number masking for agents and how long
//! messages and media are kept. Read by every path that shows a number (see
//! `domain::masking`) and by the daily retention job.

use serde::{Deserialize, Serialize};

/// The settings row's key.
pub const SETTING: &str = "data_protection";
/// Shortest and longest retention an admin may choose (a day; ten years).
pub const RETENTION_MIN_DAYS: u32 = 1;
pub const RETENTION_MAX_DAYS: u32 = 3650;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProtectionSettings {
    /// Agents read numbers masked.
    pub mask_numbers: bool,
    /// Messages and media older than this many days are deleted; `None` keeps them forever.
    pub retention_days: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProtectionProblem {
    /// Retention outside [`RETENTION_MIN_DAYS`]..=[`RETENTION_MAX_DAYS`].
    RetentionDays,
}

impl ProtectionSettings {
    /// Stored settings; a missing or unreadable row is the defaults (nothing masked, kept
    /// forever) — what the desk did before the settings existed.
    pub fn from_setting(stored: Option<&str>) -> ProtectionSettings {
        stored
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }

    pub fn checked(self) -> Result<ProtectionSettings, ProtectionProblem> {
        match self.retention_days {
            Some(d) if !(RETENTION_MIN_DAYS..=RETENTION_MAX_DAYS).contains(&d) => {
                Err(ProtectionProblem::RetentionDays)
            }
            _ => Ok(self),
        }
    }

    /// Messages sent or received before this moment are past retention at `now_ms`.
    pub fn retention_cutoff_ms(&self, now_ms: i64) -> Option<i64> {
        self.retention_days.map(|d| now_ms - i64::from(d) * DAY_MS)
    }
}

/// The retention job runs once a day: when the next run is due after one at `last_run_ms`.
pub fn next_retention_run_ms(last_run_ms: Option<i64>, now_ms: i64) -> i64 {
    match last_run_ms {
        Some(last) => last + DAY_MS,
        None => now_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_bounds() {
        let s = |d| ProtectionSettings {
            mask_numbers: false,
            retention_days: d,
        };
        assert!(s(None).checked().is_ok());
        assert!(s(Some(1)).checked().is_ok());
        assert!(s(Some(3650)).checked().is_ok());
        assert_eq!(s(Some(0)).checked(), Err(ProtectionProblem::RetentionDays));
        assert_eq!(
            s(Some(3651)).checked(),
            Err(ProtectionProblem::RetentionDays)
        );
    }

    #[test]
    fn cutoff_and_schedule() {
        let s = ProtectionSettings {
            mask_numbers: false,
            retention_days: Some(30),
        };
        assert_eq!(s.retention_cutoff_ms(31 * DAY_MS), Some(DAY_MS));
        assert_eq!(ProtectionSettings::default().retention_cutoff_ms(5), None);
        assert_eq!(next_retention_run_ms(None, 99), 99);
        assert_eq!(next_retention_run_ms(Some(10), 99), 10 + DAY_MS);
        assert_eq!(
            ProtectionSettings::from_setting(Some("nonsense")),
            ProtectionSettings::default()
        );
    }
}
