//! The customer-service window: free-form messages (text, media, interactive, reactions) may be
//! sent while it is open, which is for 24 hours after the customer's latest message. Outside it
//! only an approved template may go. Every send path on the server and every badge, countdown
//! and composer in the browser asks [`window`]; nothing else decides.
//!
//! The Click-to-WhatsApp "free entry point" (72 hours) changes what Meta charges, never what
//! may be sent, so it does not appear here.

use serde::{Deserialize, Serialize};

pub const WINDOW_MS: i64 = 24 * 60 * 60 * 1000;
/// The console warns (amber) when less than this is left, unless the team chose otherwise
/// (Settings → Console, stored as [`WARNING_SETTING`] in minutes).
pub const DEFAULT_WARNING_MS: i64 = 60 * 60 * 1000;
/// The team setting: minutes before the deadline when the console starts warning.
pub const WARNING_SETTING: &str = "window_warning_minutes";
/// The warning may be set between one minute and the whole window.
pub const WARNING_MINUTES_MAX: i64 = 24 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Window {
    /// Free-form messages may be sent until `closes_at_ms`.
    Open { closes_at_ms: i64, left_ms: i64 },
    /// Only templates; closed since `closed_at_ms` (`None`: the customer never wrote).
    Closed { closed_at_ms: Option<i64> },
}

impl Window {
    pub fn is_open(self) -> bool {
        matches!(self, Window::Open { .. })
    }

    /// Open, with less than `warning_ms` left.
    pub fn closing_soon(self, warning_ms: i64) -> bool {
        matches!(self, Window::Open { left_ms, .. } if left_ms < warning_ms)
    }
}

/// The window of a customer whose latest message arrived at `last_inbound_at_ms`. The deadline
/// itself is outside: at exactly 24 hours the window is closed.
pub fn window(last_inbound_at_ms: Option<i64>, now_ms: i64) -> Window {
    let Some(last) = last_inbound_at_ms else {
        return Window::Closed { closed_at_ms: None };
    };
    let closes_at_ms = last.saturating_add(WINDOW_MS);
    let left_ms = closes_at_ms - now_ms;
    if left_ms > 0 {
        Window::Open {
            closes_at_ms,
            left_ms,
        }
    } else {
        Window::Closed {
            closed_at_ms: Some(closes_at_ms),
        }
    }
}

/// Why a free-form message may not go now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowClosed {
    pub closed_at_ms: Option<i64>,
}

/// Whether a message may be sent now: templates always (as far as the window goes), anything
/// free-form only inside the window.
pub fn may_send(
    free_form: bool,
    last_inbound_at_ms: Option<i64>,
    now_ms: i64,
) -> Result<(), WindowClosed> {
    match window(last_inbound_at_ms, now_ms) {
        Window::Closed { closed_at_ms } if free_form => Err(WindowClosed { closed_at_ms }),
        _ => Ok(()),
    }
}

/// The warning threshold from the team setting (minutes), clamped to sense.
pub fn warning_ms(setting: Option<&str>) -> i64 {
    setting
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|m| (1..=WARNING_MINUTES_MAX).contains(m))
        .map_or(DEFAULT_WARNING_MS, |m| m * 60_000)
}

/// The list's window filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowFilter {
    /// Open, inside the warning threshold; served closing-first.
    ClosingSoon,
    /// Closed (or never opened): only templates.
    Closed,
}

impl WindowFilter {
    /// Whether a conversation belongs under this filter now. The store's SQL says the same.
    pub fn matches(self, last_inbound_at_ms: Option<i64>, now_ms: i64, warning_ms: i64) -> bool {
        let w = window(last_inbound_at_ms, now_ms);
        match self {
            WindowFilter::ClosingSoon => w.closing_soon(warning_ms),
            WindowFilter::Closed => !w.is_open(),
        }
    }

    /// The `last_inbound_at` range `(after, up_to)` a conversation's customer must fall in:
    /// closing soon means `now - 24h < last < now - 24h + warning`.
    pub fn closing_soon_range(now_ms: i64, warning_ms: i64) -> (i64, i64) {
        let opened_before = now_ms - WINDOW_MS;
        (opened_before, opened_before + warning_ms)
    }
}

