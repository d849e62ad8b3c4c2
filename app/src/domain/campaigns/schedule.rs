//! When a campaign's messages may go: the start (now or a date-time in the business's time
//! zone), quiet hours in that zone, and the rate that leaves room for agents' replies.

use chrono::{LocalResult, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Hours of the day (business time) in which no campaign message goes; may wrap midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    /// Minutes after midnight quiet starts (21:00 → 1260).
    pub from_minute: u16,
    /// Minutes after midnight sending may start again (9:00 → 540).
    pub to_minute: u16,
}

impl Default for QuietHours {
    /// Do not send between 21:00 and 9:00.
    fn default() -> Self {
        QuietHours {
            from_minute: 21 * 60,
            to_minute: 9 * 60,
        }
    }
}

impl QuietHours {
    fn contains(self, minute: u16) -> bool {
        if self.from_minute <= self.to_minute {
            (self.from_minute..self.to_minute).contains(&minute)
        } else {
            minute >= self.from_minute || minute < self.to_minute
        }
    }
}

/// `HH:MM` → minutes after midnight.
pub fn minute_of(text: &str) -> Option<u16> {
    let t = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()?;
    u16::try_from(t.hour() * 60 + t.minute()).ok()
}

/// Minutes after midnight → `HH:MM`.
pub fn clock(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60 % 24, minute % 60)
}

/// The first moment at or after `at_ms` outside `quiet` in `tz` (`at_ms` itself when not quiet).
pub fn next_allowed(at_ms: i64, quiet: Option<QuietHours>, tz: Tz) -> i64 {
    let Some(quiet) = quiet.filter(|q| q.from_minute != q.to_minute) else {
        return at_ms;
    };
    let Some(local) = tz.timestamp_millis_opt(at_ms).single() else {
        return at_ms;
    };
    let minute = u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(0);
    if !quiet.contains(minute) {
        return at_ms;
    }
    // Quiet ends today at `to`, or tomorrow when quiet began before midnight.
    let mut day = local.date_naive();
    if quiet.from_minute > quiet.to_minute && minute >= quiet.from_minute {
        day = day.succ_opt().unwrap_or(day);
    }
    let end = day.and_hms_opt(
        u32::from(quiet.to_minute / 60),
        u32::from(quiet.to_minute % 60),
        0,
    );
    end.and_then(|end| earliest(tz, end))
        .unwrap_or(at_ms)
        .max(at_ms)
}

/// A local date-time in `tz` as unix ms; in a daylight-saving gap, the first valid moment after.
fn earliest(tz: Tz, local: NaiveDateTime) -> Option<i64> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.timestamp_millis()),
        LocalResult::Ambiguous(a, _) => Some(a.timestamp_millis()),
        LocalResult::None => tz
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.timestamp_millis()),
    }
}

/// Why a start time is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartProblem {
    /// Not a date-time (`YYYY-MM-DDTHH:MM`).
    Malformed,
    /// In the past.
    Past,
    /// More than a year ahead.
    TooFar,
}

/// A start typed as `YYYY-MM-DDTHH:MM` in the business's zone → unix ms, checked against now.
/// A minute of grace: "now" typed a moment ago is not the past.
pub fn start_at(text: &str, tz: Tz, now_ms: i64) -> Result<i64, StartProblem> {
    let local = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .map_err(|_| StartProblem::Malformed)?;
    let at = earliest(tz, local).ok_or(StartProblem::Malformed)?;
    if at < now_ms - 60_000 {
        return Err(StartProblem::Past);
    }
    if at > now_ms + 366 * 24 * 60 * 60 * 1000 {
        return Err(StartProblem::TooFar);
    }
    Ok(at.max(now_ms))
}

/// The share of the number's throughput campaigns leave by default (a team setting): agents'
/// replies, the bot and customers' messages (which count toward the same throughput) need it.
pub const DEFAULT_RESERVED_PERCENT: u32 = 25;
/// The most a team may keep back (campaigns would crawl beyond it).
pub const MAX_RESERVED_PERCENT: u32 = 90;

