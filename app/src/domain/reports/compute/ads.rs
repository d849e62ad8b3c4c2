//! Conversations that came from Click-to-WhatsApp ads (or posts), by ad.

use crate::domain::reports::{EventKind, Period, ReportFacts};
use crate::wire::reports::AdFigures;
use std::collections::{BTreeSet, HashMap};

pub(super) fn ads(facts: &ReportFacts, period: &Period) -> Vec<AdFigures> {
    let mut reached = BTreeSet::new();
    let mut resolved = BTreeSet::new();
    for event in facts.events.iter().filter(|e| e.at_ms < period.until_ms) {
        match event.kind {
            EventKind::Assigned
            | EventKind::TakenOver
            | EventKind::HandedOff
            | EventKind::AgentReply => {
                reached.insert(event.conversation_id);
            }
            EventKind::Resolved | EventKind::BotResolved => {
                resolved.insert(event.conversation_id);
            }
            _ => {}
        }
    }
    let mut referrals: Vec<_> = facts
        .ads
        .iter()
        .filter(|ad| period.contains(ad.created_at_ms))
        .collect();
    // The first referral seen names the ad (its headline and link).
    referrals.sort_by_key(|ad| (ad.created_at_ms, ad.conversation_id));
    let mut rows: Vec<AdFigures> = Vec::new();
    let mut row_of: HashMap<(&str, &str), usize> = HashMap::new();
    let mut counted: BTreeSet<(usize, i64)> = BTreeSet::new();
    for ad in referrals {
        let key = (ad.source_type.as_str(), ad.source_id.as_str());
        let index = *row_of.entry(key).or_insert_with(|| {
            rows.push(AdFigures {
                source_type: ad.source_type.clone(),
                source_id: ad.source_id.clone(),
                headline: ad.headline.clone(),
                source_url: ad.source_url.clone(),
                ..AdFigures::default()
            });
            rows.len() - 1
        });
        if !counted.insert((index, ad.conversation_id)) {
            continue;
        }
        let row = &mut rows[index];
        row.conversations += 1;
        row.reached_people += u64::from(reached.contains(&ad.conversation_id));
        row.resolved += u64::from(resolved.contains(&ad.conversation_id));
    }
    rows.sort_by(|a, b| {
        b.conversations
            .cmp(&a.conversations)
            .then_with(|| a.source_id.cmp(&b.source_id))
            .then_with(|| a.source_type.cmp(&b.source_type))
    });
    rows
}
