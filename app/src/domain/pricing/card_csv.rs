//! Meta's rate-card CSV: one row per market, a column per category. Read by the admin's
//! rate-card import (and the sample card), written by its export.
//!
//! Read by hand because the layout is small and spreadsheets bend it: `,`, `;` or tab between
//! fields, quoted fields holding commas or line breaks, title rows above the header, headers in
//! any case with or without spaces, dashes or underscores (`Authentication-International`,
//! `authentication_international`), prices as `0.0625`, `$0.0625`, `0,0625` or `n/a`.
//! Prices become micro-units by string arithmetic, never through a float.
//!
//! A card is taken whole or not at all: a half-imported card would price the missing markets
//! as "no estimate" without anyone noticing, so every problem is reported, by line.

use super::category::Category;
use super::markets::known_market;
use super::rates::{Rate, RateCard, MICROS_PER_UNIT};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is wrong with a rate-card file, and where (1-based line of the record). Data, not
/// words: the screen says it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvProblem {
    pub line: usize,
    pub problem: CsvProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum CsvProblemKind {
    /// No row has a `Market` (or `Country`) column: not a rate card, or empty.
    MissingMarketColumn,
    /// The header has a market column but no category column.
    NoPriceColumns,
    /// A row with prices for a market Meta does not have (the name as written).
    UnknownMarket(String),
    /// A price cell that is not a price (the cell as written).
    BadPrice(String),
    /// A market already priced on an earlier row (Meta's name).
    DuplicateMarket(String),
    /// A `Currency` cell that differs from the first one (the cell as written).
    MixedCurrency(String),
    /// A quote opened on this line is never closed.
    UnclosedQuote,
    /// A header and no prices at all.
    NoRates,
}

/// A rate-card CSV read as the card in force from `effective_from`, and its currency when a
/// `Currency` column says (upper-cased: `USD`). Rows that name no known market and hold no
/// price (notes, totals, blank lines) are skipped; everything else either becomes rates or is
/// reported.
pub fn parse_rate_card_csv(
    text: &str,
    effective_from: NaiveDate,
) -> Result<(RateCard, Option<String>), Vec<CsvProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The delimiter whose header makes the most sense; commas win ties.
    let mut best: Option<(Vec<Record>, usize, Vec<Option<Column>>)> = None;
    for delimiter in [',', ';', '\t'] {
        let records = records(text, delimiter);
        let Some((at, columns)) = find_header(&records) else {
            continue;
        };
        let known = columns.iter().flatten().count();
        if best
            .as_ref()
            .is_none_or(|(_, _, b)| b.iter().flatten().count() < known)
        {
            best = Some((records, at, columns));
        }
    }
    let Some((records, at, columns)) = best else {
        let line = records(text, ',').first().map_or(1, |r| r.line);
        return Err(vec![problem(line, CsvProblemKind::MissingMarketColumn)]);
    };
    let header_line = records[at].line;
    if !columns.iter().any(|c| matches!(c, Some(Column::Price(_)))) {
        return Err(vec![problem(header_line, CsvProblemKind::NoPriceColumns)]);
    }
    // The first column of each kind counts; later repeats are ignored.
    let first = |wanted: Column| columns.iter().position(|c| *c == Some(wanted));
    let market_at = first(Column::Market);
    let currency_at = first(Column::Currency);
    let price_at: Vec<(Category, usize)> = Category::ALL
        .into_iter()
        .filter_map(|c| first(Column::Price(c)).map(|at| (c, at)))
        .collect();

    let mut problems = Vec::new();
    let mut rates = Vec::new();
    let mut currency: Option<String> = None;
    let mut seen: Vec<&'static str> = Vec::new();
    if records[at].unclosed {
        problems.push(problem(header_line, CsvProblemKind::UnclosedQuote));
    }
    for record in &records[at + 1..] {
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.fields.get(i))
                .map_or("", |f| f.trim())
        };
        let line = record.line;
        if record.unclosed {
            problems.push(problem(line, CsvProblemKind::UnclosedQuote));
            continue;
        }
        let mut row_problems = Vec::new();
        let mut prices = Vec::new();
        for (category, at) in &price_at {
            let text = cell(Some(*at));
            match parse_price(text) {
                Ok(Some(micros)) => prices.push((*category, micros)),
                Ok(None) => {}
                Err(()) => row_problems.push(CsvProblemKind::BadPrice(text.to_string())),
            }
        }
        let name = cell(market_at);
        let has_prices = !prices.is_empty() || !row_problems.is_empty();
        let market = match known_market(name) {
            Some(market) => market,
            None if !has_prices => continue,
            None => {
                row_problems.insert(0, CsvProblemKind::UnknownMarket(name.to_string()));
                problems.extend(row_problems.into_iter().map(|p| problem(line, p)));
                continue;
            }
        };
        if seen.contains(&market) {
            row_problems.insert(0, CsvProblemKind::DuplicateMarket(market.to_string()));
        }
        seen.push(market);
        let row_currency = cell(currency_at).to_ascii_uppercase();
        if !row_currency.is_empty() {
            match &currency {
                None => currency = Some(row_currency),
                Some(first) if *first != row_currency => {
                    row_problems.push(CsvProblemKind::MixedCurrency(cell(currency_at).into()))
                }
                Some(_) => {}
            }
        }
        if row_problems.is_empty() {
            rates.extend(prices.into_iter().map(|(category, price_micros)| Rate {
                market: market.to_string(),
                category,
                price_micros,
            }));
        }
        problems.extend(row_problems.into_iter().map(|p| problem(line, p)));
    }
    if problems.is_empty() && rates.is_empty() {
        problems.push(problem(header_line, CsvProblemKind::NoRates));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((
        RateCard {
            effective_from,
            rates,
        },
        currency,
    ))
}

