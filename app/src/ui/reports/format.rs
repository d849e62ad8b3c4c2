//! Figures as people read them, shared by the Reports screen and the dashboard: units, the
//! percent sign in the reader's language (`common.ftl`), numbers grouped by it.

use crate::i18n::{Lang, Texts};
use crate::ui::clock::reader_lang;

/// A duration rounded to what matters: "<1 min", "4 min", "1 h 20 min", "2 d 3 h".
pub fn duration(ms: i64) -> String {
    duration_in(reader_lang(), ms)
}

pub fn duration_in(lang: Lang, ms: i64) -> String {
    let t = Texts::get(lang);
    let minutes = (ms.max(0) + 30_000) / 60_000;
    if ms < 60_000 && minutes <= 1 {
        return if ms < 30_000 {
            t.duration_under_minute.into()
        } else {
            t.duration_minutes(1)
        };
    }
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => t.duration_minutes(m),
        (0, h, 0) => t.duration_hours(h),
        (0, h, m) => t.duration_hours_minutes(h, m),
        (d, 0, _) => t.duration_days(d),
        (d, h, _) => t.duration_days_hours(d, h),
    }
}

/// An optional duration, "—" when there was nothing to measure.
pub fn maybe_duration(ms: Option<i64>) -> String {
    ms.map(duration).unwrap_or_else(|| "—".into())
}

/// `part` of `whole` as a whole percentage, "—" of nothing.
pub fn percent(part: u64, whole: u64) -> String {
    percent_in(reader_lang(), part, whole)
}

pub fn percent_in(lang: Lang, part: u64, whole: u64) -> String {
    match (part * 100 + whole / 2).checked_div(whole) {
        Some(share) => Texts::get(lang).percent(share),
        None => "—".into(),
    }
}

/// A rate from the report's figures, as a percentage.
pub fn share(share: crate::wire::reports::Share) -> String {
    percent(share.part, share.whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0), "<1 min");
        assert_eq!(duration(29_000), "<1 min");
        assert_eq!(duration(45_000), "1 min");
        assert_eq!(duration(4 * 60_000 + 10_000), "4 min");
        assert_eq!(duration(60 * 60_000), "1 h");
        assert_eq!(duration(80 * 60_000), "1 h 20 min");
        assert_eq!(duration((2 * 1440 + 3 * 60 + 12) * 60_000), "2 d 3 h");
        assert_eq!(duration(2 * 1440 * 60_000), "2 d");
        assert_eq!(maybe_duration(None), "—");
    }

    #[test]
    fn rates() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(0, 0), "—");
    }

    #[test]
    fn figures_in_the_readers_language() {
        assert_eq!(duration_in(Lang::PtBr, 80 * 60_000), "1 h 20 min");
        assert_eq!(duration_in(Lang::Es, 2 * 1440 * 60_000), "2 d");
        // Spanish keeps the sign apart, with a space that never breaks.
        assert_eq!(percent_in(Lang::Es, 1, 3), "33\u{a0}%");
        assert_eq!(percent_in(Lang::PtBr, 1, 3), "33%");
    }
}
