//! A segment: a saved, named filter over contacts. The database evaluates it (the store turns
//! [`SegmentFilter`] into one query); [`matches`] is the same rule over one contact's facts,
//! the reference the store's conformance tests hold the query to.

use crate::domain::contacts::MarketingConsent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Labels a contact's conversations carry (any conversation, ever).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelRule {
    /// At least one of these (empty: no condition).
    pub any: Vec<i64>,
    /// Every one of these.
    pub all: Vec<i64>,
    /// None of these.
    pub none: Vec<i64>,
}

impl LabelRule {
    pub fn is_empty(&self) -> bool {
        self.any.is_empty() && self.all.is_empty() && self.none.is_empty()
    }
}

/// How a custom attribute is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeOp {
    /// Equal, ignoring case and surrounding spaces.
    Equals,
    /// Contains, ignoring case.
    Contains,
    /// Set to anything.
    Present,
    /// Missing or empty.
    Absent,
    /// A date (`YYYY-MM-DD`) before the value.
    Before,
    /// A date after the value.
    After,
    /// A number greater than the value.
    Above,
    /// A number smaller than the value.
    Below,
}

impl AttributeOp {
    pub const ALL: [AttributeOp; 8] = [
        AttributeOp::Equals,
        AttributeOp::Contains,
        AttributeOp::Present,
        AttributeOp::Absent,
        AttributeOp::Before,
        AttributeOp::After,
        AttributeOp::Above,
        AttributeOp::Below,
    ];

    /// Whether the operator compares with a value the user types.
    pub fn takes_value(self) -> bool {
        !matches!(self, AttributeOp::Present | AttributeOp::Absent)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeRule {
    pub key: String,
    pub op: AttributeOp,
    #[serde(default)]
    pub value: String,
}

/// The customer's last message, relative to now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "when", content = "days")]
pub enum LastMessage {
    /// Wrote in the last N days.
    Within(u32),
    /// Did not write in the last N days (or never wrote).
    NotWithin(u32),
}

/// Where the contact's conversation stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationState {
    /// With the bot now.
    Bot,
    /// Open with the team (waiting or assigned).
    Open,
    Snoozed,
    /// Had conversations, all resolved.
    Resolved,
    /// Never had a conversation (an imported contact, say).
    #[default]
    Never,
}

impl ConversationState {
    pub const ALL: [ConversationState; 5] = [
        ConversationState::Bot,
        ConversationState::Open,
        ConversationState::Snoozed,
        ConversationState::Resolved,
        ConversationState::Never,
    ];
}

/// What a contact did with an earlier campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignOutcome {
    /// WhatsApp delivered it (delivered, read or replied).
    Received,
    Read,
    Replied,
    /// Sent to them and not read (not delivered, delivered but unread, failed or limited).
    NotRead,
    /// Meta chose not to deliver it (131049): worth another try after its cool-down.
    Limited,
}

impl CampaignOutcome {
    pub const ALL: [CampaignOutcome; 5] = [
        CampaignOutcome::Received,
        CampaignOutcome::Read,
        CampaignOutcome::Replied,
        CampaignOutcome::NotRead,
        CampaignOutcome::Limited,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousCampaign {
    pub campaign_id: i64,
    pub outcome: CampaignOutcome,
}

/// The filter. Every condition set must hold; an empty filter is every contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentFilter {
    pub labels: LabelRule,
    pub attributes: Vec<AttributeRule>,
    /// Any of these consent states (empty: any).
    pub consent: Vec<MarketingConsent>,
    /// ISO country codes of the contact's number (empty: any). Contacts known only by their
    /// WhatsApp user id have no country and never match a country condition.
    pub countries: Vec<String>,
    pub last_message: Option<LastMessage>,
    /// Any of these (empty: any).
    pub conversation: Vec<ConversationState>,
    pub previous: Vec<PreviousCampaign>,
    /// Only the people of this uploaded list (CSV).
    pub list: Option<i64>,
}

/// What the filter needs to know about one contact. The store reads it in SQL; tests build it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactFacts {
    pub label_ids: Vec<i64>,
    pub attributes: BTreeMap<String, String>,
    pub consent: MarketingConsent,
    pub country: Option<String>,
    pub last_inbound_at_ms: Option<i64>,
    pub conversation: ConversationState,
    /// (campaign id, how the contact's recipient row ended up).
    pub campaigns: Vec<(i64, super::RecipientState)>,
    /// Uploaded lists the contact is on.
    pub lists: Vec<i64>,
    /// The contact was erased (data protection): in no segment, whatever the filter.
    pub erased: bool,
}

