//! A report's period: whole days in the business's time zone, turned into instants.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The longest period one report covers.
pub const MAX_DAYS: i64 = 366;

/// How far past local midnight a day's first instant can be: time-zone changes skip at most a
/// few hours (a whole day only for date-line jumps, which have no midnight to find at all).
const LONGEST_SKIP_MINUTES: u32 = 24 * 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub timezone: String,
    /// Midnight starting `from` and midnight ending `to`, in unix milliseconds.
    pub since_ms: i64,
    pub until_ms: i64,
    /// Each day's date and the instant it starts (days are 23 or 25 hours long across a
    /// daylight-saving change).
    pub days: Vec<(String, i64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodProblem {
    /// A date is not `YYYY-MM-DD`.
    BadDate,
    /// `to` is before `from`.
    Backwards,
    /// More than [`MAX_DAYS`].
    TooLong,
    UnknownTimezone,
}

impl Period {
    /// The days `from` to `to` (both included) in `timezone`.
    pub fn new(from: &str, to: &str, timezone: &str) -> Result<Period, PeriodProblem> {
        let tz = zone(timezone)?;
        let (first, last) = (parse_date(from)?, parse_date(to)?);
        Period::of_dates(first, last, tz)
    }

    fn of_dates(first: NaiveDate, last: NaiveDate, tz: Tz) -> Result<Period, PeriodProblem> {
        if last < first {
            return Err(PeriodProblem::Backwards);
        }
        let length = (last - first).num_days() + 1;
        if length > MAX_DAYS {
            return Err(PeriodProblem::TooLong);
        }
        let days = first
            .iter_days()
            .take(length as usize)
            .map(|date| Ok((date.format("%Y-%m-%d").to_string(), day_start(tz, date)?)))
            .collect::<Result<Vec<_>, PeriodProblem>>()?;
        let after = last.succ_opt().ok_or(PeriodProblem::BadDate)?;
        Ok(Period {
            from: first.format("%Y-%m-%d").to_string(),
            to: last.format("%Y-%m-%d").to_string(),
            timezone: tz.name().to_string(),
            since_ms: days[0].1,
            until_ms: day_start(tz, after)?,
            days,
        })
    }

    /// Which day of the period an instant falls on.
    pub fn day_of(&self, at_ms: i64) -> Option<usize> {
        if at_ms < self.since_ms || at_ms >= self.until_ms {
            return None;
        }
        // Days are in order: the last one starting at or before the instant.
        let starting_after = self.days.partition_point(|(_, start)| *start <= at_ms);
        starting_after.checked_sub(1)
    }

    /// Whether an instant is inside `[since_ms, until_ms)`.
    pub fn contains(&self, at_ms: i64) -> bool {
        self.since_ms <= at_ms && at_ms < self.until_ms
    }

    /// The period of the last `days` whole days before (not including) the day `now_ms` is in:
    /// the screen's default ("the last 7 days").
    pub fn last_days(now_ms: i64, days: i64, timezone: &str) -> Result<Period, PeriodProblem> {
        let tz = zone(timezone)?;
        let today = local_date(now_ms, tz)?;
        if days < 1 {
            return Err(PeriodProblem::Backwards);
        }
        if days > MAX_DAYS {
            return Err(PeriodProblem::TooLong);
        }
        let first = today
            .checked_sub_days(Days::new(days as u64))
            .ok_or(PeriodProblem::BadDate)?;
        let last = today.pred_opt().ok_or(PeriodProblem::BadDate)?;
        Period::of_dates(first, last, tz)
    }

    /// Midnight starting the day `now_ms` is in (the dashboard's "today").
    pub fn start_of_day(now_ms: i64, timezone: &str) -> Result<i64, PeriodProblem> {
        let tz = zone(timezone)?;
        day_start(tz, local_date(now_ms, tz)?)
    }
}

fn zone(name: &str) -> Result<Tz, PeriodProblem> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| PeriodProblem::UnknownTimezone)
}

