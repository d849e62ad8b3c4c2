//! Login throttling: growing delays after repeated failures, never a hard lockout.
//!
//! Failures are counted per account (the email typed, known or not, so the throttle does not
//! reveal which accounts exist) and per client address. The first few attempts are free; then
//! each further failure doubles the wait, up to a ceiling. A success clears the account's count;
//! failures are forgotten after a quiet period.

/// Failures allowed before any wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between two attempts, in seconds.
pub const MAX_WAIT_SECS: i64 = 300;
/// After this long without a failure the count starts again from zero.
pub const FORGET_AFTER_MS: i64 = 60 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last_at_ms: i64,
}

/// Wait required after `count` consecutive failures, in seconds.
pub fn wait_after(count: u32) -> i64 {
    if count < FREE_ATTEMPTS {
        return 0;
    }
    let exp = (count - FREE_ATTEMPTS).min(16);
    (1i64 << exp).min(MAX_WAIT_SECS)
}

/// The failure count that applies now (zero once forgotten).
pub fn effective_count(f: Option<Failures>, now_ms: i64) -> u32 {
    match f {
        Some(f) if now_ms.saturating_sub(f.last_at_ms) < FORGET_AFTER_MS => f.count,
        _ => 0,
    }
}

/// Seconds to wait before another attempt is accepted, or `None` when one may try now.
pub fn retry_after(f: Option<Failures>, now_ms: i64) -> Option<i64> {
    let f = f?;
    let count = effective_count(Some(f), now_ms);
    let wait_ms = wait_after(count) * 1000;
    let ready_at = f.last_at_ms + wait_ms;
    (now_ms < ready_at).then(|| ((ready_at - now_ms) + 999) / 1000)
}

/// The failure record after one more failed attempt at `now_ms`.
pub fn after_failure(prev: Option<Failures>, now_ms: i64) -> Failures {
    Failures {
        count: effective_count(prev, now_ms).saturating_add(1),
        last_at_ms: now_ms,
    }
}

/// What an attempt about to be checked gets: a wait, or its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttemptClaim {
    /// May be checked; it already counts as a failure until a success clears it.
    Granted,
    Wait {
        retry_after_secs: i64,
    },
}

/// Claims an attempt before the (costly) check, with every key's failures as they are now:
/// refused while any key must wait, otherwise each key's record after one more failure. Asked
/// inside one write transaction, so parallel attempts each count and none slips past a wait
/// (sign-in and password changes; the store applies the records).
pub fn claim(records: &[Option<Failures>], now_ms: i64) -> Result<Vec<Failures>, AttemptClaim> {
    let wait = records.iter().filter_map(|f| retry_after(*f, now_ms)).max();
    match wait {
        Some(retry_after_secs) => Err(AttemptClaim::Wait { retry_after_secs }),
        None => Ok(records.iter().map(|f| after_failure(*f, now_ms)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_attempts_are_free_then_waits_grow() {
        assert_eq!(wait_after(0), 0);
        assert_eq!(wait_after(FREE_ATTEMPTS - 1), 0);
        assert_eq!(wait_after(FREE_ATTEMPTS), 1);
        assert_eq!(wait_after(FREE_ATTEMPTS + 1), 2);
        assert_eq!(wait_after(FREE_ATTEMPTS + 3), 8);
        assert_eq!(wait_after(1000), MAX_WAIT_SECS);
    }

    #[test]
    fn retry_after_counts_down() {
        let f = Failures {
            count: FREE_ATTEMPTS + 2,
            last_at_ms: 10_000,
        };
        assert_eq!(retry_after(Some(f), 10_000), Some(4));
        assert_eq!(retry_after(Some(f), 12_500), Some(2));
        assert_eq!(retry_after(Some(f), 14_000), None);
        assert_eq!(retry_after(None, 0), None);
    }

    #[test]
    fn failures_accumulate() {
        let one = after_failure(None, 5);
        assert_eq!(
            one,
            Failures {
                count: 1,
                last_at_ms: 5
            }
        );
        let two = after_failure(Some(one), 9);
        assert_eq!(two.count, 2);
        let fresh = after_failure(Some(two), 9 + FORGET_AFTER_MS);
        assert_eq!(fresh.count, 1);
    }

    #[test]
    fn claims_count_every_attempt_and_stop_at_the_first_wait() {
        let mut records = vec![None, None];
        let mut granted = 0;
        for _ in 0..200 {
            match claim(&records, 1_000) {
                Ok(next) => {
                    granted += 1;
                    records = next.into_iter().map(Some).collect();
                }
                Err(AttemptClaim::Wait { retry_after_secs }) => assert!(retry_after_secs >= 1),
                Err(AttemptClaim::Granted) => unreachable!(),
            }
        }
        assert_eq!(granted, FREE_ATTEMPTS, "then every attempt waits");
        assert_eq!(records[0].map(|f| f.count), Some(FREE_ATTEMPTS));
        // The longest wait of any key applies.
        let busy = Failures {
            count: FREE_ATTEMPTS + 4,
            last_at_ms: 1_000,
        };
        assert_eq!(
            claim(&[None, Some(busy)], 1_000),
            Err(AttemptClaim::Wait {
                retry_after_secs: 16
            })
        );
    }

    #[test]
    fn failures_are_forgotten() {
        let f = Failures {
            count: 50,
            last_at_ms: 0,
        };
        assert_eq!(effective_count(Some(f), FORGET_AFTER_MS - 1), 50);
        assert_eq!(effective_count(Some(f), FORGET_AFTER_MS), 0);
        assert_eq!(retry_after(Some(f), FORGET_AFTER_MS), None);
    }
}