/// The highest rate (messages a second) a campaign may use on a number sending `throughput`
/// a second when the team keeps `reserved_percent` of it for people; at least 1.
pub fn max_rate(throughput: f64, reserved_percent: u32) -> u32 {
    // In whole messages: the throughput is a whole number a second.
    let whole = throughput.max(0.0).floor() as u64;
    let left = u64::from(100 - reserved_percent.min(MAX_RESERVED_PERCENT));
    u32::try_from(whole * left / 100).unwrap_or(u32::MAX).max(1)
}

/// The rate a campaign gets when nobody says: half the number's throughput, within the most.
pub fn default_rate(throughput: f64, reserved_percent: u32) -> u32 {
    ((throughput / 2.0).floor() as u32).clamp(1, max_rate(throughput, reserved_percent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn madrid() -> Tz {
        "Europe/Madrid".parse().unwrap()
    }

    fn at(text: &str) -> i64 {
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap();
        earliest(madrid(), local).unwrap()
    }

    #[test]
    fn quiet_hours_wrap_midnight() {
        let q = Some(QuietHours::default());
        // 22:30 in Madrid → 9:00 the next morning.
        assert_eq!(
            next_allowed(at("2026-12-07T22:30"), q, madrid()),
            at("2026-12-08T09:00")
        );
        // 03:00 → 9:00 the same day.
        assert_eq!(
            next_allowed(at("2026-12-08T03:00"), q, madrid()),
            at("2026-12-08T09:00")
        );
        // Daytime is not quiet.
        assert_eq!(
            next_allowed(at("2026-12-08T12:00"), q, madrid()),
            at("2026-12-08T12:00")
        );
        assert_eq!(
            next_allowed(at("2026-12-08T09:00"), q, madrid()),
            at("2026-12-08T09:00")
        );
        assert_eq!(
            next_allowed(at("2026-12-08T21:00"), q, madrid()),
            at("2026-12-09T09:00")
        );
        assert_eq!(
            next_allowed(at("2026-12-08T22:00"), None, madrid()),
            at("2026-12-08T22:00")
        );
    }

    #[test]
    fn quiet_hours_within_one_day() {
        let lunch = Some(QuietHours {
            from_minute: minute_of("14:00").unwrap(),
            to_minute: minute_of("16:30").unwrap(),
        });
        assert_eq!(
            next_allowed(at("2026-12-08T15:00"), lunch, madrid()),
            at("2026-12-08T16:30")
        );
        assert_eq!(
            next_allowed(at("2026-12-08T17:00"), lunch, madrid()),
            at("2026-12-08T17:00")
        );
        assert_eq!(clock(990), "16:30");
    }

    #[test]
    fn start_times_in_the_business_zone() {
        let now = at("2026-12-07T10:00");
        assert_eq!(
            start_at("2026-12-07T11:00", madrid(), now),
            Ok(now + 3_600_000)
        );
        assert_eq!(
            start_at("2026-12-07T09:00", madrid(), now),
            Err(StartProblem::Past)
        );
        assert_eq!(
            start_at("tomorrow", madrid(), now),
            Err(StartProblem::Malformed)
        );
        assert_eq!(
            start_at("2028-12-07T09:00", madrid(), now),
            Err(StartProblem::TooFar)
        );
        // The spring-forward gap reads as the first moment after it.
        assert!(start_at("2027-03-28T02:30", madrid(), now).is_ok());
    }

    #[test]
    fn rates_leave_room_for_agents() {
        assert_eq!(max_rate(80.0, DEFAULT_RESERVED_PERCENT), 60);
        assert_eq!(
            max_rate(1000.0, 0),
            1000,
            "a team may give campaigns everything"
        );
        assert_eq!(max_rate(1000.0, 100), 100, "at most 90 % is kept back");
        assert_eq!(default_rate(80.0, DEFAULT_RESERVED_PERCENT), 40);
        assert_eq!(max_rate(1.0, DEFAULT_RESERVED_PERCENT), 1);
        assert_eq!(default_rate(1000.0, DEFAULT_RESERVED_PERCENT), 500);
    }
}
