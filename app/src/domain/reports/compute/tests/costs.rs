//! Costs: the desk's estimates beside Meta's charges, by day, category, sender and label.

use super::outbound::sent;
use super::*;
use crate::domain::pricing::{Category, Rate, RateCard, RateTable};
use crate::domain::reports::OutboundFact;
use crate::wire::reports::{CostRow, Sender};

/// Brazil's marketing rate goes up on 2026-11-12, the fourth day of the test week.
pub(super) fn cards() -> RateTable {
    let card = |from: chrono::NaiveDate, marketing: i64| RateCard {
        effective_from: from,
        rates: [
            (Category::Marketing, marketing),
            (Category::Utility, 6_800),
            (Category::Service, 5_000),
        ]
        .into_iter()
        .map(|(category, price_micros)| Rate {
            market: "Brazil".into(),
            category,
            price_micros,
        })
        .collect(),
    };
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    RateTable {
        currency: "USD".into(),
        source: "test".into(),
        cards: vec![card(day(1), 62_500), card(day(12), 70_000)],
    }
}

/// A message of day `n` to Brazil, estimated at `estimated` USD micro-units, and what Meta
/// said: (category, billable, type).
fn message(
    n: i64,
    by: (&str, Option<i64>),
    estimated: Option<(&str, i64)>,
    pricing: Option<(&str, bool, &str)>,
) -> OutboundFact {
    OutboundFact {
        at_ms: at(n, 10, 0),
        sender: by.0.into(),
        sender_user_id: by.1,
        estimated_category: estimated.map(|e| e.0.into()),
        estimated_micros: estimated.map(|e| e.1),
        estimated_currency: estimated.map(|_| "USD".into()),
        market: Some("Brazil".into()),
        pricing_category: pricing.map(|p| p.0.into()),
        pricing_billable: pricing.map(|p| p.1),
        pricing_type: pricing.map(|p| p.2.into()),
        ..sent("delivered")
    }
}

const ANA: (&str, Option<i64>) = ("agent", Some(1));
const BRUNO: (&str, Option<i64>) = ("agent", Some(2));

fn week_of_messages() -> Vec<OutboundFact> {
    let regular = |category| Some((category, true, "regular"));
    vec![
        // 1. Ana, day 0: marketing, charged at the first card.
        OutboundFact {
            label_ids: vec![10],
            template: Some("promo".into()),
            ..message(0, ANA, Some(("marketing", 62_500)), regular("marketing"))
        },
        // 2. Ana, day 4: the same estimate, charged at the new card's 0.07.
        OutboundFact {
            label_ids: vec![10, 11],
            template: Some("promo".into()),
            ..message(4, ANA, Some(("marketing", 62_500)), regular("marketing"))
        },
        // 3. Bruno, day 1: a utility template Meta left free in the window.
        message(
            1,
            BRUNO,
            Some(("utility", 0)),
            Some(("utility", false, "free_customer_service")),
        ),
        // 4. The bot, day 1: a free-form reply Meta has not priced yet.
        OutboundFact {
            status: "sent".into(),
            ..message(1, ("bot", None), Some(("service", 5_000)), None)
        },
        // 5. The desk, day 2: a template that failed: Meta charges nothing.
        OutboundFact {
            status: "failed".into(),
            template: Some("aviso".into()),
            template_category: Some("UTILITY".into()),
            ..message(2, ("system", None), Some(("utility", 6_800)), None)
        },
        // 6. Bruno, day 2: priced by Meta, but with no market known and no estimate.
        OutboundFact {
            market: None,
            ..message(2, BRUNO, None, regular("marketing"))
        },
        // 7. Ana, day 3: estimated in euros (another card then): not added to dollars.
        OutboundFact {
            estimated_currency: Some("EUR".into()),
            ..message(3, ANA, Some(("utility", 6_000)), regular("utility"))
        },
    ]
}

/// (key, messages, billed, estimated, unestimated, charged, awaiting, no rate)
type Figures<'a> = (&'a str, u64, u64, i64, u64, i64, u64, u64);

