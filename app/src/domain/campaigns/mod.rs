//! Broadcast campaigns: an approved template sent to a segment (or an uploaded list), paced
//! within Meta's limits, each recipient a durable row that only moves forward. The rules here
//! are pure; the store keeps campaigns and recipients (`ssr::CampaignStore`), the campaign
//! worker sends them through the outbound queue, and the `/campaigns` screen shows them.

pub mod audience;
pub mod composition;
pub mod csv_list;
pub mod funnel;
pub mod limits;
pub mod replies;
pub mod schedule;
pub mod segment;

use serde::{Deserialize, Serialize};

/// Where one recipient stands. Moves forward only ([`RecipientState::rank`]); the end states
/// (failed, skipped, limited, opted out) are reached from queued or sent, never left, except
/// that a limited recipient may be queued again once, after Meta's cool-down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientState {
    /// Waiting for its turn (its due time, the campaign's rate, the number's throughput).
    Queued,
    /// Handed to WhatsApp; no answer yet (a crash here is settled by the status webhook's
    /// callback data or, without one, by a new attempt after the grace period).
    Sending,
    /// WhatsApp accepted it.
    Sent,
    Delivered,
    Read,
    /// The customer answered within 72 hours.
    Replied,
    /// WhatsApp refused it or could not deliver it (Meta's code kept).
    Failed,
    /// Not sent: the desk's own rules left it out (the reason kept).
    Skipped,
    /// Meta chose not to deliver it (131049, the per-user marketing limit).
    Limited,
    /// The customer stopped marketing (131050), or opted out after this campaign.
    OptedOut,
}

impl RecipientState {
    pub const ALL: [RecipientState; 10] = [
        RecipientState::Queued,
        RecipientState::Sending,
        RecipientState::Sent,
        RecipientState::Delivered,
        RecipientState::Read,
        RecipientState::Replied,
        RecipientState::Failed,
        RecipientState::Skipped,
        RecipientState::Limited,
        RecipientState::OptedOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecipientState::Queued => "queued",
            RecipientState::Sending => "sending",
            RecipientState::Sent => "sent",
            RecipientState::Delivered => "delivered",
            RecipientState::Read => "read",
            RecipientState::Replied => "replied",
            RecipientState::Failed => "failed",
            RecipientState::Skipped => "skipped",
            RecipientState::Limited => "limited",
            RecipientState::OptedOut => "opted_out",
        }
    }

    pub fn parse(s: &str) -> Option<RecipientState> {
        RecipientState::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Order along the way out: a state replaces another only with a higher rank. Failures
    /// outrank sent (Meta fails a message after accepting it) but not delivered: a late
    /// failure never hides that the customer got it. A reply outranks everything but an
    /// opt-out (a "stop" is an answer too, and the one that matters).
    pub fn rank(self) -> u8 {
        match self {
            RecipientState::Queued => 0,
            RecipientState::Sending => 1,
            RecipientState::Sent => 2,
            RecipientState::Skipped | RecipientState::Failed | RecipientState::Limited => 3,
            RecipientState::Delivered => 4,
            RecipientState::Read => 5,
            RecipientState::Replied => 6,
            RecipientState::OptedOut => 7,
        }
    }

    /// Whether a recipient in `self` moves to `next`.
    pub fn advances_to(self, next: RecipientState) -> bool {
        next.rank() > self.rank()
    }

    /// Whether WhatsApp took it (sent or further along the happy path).
    pub fn went_out(self) -> bool {
        matches!(
            self,
            RecipientState::Sent
                | RecipientState::Delivered
                | RecipientState::Read
                | RecipientState::Replied
        )
    }
}

/// How far a campaign is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignState {
    /// Launched with a start time still ahead.
    Scheduled,
    Running,
    /// Paused by a person; resumes where it stopped.
    Paused,
    /// Stopped by the desk itself (the template paused, the number's quality, Meta's
    /// limit); the reason is kept; a person may resume once it is mended.
    Stopped,
    Cancelled,
    /// Every recipient had its turn.
    Finished,
}