/// The card in the layout [`parse_rate_card_csv`] reads: a `Market` column and one column per
/// category (empty where the market has no price), markets in the card's order.
pub fn to_csv(card: &RateCard) -> String {
    let mut out = String::from("Market");
    for category in Category::ALL {
        out.push(',');
        out.push_str(category.csv_header());
    }
    out.push('\n');
    let mut markets: Vec<&str> = Vec::new();
    for rate in &card.rates {
        if !markets.contains(&rate.market.as_str()) {
            markets.push(&rate.market);
        }
    }
    for market in markets {
        out.push_str(&quoted(market));
        for category in Category::ALL {
            out.push(',');
            if let Some(micros) = card.price(market, category) {
                out.push_str(&write_micros(micros));
            }
        }
        out.push('\n');
    }
    out
}

fn problem(line: usize, problem: CsvProblemKind) -> CsvProblem {
    CsvProblem { line, problem }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Market,
    Currency,
    Price(Category),
}

/// A header cell, with case, spaces, dashes, underscores and a trailing `(USD)` ignored.
fn column(header: &str) -> Option<Column> {
    let header = header.split('(').next().unwrap_or_default();
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "market" | "markets" | "country" | "marketcountry" | "countrymarket" => Column::Market,
        "currency" => Column::Currency,
        "marketing" => Column::Price(Category::Marketing),
        "utility" => Column::Price(Category::Utility),
        "authentication" | "auth" => Column::Price(Category::Authentication),
        "authenticationinternational" | "authenticationintl" | "authinternational" | "authintl" => {
            Column::Price(Category::AuthenticationInternational)
        }
        "service" => Column::Price(Category::Service),
        _ => return None,
    })
}

/// The first record with a market column is the header; title rows above it are skipped.
fn find_header(records: &[Record]) -> Option<(usize, Vec<Option<Column>>)> {
    records.iter().enumerate().find_map(|(at, r)| {
        let columns: Vec<Option<Column>> = r.fields.iter().map(|f| column(f)).collect();
        columns
            .contains(&Some(Column::Market))
            .then_some((at, columns))
    })
}

/// One CSV record, from the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
    /// It ends inside a quoted field (the file ended first).
    unclosed: bool,
}

