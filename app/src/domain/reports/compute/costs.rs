//! What the period's messages cost: the desk's estimate when each was queued beside what Meta
//! says it charged, by day, pricing category, sender and label (docs/metrics.md, "Costs").
//!
//! Charged is Meta's `pricing` object (from the status webhooks) priced with the rate card in
//! force on the message's day in the message's market ([`crate::domain::pricing::charged`]).
//! Money stays in integer micro-units; rows never mix currencies.

use crate::domain::pricing::{charged, pricing_day, Category, RateTable};
use crate::domain::reports::{AgentRef, LabelRef, OutboundFact, Period};
use crate::wire::reports::{CostFigures, CostRow, Sender};
use std::collections::BTreeMap;

/// What Meta's word (or its silence) means for one message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Charged {
    /// Priced: micro-units (0 for a free message or one Meta could not deliver).
    Micros(i64),
    /// Meta has not sent the message's pricing yet.
    Awaiting,
    /// Meta priced it, but the rate card has no price for it (no card yet, an unknown market,
    /// a category Buzón does not price).
    NoRate,
}

/// One message, ready to be added to rows.
struct Priced {
    category: Category,
    estimated: Option<i64>,
    charged: Charged,
}

pub(super) fn costs(
    outbound: &[OutboundFact],
    period: &Period,
    table: &RateTable,
    agents: &[AgentRef],
    labels: &[LabelRef],
) -> CostFigures {
    let mut total = CostRow::default();
    let mut days: Vec<CostRow> = period
        .days
        .iter()
        .map(|(date, _)| CostRow {
            key: date.clone(),
            name: date.clone(),
            ..CostRow::default()
        })
        .collect();
    let mut categories: BTreeMap<Category, CostRow> = BTreeMap::new();
    let mut senders: BTreeMap<(Sender, i64), CostRow> = BTreeMap::new();
    let mut by_label: BTreeMap<i64, CostRow> = BTreeMap::new();
    for fact in outbound {
        let priced = price(fact, table);
        total.add(&priced);
        if let Some(day) = period.day_of(fact.at_ms).and_then(|i| days.get_mut(i)) {
            day.add(&priced);
        }
        categories
            .entry(priced.category)
            .or_insert_with(|| CostRow {
                key: priced.category.as_str().to_string(),
                name: priced.category.as_str().to_string(),
                ..CostRow::default()
            })
            .add(&priced);
        let (sender, user) = sender_of(fact);
        senders
            .entry((sender, user))
            .or_insert_with(|| CostRow {
                key: sender_key(sender, user),
                name: agents
                    .iter()
                    .find(|a| a.id == user)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                sender: Some(sender),
                ..CostRow::default()
            })
            .add(&priced);
        for label in &fact.label_ids {
            by_label
                .entry(*label)
                .or_insert_with(|| CostRow {
                    key: label.to_string(),
                    name: labels
                        .iter()
                        .find(|l| l.id == *label)
                        .map(|l| l.name.clone())
                        .unwrap_or_else(|| format!("#{label}")),
                    ..CostRow::default()
                })
                .add(&priced);
        }
    }
    let mut agents_rows: Vec<CostRow> = senders.into_values().collect();
    agents_rows.sort_by_cached_key(|r| (r.sender, r.name.to_lowercase(), r.key.clone()));
    let mut label_rows: Vec<CostRow> = by_label.into_values().collect();
    label_rows.sort_by_cached_key(|r| (r.name.to_lowercase(), r.key.clone()));
    CostFigures {
        currency: table.currency.clone(),
        total,
        days,
        categories: categories.into_values().collect(),
        agents: agents_rows,
        labels: label_rows,
    }
}

impl CostRow {
    fn add(&mut self, message: &Priced) {
        self.messages += 1;
        match message.estimated {
            Some(micros) => self.estimated_micros += micros,
            None => self.unestimated += 1,
        }
        match message.charged {
            Charged::Micros(micros) => {
                self.charged_micros += micros;
                self.billed += u64::from(micros > 0);
            }
            Charged::Awaiting => self.awaiting += 1,
            Charged::NoRate => self.no_rate += 1,
        }
    }
}

fn price(fact: &OutboundFact, table: &RateTable) -> Priced {
    let reported = fact.pricing_category.as_deref().and_then(Category::parse);
    let estimated_category = fact.estimated_category.as_deref().and_then(Category::parse);
    let category = reported.or(estimated_category).unwrap_or_else(|| {
        if fact.template.is_some() {
            Category::of_template(fact.template_category.as_deref())
        } else {
            Category::Service
        }
    });
    // An estimate made in another currency (the team changed its rate card's) is not added to
    // this one's.
    let same_currency = fact
        .estimated_currency
        .as_deref()
        .is_none_or(|c| c.trim().eq_ignore_ascii_case(&table.currency));
    let estimated = fact.estimated_micros.filter(|_| same_currency);
    Priced {
        category,
        estimated,
        charged: charged_for(fact, table),
    }
}

fn charged_for(fact: &OutboundFact, table: &RateTable) -> Charged {
    if fact.pricing_billable == Some(false) {
        return Charged::Micros(0);
    }
    let Some(category) = fact.pricing_category.as_deref() else {
        // Meta bills only what it delivers: a failure without pricing cost nothing.
        return if fact.status == "failed" {
            Charged::Micros(0)
        } else {
            Charged::Awaiting
        };
    };
    // A billable message with no type is Meta's older payload: the list price.
    let pricing_type = fact.pricing_type.as_deref().unwrap_or("regular");
    let Some(market) = fact.market.as_deref() else {
        return Charged::NoRate;
    };
    match charged(
        category,
        pricing_type,
        market,
        pricing_day(fact.at_ms),
        table,
    ) {
        Some(micros) => Charged::Micros(micros),
        None => Charged::NoRate,
    }
}

fn sender_of(fact: &OutboundFact) -> (Sender, i64) {
    match (fact.sender.as_str(), fact.sender_user_id) {
        ("agent", Some(user)) => (Sender::Agent, user),
        ("bot", _) => (Sender::Bot, 0),
        _ => (Sender::Desk, 0),
    }
}

fn sender_key(sender: Sender, user: i64) -> String {
    match sender {
        Sender::Agent => format!("agent:{user}"),
        Sender::Bot => "bot".into(),
        Sender::Desk => "desk".into(),
    }
}
