//! The simulator's marketing limits and numbering quirks, played against the real desk over
//! HTTP as Meta plays them: WhatsApp's per-user marketing limit and the US pause (accepted,
//! then `failed` with 131049 and nothing charged), and Brazil's ninth digit and Mexico's `1`
//! (a send to the other form of a mobile number reaches the customer WhatsApp knows).

use crate::support;

use app::domain::message::DeliveryStatus;
use app::domain::outbound::{Outbound, TemplateButtonKind, TemplateButtonParam, TemplateParam};
use app::ssr::{MessageRecord, NewOutbound};
use serde_json::{json, Value};
use std::time::Duration;
use support::console::{with_meta_tweaked, WithMeta};
use support::Db;

on_both_databases!(
    a_limited_customer_gets_utility_templates_but_no_marketing_ones,
    a_limited_customer_who_wrote_today_gets_marketing_templates,
    marketing_templates_to_us_numbers_fail_with_131049,
    a_send_to_the_ninth_digit_variant_reaches_the_brazilian_customer,
);

/// More than a day: the customer's window is closed.
const LONG_AGO_S: i64 = 30 * 3600;

/// A simulated customer; returns their id in the simulator.
async fn customer(l: &WithMeta, name: &str, wa_id: &str) -> u64 {
    let c = l
        .sim(
            "/sim/customers",
            json!({"name": name, "wa_id": wa_id, "lang": "es", "human": true}),
        )
        .await;
    c["id"].as_u64().expect("id")
}

/// The customer writes `ago_seconds` ago; returns the desk's conversation.
async fn wrote(l: &WithMeta, customer: u64, ago_seconds: i64) -> i64 {
    let sent = l
        .sim(
            &format!("/sim/customers/{customer}/messages"),
            json!({"type": "text", "text": "Hola", "ago_seconds": ago_seconds}),
        )
        .await;
    l.stored(sent["wamid"].as_str().expect("wamid"))
        .await
        .conversation_id
}

/// The simulator's control call for the limit: (HTTP status, body as text).
async fn set_limit(l: &WithMeta, customer: u64, limited: bool) -> (u16, String) {
    let r = l
        .http
        .post(format!(
            "{}/sim/customers/{customer}/marketing-limit",
            l.sim_base
        ))
        .json(&json!({"limited": limited}))
        .send()
        .await
        .expect("request");
    (r.status().as_u16(), r.text().await.expect("body"))
}

