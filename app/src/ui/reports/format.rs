//! Figures as people read them, shared by the Reports screen and the dashboard: units, the
//! percent sign and money in the reader's language (`common.ftl`), numbers grouped by it.

use crate::i18n::{format_decimal, Lang, Texts};
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

/// Money with two decimals (four below one cent, as Meta's per-message prices are).
pub fn money(amount: f64, currency: &str) -> String {
    money_in(reader_lang(), amount, currency)
}

pub fn money_in(lang: Lang, amount: f64, currency: &str) -> String {
    let decimals = if amount != 0.0 && amount.abs() < 0.01 {
        4
    } else {
        2
    };
    Texts::get(lang).money(format_decimal(lang, amount, decimals, decimals), currency)
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
    fn rates_and_money() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(0, 0), "—");
        assert_eq!(money(1.5, "EUR"), "1.50 EUR");
        assert_eq!(money(0.0042, "USD"), "0.0042 USD");
        assert_eq!(money(0.0, "USD"), "0.00 USD");
    }

    #[test]
    fn figures_in_the_readers_language() {
        assert_eq!(duration_in(Lang::PtBr, 80 * 60_000), "1 h 20 min");
        assert_eq!(duration_in(Lang::Es, 2 * 1440 * 60_000), "2 d");
        // Spanish keeps the sign apart, with a space that never breaks.
        assert_eq!(percent_in(Lang::Es, 1, 3), "33\u{a0}%");
        assert_eq!(percent_in(Lang::PtBr, 1, 3), "33%");
        assert_eq!(money_in(Lang::PtBr, 1234.5, "BRL"), "BRL 1.234,50");
        assert_eq!(money_in(Lang::Es, 0.0042, "EUR"), "0,0042 EUR");
    }
}
