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
    /// over `recipient` (a business-scoped user id), as at Meta.
    pub fn find_recipient(&self, to: Option<&str>, recipient: Option<&str>) -> Option<u64> {
        if let Some(to) = to {
            let digits: String = to.chars().filter(char::is_ascii_digit).collect();
            return self
                .customers
                .iter()
                .find(|c| c.wa_id.as_deref() == Some(digits.as_str()))
                .map(|c| c.id);
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
}