/// The simulator's copy of one of its customers.
async fn sim_customer(l: &WithMeta, id: u64) -> Value {
    l.sim_state().await["customers"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .cloned()
        .expect("the customer")
}

/// Queues `outbound` in the conversation and runs the outbound worker once; returns the
/// stored message's id.
async fn send(l: &WithMeta, conversation_id: i64, outbound: Outbound) -> i64 {
    let id = l
        .app
        .state
        .store
        .insert_outbound(
            NewOutbound {
                conversation_id,
                outbound,
                sender_user_id: None,
                reply_to: None,
                echo_id: None,
            },
            app::ssr::now_ms(),
        )
        .await
        .expect("queue")
        .id;
    let pass = l.send_due_at(app::ssr::now_ms()).await;
    assert_eq!(pass.sent, 1, "{pass:?}");
    id
}

/// Waits until the stored message `id` is delivered or failed (no later status moves it).
async fn outcome(l: &WithMeta, id: i64) -> MessageRecord {
    l.until_message(id, "delivered or failed", |m| {
        matches!(
            m.status,
            Some(DeliveryStatus::Delivered | DeliveryStatus::Failed)
        )
    })
    .await
}

/// The outcome as (status, Meta's error code).
async fn outcome_code(l: &WithMeta, id: i64) -> (Option<DeliveryStatus>, Option<i64>) {
    let m = outcome(l, id).await;
    (m.status, m.error.map(|e| e.code))
}

/// What the reports were told Meta charges for message `id`: (category, billable, type).
async fn pricing_of(l: &WithMeta, id: i64) -> (Option<String>, Option<bool>, Option<String>) {
    let facts = l
        .app
        .state
        .store
        .report_facts(0, i64::MAX)
        .await
        .expect("facts");
    let fact = facts
        .outbound
        .iter()
        .find(|o| o.message_id == id)
        .expect("listed");
    (
        fact.pricing_category.clone(),
        fact.pricing_billable,
        fact.pricing_type.clone(),
    )
}

/// The seeded MARKETING template `we_miss_you`.
fn promo(first_name: &str) -> Outbound {
    Outbound::Template {
        name: "we_miss_you".into(),
        language: "en_US".into(),
        header: vec![],
        body: vec![TemplateParam {
            name: None,
            text: first_name.into(),
        }],
        buttons: vec![TemplateButtonParam {
            index: 0,
            kind: TemplateButtonKind::Url,
            value: "back10".into(),
        }],
        header_media: None,
        rendered: None,
    }
}

/// The seeded UTILITY template `appointment_reminder`.
fn reminder(first_name: &str) -> Outbound {
    Outbound::Template {
        name: "appointment_reminder".into(),
        language: "en_US".into(),
        header: vec![],
        body: vec![
            TemplateParam {
                name: Some("first_name".into()),
                text: first_name.into(),
            },
            TemplateParam {
                name: Some("date".into()),
                text: "May 3".into(),
            },
        ],
        buttons: vec![],
        header_media: None,
        rendered: None,
    }
}

/// The business message `wamid` as the customer's phone shows it.
async fn on_phone(l: &WithMeta, customer: u64, wamid: &str) -> Value {
    sim_customer(l, customer).await["chat"]
        .as_array()
        .and_then(|chat| chat.iter().find(|m| m["wamid"] == wamid))
        .cloned()
        .unwrap_or_else(|| panic!("{wamid} is not on the phone of customer {customer}"))
}

async fn a_limited_customer_gets_utility_templates_but_no_marketing_ones(db: Db) {
    let l = with_meta_tweaked(db, |_| {}).await;
    // A Mexican customer whose window closed a while ago.
    let ana = customer(&l, "Ana López", "5215512345678").await;
    let conv = wrote(&l, ana, LONG_AGO_S).await;

    // WhatsApp's per-user marketing limit starts holding for them.
    assert_eq!(set_limit(&l, ana, true).await.0, 200);
    assert_eq!(sim_customer(&l, ana).await["marketing_limited"], true);

    // A marketing template is accepted, then not delivered: 131049, with Meta's words, and
    // nothing charged.
    let held = send(&l, conv, promo("Ana")).await;
    let failed = outcome(&l, held).await;
    assert_eq!(failed.status, Some(DeliveryStatus::Failed));
    let error = failed.error.expect("Meta's error");
    assert_eq!(error.code, 131_049);
    assert_eq!(
        error.title,
        "This message was not delivered to maintain healthy ecosystem engagement."
    );
    assert_eq!(
        error.details.as_deref(),
        Some("In order to maintain a healthy ecosystem engagement, the message failed to be delivered.")
    );
    assert_eq!(pricing_of(&l, held).await, (None, None, None));
    let wamid = failed.wamid.expect("wamid");
    let item = on_phone(&l, ana, &wamid).await;
    assert_eq!(item["status"], "failed");
    assert_eq!(item["error_code"], 131_049);

    // A utility template to the same customer is delivered (and charged).
    let utility = send(&l, conv, reminder("Ana")).await;
    assert_eq!(
        outcome_code(&l, utility).await,
        (Some(DeliveryStatus::Delivered), None)
    );
    assert_eq!(
        pricing_of(&l, utility).await,
        (Some("utility".into()), Some(true), Some("regular".into()))
    );

    // The limit lifted, marketing is delivered again.
    assert_eq!(set_limit(&l, ana, false).await.0, 200);
    assert_eq!(sim_customer(&l, ana).await["marketing_limited"], false);
    let later = send(&l, conv, promo("Ana")).await;
    assert_eq!(
        outcome_code(&l, later).await,
        (Some(DeliveryStatus::Delivered), None)
    );

    // Meta does not limit numbers from the EEA (a Spanish one here); nobody is not found;
    // the flag is required.
    let lucia = customer(&l, "Lucía Fernández", "34611223344").await;
    let (status, why) = set_limit(&l, lucia, true).await;
    assert_eq!(status, 400, "{why}");
    assert!(why.contains("EEA"), "{why}");
    assert_eq!(sim_customer(&l, lucia).await["marketing_limited"], false);
    assert_eq!(set_limit(&l, 999, true).await.0, 404);
    let missing = l
        .http
        .post(format!(
            "{}/sim/customers/{ana}/marketing-limit",
            l.sim_base
        ))
        .json(&json!({"limit": true}))
        .send()
        .await
        .expect("request");
    assert_eq!(missing.status().as_u16(), 400);
}

async fn a_limited_customer_who_wrote_today_gets_marketing_templates(db: Db) {
    let l = with_meta_tweaked(db, |_| {}).await;
    // An Argentinian customer who wrote a minute ago: their window is open.
    let pedro = customer(&l, "Pedro Gómez", "5491155550101").await;
    let conv = wrote(&l, pedro, 60).await;
    assert_eq!(set_limit(&l, pedro, true).await.0, 200);
    // Marketing inside a window the customer opened is not subject to the limit.
    let promo_id = send(&l, conv, promo("Pedro")).await;
    assert_eq!(
        outcome_code(&l, promo_id).await,
        (Some(DeliveryStatus::Delivered), None)
    );
    assert_eq!(
        pricing_of(&l, promo_id).await,
        (Some("marketing".into()), Some(true), Some("regular".into()))
    );
    // Once the window has closed, the limit holds again.
    let closed = with_meta_tweaked(db, |c| c.window = Duration::from_millis(300)).await;
    let pedro = customer(&closed, "Pedro Gómez", "5491155550101").await;
    let conv = wrote(&closed, pedro, 0).await;
    assert_eq!(set_limit(&closed, pedro, true).await.0, 200);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let late = send(&closed, conv, promo("Pedro")).await;
    assert_eq!(
        outcome_code(&closed, late).await,
        (Some(DeliveryStatus::Failed), Some(131_049))
    );
}

async fn marketing_templates_to_us_numbers_fail_with_131049(db: Db) {
    let l = with_meta_tweaked(db, |_| {}).await;
    // A US number (+1 650): no marketing, even with the window open; utility is fine.
    let sam = customer(&l, "Sam Taylor", "16505551234").await;
    let us = wrote(&l, sam, 0).await;
    let held = send(&l, us, promo("Sam")).await;
    assert_eq!(
        outcome_code(&l, held).await,
        (Some(DeliveryStatus::Failed), Some(131_049))
    );
    assert_eq!(pricing_of(&l, held).await, (None, None, None));
    let utility = send(&l, us, reminder("Sam")).await;
    assert_eq!(
        outcome_code(&l, utility).await,
        (Some(DeliveryStatus::Delivered), None)
    );
    // A Canadian number shares +1 but not the pause.
    let chloe = customer(&l, "Chloé Roy", "14165550123").await;
    let ca = wrote(&l, chloe, LONG_AGO_S).await;
    let promo_ca = send(&l, ca, promo("Chloé")).await;
    assert_eq!(
        outcome_code(&l, promo_ca).await,
        (Some(DeliveryStatus::Delivered), None)
    );

    // With the pause switched off, US numbers get marketing.
    let open = with_meta_tweaked(db, |c| c.us_marketing_blocked = false).await;
    let sam = customer(&open, "Sam Taylor", "16505551234").await;
    let us = wrote(&open, sam, LONG_AGO_S).await;
    let sent = send(&open, us, promo("Sam")).await;
    assert_eq!(
        outcome_code(&open, sent).await,
        (Some(DeliveryStatus::Delivered), None)
    );
}

async fn a_send_to_the_ninth_digit_variant_reaches_the_brazilian_customer(db: Db) {
    let l = with_meta_tweaked(db, |_| {}).await;
    // WhatsApp knows this São Paulo customer without the ninth digit.
    let joao = customer(&l, "João Silva", "551187654321").await;
    let teresa = customer(&l, "Teresa Ruiz", "5215512345678").await;

    // Straight to the Graph API: `input` echoes what was sent, `wa_id` is WhatsApp's.
    for (to, wa_id) in [
        ("+55 11 98765-4321", "551187654321"),
        ("525512345678", "5215512345678"),
    ] {
        let r = l
            .http
            .post(format!(
                "{}/v25.0/{}/messages",
                l.sim_base,
                support::PHONE_NUMBER_ID
            ))
            .bearer_auth("test-access-token")
            .json(
                &json!({"messaging_product": "whatsapp", "to": to, "type": "template",
                "template": {"name": "appointment_reminder", "language": {"code": "en_US"},
                    "components": [{"type": "body", "parameters": [
                        {"type": "text", "parameter_name": "first_name", "text": "Ana"},
                        {"type": "text", "parameter_name": "date", "text": "May 3"}]}]}}),
            )
            .send()
            .await
            .expect("request");
        assert_eq!(r.status().as_u16(), 200);
        let answer: Value = r.json().await.expect("json");
        assert_eq!(
            answer["contacts"],
            json!([{"input": to, "wa_id": wa_id}]),
            "{answer}"
        );
    }
    assert_eq!(l.received_by("551187654321").await.len(), 1);
    assert_eq!(l.received_by("5215512345678").await.len(), 1);

    // From the desk, to the number as a Brazilian writes it today (with the ninth digit):
    // the customer gets it and the desk sees it delivered.
    let conv = l
        .app
        .state
        .store
        .conversation_for_phone("5511987654321", app::ssr::now_ms())
        .await
        .expect("conversation");
    let id = send(&l, conv, reminder("João")).await;
    let delivered = outcome(&l, id).await;
    assert_eq!(delivered.status, Some(DeliveryStatus::Delivered));
    assert_eq!(delivered.error, None);
    let wamid = delivered.wamid.expect("wamid");
    let item = on_phone(&l, joao, &wamid).await;
    assert_eq!(item["content"]["to"], "+5511987654321");
    assert_eq!(l.received_by("551187654321").await.len(), 2);
    // Nobody else got it.
    assert_eq!(l.received_by("5215512345678").await.len(), 1);
    assert!(sim_customer(&l, teresa).await["chat"]
        .as_array()
        .expect("chat")
        .iter()
        .all(|m| m["wamid"] != wamid.as_str()));
}
