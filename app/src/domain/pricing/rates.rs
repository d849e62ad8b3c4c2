//! Rate cards and what a message costs under them. Money is kept in integer micro-units
//! (millionths of the currency unit): Meta's rates have up to four decimals and sums over many
//! messages must not drift as floats do.

use super::category::Category;
use super::markets::{later_market_of, market_key, market_of};
use super::model::{charge, Blocked, Free, PricingRules, SendFacts};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Micro-units in one unit of the currency.
pub const MICROS_PER_UNIT: i64 = 1_000_000;

/// One price of a card: a message of `category` delivered in `market`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    /// Meta's market name ([`super::MARKETS`], [`super::LATER_MARKETS`]).
    pub market: String,
    pub category: Category,
    pub price_micros: i64,
}

/// One of Meta's published cards: the list rates (before volume tiers) from a date on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateCard {
    /// First day (WABA time zone) the card applies; Meta changes cards on the first day of a
    /// quarter.
    #[serde(with = "super::day")]
    pub effective_from: NaiveDate,
    pub rates: Vec<Rate>,
}

/// The cards of one currency over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTable {
    /// ISO 4217 (`USD`): Meta bills a WABA in one currency.
    pub currency: String,
    /// Where the figures come from, shown next to every estimate.
    pub source: String,
    /// In any order.
    pub cards: Vec<RateCard>,
}

impl RateCard {
    /// The price of `category` in `market`; `None` when the card has none (an unknown market,
    /// or a category the market is not priced for, such as service before 2026-10-01).
    pub fn price(&self, market: &str, category: Category) -> Option<i64> {
        let key = market_key(market);
        self.rates
            .iter()
            .find(|r| r.category == category && market_key(&r.market) == key)
            .map(|r| r.price_micros)
    }

    /// The market a number of `country_iso` is priced in under this card: its own, when the
    /// card lists one for it, otherwise its regional bucket ([`market_of`]).
    pub fn market_for(&self, country_iso: Option<&str>) -> &'static str {
        match later_market_of(country_iso) {
            Some(own) if self.lists(own) => own,
            _ => market_of(country_iso),
        }
    }

    fn lists(&self, market: &str) -> bool {
        let key = market_key(market);
        self.rates.iter().any(|r| market_key(&r.market) == key)
    }
}

impl RateTable {
    /// The card in force on `date`: the latest starting on or before it (of two starting the
    /// same day, the later in the list). Before the first card there is none: no estimate
    /// rather than a guess.
    pub fn card_at(&self, date: NaiveDate) -> Option<&RateCard> {
        self.cards
            .iter()
            .enumerate()
            .filter(|(_, c)| c.effective_from <= date)
            .max_by_key(|(i, c)| (c.effective_from, *i))
            .map(|(_, c)| c)
    }

    /// The list price of `category` in `market` on `date`, if the card in force has one.
    pub fn price(&self, market: &str, category: Category, date: NaiveDate) -> Option<i64> {
        self.card_at(date)?.price(market, category)
    }
}

/// What a send will probably cost, for the composer and the broadcast planner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub category: Category,
    pub free: Option<Free>,
    pub blocked: Option<Blocked>,
    pub market: String,
    /// `Some(0)` when free or blocked; `None` when the card in force has no price for it
    /// (unknown market, missing category, no card yet): never a made-up number. A list price:
    /// volume tiers may make it cheaper.
    pub price_micros: Option<i64>,
}

/// The charge ([`charge`]) priced with the card in force on the send's date.
///
/// Authentication to a number abroad (recipient and business countries both known and
/// different) is billed as authentication-international when the card has that rate for the
/// recipient's market; otherwise, and when either country is unknown, as authentication.
pub fn estimate(send: &SendFacts, rules: &PricingRules, table: &RateTable) -> Estimate {
    let verdict = charge(send, rules);
    let card = table.card_at(send.date);
    let market = card.map_or_else(
        || market_of(send.recipient_country),
        |c| c.market_for(send.recipient_country),
    );
    let price = |category| card.and_then(|c| c.price(market, category));
    let abroad = match (send.recipient_country, send.business_country) {
        (Some(to), Some(from)) => !to.trim().eq_ignore_ascii_case(from.trim()),
        _ => false,
    };
    let category = match verdict.category {
        Category::Authentication
            if abroad && price(Category::AuthenticationInternational).is_some() =>
        {
            Category::AuthenticationInternational
        }
        category => category,
    };
    let price_micros = if verdict.free.is_some() || verdict.blocked.is_some() {
        Some(0)
    } else {
        price(category)
    };
    Estimate {
        category,
        free: verdict.free,
        blocked: verdict.blocked,
        market: market.to_string(),
        price_micros,
    }
}

