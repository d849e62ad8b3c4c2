//! Business hours in the business's time zone.

use super::config::{BusinessHours, DayHours};
use crate::i18n::{CustomerTexts, Lang};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// Days looked ahead for the next opening: a week, plus today's remainder and a spare day.
const LOOKAHEAD_DAYS: u64 = 8;

/// Whether a name is a known IANA time zone.
pub fn known_timezone(name: &str) -> bool {
    zone(name).is_some()
}

fn zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Openness {
    Open,
    /// Closed; `reopens_at_ms` is the next opening (None: never open).
    Closed {
        reopens_at_ms: Option<i64>,
    },
}

pub fn openness(hours: &BusinessHours, now_ms: i64) -> Openness {
    if !hours.enabled {
        return Openness::Open;
    }
    // Saving refuses unknown zones; should one still be stored, saying "we're closed" at the
    // wrong times would be worse than not mentioning hours at all.
    let Some(tz) = zone(&hours.timezone) else {
        return Openness::Open;
    };
    let Some(now) = DateTime::from_timestamp_millis(now_ms) else {
        return Openness::Open;
    };
    let local = now.with_timezone(&tz);
    let day = day_hours(hours, local.date_naive());
    let minute = (local.hour() * 60 + local.minute()) as u16;
    if day.open && day.from_minute <= minute && minute < day.to_minute {
        return Openness::Open;
    }
    Openness::Closed {
        reopens_at_ms: next_opening(hours, tz, now).map(|at| at.timestamp_millis()),
    }
}

fn day_hours(hours: &BusinessHours, date: NaiveDate) -> DayHours {
    hours.days[date.weekday().num_days_from_monday() as usize]
}

/// The first opening strictly after `now`.
fn next_opening(hours: &BusinessHours, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let today = now.with_timezone(&tz).date_naive();
    (0..=LOOKAHEAD_DAYS)
        .filter_map(|ahead| today.checked_add_days(Days::new(ahead)))
        .filter_map(|date| opening_on(tz, date, day_hours(hours, date)))
        .find(|at| *at > now)
}

/// When a day opens. A local time skipped by a DST change ("02:30" on the spring-forward
/// night) opens at the first minute that exists; a repeated one at its first occurrence.
fn opening_on(tz: Tz, date: NaiveDate, day: DayHours) -> Option<DateTime<Utc>> {
    if !day.open {
        return None;
    }
    (day.from_minute..day.to_minute).find_map(|minute| {
        let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
        tz.from_local_datetime(&date.and_time(time))
            .earliest()
            .map(|at| at.with_timezone(&Utc))
    })
}

