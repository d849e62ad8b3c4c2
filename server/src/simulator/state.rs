//! What the simulator remembers: customers and their chats, templates, media, rate limits.
//! Kept in memory: a restarted simulator is a fresh WhatsApp.

use super::SimConfig;
use app::domain::pacing::{Bucket, Rate};
use rand::Rng;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// One line of a customer's chat, as their phone shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ChatItem {
    pub wamid: String,
    pub from_business: bool,
    pub at_ms: i64,
    /// The message object: what the business sent, or what the customer's phone sent.
    pub content: Value,
    /// For the business's messages: sent, delivered, read or failed.
    pub status: Option<String>,
    /// For a failed one: Meta's error code (131047, 131050…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<i64>,
    /// For a template: how the phone shows it (header, body and buttons filled in, footer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rendered: Option<Value>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Customer {
    pub id: u64,
    pub name: String,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    /// "es" or "en": what generated messages are written in.
    pub lang: String,
    /// Played by a person on the phone page: never writes by itself, reads when looked at.
    pub human: bool,
    pub last_inbound_ms: Option<i64>,
    /// The customer chose "Stop promotions": marketing templates to them fail with 131050.
    pub marketing_stopped: bool,
    /// WhatsApp's per-user marketing limit holds for the customer: marketing templates to
    /// them fail with 131049, unless they wrote in the last 24 hours. Never set for numbers
    /// where Meta does not apply the limit (see [`marketing_limit_applies`]).
    pub marketing_limited: bool,
    /// The customer blocked the business: Meta accepts messages to them, then they fail
    /// with 131026 (undeliverable).
    pub blocked: bool,
    pub chat: Vec<ChatItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub language: String,
    pub category: String,
    pub status: String,
    pub quality: String,
    pub parameter_format: String,
    pub components: Value,
}

#[derive(Clone, Debug)]
pub struct Media {
    pub bytes: Vec<u8>,
    pub mime: String,
    pub sha256: String,
    pub filename: Option<String>,
}

pub struct SimState {
    pub customers: Vec<Customer>,
    pub templates: Vec<Template>,
    pub media: HashMap<String, Media>,
    /// Download token -> (media id, expiry in unix ms).
    pub downloads: HashMap<String, (String, i64)>,
    pub throughput: Bucket,
    pub pairs: HashMap<u64, Bucket>,
    /// The number's quality, messaging limit and marketing-limit share.
    pub number: super::number::NumberState,
    next_id: u64,
}

/// Meta's pair limit as the simulator enforces it: bursts of 45, then one per 6 s.
pub const PAIR_LIMIT: Rate = Rate {
    capacity: 45.0,
    per_second: 1.0 / 6.0,
};

pub fn now_ms() -> i64 {
    app::ssr::now_ms()
}

/// An id that looks like Meta's: `wamid.` and base64-ish text.
pub fn new_wamid() -> String {
    use base64_like::encode;
    let bytes: [u8; 30] = rand::thread_rng().gen();
    format!("wamid.{}", encode(&bytes))
}

/// A numeric id string, like Meta's media and template ids.
pub fn numeric_id() -> String {
    let n: u64 = rand::thread_rng().gen_range(100_000_000_000_000..999_999_999_999_999);
    n.to_string()
}

/// The same mobile number written the other way its country's dialling plan allows, for the
/// two countries whose WhatsApp ids often differ from what people type: Brazil's ninth digit
/// (`55`, a two-digit area, then `9` and eight digits, or the eight digits alone, as older
/// accounts are known) and Mexico's `1` after `52` (`521` and ten digits, or `52` and ten).
/// `None` for any other number. Digits only in and out.
pub fn mobile_variant(digits: &str) -> Option<String> {
    let b = digits.as_bytes();
    if !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Brazilian area codes run from 11 to 99 and none ends in 0; mobiles start with 6 to 9.
    let brazil_area = |area: &[u8]| area[0] != b'0' && area[1] != b'0';
    let mobile = |first: u8| (b'6'..=b'9').contains(&first);
    // Mexican numbers (ten digits) never start with 0 or 1.
    let mexican = |first: u8| (b'2'..=b'9').contains(&first);
    match (b.len(), b.get(..2)?) {
        (13, b"55") if brazil_area(&b[2..4]) && b[4] == b'9' && mobile(b[5]) => {
            Some(format!("{}{}", &digits[..4], &digits[5..]))
        }
        (12, b"55") if brazil_area(&b[2..4]) && mobile(b[4]) => {
            Some(format!("{}9{}", &digits[..4], &digits[4..]))
        }
        (13, b"52") if b[2] == b'1' && mexican(b[3]) => Some(format!("52{}", &digits[3..])),
        (12, b"52") if mexican(b[2]) => Some(format!("521{}", &digits[2..])),
        _ => None,
    }
}

