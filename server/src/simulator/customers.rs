//! The simulated customers: what they write, how Meta reports the business's messages to
//! them (statuses), and the generator that keeps the demo busy.

use super::state::{
    marketing_limit_applies, new_wamid, now_ms, numeric_id, phone_country, ChatItem, Customer,
    Media,
};
use super::{webhooks, SimConfig, Simulator};
use axum::response::{Html, IntoResponse, Response};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Value};
use std::time::Duration;

const PHOTO: &[u8] = include_bytes!("assets/photo.png");
const VOICE: &[u8] = include_bytes!("assets/voice.ogg");
const INVOICE: &[u8] = include_bytes!("assets/invoice.pdf");

fn status_item(wamid: &str, status: &str, callback: Option<&str>, extra: Value) -> Value {
    let mut item =
        json!({"id": wamid, "status": status, "timestamp": (now_ms() / 1000).to_string()});
    if let Some(cb) = callback {
        item["biz_opaque_callback_data"] = json!(cb);
    }
    if let (Some(item), Some(extra)) = (item.as_object_mut(), extra.as_object()) {
        item.extend(extra.clone());
    }
    item
}

fn failure(code: i64, title: &str, details: &str) -> Value {
    json!({"errors": [{"code": code, "title": title, "message": title,
        "error_data": {"details": details},
        "href": "/documentation/business-messaging/whatsapp/support/error-codes"}]})
}

fn set_status(sim: &Simulator, customer_id: u64, wamid: &str, status: &str) {
    let mut state = sim.state.lock().expect("simulator state");
    if let Some(c) = state.customer_mut(customer_id) {
        if let Some(item) = c.chat.iter_mut().find(|m| m.wamid == wamid) {
            item.status = Some(status.into());
        }
    }
}

/// The message could not be delivered: the phone shows it failed, the desk gets a `failed`
/// status with Meta's error (and, as at Meta, no `sent` before it).
fn fail(
    sim: &Simulator,
    customer: &Customer,
    wamid: &str,
    callback: Option<&str>,
    (code, title, details): (i64, &str, &str),
) {
    {
        let mut state = sim.state.lock().expect("simulator state");
        if let Some(item) = state
            .customer_mut(customer.id)
            .and_then(|c| c.chat.iter_mut().find(|m| m.wamid == wamid))
        {
            item.status = Some("failed".into());
            item.error_code = Some(code);
        }
    }
    let item = status_item(wamid, "failed", callback, failure(code, title, details));
    sim.webhooks
        .send(webhooks::status(&sim.config, customer, item));
}

