//! How fast the desk may send: Meta's throughput per number, its pair limit per customer,
//! and how long to wait before trying a failed send again.

/// A token bucket: `capacity` sends at once, refilled at `per_second`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bucket {
    tokens: f64,
    updated_ms: i64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
    pub capacity: f64,
    pub per_second: f64,
}

impl Rate {
    /// Meta's default throughput for a business number: 80 messages a second.
    pub const THROUGHPUT: Rate = Rate {
        capacity: 80.0,
        per_second: 80.0,
    };
    /// Meta's pair limit: about one message every 6 s to the same customer, with bursts.
    pub const PAIR: Rate = Rate {
        capacity: 20.0,
        per_second: 1.0 / 6.0,
    };
}

impl Bucket {
    pub fn full(rate: Rate, now_ms: i64) -> Bucket {
        Bucket {
            tokens: rate.capacity,
            updated_ms: now_ms,
        }
    }

    /// Whether the bucket has refilled completely by `now_ms` (its state can be forgotten).
    pub fn is_full(&self, rate: Rate, now_ms: i64) -> bool {
        let elapsed = (now_ms - self.updated_ms).max(0) as f64 / 1000.0;
        self.tokens + elapsed * rate.per_second >= rate.capacity
    }

    /// Takes one token, or says how many milliseconds until one is available.
    pub fn take(&mut self, rate: Rate, now_ms: i64) -> Result<(), i64> {
        let elapsed = (now_ms - self.updated_ms).max(0) as f64 / 1000.0;
        self.tokens = (self.tokens + elapsed * rate.per_second).min(rate.capacity);
        self.updated_ms = now_ms.max(self.updated_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - self.tokens) / rate.per_second * 1000.0).ceil() as i64)
        }
    }
}

/// Attempts before a transient failure is given up on and shown as failed.
pub const MAX_ATTEMPTS: u32 = 8;

/// Milliseconds to wait before attempt `attempt + 1` after a transient failure. Meta asks for
/// 4^n seconds after a pair-limit error (131056); others back off 2^n seconds, capped at
/// five minutes. `jitter` in [0, 1) spreads retries so they do not arrive together.
pub fn retry_delay_ms(attempt: u32, meta_code: Option<i64>, jitter: f64) -> i64 {
    let base: i64 = if meta_code == Some(131_056) { 4 } else { 2 };
    let seconds = base.saturating_pow(attempt.min(10)).min(300);
    let ms = seconds * 1000;
    ms + (ms as f64 * 0.25 * jitter.clamp(0.0, 1.0)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_waits() {
        let rate = Rate {
            capacity: 2.0,
            per_second: 1.0,
        };
        let mut b = Bucket::full(rate, 0);
        assert_eq!(b.take(rate, 0), Ok(()));
        assert_eq!(b.take(rate, 0), Ok(()));
        assert_eq!(b.take(rate, 0), Err(1000));
        assert_eq!(b.take(rate, 500), Err(500));
        assert_eq!(b.take(rate, 1000), Ok(()));
    }

    #[test]
    fn pair_limit_allows_a_burst_then_one_per_six_seconds() {
        let mut b = Bucket::full(Rate::PAIR, 0);
        for _ in 0..20 {
            assert_eq!(b.take(Rate::PAIR, 0), Ok(()));
        }
        assert_eq!(b.take(Rate::PAIR, 0), Err(6000));
        assert_eq!(b.take(Rate::PAIR, 6000), Ok(()));
    }

    #[test]
    fn retry_delays_grow_and_cap() {
        assert_eq!(retry_delay_ms(0, None, 0.0), 1000);
        assert_eq!(retry_delay_ms(3, None, 0.0), 8000);
        assert_eq!(
            retry_delay_ms(2, Some(131_056), 0.0),
            16_000,
            "4^n for the pair limit"
        );
        assert_eq!(retry_delay_ms(30, None, 0.0), 300_000);
        assert_eq!(
            retry_delay_ms(3, None, 1.0),
            10_000,
            "jitter adds up to a quarter"
        );
    }
}