/// What Meta billed for a message, from the status webhook's `pricing` object (`category`,
/// `type`), the recipient's market and the message's date: `regular` is the card's list price,
/// `free_customer_service` and `free_entry_point` cost nothing. `None` for a type or category
/// Buzón cannot price, or no price on the card.
pub fn charged(
    category: &str,
    pricing_type: &str,
    market: &str,
    date: NaiveDate,
    table: &RateTable,
) -> Option<i64> {
    match pricing_type.trim().to_ascii_lowercase().as_str() {
        "free_customer_service" | "free_entry_point" => Some(0),
        "regular" => table.price(market, Category::parse(category)?, date),
        _ => None,
    }
}

/// Micro-units as a plain number of currency units, for formatting only (never sum these).
pub fn micros_to_f64(micros: i64) -> f64 {
    micros as f64 / MICROS_PER_UNIT as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricing::model::{ymd, Content};

    fn rate(market: &str, category: Category, price_micros: i64) -> Rate {
        Rate {
            market: market.to_string(),
            category,
            price_micros,
        }
    }

    /// Two cards: Argentina's marketing rate changes on 2026-10-01, which also adds service,
    /// India's authentication-international rate and Kuwait as a market of its own.
    fn table() -> RateTable {
        use Category::*;
        RateTable {
            currency: "USD".into(),
            source: "test".into(),
            cards: vec![
                RateCard {
                    effective_from: ymd(2026, 10, 1),
                    rates: vec![
                        rate("Argentina", Marketing, 61_800),
                        rate("Argentina", Utility, 26_000),
                        rate("Argentina", Authentication, 26_000),
                        rate("Argentina", Service, 26_000),
                        rate("India", Authentication, 1_400),
                        rate("India", AuthenticationInternational, 28_000),
                        rate("Kuwait", Marketing, 40_000),
                        rate("Rest of Middle East", Marketing, 34_000),
                        rate("North America", Marketing, 25_000),
                    ],
                },
                RateCard {
                    effective_from: ymd(2026, 7, 1),
                    rates: vec![
                        rate("Argentina", Marketing, 60_000),
                        rate("Argentina", Utility, 26_000),
                        rate("Rest of Middle East", Marketing, 34_000),
                    ],
                },
            ],
        }
    }

    #[test]
    fn prices_come_from_the_card_in_force() {
        use Category::*;
        let t = table();
        // (case, market, category, date, price)
        #[rustfmt::skip]
        let cases: &[(&str, &str, Category, NaiveDate, Option<i64>)] = &[
            ("first day of the first card", "Argentina", Marketing, ymd(2026, 7, 1), Some(60_000)),
            ("last day of the first card", "Argentina", Marketing, ymd(2026, 9, 30), Some(60_000)),
            ("first day of the second card", "Argentina", Marketing, ymd(2026, 10, 1), Some(61_800)),
            ("long after", "Argentina", Marketing, ymd(2030, 1, 1), Some(61_800)),
            ("before any card", "Argentina", Marketing, ymd(2026, 6, 30), None),
            ("service not on the first card", "Argentina", Service, ymd(2026, 9, 1), None),
            ("service on the second card", "Argentina", Service, ymd(2026, 10, 1), Some(26_000)),
            ("market not on the card", "Brazil", Marketing, ymd(2026, 10, 1), None),
            ("unknown market", "Atlantis", Marketing, ymd(2026, 10, 1), None),
            ("market spelled loosely", "argentina", Utility, ymd(2026, 10, 1), Some(26_000)),
        ];
        for (case, market, category, date, want) in cases {
            assert_eq!(t.price(market, *category, *date), *want, "{case}");
        }
        assert_eq!(
            t.card_at(ymd(2026, 8, 1)).map(|c| c.effective_from),
            Some(ymd(2026, 7, 1))
        );
    }

    fn send<'a>(
        content: Content<'a>,
        to: Option<&'a str>,
        from: Option<&'a str>,
        date: NaiveDate,
    ) -> SendFacts<'a> {
        SendFacts {
            content,
            window_open: true,
            entry_point_open: false,
            recipient_country: to,
            business_country: from,
            date,
        }
    }

    #[test]
    fn the_estimate_table() {
        use Category::*;
        let t = table();
        let rules = PricingRules::default();
        let oct = ymd(2026, 10, 1);
        let sep = ymd(2026, 9, 1);
        let auth = Content::Template(Some("AUTHENTICATION"));
        let mkt = Content::Template(Some("MARKETING"));
        let util = Content::Template(Some("UTILITY"));
        // (case, send, category, market, price)
        #[rustfmt::skip]
        let cases: &[(&str, SendFacts, Category, &str, Option<i64>)] = &[
            ("marketing", send(mkt, Some("AR"), Some("AR"), oct), Marketing, "Argentina", Some(61_800)),
            ("marketing on the older card", send(mkt, Some("AR"), Some("AR"), sep), Marketing, "Argentina", Some(60_000)),
            ("in-window utility, free in 2025 model", send(util, Some("AR"), Some("AR"), sep), Utility, "Argentina", Some(0)),
            ("in-window utility, billed from 2026-10", send(util, Some("AR"), Some("AR"), oct), Utility, "Argentina", Some(26_000)),
            ("service, free before", send(Content::FreeForm, Some("AR"), None, sep), Service, "Argentina", Some(0)),
            ("service, billed after", send(Content::FreeForm, Some("AR"), None, oct), Service, "Argentina", Some(26_000)),
            ("authentication at home", send(auth, Some("IN"), Some("IN"), oct), Authentication, "India", Some(1_400)),
            ("authentication abroad", send(auth, Some("IN"), Some("AR"), oct), AuthenticationInternational, "India", Some(28_000)),
            ("abroad, business country unknown", send(auth, Some("IN"), None, oct), Authentication, "India", Some(1_400)),
            ("abroad, no international rate", send(auth, Some("AR"), Some("IN"), oct), Authentication, "Argentina", Some(26_000)),
            ("a market of its own on the new card", send(mkt, Some("KW"), None, oct), Marketing, "Kuwait", Some(40_000)),
            ("its bucket on the older card", send(mkt, Some("KW"), None, sep), Marketing, "Rest of Middle East", Some(34_000)),
            ("bucket country", send(mkt, Some("BH"), None, oct), Marketing, "Rest of Middle East", Some(34_000)),
            ("market without a price", send(mkt, Some("BR"), None, oct), Marketing, "Brazil", None),
            ("unknown country", send(mkt, None, None, oct), Marketing, "Other", None),
            ("no card yet", send(mkt, Some("AR"), None, ymd(2026, 1, 1)), Marketing, "Argentina", None),
            ("US marketing is not delivered", send(mkt, Some("US"), None, oct), Marketing, "North America", Some(0)),
        ];
        for (case, s, category, market, price) in cases {
            let e = estimate(s, &rules, &t);
            assert_eq!(e.category, *category, "{case}");
            assert_eq!(e.market, *market, "{case}");
            assert_eq!(e.price_micros, *price, "{case}");
        }
        let us = estimate(&send(mkt, Some("US"), None, oct), &rules, &t);
        assert_eq!(us.blocked, Some(Blocked::UsMarketing));
        let fep = SendFacts {
            entry_point_open: true,
            ..send(mkt, Some("AR"), None, oct)
        };
        let e = estimate(&fep, &rules, &t);
        assert_eq!((e.free, e.price_micros), (Some(Free::EntryPoint), Some(0)));
    }

    #[test]
    fn what_the_webhook_says_was_charged() {
        let t = table();
        let oct = ymd(2026, 10, 1);
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, NaiveDate, Option<i64>)] = &[
            ("marketing", "regular", "Argentina", oct, Some(61_800)),
            ("marketing_lite", "regular", "Argentina", oct, Some(61_800)),
            ("marketing", "regular", "Argentina", ymd(2026, 8, 1), Some(60_000)),
            ("authentication-international", "regular", "India", oct, Some(28_000)),
            ("authentication_international", "regular", "India", oct, Some(28_000)),
            ("service", "free_customer_service", "Argentina", oct, Some(0)),
            ("utility", "free_customer_service", "Atlantis", oct, Some(0)),
            ("referral_conversion", "free_entry_point", "Argentina", oct, Some(0)),
            ("general_purpose_ai", "regular", "Argentina", oct, None),
            ("marketing", "regular", "Brazil", oct, None),
            ("marketing", "something_new", "Argentina", oct, None),
        ];
        for (category, kind, market, date, want) in cases {
            assert_eq!(
                charged(category, kind, market, *date, &t),
                *want,
                "{category} {kind} {market}"
            );
        }
    }

    #[test]
    fn micros_read_as_units() {
        assert_eq!(micros_to_f64(62_500), 0.0625);
        assert_eq!(micros_to_f64(-1_500_000), -1.5);
        assert_eq!(micros_to_f64(0), 0.0);
    }

    #[test]
    fn tables_are_stored_with_dates() {
        let json = serde_json::to_string(&table()).unwrap();
        assert!(json.contains(r#""effective_from":"2026-10-01""#), "{json}");
        assert_eq!(serde_json::from_str::<RateTable>(&json).unwrap(), table());
    }
}