/// After an accepted send, tells the desk how it went, as Meta does: sent, delivered and
/// (for simulated customers) read; or a failure for a closed window or an unknown number.
pub fn schedule_statuses(
    sim: &Simulator,
    customer: Option<Customer>,
    wamid: String,
    kind: String,
    template_category: Option<String>,
    callback: Option<String>,
) {
    let sim = sim.clone();
    tokio::spawn(async move {
        let config = sim.config.clone();
        tokio::time::sleep(config.delay_sent).await;
        let cb = callback.as_deref();
        let Some(customer) = customer else {
            // Nobody on WhatsApp with that number: accepted, then undeliverable.
            let nobody = Customer {
                id: 0,
                name: String::new(),
                wa_id: None,
                user_id: None,
                lang: String::new(),
                human: false,
                last_inbound_ms: None,
                marketing_stopped: false,
                marketing_limited: false,
                blocked: false,
                chat: Vec::new(),
            };
            let item = status_item(
                &wamid,
                "failed",
                cb,
                failure(
                    131_026,
                    "Message undeliverable",
                    "Unable to deliver message. The recipient is not on WhatsApp.",
                ),
            );
            sim.webhooks.send(webhooks::status(&config, &nobody, item));
            return;
        };
        let window_open = customer
            .last_inbound_ms
            .is_some_and(|t| now_ms() - t < config.window.as_millis() as i64);
        if template_category.is_none() && !window_open {
            fail(&sim, &customer, &wamid, cb, (
                131_047,
                "Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
            ));
            return;
        }
        if customer.blocked {
            fail(&sim, &customer, &wamid, cb, (
                131_026,
                "Message undeliverable",
                "Unable to deliver message. Reasons can include: the recipient blocked the business's number.",
            ));
            return;
        }
        // The customer chose "Stop promotions": Meta accepts marketing templates, then
        // does not deliver them.
        if template_category.as_deref() == Some("MARKETING") && customer.marketing_stopped {
            fail(&sim, &customer, &wamid, cb, (
                131_050,
                "Unable to deliver message. Reasons can include: The user has stopped marketing messages",
                "This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
            ));
            return;
        }
        // WhatsApp holds marketing back (the per-user limit, the US pause): accepted, then
        // not delivered, and not charged.
        // The per-user limit also holds for the configured share of customers.
        let mut customer = customer;
        customer.marketing_limited |= {
            let address = customer.wa_id.clone().or(customer.user_id.clone());
            let state = sim.state.lock().expect("simulator state");
            address.is_some_and(|a| state.number.in_limited_share(&a))
        };
        if template_category.as_deref() == Some("MARKETING")
            && marketing_held_back(&config, &customer, window_open)
        {
            fail(&sim, &customer, &wamid, cb, (
                131_049,
                "This message was not delivered to maintain healthy ecosystem engagement.",
                "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
            ));
            return;
        }
        let pricing = meta_pricing(template_category.as_deref(), window_open);
        let mut steps: Vec<(Duration, &str, Value)> =
            vec![(Duration::ZERO, "sent", pricing.clone())];
        if kind != "reaction" {
            steps.push((config.delay_delivered, "delivered", pricing));
            if !customer.human {
                steps.push((config.delay_read, "read", json!({})));
            }
        }
        let mut items = Vec::new();
        for (delay, status, extra) in steps {
            tokio::time::sleep(delay).await;
            set_status(&sim, customer.id, &wamid, status);
            let item = status_item(&wamid, status, cb, extra);
            if config.shuffle_statuses {
                items.push(item);
            } else {
                sim.webhooks
                    .send(webhooks::status(&config, &customer, item.clone()));
                if config.duplicate_statuses {
                    sim.webhooks
                        .send(webhooks::status(&config, &customer, item));
                }
            }
        }
        // Shuffled: the last status first, as Meta sometimes does.
        for item in items.into_iter().rev() {
            sim.webhooks
                .send(webhooks::status(&config, &customer, item.clone()));
            if config.duplicate_statuses {
                sim.webhooks
                    .send(webhooks::status(&config, &customer, item));
            }
        }
    });
}

/// Whether WhatsApp does not deliver a marketing template to `customer` (131049): a US
/// number while the US pause is on, or the per-user marketing limit, which marketing sent
/// inside a window the customer opened escapes.
fn marketing_held_back(config: &SimConfig, customer: &Customer, window_open: bool) -> bool {
    let country = customer.country();
    let us_pause = config.us_marketing_blocked && country.as_deref() == Some("US");
    let limited = customer.marketing_limited
        && !window_open
        && marketing_limit_applies(
            phone_country(&config.display_phone_number).as_deref(),
            country.as_deref(),
        );
    us_pause || limited
}

/// WhatsApp's per-user marketing limit starts (or stops) holding for the customer. The
/// business is told nothing; marketing templates to them fail with 131049 meanwhile. Meta
/// does not apply the limit to the EEA, the UK, Japan or South Korea: refused for those.
pub fn customer_marketing_limit(
    sim: &Simulator,
    customer_id: u64,
    limited: bool,
) -> Result<(), LimitRefused> {
    let mut state = sim.state.lock().expect("simulator state");
    let c = state
        .customer_mut(customer_id)
        .ok_or(LimitRefused::NoSuchCustomer)?;
    let business = phone_country(&sim.config.display_phone_number);
    if limited && !marketing_limit_applies(business.as_deref(), c.country().as_deref()) {
        return Err(LimitRefused::NotLimitedThere);
    }
    c.marketing_limited = limited;
    Ok(())
}

/// Why the marketing limit could not be set.
#[derive(Debug, PartialEq, Eq)]
pub enum LimitRefused {
    NoSuchCustomer,
    /// The customer's (or the business's) number is where Meta does not limit marketing.
    NotLimitedThere,
}

/// The customer blocks (or unblocks) the business: WhatsApp tells the business nothing, and
/// messages to them are accepted and then fail as undeliverable.
pub fn customer_blocks(sim: &Simulator, customer_id: u64, blocked: bool) -> Result<(), String> {
    let mut state = sim.state.lock().expect("simulator state");
    let c = state.customer_mut(customer_id).ok_or("no such customer")?;
    c.blocked = blocked;
    Ok(())
}