impl CampaignState {
    pub const ALL: [CampaignState; 6] = [
        CampaignState::Scheduled,
        CampaignState::Running,
        CampaignState::Paused,
        CampaignState::Stopped,
        CampaignState::Cancelled,
        CampaignState::Finished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignState::Scheduled => "scheduled",
            CampaignState::Running => "running",
            CampaignState::Paused => "paused",
            CampaignState::Stopped => "stopped",
            CampaignState::Cancelled => "cancelled",
            CampaignState::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> Option<CampaignState> {
        CampaignState::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether its recipients may be sent now (the worker only looks at these).
    pub fn sends(self) -> bool {
        matches!(self, CampaignState::Scheduled | CampaignState::Running)
    }

    /// What a person may do from here.
    pub fn may(self, action: CampaignAction) -> bool {
        use CampaignAction as A;
        use CampaignState as S;
        match action {
            A::Pause => matches!(self, S::Scheduled | S::Running),
            A::Resume => matches!(self, S::Paused | S::Stopped),
            A::Cancel => matches!(self, S::Scheduled | S::Running | S::Paused | S::Stopped),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignAction {
    Pause,
    Resume,
    Cancel,
}

/// Why the desk stopped a campaign by itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "why")]
pub enum StopReason {
    /// Meta paused or disabled the template (its status now).
    Template { status: String },
    /// The number's quality rating dropped (RED, FLAGGED).
    Quality { rating: String },
    /// Meta said the number reached a limit (131048, 131064…).
    MetaLimit { code: i64 },
}

/// Meta's errors that stop a whole campaign rather than one recipient (facts sheet §20.2).
pub fn stops_campaign(code: i64) -> Option<StopReason> {
    match code {
        131_048 | 131_064 => Some(StopReason::MetaLimit { code }),
        132_015 => Some(StopReason::Template {
            status: "PAUSED".into(),
        }),
        132_016 => Some(StopReason::Template {
            status: "DISABLED".into(),
        }),
        _ => None,
    }
}

/// What a failed send means for its recipient: Meta's code → the recipient's end state.
pub fn failure_state(code: i64) -> RecipientState {
    match code {
        131_049 => RecipientState::Limited,
        131_050 => RecipientState::OptedOut,
        _ => RecipientState::Failed,
    }
}

/// Whether a quality rating stops campaigns.
pub fn quality_stops(rating: &str) -> bool {
    matches!(rating.to_ascii_uppercase().as_str(), "RED" | "FLAGGED")
}

/// A campaign's answer window: replies within 72 hours of the send count for it.
pub const REPLY_WINDOW_MS: i64 = 72 * 60 * 60 * 1000;

/// Meta asks to wait at least 24 hours before writing again to someone it limited (131049).
pub const LIMITED_COOL_DOWN_MS: i64 = 24 * 60 * 60 * 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_only_move_forward() {
        use RecipientState::*;
        assert!(Queued.advances_to(Sending));
        assert!(Sending.advances_to(Sent));
        assert!(Sent.advances_to(Delivered));
        assert!(Sent.advances_to(Failed), "Meta fails after accepting");
        assert!(
            !Delivered.advances_to(Failed),
            "a late failure never hides delivery"
        );
        assert!(!Read.advances_to(Delivered));
        assert!(Read.advances_to(Replied));
        assert!(Replied.advances_to(OptedOut));
        assert!(!OptedOut.advances_to(Replied));
        assert!(!Failed.advances_to(Limited));
        for s in RecipientState::ALL {
            assert_eq!(RecipientState::parse(s.as_str()), Some(s));
            assert!(!s.advances_to(s));
        }
    }

    #[test]
    fn what_people_may_do() {
        use CampaignAction::*;
        use CampaignState::*;
        assert!(Running.may(Pause) && !Running.may(Resume));
        assert!(Paused.may(Resume) && Stopped.may(Resume));
        assert!(!Finished.may(Cancel) && !Cancelled.may(Resume));
        assert!(Scheduled.sends() && Running.sends() && !Paused.sends() && !Stopped.sends());
    }

    #[test]
    fn meta_codes() {
        assert_eq!(failure_state(131_049), RecipientState::Limited);
        assert_eq!(failure_state(131_050), RecipientState::OptedOut);
        assert_eq!(failure_state(131_026), RecipientState::Failed);
        assert_eq!(
            stops_campaign(132_015),
            Some(StopReason::Template {
                status: "PAUSED".into()
            })
        );
        assert_eq!(stops_campaign(131_026), None);
        assert!(quality_stops("red") && quality_stops("FLAGGED") && !quality_stops("YELLOW"));
    }
}

/// Settings key of [`CampaignSettings`] (JSON).
pub const CAMPAIGN_SETTING: &str = "campaigns";

/// The team's campaign rules (admins, Settings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignSettings {
    /// The number's messaging-limit tier, as Meta shows it in WhatsApp Manager (the desk
    /// cannot read it from Meta yet).
    pub tier: limits::MessagingTier,
    /// Hours after a marketing message during which a customer gets no campaign's marketing
    /// (0: no cap).
    pub frequency_cap_hours: u32,
    /// Percent of the number's throughput campaigns leave for people (agents' replies and
    /// customers' messages count toward it too).
    pub reserved_percent: u32,
}

impl Default for CampaignSettings {
    fn default() -> Self {
        CampaignSettings {
            tier: limits::MessagingTier::default(),
            frequency_cap_hours: 24,
            reserved_percent: schedule::DEFAULT_RESERVED_PERCENT,
        }
    }
}

impl CampaignSettings {
    pub fn from_setting(value: Option<&str>) -> CampaignSettings {
        value
            .and_then(|v| serde_json::from_str(v).ok())
            .unwrap_or_default()
    }
}

/// Longest frequency cap: a month.
pub const MAX_FREQUENCY_CAP_HOURS: u32 = 24 * 31;
/// Longest campaign name.
pub const MAX_NAME_CHARS: usize = 120;

/// Why a campaign cannot be saved, launched or changed, in terms the screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum CampaignProblem {
    NameMissing,
    NameTooLong,
    /// A segment by that name exists.
    SegmentNameTaken,
    Filter(segment::FilterProblem),
    Composition(composition::CompositionProblem),
    /// Campaigns send marketing or utility templates (not authentication).
    TemplateCategory,
    Start(schedule::StartProblem),
    /// Quiet from and to are the same time.
    QuietHours,
    /// The rate is above what campaigns may use.
    Rate {
        max: u32,
    },
    /// Nobody would get it (everyone excluded, or an empty segment).
    NoRecipients,
    /// Larger than what is left of the messaging limit, and the user chose to refuse.
    OverLimit(limits::OverTheLimit),
    /// The action does not apply to the campaign as it is now.
    NotNow {
        state: CampaignState,
    },
    /// Queue again those Meta limited: Meta asks for 24 hours first.
    CoolDown {
        until_ms: i64,
    },
    /// The frequency cap is more than a month.
    FrequencyCap,
    /// The share kept for people is more than the most allowed.
    Reserved {
        max: u32,
    },
    /// An uploaded list (CSV) that cannot be read at all.
    List(csv_list::FileProblem),
}