/// Where Meta does not apply the per-user marketing limit (messages from or to these): the
/// EEA (the EU, Iceland, Liechtenstein, Norway), the UK, Japan and South Korea.
const NO_MARKETING_LIMIT: [&str; 33] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB", "JP",
    "KR",
];

/// The calling codes of the countries in [`NO_MARKETING_LIMIT`], for numbers their plan
/// cannot place (`+44 7700 900…`, the numbers the UK keeps for fiction, and so for demos).
const CALLING_CODES: [(&str, &str); 33] = [
    ("43", "AT"),
    ("32", "BE"),
    ("359", "BG"),
    ("385", "HR"),
    ("357", "CY"),
    ("420", "CZ"),
    ("45", "DK"),
    ("372", "EE"),
    ("358", "FI"),
    ("33", "FR"),
    ("49", "DE"),
    ("30", "GR"),
    ("36", "HU"),
    ("353", "IE"),
    ("39", "IT"),
    ("371", "LV"),
    ("370", "LT"),
    ("352", "LU"),
    ("356", "MT"),
    ("31", "NL"),
    ("48", "PL"),
    ("351", "PT"),
    ("40", "RO"),
    ("421", "SK"),
    ("386", "SI"),
    ("34", "ES"),
    ("46", "SE"),
    ("354", "IS"),
    ("423", "LI"),
    ("47", "NO"),
    ("44", "GB"),
    ("81", "JP"),
    ("82", "KR"),
];

/// A phone number's country (ISO code, `US`, `CA`, `BR`), from its numbering plan; for a
/// number the plan cannot place, the country its calling code belongs to when that is one of
/// [`NO_MARKETING_LIMIT`] (calling codes never begin with another, so one matches at most).
pub fn phone_country(wa_id: &str) -> Option<String> {
    app::domain::phone::country(wa_id).or_else(|| {
        CALLING_CODES
            .iter()
            .find(|(code, _)| wa_id.starts_with(code))
            .map(|(_, country)| (*country).to_string())
    })
}

impl Customer {
    /// The customer's country (ISO code): their number's or, for someone known only by a
    /// business-scoped user id, the id's (`ES.1234…`).
    pub fn country(&self) -> Option<String> {
        match (&self.wa_id, &self.user_id) {
            (Some(wa_id), _) => phone_country(wa_id),
            (None, Some(user_id)) => user_id
                .split_once('.')
                .map(|(country, _)| country.to_ascii_uppercase())
                .filter(|c| c.len() == 2 && c.chars().all(|c| c.is_ascii_alphabetic())),
            (None, None) => None,
        }
    }
}

/// Whether WhatsApp's per-user marketing limit can hold between a business whose number is
/// in `business` and a customer in `customer` (ISO codes; unknown counts as covered).
pub fn marketing_limit_applies(business: Option<&str>, customer: Option<&str>) -> bool {
    ![business, customer]
        .into_iter()
        .flatten()
        .any(|c| NO_MARKETING_LIMIT.contains(&c))
}

mod base64_like {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }
}

fn template(
    name: &str,
    language: &str,
    category: &str,
    status: &str,
    format: &str,
    components: Value,
) -> Template {
    Template {
        id: numeric_id(),
        name: name.into(),
        language: language.into(),
        category: category.into(),
        status: status.into(),
        quality: if status == "APPROVED" {
            "GREEN"
        } else {
            "UNKNOWN"
        }
        .into(),
        parameter_format: format.into(),
        components,
    }
}