/// The customer taps "Stop promotions" (or resumes them): Meta tells the business with a
/// `user_preferences` webhook, and marketing templates to them fail with 131050 until resumed.
pub fn customer_marketing(sim: &Simulator, customer_id: u64, stop: bool) -> Result<(), String> {
    let customer = {
        let mut state = sim.state.lock().expect("simulator state");
        let c = state.customer_mut(customer_id).ok_or("no such customer")?;
        c.marketing_stopped = stop;
        c.clone()
    };
    sim.webhooks
        .send(webhooks::marketing_preference(&sim.config, &customer, stop));
    Ok(())
}

/// The customer has looked at the chat: read receipts for what was delivered.
pub fn customer_reads(sim: &Simulator, customer_id: u64) -> usize {
    let (customer, unread) = {
        let mut state = sim.state.lock().expect("simulator state");
        let Some(c) = state.customer_mut(customer_id) else {
            return 0;
        };
        let mut unread = Vec::new();
        for item in c.chat.iter_mut().filter(|m| m.from_business) {
            if matches!(item.status.as_deref(), Some("sent" | "delivered"))
                && item.content["type"] != "reaction"
            {
                item.status = Some("read".into());
                unread.push(item.wamid.clone());
            }
        }
        (c.clone(), unread)
    };
    for wamid in &unread {
        let item = status_item(wamid, "read", None, json!({}));
        sim.webhooks
            .send(webhooks::status(&sim.config, &customer, item));
    }
    unread.len()
}

fn store_media(
    sim: &Simulator,
    bytes: &[u8],
    mime: &str,
    filename: Option<&str>,
) -> (String, String) {
    use sha2::Digest;
    let id = numeric_id();
    let sha = hex::encode(sha2::Sha256::digest(bytes));
    sim.state.lock().expect("simulator state").media.insert(
        id.clone(),
        Media {
            bytes: bytes.to_vec(),
            mime: mime.into(),
            sha256: sha.clone(),
            filename: filename.map(str::to_string),
        },
    );
    (id, sha)
}

/// The `messages[]` item a customer's phone would send for a request from the phone page or
/// the generator.
fn message_for(sim: &Simulator, request: &Value) -> Result<Value, String> {
    let s = |k: &str| request[k].as_str().map(str::to_string);
    let kind = s("type").unwrap_or_else(|| "text".into());
    let mut message = json!({"id": new_wamid(), "timestamp": (now_ms() / 1000).to_string()});
    let quoted = |m: &mut Value| {
        if let Some(id) = s("reply_to") {
            m["context"] = json!({"from": sim.config.display_phone_number, "id": id});
        }
    };
    match kind.as_str() {
        "text" => {
            let text = s("text")
                .filter(|t| !t.trim().is_empty())
                .ok_or("write something first")?;
            message["type"] = json!("text");
            message["text"] = json!({"body": text});
            quoted(&mut message);
        }
        "image" => {
            let (id, sha) = store_media(sim, PHOTO, "image/png", None);
            message["type"] = json!("image");
            let mut image = json!({"id": id, "mime_type": "image/png", "sha256": sha});
            if let Some(c) = s("caption").filter(|c| !c.is_empty()) {
                image["caption"] = json!(c);
            }
            message["image"] = image;
        }
        "voice" => {
            let (id, sha) = store_media(sim, VOICE, "audio/ogg; codecs=opus", None);
            message["type"] = json!("audio");
            message["audio"] = json!({"id": id, "mime_type": "audio/ogg; codecs=opus", "sha256": sha, "voice": true});
        }
        "document" => {
            let name = s("filename").unwrap_or_else(|| "factura.pdf".into());
            let (id, sha) = store_media(sim, INVOICE, "application/pdf", Some(&name));
            message["type"] = json!("document");
            message["document"] =
                json!({"id": id, "mime_type": "application/pdf", "sha256": sha, "filename": name});
        }
        "location" => {
            message["type"] = json!("location");
            message["location"] = json!({
                "latitude": request["latitude"].as_f64().unwrap_or(40.4168),
                "longitude": request["longitude"].as_f64().unwrap_or(-3.7038),
                "name": s("name").unwrap_or_else(|| "Puerta del Sol".into()),
                "address": s("address").unwrap_or_else(|| "Plaza de la Puerta del Sol, Madrid".into()),
            });
        }
        "contacts" => {
            message["type"] = json!("contacts");
            message["contacts"] = json!([{
                "name": {"formatted_name": "Marta Ortiz", "first_name": "Marta", "last_name": "Ortiz"},
                "phones": [{"phone": "+34 600 123 456", "wa_id": "34600123456", "type": "CELL"}]
            }]);
        }
        "reaction" => {
            let target = s("message_id").ok_or("which message is the reaction for?")?;
            message["type"] = json!("reaction");
            message["reaction"] =
                json!({"message_id": target, "emoji": s("emoji").unwrap_or_default()});
        }
        "button_reply" | "list_reply" => {
            let target = s("message_id").ok_or("which message does this answer?")?;
            message["type"] = json!("interactive");
            message["context"] = json!({"from": sim.config.display_phone_number, "id": target});
            let reply =
                json!({"id": s("id").unwrap_or_default(), "title": s("title").unwrap_or_default()});
            message["interactive"] = json!({"type": kind, kind.clone(): reply});
        }
        "template_button" => {
            message["type"] = json!("button");
            if let Some(target) = s("message_id") {
                message["context"] = json!({"from": sim.config.display_phone_number, "id": target});
            }
            message["button"] = json!({"payload": s("payload").unwrap_or_default(), "text": s("text").unwrap_or_default()});
        }
        other => return Err(format!("the simulator's customers cannot send {other:?}")),
    }
    if request["referral"].as_bool() == Some(true) {
        message["referral"] = json!({
            "source_url": "https://fb.me/3cr4Wqqkv", "source_id": "120208113546260583", "source_type": "ad",
            "headline": "Rebajas de invierno: hasta -40 %", "body": "Escríbenos por WhatsApp y te ayudamos a elegir.",
            "media_type": "image", "image_url": "https://scontent.example/ad.jpg",
            "ctwa_clid": format!("ARAkLkA8r{}", &numeric_id()[..6]),
            "welcome_message": {"text": "¡Hola! ¿En qué podemos ayudarte?"}
        });
    }
    Ok(message)
}