/// What is wrong with a filter, for the field that shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum FilterProblem {
    /// Attribute `index` has no name.
    AttributeKey { index: usize },
    /// Attribute `index`'s value is needed and empty, or not a date / number its operator needs.
    AttributeValue { index: usize },
    /// Not a country code WhatsApp numbers have.
    Country { code: String },
    /// "In the last 0 days", or more than ten years.
    Days,
}

/// Longest look-back the last-message condition takes: ten years.
pub const MAX_DAYS: u32 = 3650;

/// The filter with its values tidied (trimmed, countries upper-case, duplicates dropped), or
/// the first problem. The server checks every filter it saves or counts with this.
pub fn checked(mut filter: SegmentFilter) -> Result<SegmentFilter, FilterProblem> {
    for (index, rule) in filter.attributes.iter_mut().enumerate() {
        rule.key = rule.key.trim().to_string();
        rule.value = rule.value.trim().to_string();
        if rule.key.is_empty() {
            return Err(FilterProblem::AttributeKey { index });
        }
        let ok = match rule.op {
            AttributeOp::Present | AttributeOp::Absent => true,
            AttributeOp::Equals | AttributeOp::Contains => !rule.value.is_empty(),
            AttributeOp::Before | AttributeOp::After => date(&rule.value).is_some(),
            AttributeOp::Above | AttributeOp::Below => number(&rule.value).is_some(),
        };
        if !ok {
            return Err(FilterProblem::AttributeValue { index });
        }
    }
    for code in filter.countries.iter_mut() {
        *code = code.trim().to_uppercase();
        let known = crate::domain::phone::countries()
            .iter()
            .any(|(c, _)| c == code);
        if !known {
            return Err(FilterProblem::Country { code: code.clone() });
        }
    }
    if let Some(LastMessage::Within(d) | LastMessage::NotWithin(d)) = filter.last_message {
        if d == 0 || d > MAX_DAYS {
            return Err(FilterProblem::Days);
        }
    }
    dedup(&mut filter.labels.any);
    dedup(&mut filter.labels.all);
    dedup(&mut filter.labels.none);
    dedup(&mut filter.consent);
    dedup(&mut filter.countries);
    dedup(&mut filter.conversation);
    dedup(&mut filter.previous);
    Ok(filter)
}

fn dedup<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(items.len());
    items.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(x.clone());
            true
        }
    });
}

/// A `YYYY-MM-DD` date as days since 1970 (what date attributes are compared by).
pub fn date(text: &str) -> Option<i64> {
    crate::domain::calendar::days_of(text.trim())
}

/// A number written either way (`1.5`, `1,5`).
pub fn number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// The moment before which a customer's last message counts as "not within `days`".
pub fn since_ms(days: u32, now_ms: i64) -> i64 {
    now_ms - i64::from(days) * DAY_MS
}

fn attribute_holds(rule: &AttributeRule, attributes: &BTreeMap<String, String>) -> bool {
    let value = attributes
        .get(&rule.key)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty());
    match (rule.op, value) {
        (AttributeOp::Present, v) => v.is_some(),
        (AttributeOp::Absent, v) => v.is_none(),
        (_, None) => false,
        (AttributeOp::Equals, Some(v)) => v.to_lowercase() == rule.value.to_lowercase(),
        (AttributeOp::Contains, Some(v)) => v.to_lowercase().contains(&rule.value.to_lowercase()),
        (AttributeOp::Before, Some(v)) => {
            matches!((date(v), date(&rule.value)), (Some(a), Some(b)) if a < b)
        }
        (AttributeOp::After, Some(v)) => {
            matches!((date(v), date(&rule.value)), (Some(a), Some(b)) if a > b)
        }
        (AttributeOp::Above, Some(v)) => {
            matches!((number(v), number(&rule.value)), (Some(a), Some(b)) if a > b)
        }
        (AttributeOp::Below, Some(v)) => {
            matches!((number(v), number(&rule.value)), (Some(a), Some(b)) if a < b)
        }
    }
}

fn outcome_holds(outcome: CampaignOutcome, state: super::RecipientState) -> bool {
    use super::RecipientState as S;
    match outcome {
        CampaignOutcome::Received => matches!(state, S::Delivered | S::Read | S::Replied),
        CampaignOutcome::Read => matches!(state, S::Read | S::Replied),
        CampaignOutcome::Replied => state == S::Replied,
        CampaignOutcome::NotRead => matches!(
            state,
            S::Sent | S::Delivered | S::Failed | S::Limited | S::OptedOut
        ),
        CampaignOutcome::Limited => state == S::Limited,
    }
}