impl SimState {
    pub fn seeded(config: &SimConfig) -> SimState {
        let templates = vec![
            template(
                "order_update",
                "es_ES",
                "UTILITY",
                "APPROVED",
                "POSITIONAL",
                json!([
                    {"type": "HEADER", "format": "TEXT", "text": "Pedido {{1}}", "example": {"header_text": ["A-1042"]}},
                    {"type": "BODY", "text": "Hola {{1}}, tu pedido {{2}} sale hoy. Llegará el {{3}}.",
                     "example": {"body_text": [["Lucía", "A-1042", "jueves"]]}},
                    {"type": "FOOTER", "text": "Responde STOP para no recibir avisos"},
                    {"type": "BUTTONS", "buttons": [
                        {"type": "QUICK_REPLY", "text": "Cambiar la entrega"},
                        {"type": "QUICK_REPLY", "text": "Todo bien"}]}
                ]),
            ),
            template(
                "appointment_reminder",
                "en_US",
                "UTILITY",
                "APPROVED",
                "NAMED",
                json!([
                    {"type": "BODY", "text": "Hi {{first_name}}, this is a reminder of your appointment on {{date}}. Reply to change it.",
                     "example": {"body_text_named_params": [
                        {"param_name": "first_name", "example": "Sam"}, {"param_name": "date", "example": "May 3"}]}}
                ]),
            ),
            template(
                "we_miss_you",
                "en_US",
                "MARKETING",
                "APPROVED",
                "POSITIONAL",
                json!([
                    {"type": "BODY", "text": "Hi {{1}}! It has been a while. Here is 10% off your next order.",
                     "example": {"body_text": [["Sam"]]}},
                    {"type": "BUTTONS", "buttons": [
                        {"type": "URL", "text": "Shop now", "url": "https://shop.example.com/{{1}}", "example": ["welcome10"]},
                        {"type": "QUICK_REPLY", "text": "Not interested"}]}
                ]),
            ),
            template(
                "seguimiento_consulta",
                "es_ES",
                "UTILITY",
                "APPROVED",
                "POSITIONAL",
                json!([
                    {"type": "BODY", "text": "Hola {{1}}, retomamos tu consulta. ¿Podemos ayudarte en algo más?",
                     "example": {"body_text": [["Lucía"]]}}
                ]),
            ),
            template(
                "rebajas_verano",
                "es_ES",
                "MARKETING",
                "PENDING",
                "POSITIONAL",
                json!([
                    {"type": "BODY", "text": "¡Rebajas de verano, {{1}}! Hasta un 40 % de descuento.", "example": {"body_text": [["Lucía"]]}}
                ]),
            ),
            template(
                "old_promo",
                "en_US",
                "MARKETING",
                "REJECTED",
                "POSITIONAL",
                json!([
                    {"type": "BODY", "text": "{{1}}{{2}} BUY NOW", "example": {"body_text": [["a", "b"]]}}
                ]),
            ),
            template(
                "survey_link",
                "en_US",
                "UTILITY",
                "PAUSED",
                "POSITIONAL",
                json!([
                    {"type": "BODY", "text": "How did we do, {{1}}?", "example": {"body_text": [["Sam"]]}}
                ]),
            ),
            template(
                "invoice_ready",
                "es_ES",
                "UTILITY",
                "APPROVED",
                "NAMED",
                json!([
                    {"type": "HEADER", "format": "DOCUMENT",
                     "example": {"header_handle": ["4::YXBwbGljYXRpb24vcGRm:ARb2Vm9nV1sFbJ6jTz1W0bq2mYbqzH5Y:e:1767225600:256281040558:100084398472049:ARaFV0hSd1dRj9aVf3k"]}},
                    {"type": "BODY", "text": "Hola {{first_name}}, tu factura {{invoice_number}} ya está disponible. La adjuntamos en este mensaje.",
                     "example": {"body_text_named_params": [
                        {"param_name": "first_name", "example": "Lucía"}, {"param_name": "invoice_number", "example": "F-2026-0142"}]}},
                    {"type": "FOOTER", "text": "Buzón Shoes · Facturación"}
                ]),
            ),
            template(
                "welcome_offer",
                "en_US",
                "MARKETING",
                "APPROVED",
                "POSITIONAL",
                json!([
                    {"type": "HEADER", "format": "IMAGE",
                     "example": {"header_handle": ["4::aW1hZ2UvcG5n:ARZx8qJ3c1cVbR3kq0Gm4mVqzF2X:e:1767225600:256281040558:100084398472049:ARb7yY1cQm0Zq2"]}},
                    {"type": "BODY", "text": "Hi {{1}}! Welcome to Buzón Shoes. Use code {{2}} for 15% off your first order.",
                     "example": {"body_text": [["Sam", "WELCOME15"]]}},
                    {"type": "BUTTONS", "buttons": [
                        {"type": "COPY_CODE", "text": "Copy offer code", "example": "WELCOME15"},
                        {"type": "URL", "text": "Shop now", "url": "https://shop.example.com/{{1}}", "example": ["welcome"]}]}
                ]),
            ),
        ];
        let now = now_ms();
        SimState {
            customers: Vec::new(),
            templates,
            media: HashMap::new(),
            downloads: HashMap::new(),
            throughput: Bucket::full(config.throughput, now),
            pairs: HashMap::new(),
            number: super::number::NumberState::default(),
            next_id: 1,
        }
    }