/// The file's records, blank ones left out. A quote opens a quoted field only at the start of
/// a field (after spaces); `""` inside one is a quote; `\r` outside quotes is ignored.
fn records(text: &str, delimiter: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut line = 1;
    let mut start = 1;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut finish = |fields: &mut Vec<String>, field: &mut String, start: usize, unclosed| {
        fields.push(std::mem::take(field));
        let fields = std::mem::take(fields);
        if unclosed || fields.iter().any(|f| !f.trim().is_empty()) {
            out.push(Record {
                line: start,
                fields,
                unclosed,
            });
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.next_if_eq(&'"').is_some() => field.push('"'),
                '"' => quoted = false,
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            '\n' => {
                finish(&mut fields, &mut field, start, false);
                line += 1;
                start = line;
            }
            '\r' => {}
            c if c == delimiter => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if quoted || !field.is_empty() || !fields.is_empty() {
        finish(&mut fields, &mut field, start, quoted);
    }
    out
}

/// A price cell: `Ok(None)` when it holds no price (empty, `n/a`, `-`), micro-units when it
/// holds one. Currency signs or codes around the number are ignored; a single `.` or `,` is
/// the decimal mark; with both, the last one is, and the other groups thousands (`1,234.5`,
/// `1.234,5`). Negative numbers and more than six significant decimals are errors, not
/// roundings.
fn parse_price(cell: &str) -> Result<Option<i64>, ()> {
    let cell = cell.trim();
    let lower = cell.to_lowercase();
    if matches!(lower.as_str(), "" | "n/a" | "na" | "-" | "–" | "—" | "none") {
        return Ok(None);
    }
    let is_number = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let (Some(start), Some(end)) = (cell.find(is_number), cell.rfind(is_number)) else {
        return Err(());
    };
    let number = &cell[start..=end];
    let currency_like =
        |c: char| c.is_alphabetic() || c.is_whitespace() || "$€£¥₹₽₺₦₩₱₫฿₪".contains(c);
    let mut wrapping = cell[..start].chars().chain(cell[end + 1..].chars());
    if !wrapping.all(currency_like) || !number.chars().all(is_number) {
        return Err(());
    }
    let mark = match (number.rfind('.'), number.rfind(',')) {
        (Some(dot), Some(comma)) => Some(dot.max(comma)),
        (Some(at), None) | (None, Some(at)) => {
            let sign = &number[at..=at];
            (number.matches(sign).count() == 1).then_some(at)
        }
        (None, None) => None,
    };
    let (whole, fraction) = match mark {
        Some(at) => (&number[..at], &number[at + 1..]),
        None => (number, ""),
    };
    if !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    let whole = without_grouping(whole)?;
    if whole.is_empty() && fraction.is_empty() {
        return Err(());
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 6 {
        return Err(());
    }
    let units: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ())?
    };
    let micros: i64 = format!("{fraction:0<6}").parse().map_err(|_| ())?;
    units
        .checked_mul(MICROS_PER_UNIT)
        .and_then(|u| u.checked_add(micros))
        .map(Some)
        .ok_or(())
}

/// The whole part's digits, its thousands separators (one kind, groups of three) removed.
fn without_grouping(whole: &str) -> Result<String, ()> {
    let Some(separator) = whole.chars().find(|c| !c.is_ascii_digit()) else {
        return Ok(whole.to_string());
    };
    let mut groups = whole.split(separator);
    let lead = groups.next().unwrap_or_default();
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    if !(1..=3).contains(&lead.len()) || !digits(lead) {
        return Err(());
    }
    let mut out = lead.to_string();
    for group in groups {
        if group.len() != 3 || !digits(group) {
            return Err(());
        }
        out.push_str(group);
    }
    Ok(out)
}

/// `62500` → `0.0625`, `1000000` → `1`: as short as exact.
fn write_micros(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    let per = MICROS_PER_UNIT.unsigned_abs();
    let fraction = format!("{:06}", abs % per);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{sign}{}", abs / per)
    } else {
        format!("{sign}{}.{fraction}", abs / per)
    }
}

