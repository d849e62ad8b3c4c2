//! The business number as Meta rates it: its quality rating, the portfolio's messaging
//! limit (unique customers reached outside a customer-service window in a rolling 24 hours)
//! and the share of customers WhatsApp's per-user marketing limit holds back. Changed at run
//! time by `POST /sim/number` (tests, demos, the phone page's controls).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The number's state, as `GET /{phone-number-id}` and the send path see it.
#[derive(Clone, Debug, Serialize)]
pub struct NumberState {
    /// `GREEN`, `YELLOW`, `RED` or `NA` (Meta's `quality_rating`).
    pub quality_rating: String,
    /// Meta's portfolio tier string (`TIER_250` … `TIER_UNLIMITED`).
    pub messaging_limit: String,
    /// 0.0–1.0: the share of customers for whom marketing templates fail with 131049.
    pub marketing_limited_share: f64,
    /// Customers reached outside their window: customer id → when (unix ms).
    #[serde(skip)]
    reached: HashMap<u64, i64>,
}

impl Default for NumberState {
    fn default() -> Self {
        NumberState {
            quality_rating: "GREEN".into(),
            messaging_limit: "TIER_2K".into(),
            marketing_limited_share: 0.0,
            reached: HashMap::new(),
        }
    }
}

/// What `POST /sim/number` may change; absent fields stay.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberChange {
    pub quality_rating: Option<String>,
    pub messaging_limit: Option<String>,
    pub marketing_limited_share: Option<f64>,
}

/// Meta's tier strings and the unique customers each allows (`None`: unlimited).
pub fn tier_size(tier: &str) -> Option<Option<usize>> {
    match tier {
        "TIER_50" => Some(Some(50)),
        "TIER_250" => Some(Some(250)),
        "TIER_2K" => Some(Some(2_000)),
        "TIER_10K" => Some(Some(10_000)),
        "TIER_100K" => Some(Some(100_000)),
        "TIER_UNLIMITED" => Some(None),
        _ => None,
    }
}

impl NumberState {
    /// Applies a change, or says what is wrong with it (nothing changes then).
    pub fn change(&mut self, change: NumberChange) -> Result<(), String> {
        if let Some(q) = &change.quality_rating {
            if !["GREEN", "YELLOW", "RED", "NA"].contains(&q.as_str()) {
                return Err(format!(
                    "quality_rating must be GREEN, YELLOW, RED or NA, not {q:?}"
                ));
            }
        }
        if let Some(t) = &change.messaging_limit {
            if tier_size(t).is_none() {
                return Err(format!(
                    "messaging_limit must be TIER_50, TIER_250, TIER_2K, TIER_10K, TIER_100K or TIER_UNLIMITED, not {t:?}"
                ));
            }
        }
        if let Some(s) = change.marketing_limited_share {
            if !(0.0..=1.0).contains(&s) {
                return Err(format!(
                    "marketing_limited_share must be between 0 and 1, not {s}"
                ));
            }
        }
        if let Some(q) = change.quality_rating {
            self.quality_rating = q;
        }
        if let Some(t) = change.messaging_limit {
            self.messaging_limit = t;
        }
        if let Some(s) = change.marketing_limited_share {
            self.marketing_limited_share = s;
        }
        Ok(())
    }

    /// Counts a business-initiated message to `customer` (outside their window) against the
    /// messaging limit; false when the limit is reached and the customer is a new one.
    pub fn reach(&mut self, customer: u64, now_ms: i64) -> bool {
        self.reached.retain(|_, at| now_ms - *at < DAY_MS);
        if self.reached.contains_key(&customer) {
            return true;
        }
        let limit = tier_size(&self.messaging_limit).flatten();
        if limit.is_some_and(|limit| self.reached.len() >= limit) {
            return false;
        }
        self.reached.insert(customer, now_ms);
        true
    }

    /// Whether WhatsApp's per-user marketing limit holds `address` back by the configured
    /// share: decided by the address's hash, so the same customer stays held back.
    pub fn in_limited_share(&self, address: &str) -> bool {
        if self.marketing_limited_share <= 0.0 {
            return false;
        }
        // FNV-1a: stable across runs and platforms (std's hasher is seeded per process).
        let hash = address.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        (hash % 10_000) as f64 / 10_000.0 < self.marketing_limited_share
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_unique_customers_in_a_rolling_day() {
        let mut n = NumberState::default();
        n.change(NumberChange {
            messaging_limit: Some("TIER_50".into()),
            ..NumberChange::default()
        })
        .expect("valid");
        for c in 0..50 {
            assert!(n.reach(c, 1_000));
        }
        assert!(
            n.reach(7, 2_000),
            "a customer already reached is not counted twice"
        );
        assert!(!n.reach(50, 2_000), "the 51st customer is over the limit");
        assert!(
            n.reach(50, 1_000 + DAY_MS),
            "a day later the window has moved on"
        );
    }

    #[test]
    fn changes_are_checked_before_anything_changes() {
        let mut n = NumberState::default();
        let bad = NumberChange {
            quality_rating: Some("RED".into()),
            messaging_limit: Some("TIER_3".into()),
            ..NumberChange::default()
        };
        assert!(n.change(bad).is_err());
        assert_eq!(n.quality_rating, "GREEN");
        assert!(n
            .change(NumberChange {
                marketing_limited_share: Some(1.5),
                ..NumberChange::default()
            })
            .is_err());
    }

    #[test]
    fn the_limited_share_is_about_the_share_asked_and_stable() {
        let mut n = NumberState::default();
        assert!(!n.in_limited_share("919810012300"));
        n.marketing_limited_share = 0.3;
        let held = (0..2_000)
            .filter(|i| n.in_limited_share(&format!("9198100{i:05}")))
            .count();
        assert!((450..750).contains(&held), "{held} of 2000 held back");
        let a = n.in_limited_share("919810012345");
        assert_eq!(a, n.in_limited_share("919810012345"));
    }
}