    pub fn add_customer(
        &mut self,
        name: &str,
        wa_id: Option<String>,
        user_id: Option<String>,
        lang: &str,
        human: bool,
    ) -> Customer {
        let customer = Customer {
            id: self.next_id,
            name: name.into(),
            wa_id,
            user_id,
            lang: lang.into(),
            human,
            last_inbound_ms: None,
            marketing_stopped: false,
            marketing_limited: false,
            blocked: false,
            chat: Vec::new(),
        };
        self.next_id += 1;
        self.customers.push(customer.clone());
        customer
    }

    pub fn customer_mut(&mut self, id: u64) -> Option<&mut Customer> {
        self.customers.iter_mut().find(|c| c.id == id)
    }

    /// The customer a send is addressed to: `to` (a phone, '+' and punctuation allowed) wins
    /// over `recipient` (a business-scoped user id), as at Meta. A phone written the other
    /// way a country's dialling plan allows (Brazil's ninth digit, Mexico's `1`) reaches the
    /// customer WhatsApp knows under the other form, as at Meta.
    pub fn find_recipient(&self, to: Option<&str>, recipient: Option<&str>) -> Option<u64> {
        if let Some(to) = to {
            let digits: String = to.chars().filter(char::is_ascii_digit).collect();
            let with_wa_id = |wa_id: &str| {
                self.customers
                    .iter()
                    .find(|c| c.wa_id.as_deref() == Some(wa_id))
                    .map(|c| c.id)
            };
            return with_wa_id(&digits)
                .or_else(|| mobile_variant(&digits).and_then(|other| with_wa_id(&other)));
        }
        let recipient = recipient?;
        self.customers
            .iter()
            .find(|c| c.user_id.as_deref() == Some(recipient))
            .map(|c| c.id)
    }