/// A field as CSV writes it: quoted when it holds a delimiter, quote or line break.
fn quoted(field: &str) -> String {
    if field.contains([',', ';', '\t', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pricing::model::ymd;
    use CsvProblemKind::*;

    const OCT: NaiveDate = ymd(2026, 10, 1);

    fn parse(text: &str) -> Result<(RateCard, Option<String>), Vec<CsvProblem>> {
        parse_rate_card_csv(text, OCT)
    }

    fn problems(text: &str) -> Vec<(usize, CsvProblemKind)> {
        parse(text)
            .expect_err("should be refused")
            .into_iter()
            .map(|p| (p.line, p.problem))
            .collect()
    }

    #[test]
    fn a_good_file() {
        let text = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n\
                    Argentina,USD,0.0618,0.026,0.026,,0.026\n\
                    India,USD,0.0118,0.0014,0.0014,0.028,n/a\n\
                    Rest of Central & Eastern Europe,USD,0.0712,0.0175,0.0175,N/A,\n";
        let (card, currency) = parse(text).unwrap();
        assert_eq!(currency.as_deref(), Some("USD"));
        assert_eq!(card.effective_from, OCT);
        let price = |m, c| card.price(m, c);
        assert_eq!(price("Argentina", Category::Marketing), Some(61_800));
        assert_eq!(price("Argentina", Category::Service), Some(26_000));
        assert_eq!(
            price("Argentina", Category::AuthenticationInternational),
            None
        );
        assert_eq!(
            price("India", Category::AuthenticationInternational),
            Some(28_000)
        );
        assert_eq!(price("India", Category::Service), None);
        assert_eq!(
            price("Rest of Central & Eastern Europe", Category::Utility),
            Some(17_500)
        );
        assert_eq!(card.rates.len(), 4 + 4 + 3);
        // Rates come in file order, categories in column order.
        assert_eq!(card.rates[0].market, "Argentina");
        assert_eq!(card.rates[0].category, Category::Marketing);
    }

    #[test]
    fn loose_headers_titles_and_notes() {
        let text = "\u{feff}WhatsApp Business Platform rate card\r\n\
                    Effective October 1 2026\r\n\
                    \r\n\
                    market name?,MARKET, utility (USD) ,marketing_lite?,AUTH_INTL,authentication\r\n\
                    x,\"rest of latin america\",0.0094,9,0.05,0.0094\r\n\
                    ,,,,,\r\n\
                    * prices per delivered message,,,,,\r\n";
        let (card, currency) = parse(text).unwrap();
        assert_eq!(currency, None);
        // Meta's spelling, whatever the file says.
        assert_eq!(card.rates[0].market, "Rest of Latin America");
        assert_eq!(
            card.rates
                .iter()
                .map(|r| (r.category, r.price_micros))
                .collect::<Vec<_>>(),
            vec![
                (Category::Utility, 9_400),
                (Category::Authentication, 9_400),
                (Category::AuthenticationInternational, 50_000),
            ],
            "`marketing_lite?` is not a column of the card"
        );
    }

    #[test]
    fn quoted_fields_and_comma_decimals() {
        let text = "\"Market\",\"Marketing\",\"Utility\"\n\
                    \"Rest of Central & Eastern Europe, incl. Greece\",\"0,0712\",\"0,0175\"\n\
                    Brazil,\"$0,0625\",\" US$ 0.0068 \"\n\
                    \"Rest of\nWestern Europe\",\"1,234.5\",\"0.0142\"\n";
        let refused = problems(text);
        assert_eq!(
            refused,
            vec![(
                2,
                UnknownMarket("Rest of Central & Eastern Europe, incl. Greece".into())
            )],
            "a quoted comma stays in its field"
        );
        let text = text.replace(", incl. Greece", "");
        let (card, _) = parse(&text).unwrap();
        assert_eq!(
            card.price("Rest of Central & Eastern Europe", Category::Marketing),
            Some(71_200)
        );
        assert_eq!(card.price("Brazil", Category::Marketing), Some(62_500));
        assert_eq!(card.price("Brazil", Category::Utility), Some(6_800));
        // A line break inside quotes is part of the name.
        assert_eq!(
            card.price("Rest of Western Europe", Category::Marketing),
            Some(1_234_500_000)
        );
        // Semicolon files write decimals with commas, unquoted.
        let semicolons = "Market;Marketing;Utility\nBrazil;0,0625;0,0068\nChile;0,0889;\n";
        let (card, _) = parse(semicolons).unwrap();
        assert_eq!(card.price("Brazil", Category::Utility), Some(6_800));
        assert_eq!(card.price("Chile", Category::Marketing), Some(88_900));
        let tabs = "Market\tMarketing\nBrazil\t0.0625\n";
        assert_eq!(
            parse(tabs).unwrap().0.price("Brazil", Category::Marketing),
            Some(62_500)
        );
    }

    #[test]
    fn prices_are_exact() {
        #[rustfmt::skip]
        let table: &[(&str, Result<Option<i64>, ()>)] = &[
            ("0.0625", Ok(Some(62_500))),
            ("$0.0625", Ok(Some(62_500))),
            ("0,0625", Ok(Some(62_500))),
            ("€ 0,0625", Ok(Some(62_500))),
            ("0.0625 USD", Ok(Some(62_500))),
            (".5", Ok(Some(500_000))),
            ("0.1", Ok(Some(100_000))),
            // 0.1 + 0.2 as floats is 0.30000000000000004; as micros it is exact.
            ("0.3", Ok(Some(300_000))),
            ("0.000001", Ok(Some(1))),
            ("0.0000010", Ok(Some(1))),
            ("12", Ok(Some(12_000_000))),
            ("586.70", Ok(Some(586_700_000))),
            ("1,234.56", Ok(Some(1_234_560_000))),
            ("1.234,56", Ok(Some(1_234_560_000))),
            ("1,234,567", Ok(Some(1_234_567_000_000))),
            ("", Ok(None)),
            ("n/a", Ok(None)),
            ("N/A", Ok(None)),
            ("-", Ok(None)),
            ("—", Ok(None)),
            ("0.0000001", Err(())),
            ("-0.05", Err(())),
            ("free", Err(())),
            ("0.06 0.07", Err(())),
            ("0.0.6,1", Err(())),
            ("12,34.5", Err(())),
            ("1.234.5", Err(())),
            ("1e-3", Err(())),
            ("#0.05", Err(())),
            (".", Err(())),
            ("99999999999999999999", Err(())),
        ];
        for (cell, want) in table {
            assert_eq!(parse_price(cell), *want, "{cell:?}");
        }
    }

    #[test]
    fn bad_rows_are_reported_by_line() {
        let text = "Market,Marketing,Utility\n\
                    Brazil,0.0625,0.0068\n\
                    Chile,cheap,0.02\n\
                    Atlantis,0.05,0.01\n\
                    Brazil,0.07,0.01\n\
                    Narnia,,\n\
                    Peru,\"0.05,0.01\n";
        assert_eq!(
            problems(text),
            vec![
                (3, BadPrice("cheap".into())),
                (4, UnknownMarket("Atlantis".into())),
                (5, DuplicateMarket("Brazil".into())),
                (7, UnclosedQuote),
            ],
            "a row without prices for an unknown market is a note, not a problem"
        );
        // The same market spelled differently is still a duplicate.
        assert_eq!(
            problems("Market,Marketing\nRest of Africa,0.02\nrest of africa,0.03\n"),
            vec![(3, DuplicateMarket("Rest of Africa".into()))]
        );
        assert_eq!(
            problems("Market,Currency,Marketing\nBrazil,USD,0.06\nChile,EUR,0.07\n"),
            vec![(3, MixedCurrency("EUR".into()))]
        );
        let (_, currency) = parse("Market,Currency,Marketing\nBrazil,usd,0.06\nChile,USD,0.07\n")
            .expect("currency codes in any case agree");
        assert_eq!(currency.as_deref(), Some("USD"));
    }

    #[test]
    fn missing_columns() {
        assert_eq!(
            problems("Country code,Marketing\n55,0.0625\n"),
            vec![(1, MissingMarketColumn)]
        );
        assert_eq!(problems("\n\nTitle only\n"), vec![(3, MissingMarketColumn)]);
        assert_eq!(problems(""), vec![(1, MissingMarketColumn)]);
        assert_eq!(
            problems("Title\nMarket,Price,Notes\nBrazil,0.0625,\n"),
            vec![(2, NoPriceColumns)]
        );
        assert_eq!(problems("Market,Marketing\n,\n"), vec![(1, NoRates)]);
    }

    #[test]
    fn writing_round_trips() {
        let text = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n\
                    \"Rest of Central & Eastern Europe\",EUR,\"0,0712\",0.0175,0.0175,,\n\
                    India,EUR,0.0099,0.0012,0.0012,0.0252,\n\
                    Poland,EUR,0.0303,0.0101,0.0101,,0.0101\n\
                    Germany,EUR,1,0.0456,0.0456,,\n";
        let (card, _) = parse(text).unwrap();
        let written = to_csv(&card);
        assert!(
            written.starts_with(
                "Market,Marketing,Utility,Authentication,Authentication-International,Service\n\
                 Rest of Central & Eastern Europe,0.0712,0.0175,0.0175,,\n"
            ),
            "{written}"
        );
        assert!(written.contains("\nGermany,1,0.0456,"), "{written}");
        let (again, _) = parse(&written).unwrap();
        assert_eq!(again, card);
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        for micros in [0, 1, 62_500, 1_000_000, 1_234_560_000, i64::MAX] {
            let written = write_micros(micros);
            assert_eq!(parse_price(&written), Ok(Some(micros)), "{written}");
        }
        assert_eq!(write_micros(62_500), "0.0625");
        assert_eq!(write_micros(-62_500), "-0.0625");
    }

    #[test]
    fn problems_are_data() {
        let json = serde_json::to_string(&CsvProblem {
            line: 4,
            problem: UnknownMarket("Atlantis".into()),
        })
        .unwrap();
        assert_eq!(
            json,
            r#"{"line":4,"problem":{"kind":"unknown_market","value":"Atlantis"}}"#
        );
        let json = serde_json::to_string(&problem(1, MissingMarketColumn)).unwrap();
        assert_eq!(
            json,
            r#"{"line":1,"problem":{"kind":"missing_market_column"}}"#
        );
    }
}