fn figures(row: &CostRow) -> Figures<'_> {
    (
        row.key.as_str(),
        row.messages,
        row.billed,
        row.estimated_micros,
        row.unestimated,
        row.charged_micros,
        row.awaiting,
        row.no_rate,
    )
}

fn costs() -> crate::wire::reports::CostFigures {
    let facts = ReportFacts {
        outbound: week_of_messages(),
        ..facts(Vec::new())
    };
    compute(&facts, &week(), &cards()).costs
}

#[test]
fn the_total_sets_estimates_beside_what_meta_charged() {
    let costs = costs();
    assert_eq!(costs.currency, "USD");
    // Estimated: 62,500 × 2 + 0 + 5,000 + 6,800 (messages 6 and 7 have none in dollars).
    // Charged: 62,500 + 70,000 + 0 + 0 (failed) + 6,800; the bot's awaits Meta; message 6
    // has no market to price it in.
    assert_eq!(figures(&costs.total), ("", 7, 3, 136_800, 2, 139_300, 1, 1));
}

#[test]
fn every_day_of_the_period_has_a_row_priced_by_its_own_card() {
    let costs = costs();
    let days: Vec<Figures> = costs.days.iter().map(figures).collect();
    assert_eq!(
        days,
        vec![
            ("2026-11-09", 1, 1, 62_500, 0, 62_500, 0, 0),
            ("2026-11-10", 2, 0, 5_000, 0, 0, 1, 0),
            ("2026-11-11", 2, 0, 6_800, 1, 0, 0, 1),
            ("2026-11-12", 1, 1, 0, 1, 6_800, 0, 0),
            ("2026-11-13", 1, 1, 62_500, 0, 70_000, 0, 0),
            ("2026-11-14", 0, 0, 0, 0, 0, 0, 0),
            ("2026-11-15", 0, 0, 0, 0, 0, 0, 0),
        ]
    );
}

#[test]
fn categories_are_meta_s_word_then_the_estimate_then_the_template() {
    let costs = costs();
    let categories: Vec<Figures> = costs.categories.iter().map(figures).collect();
    assert_eq!(
        categories,
        vec![
            ("marketing", 3, 2, 125_000, 1, 132_500, 0, 1),
            ("utility", 3, 1, 6_800, 1, 6_800, 0, 0),
            ("service", 1, 0, 5_000, 0, 0, 1, 0),
        ]
    );
}

#[test]
fn senders_are_people_by_name_then_the_bot_then_the_desk() {
    let costs = costs();
    let senders: Vec<(Option<Sender>, &str, i64)> = costs
        .agents
        .iter()
        .map(|r| (r.sender, r.name.as_str(), r.charged_micros))
        .collect();
    assert_eq!(
        senders,
        vec![
            (Some(Sender::Agent), "Ana", 139_300),
            (Some(Sender::Agent), "Bruno", 0),
            (Some(Sender::Bot), "", 0),
            (Some(Sender::Desk), "", 0),
        ]
    );
    assert_eq!(costs.agents[0].key, "agent:1");
}

#[test]
fn a_message_counts_under_every_label_of_its_conversation() {
    let costs = costs();
    let labels: Vec<(&str, u64, i64)> = costs
        .labels
        .iter()
        .map(|r| (r.name.as_str(), r.messages, r.charged_micros))
        .collect();
    // By name: Billing (message 2), urgent (messages 1 and 2).
    assert_eq!(labels, vec![("Billing", 1, 70_000), ("urgent", 2, 132_500)]);
}

#[test]
fn without_a_rate_card_nothing_is_made_up() {
    let facts = ReportFacts {
        outbound: week_of_messages(),
        ..facts(Vec::new())
    };
    let costs = compute(&facts, &week(), &no_cards()).costs;
    assert_eq!(costs.total.charged_micros, 0);
    // Free and failed messages cost nothing with or without a card; the four Meta billed at
    // the list price cannot be priced.
    assert_eq!(costs.total.no_rate, 4);
    assert_eq!(costs.total.awaiting, 1);
}
