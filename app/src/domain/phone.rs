//! Phone numbers as WhatsApp keeps them (`wa_id`: country code and number, digits only) and as
//! people read them (`+54 9 11 5555-0101`), with the number's country. The numbering plans are
//! libphonenumber's (the `phonenumber` crate), never a regex.
//!
//! Asked by the server when it builds what screens show (conversation list, thread, contact
//! panel, dashboard) and, for typed numbers, by whoever takes one from a person.

use phonenumber::{Mode, PhoneNumber};

/// A number typed by a person that cannot be a phone number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Not a number at all, or too short or long for any country.
    Malformed,
    /// A number, but not a valid one in the country it belongs to.
    Invalid,
}

fn parse_wa_id(wa_id: &str) -> Option<PhoneNumber> {
    let digits: String = wa_id.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 6 {
        return None;
    }
    phonenumber::parse(None, format!("+{digits}")).ok()
}

/// `5491155550101` → `+54 9 11 5555-0101`. Numbers libphonenumber cannot place still read
/// as `+` and their digits.
pub fn for_people(wa_id: &str) -> String {
    match parse_wa_id(wa_id) {
        Some(number) => number.format().mode(Mode::International).to_string(),
        None => {
            let digits: String = wa_id.chars().filter(char::is_ascii_digit).collect();
            format!("+{digits}")
        }
    }
}

/// The number's country (ISO 3166 code: `AR`, `BR`), when its plan says.
pub fn country(wa_id: &str) -> Option<String> {
    let number = parse_wa_id(wa_id)?;
    number.country().id().map(|id| format!("{id:?}"))
}

/// A contact's name as shown: a name that is only a phone number (a contact without a profile
/// name) is written for people.
pub fn shown_name(name: &str) -> String {
    let looks_like_number = name.len() >= 6 && name.chars().all(|c| c.is_ascii_digit() || c == '+');
    if looks_like_number {
        for_people(name)
    } else {
        name.to_string()
    }
}

/// A number as a person types it (`11 5555-0101`, `+34 600 000 001`), read in
/// `default_country` (ISO code) unless it starts with `+` or `00`; returns the `wa_id` form
/// (E.164 without the `+`).
pub fn normalize(typed: &str, default_country: &str) -> Result<String, PhoneProblem> {
    let typed = typed.trim();
    let typed = match typed.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => typed.to_string(),
    };
    let region: Option<phonenumber::country::Id> = default_country.trim().parse().ok();
    let number = phonenumber::parse(if typed.starts_with('+') { None } else { region }, &typed)
        .map_err(|_| PhoneProblem::Malformed)?;
    if !phonenumber::is_valid(&number) {
        return Err(PhoneProblem::Invalid);
    }
    Ok(number
        .format()
        .mode(Mode::E164)
        .to_string()
        .trim_start_matches('+')
        .to_string())
}

/// Other spellings of the same mobile number that WhatsApp may know it by: Brazil's ninth
/// digit (`55 11 9 1234-5678` / `55 11 1234-5678`), Mexico's `1` after the country code and
/// Argentina's `9` (both dropped from dialling plans, still in many WhatsApp ids). The desk
/// looks a typed number up under each spelling before creating a contact, and adopts the one
/// WhatsApp reports in its answer to the first send.
pub fn prefix_variants(wa_id: &str) -> Vec<String> {
    let digits: String = wa_id.chars().filter(char::is_ascii_digit).collect();
    let mut variants = Vec::new();
    if let Some(rest) = digits.strip_prefix("55") {
        // Area code (2 digits), then 9 + 8 digits or 8 digits starting 6–9 (mobiles).
        if rest.len() == 11 && rest.as_bytes()[2] == b'9' {
            variants.push(format!("55{}{}", &rest[..2], &rest[3..]));
        } else if rest.len() == 10 && matches!(rest.as_bytes()[2], b'6'..=b'9') {
            variants.push(format!("55{}9{}", &rest[..2], &rest[2..]));
        }
    }
    for (country, mobile) in [("52", '1'), ("54", '9')] {
        if let Some(rest) = digits.strip_prefix(country) {
            if rest.len() == 11 && rest.starts_with(mobile) {
                variants.push(format!("{country}{}", &rest[1..]));
            } else if rest.len() == 10 {
                variants.push(format!("{country}{mobile}{rest}"));
            }
        }
    }
    variants
}

/// Settings key: the business's country (ISO code), where typed numbers without `+` belong.
pub const BUSINESS_COUNTRY_SETTING: &str = "business_country";
/// Until an admin says otherwise.
pub const DEFAULT_BUSINESS_COUNTRY: &str = "ES";

/// Every country libphonenumber knows, by ISO code, with its calling code (`("AR", 54)`),
/// for the country picker.
/// Sorted by ISO code; regions that are not countries ("001") are left out.
pub fn countries() -> Vec<(String, u16)> {
    let mut all: Vec<(String, u16)> = phonenumber::metadata::DATABASE
        .iter()
        .filter(|m| m.id().len() == 2 && m.id().chars().all(|c| c.is_ascii_uppercase()))
        .map(|m| (m.id().to_string(), m.country_code()))
        .collect();
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(for_people("5491155550101"), "+54 9 11 5555-0101");
        assert_eq!(for_people("34600000001"), "+34 600 00 00 01");
        assert_eq!(for_people("5511912345678"), "+55 11 91234-5678");
        // A number outside any plan still reads as a number.
        assert_eq!(for_people("12"), "+12");
        assert_eq!(country("5491155550101").as_deref(), Some("AR"));
        assert_eq!(country("5511912345678").as_deref(), Some("BR"));
    }

    #[test]
    fn a_name_that_is_a_number_is_written_for_people() {
        assert_eq!(shown_name("5491155550101"), "+54 9 11 5555-0101");
        assert_eq!(shown_name("Lucía"), "Lucía");
        assert_eq!(shown_name("Tienda 24"), "Tienda 24");
    }

    #[test]
    fn the_country_picker_knows_the_countries() {
        let all = countries();
        assert!(all.len() > 200, "{}", all.len());
        assert!(all.contains(&("AR".to_string(), 54)));
        assert!(all.contains(&("ES".to_string(), 34)));
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn mobile_prefix_variants() {
        assert_eq!(prefix_variants("5511912345678"), vec!["551112345678"]);
        assert_eq!(prefix_variants("551191234567"), vec!["5511991234567"]);
        // A Brazilian landline (starts 2–5) has no ninth-digit spelling.
        assert!(prefix_variants("551132345678").is_empty());
        assert_eq!(prefix_variants("5215512345678"), vec!["525512345678"]);
        assert_eq!(prefix_variants("525512345678"), vec!["5215512345678"]);
        assert_eq!(prefix_variants("541155550101"), vec!["5491155550101"]);
        assert_eq!(prefix_variants("5491155550101"), vec!["541155550101"]);
        assert!(prefix_variants("34600000001").is_empty());
    }

    #[test]
    fn typed_numbers_become_whatsapp_ids() {
        assert_eq!(normalize("11 5555-0101", "AR"), Ok("541155550101".into()));
        assert_eq!(normalize("+34 600 000 001", "MX"), Ok("34600000001".into()));
        assert_eq!(
            normalize("0034 600 000 001", "MX"),
            Ok("34600000001".into())
        );
        assert_eq!(
            normalize("(11) 91234-5678", "BR"),
            Ok("5511912345678".into())
        );
        assert_eq!(normalize("hello", "ES"), Err(PhoneProblem::Malformed));
        assert_eq!(normalize("+34 123", "ES"), Err(PhoneProblem::Invalid));
    }
}