/// Whether the contact is in the segment at `now_ms`.
pub fn matches(filter: &SegmentFilter, contact: &ContactFacts, now_ms: i64) -> bool {
    if contact.erased {
        return false;
    }
    if filter.list.is_some_and(|id| !contact.lists.contains(&id)) {
        return false;
    }
    let has = |id: &i64| contact.label_ids.contains(id);
    let labels = &filter.labels;
    if !labels.any.is_empty() && !labels.any.iter().any(has) {
        return false;
    }
    if !labels.all.iter().all(has) || labels.none.iter().any(has) {
        return false;
    }
    if !filter
        .attributes
        .iter()
        .all(|r| attribute_holds(r, &contact.attributes))
    {
        return false;
    }
    if !filter.consent.is_empty() && !filter.consent.contains(&contact.consent) {
        return false;
    }
    if !filter.countries.is_empty()
        && !contact
            .country
            .as_ref()
            .is_some_and(|c| filter.countries.contains(c))
    {
        return false;
    }
    let wrote_since = |d: u32| {
        contact
            .last_inbound_at_ms
            .is_some_and(|t| t >= since_ms(d, now_ms))
    };
    match filter.last_message {
        Some(LastMessage::Within(d)) if !wrote_since(d) => return false,
        Some(LastMessage::NotWithin(d)) if wrote_since(d) => return false,
        _ => {}
    }
    if !filter.conversation.is_empty() && !filter.conversation.contains(&contact.conversation) {
        return false;
    }
    filter.previous.iter().all(|p| {
        contact
            .campaigns
            .iter()
            .any(|(id, state)| *id == p.campaign_id && outcome_holds(p.outcome, *state))
    })
}

#[cfg(test)]
mod tests {
    use super::super::RecipientState;
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn ana() -> ContactFacts {
        ContactFacts {
            label_ids: vec![1, 2],
            attributes: BTreeMap::from([
                ("city".into(), "Madrid".into()),
                ("birthday".into(), "1990-05-04".into()),
                ("points".into(), "120".into()),
            ]),
            consent: MarketingConsent::OptedIn,
            country: Some("ES".into()),
            last_inbound_at_ms: Some(NOW - 3 * DAY_MS),
            conversation: ConversationState::Resolved,
            campaigns: vec![(7, RecipientState::Read)],
            lists: Vec::new(),
            erased: false,
        }
    }

    #[test]
    fn an_empty_filter_is_everyone() {
        assert!(matches(&SegmentFilter::default(), &ana(), NOW));
        let erased = ContactFacts {
            erased: true,
            ..ana()
        };
        assert!(
            !matches(&SegmentFilter::default(), &erased, NOW),
            "but the erased"
        );
        assert!(matches(
            &SegmentFilter::default(),
            &ContactFacts::default(),
            NOW
        ));
    }

    #[test]
    fn labels_any_all_none() {
        let with = |any: Vec<i64>, all: Vec<i64>, none: Vec<i64>| SegmentFilter {
            labels: LabelRule { any, all, none },
            ..SegmentFilter::default()
        };
        assert!(matches(&with(vec![2, 9], vec![], vec![]), &ana(), NOW));
        assert!(!matches(&with(vec![8, 9], vec![], vec![]), &ana(), NOW));
        assert!(matches(&with(vec![], vec![1, 2], vec![]), &ana(), NOW));
        assert!(!matches(&with(vec![], vec![1, 3], vec![]), &ana(), NOW));
        assert!(!matches(&with(vec![], vec![], vec![2]), &ana(), NOW));
        assert!(matches(&with(vec![], vec![], vec![3]), &ana(), NOW));
    }

    #[test]
    fn attributes_compare_as_text_dates_and_numbers() {
        let rule = |key: &str, op, value: &str| SegmentFilter {
            attributes: vec![AttributeRule {
                key: key.into(),
                op,
                value: value.into(),
            }],
            ..SegmentFilter::default()
        };
        use AttributeOp::*;
        assert!(matches(&rule("city", Equals, "madrid"), &ana(), NOW));
        assert!(!matches(&rule("city", Equals, "Mad"), &ana(), NOW));
        assert!(matches(&rule("city", Contains, "DRI"), &ana(), NOW));
        assert!(matches(
            &rule("birthday", Before, "1991-01-01"),
            &ana(),
            NOW
        ));
        assert!(!matches(
            &rule("birthday", After, "1991-01-01"),
            &ana(),
            NOW
        ));
        assert!(matches(&rule("points", Above, "99.5"), &ana(), NOW));
        assert!(!matches(&rule("points", Below, "100"), &ana(), NOW));
        assert!(matches(&rule("vip", Absent, ""), &ana(), NOW));
        assert!(!matches(&rule("vip", Present, ""), &ana(), NOW));
        // A value that is not a number never compares as one.
        assert!(!matches(&rule("city", Above, "1"), &ana(), NOW));
    }