/// How long ago a customer's message was written: `ago_seconds` in the request (for tests
/// and demos that need a window about to close, or closed), else now.
fn written_at(request: &Value, now: i64) -> Result<i64, String> {
    match &request["ago_seconds"] {
        Value::Null => Ok(now),
        v => match v.as_f64() {
            Some(s) if s.is_finite() && (0.0..=400.0 * 86_400.0).contains(&s) => {
                Ok(now - (s * 1000.0).round() as i64)
            }
            _ => Err("ago_seconds must be a number of seconds between 0 and 400 days".into()),
        },
    }
}

/// A customer writes to the business: the message goes to the desk as a signed webhook.
pub fn customer_writes(
    sim: &Simulator,
    customer_id: u64,
    request: &Value,
) -> Result<String, String> {
    let at = written_at(request, now_ms())?;
    let mut message = message_for(sim, request)?;
    message["timestamp"] = json!((at / 1000).to_string());
    let wamid = message["id"].as_str().unwrap_or_default().to_string();
    let customer = {
        let mut state = sim.state.lock().expect("simulator state");
        let c = state.customer_mut(customer_id).ok_or("no such customer")?;
        // The window runs from the latest message, whatever order they are told in.
        c.last_inbound_ms = Some(c.last_inbound_ms.map_or(at, |last| last.max(at)));
        let position = c.chat.partition_point(|m| m.at_ms <= at);
        c.chat.insert(
            position,
            ChatItem {
                wamid: wamid.clone(),
                from_business: false,
                at_ms: at,
                content: message.clone(),
                status: None,
                error_code: None,
                rendered: None,
            },
        );
        c.clone()
    };
    sim.webhooks
        .send(webhooks::inbound(&sim.config, &customer, message));
    Ok(wamid)
}

const NAMES_ES: [&str; 8] = [
    "Lucía Fernández",
    "Javier Morales",
    "Carmen Ruiz",
    "Diego Navarro",
    "Elena Castro",
    "Pablo Ortega",
    "Sofía Herrera",
    "Andrés Molina",
];
const NAMES_EN: [&str; 6] = [
    "Emma Johnson",
    "Liam Carter",
    "Olivia Brown",
    "Noah Wilson",
    "Ava Thompson",
    "Mason Clark",
];
const LINES_ES: [&str; 10] = [
    "Hola, ¿tenéis envío a Canarias?",
    "Mi pedido no ha llegado todavía 😟",
    "¿Cuál es el horario de la tienda de Valencia?",
    "Quiero cambiar la talla de unas zapatillas",
    "¿Puedo pagar a plazos?",
    "Gracias, todo perfecto 👍",
    "¿Me pasáis la factura del último pedido?",
    "El producto llegó roto, adjunto foto",
    "¿Hay descuento para estudiantes?",
    "Necesito hablar con una persona, por favor",
];
const LINES_EN: [&str; 8] = [
    "Hi! Do you ship to Ireland?",
    "Where is my order? It's been a week",
    "Can I change the delivery address?",
    "Thanks, that solved it!",
    "Do you have this in blue?",
    "I'd like a refund please",
    "What are your opening hours on Sunday?",
    "Can I talk to a human?",
];