/// Exactly `YYYY-MM-DD` (chrono alone would take `2026-3-5`).
fn parse_date(text: &str) -> Result<NaiveDate, PeriodProblem> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(PeriodProblem::BadDate);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| PeriodProblem::BadDate)
}

fn local_date(at_ms: i64, tz: Tz) -> Result<NaiveDate, PeriodProblem> {
    DateTime::from_timestamp_millis(at_ms)
        .map(|at| at.with_timezone(&tz).date_naive())
        .ok_or(PeriodProblem::BadDate)
}

/// The first instant of `date` in `tz`: local midnight, or when midnight happens twice the
/// earlier one, or when a clock change skips it the first local minute that exists.
fn day_start(tz: Tz, date: NaiveDate) -> Result<i64, PeriodProblem> {
    (0..LONGEST_SKIP_MINUTES)
        .find_map(|minute| {
            let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)?;
            tz.from_local_datetime(&date.and_time(time)).earliest()
        })
        .map(|at| at.with_timezone(&Utc).timestamp_millis())
        .ok_or(PeriodProblem::BadDate)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .timestamp_millis()
    }

    fn lengths(period: &Period) -> Vec<i64> {
        let mut starts: Vec<i64> = period.days.iter().map(|(_, start)| *start).collect();
        starts.push(period.until_ms);
        starts.windows(2).map(|w| (w[1] - w[0]) / HOUR).collect()
    }

    #[test]
    fn utc_days_start_at_midnight_and_are_24_hours() {
        let p = Period::new("2026-11-09", "2026-11-15", "UTC").unwrap();
        assert_eq!(p.since_ms, utc(2026, 11, 9, 0, 0));
        assert_eq!(p.until_ms, utc(2026, 11, 16, 0, 0));
        assert_eq!(p.days.len(), 7);
        assert_eq!(
            p.days[6],
            ("2026-11-15".to_string(), utc(2026, 11, 15, 0, 0))
        );
        assert_eq!(lengths(&p), vec![24; 7]);
        assert_eq!(p.timezone, "UTC");
    }

    #[test]
    fn madrid_spring_forward_day_is_23_hours() {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST. Midnight is 23:00 UTC the day before
        // (+01:00), the next midnight 22:00 UTC (+02:00).
        let p = Period::new("2026-03-28", "2026-03-30", "Europe/Madrid").unwrap();
        assert_eq!(p.since_ms, utc(2026, 3, 27, 23, 0));
        assert_eq!(p.days[1].1, utc(2026, 3, 28, 23, 0));
        assert_eq!(p.days[2].1, utc(2026, 3, 29, 22, 0));
        assert_eq!(p.until_ms, utc(2026, 3, 30, 22, 0));
        assert_eq!(lengths(&p), vec![24, 23, 24]);
    }

    #[test]
    fn madrid_fall_back_day_is_25_hours() {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET.
        let p = Period::new("2026-10-25", "2026-10-25", "Europe/Madrid").unwrap();
        assert_eq!(p.since_ms, utc(2026, 10, 24, 22, 0));
        assert_eq!(p.until_ms, utc(2026, 10, 25, 23, 0));
        assert_eq!(lengths(&p), vec![25]);
    }

    #[test]
    fn santiago_skipped_midnight_starts_the_day_at_one() {
        // Chile springs forward at midnight: on 2026-09-06 local 00:00 (-04) becomes 01:00
        // (-03), so the day starts at 01:00 local = 04:00 UTC and lasts 23 hours.
        let p = Period::new("2026-09-05", "2026-09-06", "America/Santiago").unwrap();
        assert_eq!(p.since_ms, utc(2026, 9, 5, 4, 0));
        assert_eq!(p.days[1].1, utc(2026, 9, 6, 4, 0));
        assert_eq!(p.until_ms, utc(2026, 9, 7, 3, 0));
        assert_eq!(lengths(&p), vec![24, 23]);
    }

    #[test]
    fn santiago_fall_back_repeats_the_hour_before_midnight() {
        // On 2026-04-05 local 00:00 (-03) goes back to 23:00 (-04) of the 4th: the 4th lasts
        // 25 hours and the 5th starts at 00:00 -04 = 04:00 UTC.
        let p = Period::new("2026-04-04", "2026-04-05", "America/Santiago").unwrap();
        assert_eq!(p.since_ms, utc(2026, 4, 4, 3, 0));
        assert_eq!(p.days[1].1, utc(2026, 4, 5, 4, 0));
        assert_eq!(lengths(&p), vec![25, 24]);
    }

    #[test]
    fn refuses_bad_dates_backwards_long_periods_and_unknown_zones() {
        assert_eq!(
            Period::new("2026-3-05", "2026-03-06", "UTC"),
            Err(PeriodProblem::BadDate)
        );
        assert_eq!(
            Period::new("2026-02-30", "2026-03-06", "UTC"),
            Err(PeriodProblem::BadDate)
        );
        assert_eq!(
            Period::new("2026-03-06", "2026-03-05", "UTC"),
            Err(PeriodProblem::Backwards)
        );
        assert_eq!(
            Period::new("2025-01-01", "2026-01-02", "UTC"),
            Err(PeriodProblem::TooLong)
        );
        assert_eq!(
            Period::new("2024-01-01", "2024-12-31", "UTC")
                .unwrap()
                .days
                .len(),
            366
        );
        assert_eq!(
            Period::new("2026-03-05", "2026-03-06", "Mars/Olympus"),
            Err(PeriodProblem::UnknownTimezone)
        );
    }

    #[test]
    fn day_of_uses_local_days() {
        let p = Period::new("2026-11-09", "2026-11-10", "Europe/Madrid").unwrap();
        // 23:30 local on the 9th is 22:30 UTC: still the 9th.
        assert_eq!(p.day_of(utc(2026, 11, 9, 22, 30)), Some(0));
        // 00:30 local on the 10th is 23:30 UTC on the 9th: the 10th.
        assert_eq!(p.day_of(utc(2026, 11, 9, 23, 30)), Some(1));
        assert_eq!(p.day_of(p.since_ms - 1), None);
        assert_eq!(p.day_of(p.since_ms), Some(0));
        assert_eq!(p.day_of(p.until_ms - 1), Some(1));
        assert_eq!(p.day_of(p.until_ms), None);
        assert!(p.contains(p.since_ms) && !p.contains(p.until_ms));
    }

    #[test]
    fn last_days_excludes_today() {
        // 2026-11-16 00:30 in Madrid is 23:30 UTC on the 15th.
        let now = utc(2026, 11, 15, 23, 30);
        let p = Period::last_days(now, 7, "Europe/Madrid").unwrap();
        assert_eq!(
            (p.from.as_str(), p.to.as_str()),
            ("2026-11-09", "2026-11-15")
        );
        assert_eq!(p.until_ms, utc(2026, 11, 15, 23, 0));
        let in_utc = Period::last_days(now, 7, "UTC").unwrap();
        assert_eq!(
            (in_utc.from.as_str(), in_utc.to.as_str()),
            ("2026-11-08", "2026-11-14")
        );
        assert_eq!(
            Period::last_days(now, 0, "UTC"),
            Err(PeriodProblem::Backwards)
        );
        assert_eq!(
            Period::last_days(now, 400, "UTC"),
            Err(PeriodProblem::TooLong)
        );
    }

    #[test]
    fn start_of_day_is_local_midnight() {
        let now = utc(2026, 10, 25, 12, 0);
        assert_eq!(
            Period::start_of_day(now, "Europe/Madrid"),
            Ok(utc(2026, 10, 24, 22, 0))
        );
        assert_eq!(
            Period::start_of_day(now, "UTC"),
            Ok(utc(2026, 10, 25, 0, 0))
        );
        assert_eq!(
            Period::start_of_day(utc(2026, 9, 6, 12, 0), "America/Santiago"),
            Ok(utc(2026, 9, 6, 4, 0))
        );
        assert_eq!(
            Period::start_of_day(now, "Nowhere/Else"),
            Err(PeriodProblem::UnknownTimezone)
        );
    }
}
