//! A campaign's funnel: how many recipients reached each step. Steps are cumulative along the
//! happy path (a read message was also delivered and sent), so the funnel never narrows the
//! wrong way; failures, limits and opt-outs are counted beside it.

use serde::{Deserialize, Serialize};

/// A step of the funnel, or a side count; each lists its recipients when clicked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Everyone the campaign writes to (skipped ones left out).
    Targeted,
    /// Still waiting to go.
    Queued,
    Sent,
    Delivered,
    Read,
    Replied,
    Failed,
    Limited,
    OptedOut,
    Skipped,
}

impl Step {
    pub const ALL: [Step; 10] = [
        Step::Targeted,
        Step::Queued,
        Step::Sent,
        Step::Delivered,
        Step::Read,
        Step::Replied,
        Step::Failed,
        Step::Limited,
        Step::OptedOut,
        Step::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Targeted => "targeted",
            Step::Queued => "queued",
            Step::Sent => "sent",
            Step::Delivered => "delivered",
            Step::Read => "read",
            Step::Replied => "replied",
            Step::Failed => "failed",
            Step::Limited => "limited",
            Step::OptedOut => "opted_out",
            Step::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub targeted: u64,
    pub queued: u64,
    pub sent: u64,
    pub delivered: u64,
    pub read: u64,
    pub replied: u64,
    pub failed: u64,
    pub limited: u64,
    pub opted_out: u64,
    pub skipped: u64,
    /// Failures by Meta's code (0: no code), largest first.
    pub failed_by_code: Vec<(i64, u64)>,
    /// Skipped by reason (`audience::Exclusion::as_str`).
    pub skipped_by_reason: Vec<(String, u64)>,
}

impl Funnel {
    pub fn count(&self, step: Step) -> u64 {
        match step {
            Step::Targeted => self.targeted,
            Step::Queued => self.queued,
            Step::Sent => self.sent,
            Step::Delivered => self.delivered,
            Step::Read => self.read,
            Step::Replied => self.replied,
            Step::Failed => self.failed,
            Step::Limited => self.limited,
            Step::OptedOut => self.opted_out,
            Step::Skipped => self.skipped,
        }
    }

    /// Share of `step` over those sent, in per cent (0 when nothing went).
    pub fn share(&self, step: Step) -> f64 {
        if self.sent == 0 {
            0.0
        } else {
            self.count(step) as f64 * 100.0 / self.sent as f64
        }
    }

    /// Every recipient had its turn.
    pub fn done(&self) -> bool {
        self.queued == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_shares() {
        let f = Funnel {
            targeted: 10,
            sent: 8,
            delivered: 6,
            read: 4,
            replied: 1,
            ..Funnel::default()
        };
        assert_eq!(f.share(Step::Read), 50.0);
        assert_eq!(Funnel::default().share(Step::Read), 0.0);
        for s in Step::ALL {
            assert_eq!(Step::parse(s.as_str()), Some(s));
        }
    }
}
