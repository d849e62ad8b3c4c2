//! Dates and times in a time zone, with each language's month names and date order (from
//! `common.ftl`, so translators own them). Hours are written 00–23 in every language: the desk
//! is a work tool and the three languages' business use reads 24-hour times.

use super::{Lang, Texts};
use chrono::{Datelike, TimeZone, Timelike};
use chrono_tz::Tz;

fn local(ms: i64, tz: Tz) -> chrono::DateTime<Tz> {
    tz.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_else(|| tz.timestamp_millis_opt(0).unwrap())
}

/// "14:05" in `tz`.
pub fn time_in(ms: i64, tz: Tz) -> String {
    let t = local(ms, tz);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "Dec 7, 2026" / "7 dic 2026" / "7 de dez. de 2026" in `tz`.
pub fn day_label(lang: Lang, ms: i64, tz: Tz) -> String {
    let t = local(ms, tz);
    let texts = Texts::get(lang);
    let month = texts.months_short[t.month0() as usize];
    texts.date(t.day().to_string(), month, t.year().to_string())
}

/// A day and time: "Dec 7, 2026, 14:05".
pub fn moment_in(lang: Lang, ms: i64, tz: Tz) -> String {
    Texts::get(lang).date_time(day_label(lang, ms, tz), time_in(ms, tz))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_language_and_zone() {
        // 2026-12-07 02:30 UTC is still the 6th in Mexico City.
        let ms = 1_796_610_600_000;
        assert_eq!(moment_in(Lang::En, ms, Tz::UTC), "Dec 7, 2026, 02:30");
        assert_eq!(
            moment_in(Lang::Es, ms, Tz::America__Mexico_City),
            "6 dic 2026, 20:30"
        );
        assert_eq!(
            day_label(Lang::PtBr, ms, Tz::America__Sao_Paulo),
            "6 de dez. de 2026"
        );
    }
}
