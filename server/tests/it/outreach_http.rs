//! The desk writes first, over real HTTP with Meta played by the simulator, on both
//! databases: a new number found and written to with a template from the console and the
//! API, free text refused outside the window before anything is stored, marketing refused to
//! opted-out customers (and to those who never opted in when the team requires it), STOP
//! confirmed, and WhatsApp's "not on WhatsApp" marked on the contact.

use crate::support;

use app::domain::consent::{ConsentSettings, CONSENT_SETTING};
use app::domain::contacts::MarketingConsent;
use app::domain::integrations::tokens::Scope;
use app::domain::message::DeliveryStatus;
use app::domain::roles::Role;
use app::ssr::{now_ms, ContactKey};
use serde_json::{json, Value};
use support::api::{admin_token, post};
use support::console::*;
use support::{Db, Reply};

on_both_databases!(
    an_agent_writes_first_to_a_new_number_with_a_template,
    free_text_to_a_new_number_is_refused_before_anything_is_stored,
    marketing_follows_consent_and_the_teams_opt_in_rule,
    stop_is_confirmed_inside_the_window,
    a_number_not_on_whatsapp_is_marked,
    the_api_starts_conversations_too,
);

fn to_number(number: &str, country: &str) -> Value {
    json!({"kind": "phone", "number": number, "country": country})
}

async fn start(meta: &WithMeta, agent: &Agent, to: Value, message: Value) -> Reply {
    meta.app
        .call_json(
            &agent.client,
            "outreach/start",
            &json!({"start": {"to": to, "message": message}}),
        )
        .await
}

async fn template(meta: &WithMeta, name: &str, values: Value) -> Value {
    json!({"kind": "template", "meta_id": meta.template_id(name).await, "values": values, "upload_id": null})
}

/// A person on WhatsApp (on the simulator) who never wrote to the business.
async fn on_whatsapp(meta: &WithMeta, name: &str, wa_id: &str) -> u64 {
    let c = meta
        .sim(
            "/sim/customers",
            json!({"name": name, "wa_id": wa_id, "lang": "es", "human": true}),
        )
        .await;
    c["id"].as_u64().expect("id")
}

async fn an_agent_writes_first_to_a_new_number_with_a_template(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    on_whatsapp(&meta, "Lucía Gómez", "34600000010").await;

    // The dialog's search reads the typed number in the chosen country.
    let found = app
        .call(
            &ana.client,
            "outreach/search",
            &[("query", "600 000 010"), ("country", "ES")],
        )
        .await;
    assert_eq!(found.status, 200, "{:?}", found.json);
    assert_eq!(found.json["number"], "+34 600 00 00 10");
    assert_eq!(found.json["contacts"], json!([]));
    let prepared = app
        .call_json(
            &ana.client,
            "outreach/prepare",
            &json!({"to": to_number("600 000 010", "ES")}),
        )
        .await;
    assert_eq!(prepared.status, 200, "{:?}", prepared.json);
    assert_eq!(prepared.json["window"]["state"], "closed");
    assert_eq!(prepared.json["open_conversation"], Value::Null);
    assert_eq!(prepared.json["phone"], "+34 600 00 00 10");

    let sent = start(
        &meta,
        &ana,
        to_number("600 000 010", "ES"),
        template(&meta, "seguimiento_consulta", json!({"body.1": "Lucía"})).await,
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    assert_eq!(sent.json["created"], true);
    let conversation = sent.json["conversation_id"].as_i64().expect("id");
    let stored = app
        .state
        .store
        .conversation(conversation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.assignee_id,
        Some(ana.user.id),
        "assigned to the sender"
    );
    // It is in everyone's list like any other (the supervisor's too).
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    assert!(row(&list(app, &sofia).await, conversation).is_some());

    // The outbound worker sends it; the customer's phone shows the template.
    meta.send_due_at(now_ms()).await;
    let received = meta.received_by("34600000010").await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0]["template"]["name"], "seguimiento_consulta");

    // Searching again finds the contact by any spelling of the number.
    let again = app
        .call(
            &ana.client,
            "outreach/search",
            &[("query", "+34 600-000-010"), ("country", "AR")],
        )
        .await;
    assert_eq!(again.json["contacts"][0]["phone"], "+34 600 00 00 10");
    // Writing again reuses the open conversation.
    let prepared = app
        .call_json(
            &ana.client,
            "outreach/prepare",
            &json!({"to": {"kind": "contact", "id": stored.contact_id}}),
        )
        .await;
    assert_eq!(prepared.json["open_conversation"], conversation);
}

