//! "3 min ago", in the reader's language (plurals from `common.ftl`).

use super::{Lang, Texts};
use chrono_tz::Tz;

/// How long ago `ms` was, seen at `now_ms`: "just now", minutes, hours, "yesterday" and days
/// for a week, then the date.
pub fn relative_time(lang: Lang, ms: i64, now_ms: i64, tz: Tz) -> String {
    let texts = Texts::get(lang);
    let seconds = (now_ms - ms).max(0) / 1000;
    match seconds {
        0..60 => texts.relative_now.to_string(),
        60..3_600 => texts.relative_minutes(seconds / 60),
        3_600..86_400 => texts.relative_hours(seconds / 3_600),
        86_400..604_800 => texts.relative_days(seconds / 86_400),
        _ => super::day_label(lang, ms, tz),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_are_localised() {
        let now = 1_796_610_600_000;
        let tz = Tz::UTC;
        assert_eq!(relative_time(Lang::En, now - 5_000, now, tz), "just now");
        assert_eq!(relative_time(Lang::En, now - 180_000, now, tz), "3 min ago");
        assert_eq!(
            relative_time(Lang::Es, now - 3_600_000, now, tz),
            "hace 1 h"
        );
        assert_eq!(
            relative_time(Lang::PtBr, now - 2 * 86_400_000, now, tz),
            "há 2 dias"
        );
        assert_eq!(
            relative_time(Lang::En, now - 86_400_000, now, tz),
            "1 day ago"
        );
    }
}
