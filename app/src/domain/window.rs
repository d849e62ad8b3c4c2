//! The customer-service window: free-form messages may be sent while it is open, which is for
//! 24 hours after the customer's latest message. Outside it only an approved template may go.

use serde::{Deserialize, Serialize};

pub const WINDOW_MS: i64 = 24 * 60 * 60 * 1000;
/// Under this much time left the console warns (amber).
pub const CLOSING_SOON_MS: i64 = 2 * 60 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Window {
    /// Open with plenty of time left.
    Open { closes_at_ms: i64, left_ms: i64 },
    /// Open, but closing within two hours.
    ClosingSoon { closes_at_ms: i64, left_ms: i64 },
    /// Closed since `closed_at_ms` (`None`: the customer never wrote).
    Closed { closed_at_ms: Option<i64> },
}

impl Window {
    pub fn is_open(self) -> bool {
        !matches!(self, Window::Closed { .. })
    }
}

/// The window of a customer whose latest message arrived at `last_inbound_at_ms`.
pub fn window(last_inbound_at_ms: Option<i64>, now_ms: i64) -> Window {
    let Some(last) = last_inbound_at_ms else {
        return Window::Closed { closed_at_ms: None };
    };
    let closes_at_ms = last.saturating_add(WINDOW_MS);
    let left_ms = closes_at_ms - now_ms;
    if left_ms <= 0 {
        Window::Closed {
            closed_at_ms: Some(closes_at_ms),
        }
    } else if left_ms < CLOSING_SOON_MS {
        Window::ClosingSoon {
            closes_at_ms,
            left_ms,
        }
    } else {
        Window::Open {
            closes_at_ms,
            left_ms,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 60 * 60 * 1000;

    #[test]
    fn open_for_24_hours_after_the_last_inbound_message() {
        assert!(matches!(window(Some(0), 0), Window::Open { left_ms, .. } if left_ms == 24 * H));
        assert!(matches!(window(Some(0), 21 * H), Window::Open { .. }));
        assert!(
            matches!(window(Some(0), 23 * H), Window::ClosingSoon { left_ms, .. } if left_ms == H)
        );
        assert_eq!(
            window(Some(0), 24 * H),
            Window::Closed {
                closed_at_ms: Some(24 * H)
            },
            "the 24th hour is the end"
        );
    }

    #[test]
    fn a_customer_who_never_wrote_has_no_window() {
        assert_eq!(window(None, 5), Window::Closed { closed_at_ms: None });
        assert!(!window(None, 5).is_open());
    }

    #[test]
    fn durations_are_short() {
        assert_eq!(short_duration(23 * H + 5 * 60_000), "23h 5m");
        assert_eq!(short_duration(42 * 60_000), "42m");
        assert_eq!(short_duration(30_000), "<1m");
        assert_eq!(short_duration(-5), "<1m");
    }
}