async fn free_text_to_a_new_number_is_refused_before_anything_is_stored(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    let refused = start(
        &meta,
        &ana,
        to_number("+34 600 000 011", "ES"),
        json!({"kind": "text", "body": "Hola"}),
    )
    .await;
    assert_eq!(refused.status, 409, "{:?}", refused.json);
    assert_eq!(refused.json["error"], "window_closed");
    let contact = app
        .state
        .store
        .contact(ContactKey::WaId("34600000011"))
        .await
        .unwrap();
    assert_eq!(contact, None, "nothing stored");
    // A number that is not one is refused in words.
    let bad = start(
        &meta,
        &ana,
        to_number("12", "ES"),
        json!({"kind": "text", "body": "Hola"}),
    )
    .await;
    assert_eq!(bad.status, 400, "{:?}", bad.json);
    assert_eq!(bad.json["field"], "phone");
}

async fn marketing_follows_consent_and_the_teams_opt_in_rule(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    let conversation = meta
        .customer_wrote("Emma Johnson", "34600000012", "Hi", 30 * 3600)
        .await;
    let customer = meta.sim_state().await["customers"][0]["id"]
        .as_u64()
        .expect("id");
    meta.customer_says(customer, "STOP").await;
    let contact = app
        .state
        .store
        .conversation(conversation)
        .await
        .unwrap()
        .unwrap()
        .contact_id;
    let marketing = template(
        &meta,
        "we_miss_you",
        json!({"body.1": "Emma", "button.0": "back"}),
    )
    .await;
    let refused = start(
        &meta,
        &ana,
        json!({"kind": "contact", "id": contact}),
        marketing.clone(),
    )
    .await;
    assert_eq!(refused.status, 409, "{:?}", refused.json);
    assert_eq!(refused.json["error"], "marketing_refused");
    assert_eq!(refused.json["refusal"], "opted_out");

    // The team requires an explicit opt-in: a new number is refused marketing too...
    let settings = ConsentSettings {
        opt_in_one_to_one: true,
        ..ConsentSettings::default()
    };
    app.state
        .store
        .put_setting(
            CONSENT_SETTING,
            &serde_json::to_string(&settings).unwrap(),
            now_ms(),
        )
        .await
        .unwrap();
    on_whatsapp(&meta, "Noah", "34600000013").await;
    let refused = start(&meta, &ana, to_number("600000013", "ES"), marketing.clone()).await;
    assert_eq!(
        refused.json["refusal"], "needs_opt_in",
        "{:?}",
        refused.json
    );
    // ...while utility templates go.
    let utility = template(&meta, "seguimiento_consulta", json!({"body.1": "Noah"})).await;
    let sent = start(&meta, &ana, to_number("600000013", "ES"), utility).await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    let noah_conversation = sent.json["conversation_id"].as_i64().unwrap();
    let noah = app
        .state
        .store
        .contact(ContactKey::WaId("34600000013"))
        .await
        .unwrap()
        .unwrap();

    // An agent records the opt-in: a reason is required.
    let change = |note: &str| json!({"update": {"contact_id": noah.id, "conversation_id": noah_conversation, "consent": "opted_in", "note": note}});
    let no_reason = app
        .call_json(&ana.client, "outreach/consent", &change("  "))
        .await;
    assert_eq!(no_reason.status, 400, "{:?}", no_reason.json);
    assert_eq!(no_reason.json["field"], "consent_note");
    let recorded = app
        .call_json(
            &ana.client,
            "outreach/consent",
            &change("Said yes on the phone"),
        )
        .await;
    assert_eq!(recorded.status, 200, "{:?}", recorded.json);
    let opened = open(app, &ana, noah_conversation).await;
    assert_eq!(opened.json["contact"]["marketing"], "opted_in");
    assert_eq!(
        opened.json["contact"]["consent_history"][0]["note"],
        "Said yes on the phone"
    );
    let sent = start(
        &meta,
        &ana,
        json!({"kind": "contact", "id": noah.id}),
        marketing,
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    assert_eq!(
        sent.json["created"], false,
        "written into the open conversation"
    );
}

async fn stop_is_confirmed_inside_the_window(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.customer_wrote("Mateo", "34600000014", "Hola", 60)
        .await;
    let customer = meta.sim_state().await["customers"][0]["id"]
        .as_u64()
        .expect("id");
    meta.customer_says(customer, "BAJA").await;
    let contact = app
        .state
        .store
        .contact(ContactKey::WaId("34600000014"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.marketing, MarketingConsent::OptedOut);
    meta.send_due_at(now_ms()).await;
    let received = meta.received_by("34600000014").await;
    assert_eq!(received.len(), 1, "{received:?}");
    let words = received[0]["text"]["body"].as_str().unwrap_or_default();
    assert!(words.contains("ALTA"), "the Spanish confirmation: {words}");
}

async fn a_number_not_on_whatsapp_is_marked(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    // Nobody on the simulator has this number.
    let sent = start(
        &meta,
        &ana,
        to_number("600 000 015", "ES"),
        template(&meta, "seguimiento_consulta", json!({"body.1": "?"})).await,
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    let message = sent.json["message_id"].as_i64().unwrap();
    meta.send_due_at(now_ms()).await;
    let failed = meta
        .until_message(message, "failed", |m| {
            m.status == Some(DeliveryStatus::Failed)
        })
        .await;
    assert_eq!(failed.error.as_ref().map(|e| e.code), Some(131_026));
    let contact = app
        .state
        .store
        .contact(ContactKey::WaId("34600000015"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(contact.unreachable.map(|(_, code)| code), Some(131_026));
    let conversation = sent.json["conversation_id"].as_i64().unwrap();
    let opened = open(app, &ana, conversation).await;
    assert!(opened.json["contact"]["unreachable_at_ms"].is_i64());
}

async fn the_api_starts_conversations_too(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    on_whatsapp(&meta, "Ana Brasil", "5511912345678").await;
    let token = admin_token(app, Scope::Write).await;
    let both = post(
        app,
        "/conversations",
        &token,
        json!({"contact_id": 1, "phone": "1", "message": {"type": "text", "text": "x"}}),
    )
    .await;
    assert_eq!(both.status, 422, "{:?}", both.json);
    let text = post(
        app,
        "/conversations",
        &token,
        json!({"phone": "+55 11 91234-5678", "message": {"type": "text", "text": "Olá"}}),
    )
    .await;
    assert_eq!(text.status, 409, "{:?}", text.json);
    assert_eq!(text.json["error"]["code"], "window_closed");
    let started = post(
        app,
        "/conversations",
        &token,
        json!({
            "phone": "(11) 91234-5678",
            "country": "BR",
            "message": {"type": "template", "name": "seguimiento_consulta", "language": "es_ES", "body": ["Ana"]}
        }),
    )
    .await;
    assert_eq!(started.status, 201, "{:?}", started.json);
    assert_eq!(started.json["created"], true);
    assert_eq!(started.json["message"]["status"], "pending");
    meta.send_due_at(now_ms()).await;
    assert_eq!(meta.received_by("5511912345678").await.len(), 1);

    // A consent collected in a form is recorded with its source and note, and the contact
    // reads with its history and its number written for people.
    let contact = app
        .state
        .store
        .contact(ContactKey::WaId("5511912345678"))
        .await
        .unwrap()
        .unwrap();
    let path = format!("/contacts/{}", contact.id);
    let patched = support::api::patch(
        app,
        &path,
        &token,
        json!({"marketing": "opted_in", "consent_source": "form", "consent_note": "Newsletter form, 7 Dec"}),
    )
    .await;
    assert_eq!(patched.status, 200, "{:?}", patched.json);
    let read = support::api::get(app, &path, &token).await;
    assert_eq!(read.json["marketing"], "opted_in");
    assert_eq!(read.json["phone"], "+55 11 91234-5678");
    assert_eq!(read.json["phone_country"], "BR");
    assert_eq!(read.json["consent_history"][0]["source"], "form");
    assert_eq!(
        read.json["consent_history"][0]["note"],
        "Newsletter form, 7 Dec"
    );
    let too_long = support::api::patch(
        app,
        &path,
        &token,
        json!({"marketing": "opted_out", "consent_note": "x".repeat(501)}),
    )
    .await;
    assert_eq!(too_long.status, 422, "{:?}", too_long.json);
}