/// Keeps the demo alive: now and then a customer (new or known) writes something.
pub fn spawn_generator(sim: Simulator, every: Duration) {
    tokio::spawn(async move {
        // A first message soon after start, so the demo is never empty.
        tokio::time::sleep(Duration::from_secs(2)).await;
        loop {
            let (id, request) = next_generated(&sim);
            if let Err(e) = customer_writes(&sim, id, &request) {
                tracing::debug!(error = %e, "simulator: generated customer could not write");
            }
            let jitter = rand::thread_rng().gen_range(0.5..1.5);
            tokio::time::sleep(every.mul_f64(jitter)).await;
        }
    });
}

fn next_generated(sim: &Simulator) -> (u64, Value) {
    let mut rng = rand::thread_rng();
    let mut state = sim.state.lock().expect("simulator state");
    let known: Vec<Customer> = state
        .customers
        .iter()
        .filter(|c| !c.human)
        .cloned()
        .collect();
    let new_customer = known.len() < 3 || rng.gen_bool(0.35);
    let customer = if new_customer {
        let spanish = rng.gen_bool(0.6);
        let name = if spanish {
            NAMES_ES.choose(&mut rng)
        } else {
            NAMES_EN.choose(&mut rng)
        }
        .copied()
        .unwrap_or("Cliente");
        let phone = format!(
            "{}{}",
            if spanish { "346" } else { "4477" },
            rng.gen_range(10_000_000..99_999_999)
        );
        // One in five only known by their business-scoped user id (a WhatsApp username).
        let (wa_id, user_id) = if rng.gen_bool(0.2) {
            (
                None,
                Some(format!(
                    "{}.{}",
                    if spanish { "ES" } else { "GB" },
                    rng.gen_range(10u64.pow(15)..10u64.pow(16))
                )),
            )
        } else {
            (
                Some(phone),
                Some(format!(
                    "{}.{}",
                    if spanish { "ES" } else { "GB" },
                    rng.gen_range(10u64.pow(15)..10u64.pow(16))
                )),
            )
        };
        state.add_customer(
            name,
            wa_id,
            user_id,
            if spanish { "es" } else { "en" },
            false,
        )
    } else {
        known
            .choose(&mut rng)
            .cloned()
            .unwrap_or_else(|| known[0].clone())
    };
    let last_business = customer
        .chat
        .iter()
        .rev()
        .find(|m| m.from_business)
        .cloned();
    let spanish = customer.lang == "es";
    let line = || {
        if spanish {
            LINES_ES.choose(&mut rand::thread_rng())
        } else {
            LINES_EN.choose(&mut rand::thread_rng())
        }
        .copied()
        .unwrap_or("Hola")
        .to_string()
    };
    // Answer the business's buttons or lists when there are some.
    if let Some(last) = &last_business {
        let content = &last.content;
        if content["type"] == "interactive" && rng.gen_bool(0.7) {
            let i = &content["interactive"];
            let choice = if i["type"] == "button" {
                i["action"]["buttons"]
                    .as_array()
                    .and_then(|b| b.choose(&mut rng))
                    .map(|b| ("button_reply", b["reply"].clone()))
            } else {
                i["action"]["sections"][0]["rows"]
                    .as_array()
                    .and_then(|r| r.choose(&mut rng))
                    .map(|r| ("list_reply", r.clone()))
            };
            if let Some((kind, reply)) = choice {
                return (
                    customer.id,
                    json!({"type": kind, "message_id": last.wamid, "id": reply["id"], "title": reply["title"]}),
                );
            }
        }
        if rng.gen_bool(0.15) {
            let emoji = ["👍", "❤️", "🙏", "😂"]
                .choose(&mut rng)
                .copied()
                .unwrap_or("👍");
            return (
                customer.id,
                json!({"type": "reaction", "message_id": last.wamid, "emoji": emoji}),
            );
        }
    }
    let first = customer.chat.is_empty();
    let mut request = match rng.gen_range(0..100) {
        0..=59 => json!({"type": "text", "text": line()}),
        60..=69 => {
            json!({"type": "image", "caption": if spanish { "Mira esto" } else { "See this" }})
        }
        70..=77 => json!({"type": "voice"}),
        78..=83 => {
            json!({"type": "document", "filename": if spanish { "factura.pdf" } else { "invoice.pdf" }})
        }
        84..=89 => json!({"type": "location"}),
        90..=93 => json!({"type": "contacts"}),
        _ => match customer.chat.iter().rev().find(|m| !m.from_business) {
            Some(earlier) => json!({"type": "text", "text": line(), "reply_to": earlier.wamid}),
            None => json!({"type": "text", "text": line()}),
        },
    };
    // Some new customers arrive from a Click-to-WhatsApp ad.
    if first && rng.gen_bool(0.3) {
        request = json!({"type": "text", "text": line(), "referral": true});
    }
    (customer.id, request)
}

