//! Calendar dates (`YYYY-MM-DD`) without a time zone: the Reports screen's quick ranges move
//! whole days from "today" as the server says it is in the business's time zone.

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn days_of(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || day < 1 || day > month_length(year, month) {
        return None;
    }
    // Days-from-civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date `days` after 1970-01-01.
pub fn date_of(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `date` moved by `days` (negative: back).
pub fn add_days(date: &str, days: i64) -> Option<String> {
    days_of(date).map(|d| date_of(d + days))
}

/// The first day of `date`'s month.
pub fn month_start(date: &str) -> Option<String> {
    days_of(date)?;
    Some(format!("{}-01", &date.trim()[..7]))
}

fn month_length(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_by_whole_days() {
        assert_eq!(days_of("1970-01-01"), Some(0));
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2023-02-28", 1).as_deref(), Some("2023-03-01"));
        assert_eq!(add_days("2026-01-01", -1).as_deref(), Some("2025-12-31"));
        assert_eq!(add_days("2026-03-10", -30).as_deref(), Some("2026-02-08"));
        assert_eq!(month_start("2026-11-20").as_deref(), Some("2026-11-01"));
    }

    #[test]
    fn nonsense_is_no_date() {
        for bad in [
            "",
            "2026-13-01",
            "2026-02-30",
            "2023-02-29",
            "20260101",
            "x-y-z",
        ] {
            assert_eq!(days_of(bad), None, "{bad}");
        }
    }
}
