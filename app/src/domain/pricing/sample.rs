//! A dated sample rate table, so the demo and a fresh install show estimates before the team
//! loads Meta's current card. Kept as a rate-card CSV and read by the importer, so it is also
//! an example of the layout the import takes.

use super::card_csv::parse_rate_card_csv;
use super::model::ymd;
use super::rates::RateTable;
use chrono::NaiveDate;

/// The sample card, in Meta's rate-card layout.
pub const SAMPLE_CSV: &str = include_str!("sample_rates_2026-10-01.csv");
/// The card it transcribes.
pub const SAMPLE_EFFECTIVE_FROM: NaiveDate = ymd(2026, 10, 1);
pub const SAMPLE_SOURCE: &str = "Meta rate card 2026-10-01 (USD), as transcribed in \
    tobachat/whatsapp-api-rates and BSP tables; sample figures, verify against Meta's current card";

/// USD list rates effective 2026-10-01 for nine markets (Argentina, Brazil, Chile, Colombia,
/// India, Mexico, Netherlands, Spain, North America). Service is priced as utility, as BSPs
/// read the 2026-10-01 card; some figures are approximate (see docs/pricing.md).
pub fn sample_table() -> RateTable {
    let (card, currency) = parse_rate_card_csv(SAMPLE_CSV, SAMPLE_EFFECTIVE_FROM)
        .expect("the sample rate card parses (tested below)");
    RateTable {
        currency: currency.unwrap_or_else(|| "USD".to_string()),
        source: SAMPLE_SOURCE.to_string(),
        cards: vec![card],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricing::category::Category;

    #[test]
    fn the_sample_parses_and_says_what_it_is() {
        let (card, currency) = parse_rate_card_csv(SAMPLE_CSV, SAMPLE_EFFECTIVE_FROM).unwrap();
        assert_eq!(currency.as_deref(), Some("USD"));
        let table = sample_table();
        assert_eq!(table.cards, vec![card]);
        assert_eq!(table.currency, "USD");
        assert!(table.source.contains("2026-10-01"));
        let on = SAMPLE_EFFECTIVE_FROM;
        let price = |market, category| table.price(market, category, on);
        assert_eq!(price("Brazil", Category::Marketing), Some(62_500));
        assert_eq!(price("Brazil", Category::Utility), Some(6_800));
        assert_eq!(price("Colombia", Category::Utility), Some(800));
        assert_eq!(
            price("North America", Category::Authentication),
            Some(3_400)
        );
        assert_eq!(price("Netherlands", Category::Marketing), Some(159_700));
        assert_eq!(price("Netherlands", Category::Utility), None);
        assert_eq!(price("Peru", Category::Marketing), None);
        // Service equals utility wherever the sample has both.
        for market in [
            "Argentina",
            "Brazil",
            "Chile",
            "Colombia",
            "India",
            "Mexico",
            "Spain",
        ] {
            assert_eq!(
                price(market, Category::Service),
                price(market, Category::Utility),
                "{market}"
            );
            assert!(price(market, Category::Service).is_some(), "{market}");
        }
        let markets: Vec<&str> = {
            let mut m: Vec<&str> = table.cards[0]
                .rates
                .iter()
                .map(|r| r.market.as_str())
                .collect();
            m.dedup();
            m
        };
        assert_eq!(markets.len(), 9);
        // Nothing before the card's date.
        assert_eq!(
            table.price("Brazil", Category::Marketing, ymd(2026, 9, 30)),
            None
        );
    }
}