/// The phone page: play a customer.
pub async fn phone_page() -> Response {
    Html(include_str!("assets/phone.html")).into_response()
}

/// The `pricing` object Meta sends with a message's statuses, by Meta's own model on today's
/// date (`domain::pricing::charge` with the published rules: since 2026-10-01 service
/// messages and in-window utility templates are billed too).
fn meta_pricing(template_category: Option<&str>, window_open: bool) -> Value {
    use app::domain::pricing::{charge, Content, PricingRules, SendFacts};
    let today = app::domain::pricing::pricing_day(app::ssr::now_ms());
    let verdict = charge(
        &SendFacts {
            content: match template_category {
                Some(category) => Content::Template(Some(category)),
                None => Content::FreeForm,
            },
            window_open,
            entry_point_open: false,
            recipient_country: None,
            business_country: None,
            date: today,
        },
        &PricingRules::default(),
    );
    json!({"pricing": {
        "billable": verdict.free.is_none(),
        "pricing_model": "PMP",
        "type": verdict.free.map_or("regular", |f| f.pricing_type()),
        "category": verdict.category.as_str(),
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn someone(wa_id: Option<&str>, user_id: Option<&str>, limited: bool) -> Customer {
        Customer {
            id: 1,
            name: "C".into(),
            wa_id: wa_id.map(str::to_string),
            user_id: user_id.map(str::to_string),
            lang: "es".into(),
            human: true,
            last_inbound_ms: None,
            marketing_stopped: false,
            marketing_limited: limited,
            blocked: false,
            chat: Vec::new(),
        }
    }

    #[test]
    fn marketing_is_held_back_by_the_limit_outside_the_window_and_the_us_pause() {
        let mut config =
            SimConfig::demo(String::new(), String::new(), String::new(), String::new());
        assert!(config.us_marketing_blocked, "the pause is on by default");
        let brazil = someone(Some("5511987654321"), None, true);
        // The per-user limit: outside the window only.
        assert!(marketing_held_back(&config, &brazil, false));
        assert!(!marketing_held_back(&config, &brazil, true));
        assert!(!marketing_held_back(
            &config,
            &someone(Some("5511987654321"), None, false),
            false
        ));
        // Known only by a user id: the id's country decides.
        assert!(marketing_held_back(
            &config,
            &someone(None, Some("BR.1234"), true),
            false
        ));
        // Not for the EEA, the UK, Japan or South Korea, even if the flag were set.
        for exempt in [
            "34611223344",
            "447700900123",
            "819012345678",
            "821012345678",
        ] {
            assert!(
                !marketing_held_back(&config, &someone(Some(exempt), None, true), false),
                "{exempt}"
            );
        }
        // US numbers: never, window or not; Canada shares +1 but not the pause.
        let us = someone(Some("16505551234"), None, false);
        assert!(marketing_held_back(&config, &us, false));
        assert!(marketing_held_back(&config, &us, true));
        assert!(marketing_held_back(
            &config,
            &someone(None, Some("US.99"), false),
            true
        ));
        assert!(!marketing_held_back(
            &config,
            &someone(Some("14165550123"), None, false),
            false
        ));
        config.us_marketing_blocked = false;
        assert!(!marketing_held_back(&config, &us, false));
    }
}
