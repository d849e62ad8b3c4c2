//! The figures of a report, from the facts of its period. Definitions: docs/metrics.md.

mod ads;
pub(super) mod campaigns;
mod conversations;
mod costs;
mod outbound;
#[cfg(test)]
mod tests;

use super::{AgentRef, LabelRef, Period, ReportFacts};
use crate::domain::pricing::RateTable;
use crate::wire::reports::{AgentFigures, Durations, LabelFigures, Report};
use conversations::AgentTally;
use std::collections::{BTreeMap, BTreeSet};

/// Every figure of the Reports screen for `period`, messages priced with the team's rate
/// cards (`table`).
pub fn compute(facts: &ReportFacts, period: &Period, table: &RateTable) -> Report {
    let walk = conversations::walk(&facts.events, period);
    Report {
        from: period.from.clone(),
        to: period.to.clone(),
        timezone: period.timezone.clone(),
        created: walk.created,
        resolved: walk.resolved,
        bot_resolved: walk.bot_resolved,
        reopened: walk.reopened,
        first_response: durations(&walk.first_response),
        reply_time: durations(&walk.reply_time),
        resolution_time: durations(&walk.resolution_time),
        agents: agents(walk.agents, &facts.agents),
        labels: labels(&walk.labelled, &facts.labels),
        days: walk.days,
        bot: walk.bot,
        delivery: outbound::delivery(&facts.outbound),
        templates: outbound::templates(&facts.outbound),
        costs: costs::costs(&facts.outbound, period, table, &facts.agents, &facts.labels),
        ads: ads::ads(facts, period),
        campaigns: campaigns::campaigns(&facts.campaigns, table),
    }
}

/// The `p`-th percentile by nearest rank: the value at rank `ceil(p/100 · n)` (1-based) of
/// the sorted values. `None` for no values.
pub fn nearest_rank(sorted: &[i64], p: u64) -> Option<i64> {
    let n = sorted.len() as u64;
    if n == 0 {
        return None;
    }
    let rank = (p * n).div_ceil(100).clamp(1, n);
    sorted.get(rank as usize - 1).copied()
}

/// Count, median (nearest-rank 50th percentile: the lower middle value for an even count)
/// and 90th percentile.
pub fn durations(values: &[i64]) -> Durations {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    Durations {
        count: sorted.len() as u64,
        median_ms: nearest_rank(&sorted, 50),
        p90_ms: nearest_rank(&sorted, 90),
    }
}

/// Everyone who appears in the period's events, by name.
fn agents(tallies: BTreeMap<i64, AgentTally>, known: &[AgentRef]) -> Vec<AgentFigures> {
    let mut rows: Vec<AgentFigures> = tallies
        .into_iter()
        .map(|(user_id, tally)| AgentFigures {
            user_id,
            name: known
                .iter()
                .find(|agent| agent.id == user_id)
                .map(|agent| agent.name.clone())
                .unwrap_or_else(|| format!("User #{user_id}")),
            assigned: tally.assigned,
            replies: tally.replies,
            first_response: durations(&tally.first_response),
            reply_time: durations(&tally.reply_time),
            resolved: tally.resolved,
            resolution_time: durations(&tally.resolution_time),
        })
        .collect();
    rows.sort_by_cached_key(|row| (row.name.to_lowercase(), row.user_id));
    rows
}

/// Every label, by name, with the distinct conversations it was put on in the period.
fn labels(labelled: &BTreeSet<(i64, i64)>, known: &[LabelRef]) -> Vec<LabelFigures> {
    let mut rows: Vec<LabelFigures> = known
        .iter()
        .map(|label| LabelFigures {
            label_id: label.id,
            name: label.name.clone(),
            color: label.color.clone(),
            conversations: labelled
                .range((label.id, i64::MIN)..=(label.id, i64::MAX))
                .count() as u64,
        })
        .collect();
    rows.sort_by_cached_key(|row| (row.name.to_lowercase(), row.label_id));
    rows
}
