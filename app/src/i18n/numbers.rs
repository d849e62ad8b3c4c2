//! Numbers written the way each language writes them (CLDR data through ICU4X): `1,234.5`,
//! `1234,5` and `12.345,5` in Spanish (no grouping below five digits), `1.234,5` in Portuguese.

use super::Lang;
use fluent_bundle::FluentValue;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;

fn formatter_for(lang: Lang) -> DecimalFormatter {
    let locale: icu_locale_core::Locale = lang.code().parse().expect("valid tag");
    DecimalFormatter::try_new(locale.into(), Default::default())
        .expect("the compiled CLDR data has our languages")
}

thread_local! {
    static FORMATTERS: [DecimalFormatter; Lang::ALL.len()] = Lang::ALL.map(formatter_for);
}

/// `value` with at least `min_fraction` and at most `max_fraction` decimals.
pub fn format_decimal(lang: Lang, value: f64, min_fraction: u8, max_fraction: u8) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    // Scaled to an integer first: exact for the amounts a desk shows (counts, prices, costs).
    let max_fraction = max_fraction.min(12);
    let scaled = (value * 10f64.powi(max_fraction as i32)).round() as i128;
    let mut decimal = Decimal::from(scaled);
    decimal.multiply_pow10(-(max_fraction as i16));
    decimal.absolute.trim_end();
    decimal.absolute.pad_end(-(min_fraction as i16));
    FORMATTERS.with(|f| f[lang.index()].format(&decimal).to_string())
}

/// A whole number or one with up to two decimals, grouped by language.
pub fn format_number(lang: Lang, value: f64) -> String {
    format_decimal(lang, value, 0, 2)
}

fn format_value(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            let min = n.options.minimum_fraction_digits.unwrap_or(0).min(20) as u8;
            let max = n
                .options
                .maximum_fraction_digits
                .unwrap_or(2)
                .clamp(min as usize, 20) as u8;
            Some(format_decimal(lang, n.value, min, max))
        }
        _ => None,
    }
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_value(Lang::En, value)
}
fn format_es<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_value(Lang::Es, value)
}
fn format_pt_br<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_value(Lang::PtBr, value)
}

/// The number formatter a language's bundles use (a plain function: Fluent takes no closure).
pub(super) fn fluent_formatter<M>(lang: Lang) -> fn(&FluentValue, &M) -> Option<String> {
    match lang {
        Lang::En => format_en::<M>,
        Lang::Es => format_es::<M>,
        Lang::PtBr => format_pt_br::<M>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(format_number(Lang::En, 1234567.5), "1,234,567.5");
        assert_eq!(format_number(Lang::PtBr, 1234567.5), "1.234.567,5");
        // Spanish groups only from five digits (CLDR's minimum grouping digits).
        assert_eq!(format_number(Lang::Es, 1234.0), "1234");
        assert_eq!(format_number(Lang::Es, 12345.25), "12.345,25");
        assert_eq!(format_decimal(Lang::En, 0.5, 2, 2), "0.50");
        assert_eq!(format_decimal(Lang::PtBr, 1.23456, 0, 2), "1,23");
    }
}