/// "hoy a las 09:00", "mañana a las 09:00", "el lunes a las 09:00" / "today at 09:00",
/// "tomorrow at 09:00", "on Monday at 09:00", in the business's time zone.
pub fn describe_reopening(
    hours: &BusinessHours,
    reopens_at_ms: i64,
    now_ms: i64,
    lang: Lang,
) -> String {
    let tz = zone(&hours.timezone).unwrap_or(Tz::UTC);
    let local = |ms| DateTime::from_timestamp_millis(ms).map(|at| at.with_timezone(&tz));
    let (Some(at), Some(now)) = (local(reopens_at_ms), local(now_ms)) else {
        return CustomerTexts::get(lang).reopen_soon.into();
    };
    let time = at.format("%H:%M");
    let days_ahead = (at.date_naive() - now.date_naive()).num_days();
    let weekday = at.weekday().num_days_from_monday() as usize;
    let words = CustomerTexts::get(lang);
    let time = time.to_string();
    match days_ahead {
        ..=0 => words.reopen_today(time),
        1 => words.reopen_tomorrow(time),
        _ => words.reopen_on_day(words.weekdays[weekday], time),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(timezone: &str, open_days: usize, from_h: u16, to_h: u16) -> BusinessHours {
        let mut hours = BusinessHours {
            enabled: true,
            timezone: timezone.into(),
            ..BusinessHours::default()
        };
        for (n, day) in hours.days.iter_mut().enumerate() {
            *day = DayHours {
                open: n < open_days,
                from_minute: from_h * 60,
                to_minute: to_h * 60,
            };
        }
        hours
    }

    /// Milliseconds of a local time in `tz`.
    fn at(tz: &str, y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        let tz: Tz = tz.parse().unwrap();
        tz.with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .timestamp_millis()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .timestamp_millis()
    }

    const MX: &str = "America/Mexico_City";

    fn reopening(hours: &BusinessHours, now: i64) -> Option<i64> {
        match openness(hours, now) {
            Openness::Closed { reopens_at_ms } => reopens_at_ms,
            Openness::Open => panic!("expected closed at {now}"),
        }
    }

    #[test]
    fn time_zones_are_known_by_their_iana_name() {
        assert!(known_timezone("America/Mexico_City"));
        assert!(known_timezone(" Europe/Madrid "));
        assert!(known_timezone("UTC"));
        assert!(!known_timezone(""));
        assert!(!known_timezone("Mars/Olympus"));
    }

    #[test]
    fn mexico_city_weekdays_nine_to_six() {
        let hours = schedule(MX, 5, 9, 18);
        // 2024-06-07 is a Friday; Mexico City is UTC-6 all year.
        assert_eq!(openness(&hours, at(MX, 2024, 6, 7, 9, 0)), Openness::Open);
        assert_eq!(openness(&hours, at(MX, 2024, 6, 7, 17, 59)), Openness::Open);
        let friday_night = at(MX, 2024, 6, 7, 20, 0);
        let monday = reopening(&hours, friday_night).unwrap();
        assert_eq!(monday, utc(2024, 6, 10, 15, 0));
        assert_eq!(
            describe_reopening(&hours, monday, friday_night, Lang::Es),
            "el lunes a las 09:00"
        );
        assert_eq!(
            describe_reopening(&hours, monday, friday_night, Lang::En),
            "on Monday at 09:00"
        );
        let saturday = at(MX, 2024, 6, 8, 12, 0);
        assert_eq!(reopening(&hours, saturday), Some(monday));

        let tuesday_early = at(MX, 2024, 6, 11, 7, 0);
        let tuesday_nine = reopening(&hours, tuesday_early).unwrap();
        assert_eq!(tuesday_nine, at(MX, 2024, 6, 11, 9, 0));
        assert_eq!(
            describe_reopening(&hours, tuesday_nine, tuesday_early, Lang::Es),
            "hoy a las 09:00"
        );
        assert_eq!(
            describe_reopening(&hours, tuesday_nine, tuesday_early, Lang::En),
            "today at 09:00"
        );

        let tuesday_evening = at(MX, 2024, 6, 11, 18, 30);
        // Closing time is closed already.
        let six = at(MX, 2024, 6, 11, 18, 0);
        assert_eq!(reopening(&hours, six), reopening(&hours, tuesday_evening));
        let wednesday = reopening(&hours, tuesday_evening).unwrap();
        assert_eq!(wednesday, at(MX, 2024, 6, 12, 9, 0));
        assert_eq!(
            describe_reopening(&hours, wednesday, tuesday_evening, Lang::Es),
            "mañana a las 09:00"
        );
        assert_eq!(
            describe_reopening(&hours, wednesday, tuesday_evening, Lang::En),
            "tomorrow at 09:00"
        );
    }

    #[test]
    fn madrid_across_daylight_saving_changes() {
        const MAD: &str = "Europe/Madrid";
        let hours = schedule(MAD, 5, 9, 18);
        // Clocks go forward on Sunday 2024-03-31: Monday's 09:00 is 07:00 UTC, not 08:00.
        let friday_night = at(MAD, 2024, 3, 29, 20, 0);
        let monday = reopening(&hours, friday_night).unwrap();
        assert_eq!(monday, utc(2024, 4, 1, 7, 0));
        assert_eq!(
            describe_reopening(&hours, monday, friday_night, Lang::Es),
            "el lunes a las 09:00"
        );

        // Open on Sundays from 02:30, a time that does not exist that night: 03:00 CEST.
        let mut night = schedule(MAD, 0, 0, 5);
        night.days[6] = DayHours {
            open: true,
            from_minute: 2 * 60 + 30,
            to_minute: 5 * 60,
        };
        let saturday = at(MAD, 2024, 3, 30, 12, 0);
        assert_eq!(reopening(&night, saturday), Some(utc(2024, 3, 31, 1, 0)));
        // When clocks go back (2024-10-27) 02:30 happens twice: the first one, in CEST.
        let saturday = at(MAD, 2024, 10, 26, 12, 0);
        assert_eq!(reopening(&night, saturday), Some(utc(2024, 10, 27, 0, 30)));
    }

    #[test]
    fn never_open_disabled_or_unknown_zone() {
        let closed = schedule(MX, 0, 9, 18);
        let now = at(MX, 2024, 6, 11, 10, 0);
        assert_eq!(
            openness(&closed, now),
            Openness::Closed {
                reopens_at_ms: None
            }
        );
        let disabled = BusinessHours {
            enabled: false,
            ..closed.clone()
        };
        assert_eq!(openness(&disabled, now), Openness::Open);
        let unknown = BusinessHours {
            timezone: "Nowhere/Special".into(),
            ..closed
        };
        assert_eq!(openness(&unknown, now), Openness::Open);
    }

    #[test]
    fn a_week_ahead_is_still_found() {
        // Only Mondays, and it is Monday evening: next Monday.
        let mut hours = schedule(MX, 1, 9, 18);
        hours.days[0].to_minute = 24 * 60;
        assert_eq!(
            openness(&hours, at(MX, 2024, 6, 10, 23, 59)),
            Openness::Open
        );
        let sunday = at(MX, 2024, 6, 9, 23, 0);
        let next = reopening(&hours, sunday).unwrap();
        assert_eq!(
            describe_reopening(&hours, next, sunday, Lang::En),
            "tomorrow at 09:00"
        );
        let tuesday = at(MX, 2024, 6, 11, 0, 0);
        let next = reopening(&hours, tuesday).unwrap();
        assert_eq!(next, at(MX, 2024, 6, 17, 9, 0));
        assert_eq!(
            describe_reopening(&hours, next, tuesday, Lang::Es),
            "el lunes a las 09:00"
        );
    }
}
