//! What messages cost, in words: the estimate line the template picker shows, and Settings →
//! Costs (admins: the pricing model's rules and the rate cards, imported from Meta's CSV).

mod page;

pub use page::CostsPage;

use crate::domain::pricing::{
    micros_to_f64, Blocked, Category, CsvProblem, CsvProblemKind, Estimate, Free,
};
use crate::i18n::{CostsTexts, Lang};

/// A per-message price: Meta's list prices have up to four decimals, all of which matter
/// ("0,0625 USD", not "0,06 USD").
pub fn price(lang: Lang, micros: i64, currency: &str) -> String {
    let amount = micros_to_f64(micros);
    crate::i18n::CommonTexts::get(lang)
        .money(crate::i18n::format_decimal(lang, amount, 2, 4), currency)
}

/// A category as Meta names it, in `lang`.
pub fn category(lang: Lang, c: Category) -> &'static str {
    let words = CostsTexts::get(lang).category;
    let i = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
    words[i]
}

/// "≈ 0.0625 USD · marketing · Spain", "Free: inside the customer-service window", or why
/// there is no price.
pub fn estimate_words(lang: Lang, e: &Estimate, currency: &str) -> String {
    let tx = CostsTexts::get(lang);
    if e.blocked == Some(Blocked::UsMarketing) {
        return tx.blocked_us.to_string();
    }
    match (e.free, e.price_micros) {
        (Some(Free::CustomerService), _) => tx.free_window.to_string(),
        (Some(Free::EntryPoint), _) => tx.free_entry_point.to_string(),
        (None, Some(micros)) => tx.estimate(
            price(lang, micros, currency),
            category(lang, e.category),
            e.market.as_str(),
        ),
        (None, None) => tx.no_price(category(lang, e.category), e.market.as_str()),
    }
}

/// A sent message's cost: Meta's word once a status said it ("Charged by WhatsApp: 0.0625
/// USD · marketing · Brazil", "Free: inside the customer-service window"), else the desk's
/// estimate.
///
/// The charged price is the estimate's when Meta billed the estimated category at the list
/// price: both are the rate card's price for the message's market and day (the estimate was
/// made with that card). When Meta billed another category, only the category is known here;
/// Reports price it (`domain::pricing::charged`).
pub fn message_cost_words(lang: Lang, c: &crate::wire::inbox::MessageCost) -> String {
    let tx = CostsTexts::get(lang);
    let named = |s: &str| {
        Category::parse(s).map_or_else(|| s.to_string(), |c| category(lang, c).to_string())
    };
    let as_estimated = |charged: &str| {
        Category::parse(charged).is_some()
            && Category::parse(charged) == c.estimated_category.as_deref().and_then(Category::parse)
    };
    match (c.charged_type.as_deref(), c.charged_category.as_deref()) {
        (Some("free_customer_service"), _) => tx.free_window.to_string(),
        (Some("free_entry_point"), _) => tx.free_entry_point.to_string(),
        (None | Some("regular"), Some(charged)) if as_estimated(charged) => {
            match (c.estimated_micros, c.currency.as_deref()) {
                (Some(m), Some(currency)) if m > 0 => tx.charged_price(
                    price(lang, m, currency),
                    named(charged),
                    c.market.clone().unwrap_or_default(),
                ),
                _ => tx.charged(named(charged)),
            }
        }
        (_, Some(charged)) => tx.charged(named(charged)),
        _ => {
            let category = c
                .estimated_category
                .as_deref()
                .map(named)
                .unwrap_or_default();
            let market = c.market.clone().unwrap_or_default();
            match c.estimated_micros {
                Some(0) => tx.estimated_free(category),
                Some(m) => tx.estimate(
                    price(lang, m, c.currency.as_deref().unwrap_or_default()),
                    category,
                    market,
                ),
                None => tx.no_price(category, market),
            }
        }
    }
}

/// Every problem of a refused rate card, one per line.
pub fn csv_problems(lang: Lang, problems: &[CsvProblem]) -> String {
    let tx = CostsTexts::get(lang);
    problems
        .iter()
        .map(|p| {
            let (i, value) = match &p.problem {
                CsvProblemKind::MissingMarketColumn => (0, None),
                CsvProblemKind::NoPriceColumns => (1, None),
                CsvProblemKind::UnknownMarket(v) => (2, Some(v)),
                CsvProblemKind::BadPrice(v) => (3, Some(v)),
                CsvProblemKind::DuplicateMarket(v) => (4, Some(v)),
                CsvProblemKind::MixedCurrency(v) => (5, Some(v)),
                CsvProblemKind::UnclosedQuote => (6, None),
                CsvProblemKind::NoRates => (7, None),
            };
            let problem = match value {
                Some(v) => format!("{} (“{v}”)", tx.csv_problems[i]),
                None => tx.csv_problems[i].to_string(),
            };
            tx.csv_problem(p.line as i64, problem)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::inbox::MessageCost;

    fn cost(estimated: &str, micros: i64, charged: Option<(&str, &str)>) -> MessageCost {
        MessageCost {
            estimated_category: Some(estimated.into()),
            estimated_micros: Some(micros),
            currency: Some("USD".into()),
            market: Some("Brazil".into()),
            charged_category: charged.map(|c| c.0.into()),
            charged_type: charged.map(|c| c.1.into()),
        }
    }

    #[test]
    fn a_message_shows_what_it_cost_once_meta_said() {
        let words = |c| message_cost_words(Lang::En, &c);
        assert_eq!(
            words(cost("marketing", 62_500, None)),
            "≈ 0.0625 USD · marketing · Brazil"
        );
        assert_eq!(
            words(cost("marketing", 62_500, Some(("marketing", "regular")))),
            "Charged by WhatsApp: 0.0625 USD · marketing · Brazil"
        );
        // Meta billed another category than estimated: no price is made up.
        assert_eq!(
            words(cost("utility", 6_800, Some(("marketing", "regular")))),
            "Charged by WhatsApp as marketing"
        );
        assert_eq!(
            words(cost(
                "service",
                6_800,
                Some(("service", "free_customer_service"))
            )),
            "Free: inside the customer-service window"
        );
        assert_eq!(
            message_cost_words(
                Lang::PtBr,
                &cost("marketing", 62_500, Some(("marketing", "regular")))
            ),
            "Cobrada pelo WhatsApp: USD 0,0625 · marketing · Brazil"
        );
    }
}
