//! Figures as people read them, shared by the Reports screen and the dashboard.

/// A duration rounded to what matters: "<1 min", "4 min", "1 h 20 min", "2 d 3 h".
pub fn duration(ms: i64) -> String {
    let minutes = (ms.max(0) + 30_000) / 60_000;
    if ms < 60_000 && minutes <= 1 {
        return if ms < 30_000 {
            "<1 min".into()
        } else {
            "1 min".into()
        };
    }
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// An optional duration, "—" when there was nothing to measure.
pub fn maybe_duration(ms: Option<i64>) -> String {
    ms.map(duration).unwrap_or_else(|| "—".into())
}

/// `part` of `whole` as a whole percentage, "—" of nothing.
pub fn percent(part: u64, whole: u64) -> String {
    match (part * 100 + whole / 2).checked_div(whole) {
        Some(share) => format!("{share}%"),
        None => "—".into(),
    }
}

/// A rate from the report's figures, as a percentage.
pub fn share(share: crate::wire::reports::Share) -> String {
    percent(share.part, share.whole)
}

/// Money with two decimals (four below one cent, as Meta's per-message prices are).
pub fn money(amount: f64, currency: &str) -> String {
    if amount != 0.0 && amount.abs() < 0.01 {
        format!("{amount:.4} {currency}")
    } else {
        format!("{amount:.2} {currency}")
    }
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
}
