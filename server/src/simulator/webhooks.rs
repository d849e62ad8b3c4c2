//! Signed webhook delivery to the desk, with Meta's envelope, encoding and retries.

use super::state::Customer;
use super::{meta_json, SimConfig};
use crate::whatsapp::signature::sign;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Attempts per delivery (Meta keeps trying for days; the simulator compresses that).
const ATTEMPTS: u32 = 8;

/// Deliveries in flight at once. Meta delivers to several connections at a time and keeps
/// no order between customers; one customer's webhooks go in order here (the desk copes with
/// either, and tests read one customer's story).
const LANES: usize = 8;

#[derive(Clone)]
pub struct Sender {
    lanes: Vec<mpsc::UnboundedSender<Value>>,
}

impl Sender {
    pub fn start(config: Arc<SimConfig>) -> Sender {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("an HTTP client with a timeout");
        let lanes = (0..LANES)
            .map(|_| {
                let (lane, mut receiver) = mpsc::unbounded_channel::<Value>();
                let (http, config) = (http.clone(), config.clone());
                tokio::spawn(async move {
                    while let Some(body) = receiver.recv().await {
                        let bytes = meta_json(&body).into_bytes();
                        if deliver(&http, &config, &bytes).await {
                            continue;
                        }
                        // Keep the order of what follows; retry this one on the side.
                        let (http, config) = (http.clone(), config.clone());
                        tokio::spawn(async move {
                            for attempt in 1..ATTEMPTS {
                                tokio::time::sleep(Duration::from_millis(500 << attempt.min(6)))
                                    .await;
                                if deliver(&http, &config, &bytes).await {
                                    return;
                                }
                            }
                            tracing::warn!(
                                "simulator: a webhook was given up after {ATTEMPTS} attempts"
                            );
                        });
                    }
                });
                lane
            })
            .collect();
        Sender { lanes }
    }

    pub fn send(&self, body: Value) {
        let lane = lane_of(&body) % self.lanes.len();
        let _ = self.lanes[lane].send(body);
    }
}

/// The lane of a webhook: by the customer it is about, so one customer's stay in order.
fn lane_of(body: &Value) -> usize {
    let value = &body["entry"][0]["changes"][0]["value"];
    let customer = [
        &value["statuses"][0]["recipient_id"],
        &value["statuses"][0]["id"],
        &value["messages"][0]["from"],
        &value["contacts"][0]["wa_id"],
        &value["contacts"][0]["user_id"],
    ]
    .into_iter()
    .find_map(Value::as_str)
    .unwrap_or_default();
    customer.bytes().fold(0usize, |h, b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    })
}

async fn deliver(http: &reqwest::Client, config: &SimConfig, bytes: &[u8]) -> bool {
    let result = http
        .post(&config.webhook_url)
        .header("content-type", "application/json")
        .header(
            "x-hub-signature-256",
            sign(config.app_secret.as_bytes(), bytes),
        )
        .body(bytes.to_vec())
        .send()
        .await;
    match result {
        Ok(r) if r.status().as_u16() == 200 => true,
        Ok(r) => {
            tracing::info!(
                status = r.status().as_u16(),
                "simulator: the desk refused a webhook; retrying"
            );
            false
        }
        Err(e) => {
            tracing::info!(error = %e, "simulator: the desk did not answer a webhook; retrying");
            false
        }
    }
}

fn messages_change(config: &SimConfig, value: Value) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": config.business_account_id, "changes": [{"value": value, "field": "messages"}]}]
    })
}

fn metadata(config: &SimConfig) -> Value {
    json!({"display_phone_number": config.display_phone_number, "phone_number_id": config.phone_number_id})
}

fn contact(customer: &Customer) -> Value {
    let mut c = json!({"profile": {"name": customer.name}});
    if let Some(w) = &customer.wa_id {
        c["wa_id"] = json!(w);
    }
    if let Some(u) = &customer.user_id {
        c["user_id"] = json!(u);
    }
    c
}