/// "23h 5m", "42m", "<1m": the time left, short enough for a badge.
pub fn short_duration(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    match (minutes / 60, minutes % 60) {
        (0, 0) => "<1m".to_string(),
        (0, m) => format!("{m}m"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// "23:59:07": a countdown that visibly ticks.
pub fn countdown(ms: i64) -> String {
    // Round up: the last second shows 0:00:01, not 0:00:00 while still open.
    let secs = (ms.max(0) + 999) / 1000;
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 60 * 60 * 1000;
    const DAY: i64 = 24 * H;

    #[test]
    fn the_window_table() {
        // (case, last inbound, now, open?)
        let t0 = 1_780_000_000_000;
        let table: &[(&str, Option<i64>, i64, bool)] = &[
            ("just wrote", Some(t0), t0, true),
            ("an hour later", Some(t0), t0 + H, true),
            ("1 ms before the deadline", Some(t0), t0 + DAY - 1, true),
            ("exactly 24 h: closed", Some(t0), t0 + DAY, false),
            ("a day and a bit", Some(t0), t0 + DAY + 1, false),
            ("never wrote", None, t0, false),
            // The window runs from the customer's latest message only: an outbound message
            // (ours) never moves it, and a new inbound message re-opens a closed window.
            (
                "closed, then the customer writes",
                Some(t0 + 2 * DAY),
                t0 + 2 * DAY + 5,
                true,
            ),
            // A clock that runs behind the message (clock skew) still counts it as open.
            ("message stamped in the future", Some(t0 + 1000), t0, true),
        ];
        for (case, last, now, open) in table {
            assert_eq!(window(*last, *now).is_open(), *open, "{case}");
            assert_eq!(may_send(true, *last, *now).is_ok(), *open, "{case}");
            assert_eq!(may_send(false, *last, *now), Ok(()), "templates: {case}");
        }
    }

    #[test]
    fn the_window_says_when_it_closes_or_closed() {
        assert_eq!(
            window(Some(0), H),
            Window::Open {
                closes_at_ms: DAY,
                left_ms: DAY - H
            }
        );
        assert_eq!(
            window(Some(0), DAY),
            Window::Closed {
                closed_at_ms: Some(DAY)
            }
        );
        assert_eq!(window(None, 5), Window::Closed { closed_at_ms: None });
        assert_eq!(
            may_send(true, Some(0), 2 * DAY),
            Err(WindowClosed {
                closed_at_ms: Some(DAY)
            })
        );
    }

    #[test]
    fn warning_under_the_threshold() {
        assert!(!window(Some(0), 22 * H).closing_soon(DEFAULT_WARNING_MS));
        assert!(window(Some(0), 23 * H + 1).closing_soon(DEFAULT_WARNING_MS));
        assert!(window(Some(0), 21 * H).closing_soon(4 * H));
        assert!(
            !window(Some(0), DAY).closing_soon(DEFAULT_WARNING_MS),
            "closed is not closing"
        );
        assert_eq!(warning_ms(None), DEFAULT_WARNING_MS);
        assert_eq!(warning_ms(Some("90")), 90 * 60_000);
        assert_eq!(warning_ms(Some("0")), DEFAULT_WARNING_MS);
        assert_eq!(warning_ms(Some("lots")), DEFAULT_WARNING_MS);
    }

    #[test]
    fn filters_agree_with_the_window() {
        let now = 10 * DAY;
        let (after, up_to) = WindowFilter::closing_soon_range(now, H);
        for last in [after - 1, after, after + 1, up_to - 1, up_to, up_to + 1] {
            let by_range = last > after && last < up_to;
            assert_eq!(
                WindowFilter::ClosingSoon.matches(Some(last), now, H),
                by_range,
                "last inbound {last}"
            );
        }
        assert!(WindowFilter::Closed.matches(None, now, H));
        assert!(WindowFilter::Closed.matches(Some(now - DAY), now, H));
        assert!(!WindowFilter::Closed.matches(Some(now - DAY + 1), now, H));
    }

    #[test]
    fn durations_are_short() {
        assert_eq!(short_duration(23 * H + 5 * 60_000), "23h 5m");
        assert_eq!(short_duration(42 * 60_000), "42m");
        assert_eq!(short_duration(30_000), "<1m");
        assert_eq!(short_duration(-5), "<1m");
        assert_eq!(countdown(DAY - 1), "24:00:00");
        assert_eq!(countdown(H + 61_000), "1:01:01");
        assert_eq!(countdown(1), "0:00:01");
        assert_eq!(countdown(0), "0:00:00");
    }
}