    #[test]
    fn consent_country_conversation() {
        let f = SegmentFilter {
            consent: vec![MarketingConsent::OptedIn, MarketingConsent::Unknown],
            countries: vec!["ES".into(), "PT".into()],
            conversation: vec![ConversationState::Resolved],
            ..SegmentFilter::default()
        };
        assert!(matches(&f, &ana(), NOW));
        let mut opted_out = ana();
        opted_out.consent = MarketingConsent::OptedOut;
        assert!(!matches(&f, &opted_out, NOW));
        let mut no_phone = ana();
        no_phone.country = None;
        assert!(!matches(&f, &no_phone, NOW), "no number, no country");
        let mut open = ana();
        open.conversation = ConversationState::Open;
        assert!(!matches(&f, &open, NOW));
    }

    #[test]
    fn last_message_within_and_not_within() {
        let f = |lm| SegmentFilter {
            last_message: Some(lm),
            ..SegmentFilter::default()
        };
        assert!(matches(&f(LastMessage::Within(7)), &ana(), NOW));
        assert!(!matches(&f(LastMessage::Within(2)), &ana(), NOW));
        assert!(matches(&f(LastMessage::NotWithin(2)), &ana(), NOW));
        assert!(!matches(&f(LastMessage::NotWithin(7)), &ana(), NOW));
        let never = ContactFacts::default();
        assert!(matches(&f(LastMessage::NotWithin(7)), &never, NOW));
        assert!(!matches(&f(LastMessage::Within(7)), &never, NOW));
    }

    #[test]
    fn previous_campaigns_by_outcome() {
        let f = |outcome| SegmentFilter {
            previous: vec![PreviousCampaign {
                campaign_id: 7,
                outcome,
            }],
            ..SegmentFilter::default()
        };
        assert!(matches(&f(CampaignOutcome::Received), &ana(), NOW));
        assert!(matches(&f(CampaignOutcome::Read), &ana(), NOW));
        assert!(!matches(&f(CampaignOutcome::Replied), &ana(), NOW));
        assert!(!matches(&f(CampaignOutcome::NotRead), &ana(), NOW));
        let mut limited = ana();
        limited.campaigns = vec![(7, RecipientState::Limited)];
        assert!(matches(&f(CampaignOutcome::NotRead), &limited, NOW));
        assert!(matches(&f(CampaignOutcome::Limited), &limited, NOW));
        assert!(!matches(&f(CampaignOutcome::Limited), &ana(), NOW));
        assert!(!matches(&f(CampaignOutcome::Received), &limited, NOW));
        // Skipped recipients never got it: neither received nor "not read".
        let mut skipped = ana();
        skipped.campaigns = vec![(7, RecipientState::Skipped)];
        assert!(!matches(&f(CampaignOutcome::NotRead), &skipped, NOW));
    }

    #[test]
    fn a_list_keeps_only_its_people() {
        let f = SegmentFilter {
            list: Some(4),
            ..SegmentFilter::default()
        };
        let mut on_it = ana();
        on_it.lists = vec![3, 4];
        assert!(matches(&f, &on_it, NOW));
        on_it.lists = vec![3];
        assert!(!matches(&f, &on_it, NOW));
    }

    #[test]
    fn checking_tidies_and_refuses() {
        let f = checked(SegmentFilter {
            countries: vec![" es".into(), "ES".into()],
            labels: LabelRule {
                any: vec![1, 1, 2],
                ..LabelRule::default()
            },
            ..SegmentFilter::default()
        })
        .unwrap();
        assert_eq!(f.countries, vec!["ES".to_string()]);
        assert_eq!(f.labels.any, vec![1, 2]);
        assert_eq!(
            checked(SegmentFilter {
                countries: vec!["XX".into()],
                ..SegmentFilter::default()
            }),
            Err(FilterProblem::Country { code: "XX".into() })
        );
        let bad_date = SegmentFilter {
            attributes: vec![AttributeRule {
                key: "birthday".into(),
                op: AttributeOp::Before,
                value: "soon".into(),
            }],
            ..SegmentFilter::default()
        };
        assert_eq!(
            checked(bad_date),
            Err(FilterProblem::AttributeValue { index: 0 })
        );
        assert_eq!(
            checked(SegmentFilter {
                last_message: Some(LastMessage::Within(0)),
                ..SegmentFilter::default()
            }),
            Err(FilterProblem::Days)
        );
    }
}