/// A message from `customer` (the `messages[]` item without sender fields, which are added).
pub fn inbound(config: &SimConfig, customer: &Customer, mut message: Value) -> Value {
    if let Some(w) = &customer.wa_id {
        message["from"] = json!(w);
    }
    if let Some(u) = &customer.user_id {
        message["from_user_id"] = json!(u);
    }
    messages_change(
        config,
        json!({"messaging_product": "whatsapp", "metadata": metadata(config),
               "contacts": [contact(customer)], "messages": [message]}),
    )
}

/// A status of a business message to `customer`.
pub fn status(config: &SimConfig, customer: &Customer, mut status: Value) -> Value {
    if let Some(w) = &customer.wa_id {
        status["recipient_id"] = json!(w);
    }
    if let Some(u) = &customer.user_id {
        status["recipient_user_id"] = json!(u);
    }
    let mut value = json!({"messaging_product": "whatsapp", "metadata": metadata(config), "statuses": [status]});
    // Since 2026 statuses carry the customer, except failed ones.
    if value["statuses"][0]["status"] != "failed" {
        value["contacts"] = json!([contact(customer)]);
    }
    messages_change(config, value)
}

/// The customer stopped (or resumed) marketing messages: a `user_preferences` change.
pub fn marketing_preference(config: &SimConfig, customer: &Customer, stop: bool) -> Value {
    let (value, detail) = if stop {
        ("stop", "User requested to stop marketing messages")
    } else {
        ("resume", "User requested to resume marketing messages")
    };
    let mut preference = json!({
        "detail": detail, "category": "marketing_messages", "value": value,
        "timestamp": super::state::now_ms() / 1000,
    });
    if let Some(w) = &customer.wa_id {
        preference["wa_id"] = json!(w);
    }
    if let Some(u) = &customer.user_id {
        preference["user_id"] = json!(u);
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": config.business_account_id, "changes": [{
            "value": {"messaging_product": "whatsapp", "metadata": metadata(config),
                      "contacts": [contact(customer)], "user_preferences": [preference]},
            "field": "user_preferences"}]}]
    })
}

pub fn template_status(
    config: &SimConfig,
    template: &super::Template,
    reason: Option<&str>,
) -> Value {
    let id: u64 = template.id.parse().unwrap_or(0);
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": config.business_account_id, "time": super::state::now_ms() / 1000, "changes": [{
            "value": {"event": template.status, "message_template_id": id,
                      "message_template_name": template.name, "message_template_language": template.language,
                      "reason": reason.unwrap_or("NONE"), "message_template_category": template.category},
            "field": "message_template_status_update"}]}]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::whatsapp::webhook::parse;
    use app::domain::contacts::MarketingConsent;
    use app::ssr::ingest::IngestEvent;

    #[test]
    fn a_stop_is_a_marketing_preference_the_desk_understands() {
        let config = SimConfig::demo(
            "http://desk".into(),
            "http://sim".into(),
            "s".into(),
            "t".into(),
        );
        let customer = Customer {
            id: 1,
            name: "Lucía".into(),
            wa_id: Some("34611223344".into()),
            user_id: Some("ES.1234".into()),
            lang: "es".into(),
            human: true,
            last_inbound_ms: None,
            marketing_stopped: true,
            marketing_limited: false,
            blocked: false,
            chat: Vec::new(),
        };
        for (stop, consent) in [
            (true, MarketingConsent::OptedOut),
            (false, MarketingConsent::OptedIn),
        ] {
            let body = marketing_preference(&config, &customer, stop);
            assert_eq!(body["entry"][0]["changes"][0]["field"], "user_preferences");
            let bytes = meta_json(&body).into_bytes();
            let parsed = parse(&bytes, Some(&config.phone_number_id), 0).expect("parses");
            let [IngestEvent::Marketing(p)] = parsed.events.as_slice() else {
                panic!("{:?}", parsed.events)
            };
            assert_eq!(p.consent, consent);
            assert_eq!(p.contact.wa_id.as_deref(), Some("34611223344"));
            assert_eq!(p.contact.user_id.as_deref(), Some("ES.1234"));
        }
    }
}
