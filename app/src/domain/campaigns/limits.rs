//! The number's messaging limit against a campaign: how many unique customers the business
//! may reach outside a customer-service window in a rolling 24 hours (facts sheet §20.1), and
//! the plan that keeps a campaign inside it (spread over days) or refuses it.

use serde::{Deserialize, Serialize};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// A day's batch starts this long after the rolling window has freed the previous one.
const MARGIN_MS: i64 = 10 * 60 * 1000;

/// Meta's portfolio tiers (`TIER_250` … `TIER_UNLIMITED`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessagingTier {
    #[serde(rename = "TIER_250")]
    T250,
    #[default]
    #[serde(rename = "TIER_2K")]
    T2K,
    #[serde(rename = "TIER_10K")]
    T10K,
    #[serde(rename = "TIER_100K")]
    T100K,
    #[serde(rename = "TIER_UNLIMITED")]
    Unlimited,
}

impl MessagingTier {
    pub const ALL: [MessagingTier; 5] = [
        MessagingTier::T250,
        MessagingTier::T2K,
        MessagingTier::T10K,
        MessagingTier::T100K,
        MessagingTier::Unlimited,
    ];

    /// Unique customers per rolling 24 hours; `None` for unlimited.
    pub fn limit(self) -> Option<u64> {
        match self {
            MessagingTier::T250 => Some(250),
            MessagingTier::T2K => Some(2_000),
            MessagingTier::T10K => Some(10_000),
            MessagingTier::T100K => Some(100_000),
            MessagingTier::Unlimited => None,
        }
    }

    /// Meta's name (`TIER_2K`).
    pub fn as_str(self) -> &'static str {
        match self {
            MessagingTier::T250 => "TIER_250",
            MessagingTier::T2K => "TIER_2K",
            MessagingTier::T10K => "TIER_10K",
            MessagingTier::T100K => "TIER_100K",
            MessagingTier::Unlimited => "TIER_UNLIMITED",
        }
    }

    pub fn parse(s: &str) -> Option<MessagingTier> {
        MessagingTier::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// What to do with a campaign larger than what is left of the limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverLimit {
    /// Send what fits now and the rest on the following days.
    #[default]
    Spread,
    /// Do not launch.
    Refuse,
}

/// A share of the recipients and when it may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub starts_at_ms: i64,
    pub recipients: u64,
}

/// The limit against the campaign, as the launch screen shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitPlan {
    pub tier: MessagingTier,
    /// Customers already reached in the last 24 hours.
    pub used: u64,
    /// What is left now (`None`: unlimited).
    pub left: Option<u64>,
    /// In order; one batch starting at once when it all fits.
    pub batches: Vec<Batch>,
    /// When the campaign was to start.
    pub start_ms: i64,
}

impl LimitPlan {
    /// Whether everything goes at the start, inside what is left of the limit.
    pub fn fits(&self) -> bool {
        self.batches.len() <= 1 && self.batches.iter().all(|b| b.starts_at_ms == self.start_ms)
    }

    /// Days over which the campaign goes out.
    pub fn days(&self) -> usize {
        self.batches.len().max(1)
    }
}

/// The campaign does not fit and the user chose to refuse it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverTheLimit {
    pub recipients: u64,
    pub left: u64,
}

/// Plans `recipients` starting at `start_ms` with `used` customers already reached in the
/// rolling 24 hours. Every recipient is counted (whether their window will be open when the
/// message goes is not known when planning, and being early costs less than Meta's refusal).
pub fn plan(
    recipients: u64,
    tier: MessagingTier,
    used: u64,
    over: OverLimit,
    start_ms: i64,
) -> Result<LimitPlan, OverTheLimit> {
    let Some(limit) = tier.limit() else {
        return Ok(LimitPlan {
            tier,
            used,
            left: None,
            batches: vec![Batch {
                starts_at_ms: start_ms,
                recipients,
            }],
            start_ms,
        });
    };
    let left = limit.saturating_sub(used);
    if recipients > left && over == OverLimit::Refuse {
        return Err(OverTheLimit { recipients, left });
    }
    let mut batches = Vec::new();
    let mut rest = recipients;
    let first = rest.min(left);
    if first > 0 || rest == 0 {
        batches.push(Batch {
            starts_at_ms: start_ms,
            recipients: first,
        });
    }
    rest -= first;
    let mut day = 1;
    while rest > 0 {
        let n = rest.min(limit);
        batches.push(Batch {
            starts_at_ms: start_ms + day * DAY_MS + MARGIN_MS,
            recipients: n,
        });
        rest -= n;
        day += 1;
    }
    Ok(LimitPlan {
        tier,
        used,
        left: Some(left),
        batches,
        start_ms,
    })
}

/// When recipient number `index` (from 0, in sending order) may go, by `plan`.
pub fn due_at(plan: &LimitPlan, index: u64) -> i64 {
    let mut seen = 0;
    for b in &plan.batches {
        seen += b.recipients;
        if index < seen {
            return b.starts_at_ms;
        }
    }
    plan.batches.last().map_or(0, |b| b.starts_at_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: i64 = 1_800_000_000_000;

    #[test]
    fn fits_in_one_batch() {
        let p = plan(1_500, MessagingTier::T2K, 300, OverLimit::Refuse, START).unwrap();
        assert!(p.fits());
        assert_eq!(p.left, Some(1_700));
        assert_eq!(due_at(&p, 1_499), START);
    }

    #[test]
    fn spreads_over_days_or_refuses() {
        let p = plan(4_500, MessagingTier::T2K, 500, OverLimit::Spread, START).unwrap();
        let counts: Vec<u64> = p.batches.iter().map(|b| b.recipients).collect();
        assert_eq!(counts, vec![1_500, 2_000, 1_000]);
        assert_eq!(p.days(), 3);
        assert_eq!(due_at(&p, 1_499), START);
        assert_eq!(due_at(&p, 1_500), START + DAY_MS + MARGIN_MS);
        assert_eq!(due_at(&p, 4_499), START + 2 * DAY_MS + MARGIN_MS);
        assert_eq!(
            plan(4_500, MessagingTier::T2K, 500, OverLimit::Refuse, START),
            Err(OverTheLimit {
                recipients: 4_500,
                left: 1_500
            })
        );
    }

    #[test]
    fn limit_used_up_starts_tomorrow() {
        let p = plan(10, MessagingTier::T250, 250, OverLimit::Spread, START).unwrap();
        assert_eq!(p.batches.len(), 1);
        assert_eq!(p.batches[0].starts_at_ms, START + DAY_MS + MARGIN_MS);
        assert!(!p.fits());
    }

    #[test]
    fn unlimited_always_fits() {
        let p = plan(
            1_000_000,
            MessagingTier::Unlimited,
            0,
            OverLimit::Refuse,
            START,
        )
        .unwrap();
        assert!(p.fits());
        assert_eq!(p.left, None);
        for t in MessagingTier::ALL {
            assert_eq!(MessagingTier::parse(t.as_str()), Some(t));
        }
    }
}
