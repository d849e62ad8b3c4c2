//! Who of a campaign's audience is left out before launch, and why. The store applies the
//! same rule to every contact when it writes the recipients (a skipped recipient keeps its
//! reason), and the launch screen shows the counts by reason.

use crate::domain::consent::{may_market, MarketingRefusal};
use crate::domain::contacts::MarketingConsent;
use serde::{Deserialize, Serialize};

/// Why a contact of the audience gets no message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// The customer opted out of marketing.
    OptedOut,
    /// The team requires an explicit opt-in for campaigns and the customer never gave one.
    NeedsOptIn,
    /// Got a marketing message from this desk within the team's frequency cap.
    FrequencyCap,
    /// WhatsApp said the number cannot receive messages (131026).
    Unreachable,
    /// Neither a phone number nor a WhatsApp user id to write to.
    NoAddress,
    /// Already in this campaign (a second row of an uploaded list, say).
    Duplicate,
    /// The template's variables could not be filled for them (no value and no fallback).
    Variables,
    /// The campaign was cancelled before their turn.
    Cancelled,
    /// Their data was erased (data protection) before their turn.
    Erased,
}

impl Exclusion {
    pub const ALL: [Exclusion; 9] = [
        Exclusion::OptedOut,
        Exclusion::NeedsOptIn,
        Exclusion::FrequencyCap,
        Exclusion::Unreachable,
        Exclusion::NoAddress,
        Exclusion::Duplicate,
        Exclusion::Variables,
        Exclusion::Cancelled,
        Exclusion::Erased,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Exclusion::OptedOut => "opted_out",
            Exclusion::NeedsOptIn => "needs_opt_in",
            Exclusion::FrequencyCap => "frequency_cap",
            Exclusion::Unreachable => "unreachable",
            Exclusion::NoAddress => "no_address",
            Exclusion::Duplicate => "duplicate",
            Exclusion::Variables => "variables",
            Exclusion::Cancelled => "cancelled",
            Exclusion::Erased => "erased",
        }
    }

    pub fn parse(s: &str) -> Option<Exclusion> {
        Exclusion::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// What the exclusion rule needs to know about one contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reachability {
    pub consent: MarketingConsent,
    pub has_address: bool,
    pub unreachable: bool,
    /// The last marketing message this desk sent them (a template or a campaign's).
    pub last_marketing_at_ms: Option<i64>,
}

/// The campaign's side of the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AudienceRules {
    /// The template's category as Meta gives it.
    pub marketing: bool,
    /// `ConsentSettings::explicit_opt_in(Reach::Campaign)`.
    pub explicit_opt_in: bool,
    /// Hours after a marketing message during which the customer gets no other (0: no cap).
    pub frequency_cap_hours: u32,
}

/// Why `contact` gets nothing from the campaign, if so. Consent is the send gate's own rule
/// (`consent::may_market`): a campaign never reaches someone the console could not write to.
pub fn exclusion(contact: &Reachability, rules: &AudienceRules, now_ms: i64) -> Option<Exclusion> {
    if !contact.has_address {
        return Some(Exclusion::NoAddress);
    }
    let category = rules.marketing.then_some("MARKETING").or(Some("UTILITY"));
    match may_market(category, contact.consent, rules.explicit_opt_in) {
        Err(MarketingRefusal::OptedOut) => return Some(Exclusion::OptedOut),
        Err(MarketingRefusal::NeedsOptIn) => return Some(Exclusion::NeedsOptIn),
        Ok(()) => {}
    }
    if contact.unreachable {
        return Some(Exclusion::Unreachable);
    }
    if rules.marketing
        && contact
            .last_marketing_at_ms
            .is_some_and(|at| at >= cap_start_ms(rules.frequency_cap_hours, now_ms))
    {
        return Some(Exclusion::FrequencyCap);
    }
    None
}

/// Marketing sent at or after this moment counts against the frequency cap (no cap: never).
pub fn cap_start_ms(hours: u32, now_ms: i64) -> i64 {
    if hours == 0 {
        i64::MAX
    } else {
        now_ms - i64::from(hours) * 60 * 60 * 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;
    const HOUR: i64 = 3_600_000;

    fn reachable(consent: MarketingConsent) -> Reachability {
        Reachability {
            consent,
            has_address: true,
            unreachable: false,
            last_marketing_at_ms: None,
        }
    }

    fn rules(marketing: bool) -> AudienceRules {
        AudienceRules {
            marketing,
            explicit_opt_in: true,
            frequency_cap_hours: 24,
        }
    }

    #[test]
    fn consent_as_the_send_gate_says() {
        use MarketingConsent::*;
        assert_eq!(
            exclusion(&reachable(OptedOut), &rules(true), NOW),
            Some(Exclusion::OptedOut)
        );
        assert_eq!(
            exclusion(&reachable(Unknown), &rules(true), NOW),
            Some(Exclusion::NeedsOptIn)
        );
        assert_eq!(exclusion(&reachable(OptedIn), &rules(true), NOW), None);
        let lenient = AudienceRules {
            explicit_opt_in: false,
            ..rules(true)
        };
        assert_eq!(exclusion(&reachable(Unknown), &lenient, NOW), None);
        // Utility messages ask no consent.
        assert_eq!(exclusion(&reachable(OptedOut), &rules(false), NOW), None);
    }

    #[test]
    fn frequency_cap_counts_marketing_only() {
        let mut c = reachable(MarketingConsent::OptedIn);
        c.last_marketing_at_ms = Some(NOW - 23 * HOUR);
        assert_eq!(
            exclusion(&c, &rules(true), NOW),
            Some(Exclusion::FrequencyCap)
        );
        assert_eq!(exclusion(&c, &rules(false), NOW), None);
        c.last_marketing_at_ms = Some(NOW - 25 * HOUR);
        assert_eq!(exclusion(&c, &rules(true), NOW), None);
        let no_cap = AudienceRules {
            frequency_cap_hours: 0,
            ..rules(true)
        };
        c.last_marketing_at_ms = Some(NOW - HOUR);
        assert_eq!(exclusion(&c, &no_cap, NOW), None);
    }

    #[test]
    fn unreachable_and_addressless() {
        let mut c = reachable(MarketingConsent::OptedIn);
        c.unreachable = true;
        assert_eq!(
            exclusion(&c, &rules(false), NOW),
            Some(Exclusion::Unreachable)
        );
        c.has_address = false;
        assert_eq!(
            exclusion(&c, &rules(false), NOW),
            Some(Exclusion::NoAddress)
        );
        for e in Exclusion::ALL {
            assert_eq!(Exclusion::parse(e.as_str()), Some(e));
        }
    }
}