    /// The business message with this wamid: (customer id, position in the chat).
    pub fn find_message(&self, wamid: &str) -> Option<(u64, usize)> {
        self.customers.iter().find_map(|c| {
            c.chat
                .iter()
                .position(|m| m.wamid == wamid)
                .map(|i| (c.id, i))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wamids_look_like_metas() {
        let w = new_wamid();
        assert!(w.starts_with("wamid."));
        assert_eq!(w.len(), "wamid.".len() + 40);
        assert_ne!(w, new_wamid());
    }

    #[test]
    fn brazils_ninth_digit_goes_both_ways() {
        // São Paulo mobile: with the ninth digit and as older accounts are known, without.
        assert_eq!(
            mobile_variant("5511987654321").as_deref(),
            Some("551187654321")
        );
        assert_eq!(
            mobile_variant("551187654321").as_deref(),
            Some("5511987654321")
        );
        // Another area (Rio, 21).
        assert_eq!(
            mobile_variant("552199876543").as_deref(),
            Some("5521999876543")
        );
        // Landlines (2 to 5 after the area) have no ninth digit.
        assert_eq!(mobile_variant("551132654321"), None);
        assert_eq!(mobile_variant("5511932654321"), None);
        // No area code starts or ends with 0.
        assert_eq!(mobile_variant("550187654321"), None);
        assert_eq!(mobile_variant("551087654321"), None);
        // Too short or too long for a Brazilian mobile.
        assert_eq!(mobile_variant("55118765432"), None);
        assert_eq!(mobile_variant("55119876543210"), None);
    }

    #[test]
    fn mexicos_one_goes_both_ways() {
        assert_eq!(
            mobile_variant("5215512345678").as_deref(),
            Some("525512345678")
        );
        assert_eq!(
            mobile_variant("525512345678").as_deref(),
            Some("5215512345678")
        );
        // A Mexican number never starts with 0 or 1.
        assert_eq!(mobile_variant("5211512345678"), None);
        assert_eq!(mobile_variant("520512345678"), None);
        assert_eq!(mobile_variant("52551234567"), None);
    }

    #[test]
    fn other_countries_have_no_variant() {
        for digits in [
            "34611223344",
            "16505551234",
            "447700900123",
            "5491155550101",
            "",
            "5",
            "55 11 98765-4321",
        ] {
            assert_eq!(mobile_variant(digits), None, "{digits}");
        }
    }

    fn state_with(wa_ids: &[&str]) -> SimState {
        let config = SimConfig::demo(String::new(), String::new(), String::new(), String::new());
        let mut state = SimState::seeded(&config);
        for w in wa_ids {
            state.add_customer("C", Some((*w).into()), Some(format!("BR.{w}")), "es", true);
        }
        state
    }

    #[test]
    fn a_send_reaches_the_customer_under_the_other_form() {
        let state = state_with(&["551187654321", "5215512345678", "34611223344"]);
        // As WhatsApp knows them, with punctuation.
        assert_eq!(
            state.find_recipient(Some("+55 11 8765-4321"), None),
            Some(1)
        );
        // Brazil with the ninth digit; Mexico without its 1.
        assert_eq!(
            state.find_recipient(Some("+55 11 98765-4321"), None),
            Some(1)
        );
        assert_eq!(state.find_recipient(Some("525512345678"), None), Some(2));
        assert_eq!(state.find_recipient(Some("34611223344"), None), Some(3));
        // Nobody under either form.
        assert_eq!(state.find_recipient(Some("5511987650000"), None), None);
        assert_eq!(state.find_recipient(Some("3461122334"), None), None);
        // The user id when there is no phone; the phone wins when there are both.
        assert_eq!(
            state.find_recipient(None, Some("BR.5215512345678")),
            Some(2)
        );
        assert_eq!(
            state.find_recipient(Some("34611223344"), Some("BR.551187654321")),
            Some(3)
        );
    }

    #[test]
    fn an_exact_wa_id_wins_over_the_other_form() {
        // Two accounts, one under each form (a number that changed hands): each gets its own.
        let state = state_with(&["5511987654321", "551187654321"]);
        assert_eq!(state.find_recipient(Some("5511987654321"), None), Some(1));
        assert_eq!(state.find_recipient(Some("551187654321"), None), Some(2));
    }

    #[test]
    fn countries_for_the_marketing_rules() {
        assert_eq!(phone_country("16505551234").as_deref(), Some("US"));
        assert_eq!(phone_country("14165550123").as_deref(), Some("CA"));
        assert_eq!(phone_country("5511987654321").as_deref(), Some("BR"));
        // Numbers kept for fiction still belong to their country.
        assert_eq!(phone_country("447700900123").as_deref(), Some("GB"));
        assert_eq!(phone_country("34600000001").as_deref(), Some("ES"));
        let mut state = state_with(&["34611223344"]);
        let by_user_id = state.add_customer("U", None, Some("us.1234".into()), "en", true);
        assert_eq!(state.customers[0].country().as_deref(), Some("ES"));
        assert_eq!(by_user_id.country().as_deref(), Some("US"));
        // The per-user limit: not for the EEA, the UK, Japan or South Korea, either end.
        assert!(marketing_limit_applies(Some("US"), Some("BR")));
        assert!(marketing_limit_applies(None, None));
        for exempt in ["ES", "DE", "NO", "GB", "JP", "KR"] {
            assert!(
                !marketing_limit_applies(Some("US"), Some(exempt)),
                "{exempt}"
            );
            assert!(
                !marketing_limit_applies(Some(exempt), Some("BR")),
                "{exempt}"
            );
        }
    }
}
