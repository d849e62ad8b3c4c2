//! What messages cost, over real HTTP with Meta played by the simulator, on both databases:
//! Settings → Costs imports Meta's CSV (refusing a bad one whole, with its lines), the
//! template picker estimates by the recipient's market, a sent message keeps the estimate
//! beside what Meta's status says it charged, and Reports (screen and API) add both up.

use crate::support;

use app::domain::integrations::tokens::Scope;
use app::domain::pricing::{PricingSettings, PRICING_SETTING};
use app::domain::roles::Role;
use app::ssr::now_ms;
use serde_json::{json, Value};
use support::console::*;
use support::Db;

on_both_databases!(
    rate_cards_are_imported_checked_and_deleted,
    the_picker_estimates_and_the_message_keeps_estimate_and_charge,
    a_customer_from_an_ad_costs_nothing_for_72_hours,
    the_pricing_rules_are_saved_by_admins_and_change_the_estimates,
);

const CARD: &str = "Market,Currency,Marketing,Utility,Authentication,Service\n\
Brazil,EUR,0.0580,0.0063,0.0063,0.0063\n\
Spain,EUR,0.0570,0.0185,0.0185,0.0185\n";

async fn rate_cards_are_imported_checked_and_deleted(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let admin = signed_in(app, "admin@demo.local", Role::Admin).await;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    let import = |csv: &str, from: &str| {
        vec![
            ("csv".to_string(), csv.to_string()),
            ("effective_from".to_string(), from.to_string()),
            ("currency".to_string(), "eur".to_string()),
            ("source".to_string(), "Meta, EUR card".to_string()),
        ]
    };
    let call = |who: &Agent, form: Vec<(String, String)>| {
        let client = who.client.clone();
        let base = app.base.clone();
        async move {
            let response = client
                .post(format!("{base}/api/costs/import"))
                .form(&form)
                .send()
                .await
                .expect("request");
            support::Reply::read(response).await
        }
    };
    // Admins only.
    let refused = call(&ana, import(CARD, "2026-10-01")).await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    // A bad file is refused whole, every problem with its line.
    let bad = "Market,Marketing,Utility\nSpain,0.05,abc\nAtlantis,0.01,0.01\n";
    let refused = call(&admin, import(bad, "2026-10-01")).await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    assert_eq!(refused.json["error"], "rate_card");
    let lines: Vec<i64> = refused.json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, vec![2, 3], "{:?}", refused.json);
    let nothing = app.state.store.setting(PRICING_SETTING).await.unwrap();
    assert_eq!(nothing, None, "nothing saved");
    let bad_date = call(&admin, import(CARD, "1 October")).await;
    assert_eq!(bad_date.json["field"], "effective_date");

    let imported = call(&admin, import(CARD, "2026-10-01")).await;
    assert_eq!(imported.status, 200, "{:?}", imported.json);
    assert_eq!(imported.json["table"]["currency"], "EUR");
    assert_eq!(imported.json["table"]["source"], "Meta, EUR card");
    let later = call(&admin, import(CARD, "2027-01-01")).await;
    assert_eq!(later.json["table"]["cards"].as_array().unwrap().len(), 2);
    let deleted = app
        .call(
            &admin.client,
            "costs/delete-card",
            &[("effective_from", "2027-01-01")],
        )
        .await;
    assert_eq!(deleted.json["table"]["cards"].as_array().unwrap().len(), 1);
    let stored = PricingSettings::from_setting(
        app.state
            .store
            .setting(PRICING_SETTING)
            .await
            .unwrap()
            .as_deref(),
    );
    assert_eq!(stored.table.cards.len(), 1);
    assert_eq!(stored.table.cards[0].rates.len(), 8);
}

async fn the_picker_estimates_and_the_message_keeps_estimate_and_charge(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let admin = signed_in(app, "admin@demo.local", Role::Admin).await;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.app
        .state
        .whatsapp
        .sync_templates()
        .await
        .expect("sync");
    let sample = app.call(&admin.client, "costs/sample", &[]).await;
    assert_eq!(sample.status, 200, "{:?}", sample.json);
    meta.sim(
        "/sim/customers",
        json!({"name": "Ana Brasil", "wa_id": "5511912345678", "lang": "es", "human": true}),
    )
    .await;
    let to = json!({"kind": "phone", "number": "+55 11 91234-5678", "country": "ES"});
    let prepared = app
        .call_json(&ana.client, "outreach/prepare", &json!({"to": to}))
        .await;
    assert_eq!(prepared.status, 200, "{:?}", prepared.json);
    let costs = &prepared.json["picker"]["costs"];
    let of = |category: Value| {
        costs
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c[0] == category)
            .map(|c| c[1].clone())
            .unwrap()
    };
    // A new number: outside any window, so templates are billed at Brazil's rates.
    let marketing = of(json!("marketing"));
    assert_eq!(marketing["market"], "Brazil");
    assert_eq!(marketing["price_micros"], 62_500);
    assert_eq!(of(json!("utility"))["price_micros"], 6_800);
    assert_eq!(prepared.json["picker"]["currency"], "USD");

    let meta_id = app
        .state
        .store
        .list_templates()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "seguimiento_consulta")
        .unwrap()
        .meta_id;
    let sent = app
        .call_json(
            &ana.client,
            "outreach/start",
            &json!({"start": {"to": to, "message": {"kind": "template", "meta_id": meta_id, "values": {"body.1": "Ana"}, "upload_id": null}}}),
        )
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.json);
    let id = sent.json["message_id"].as_i64().unwrap();
    let queued = app.state.store.message(id).await.unwrap().unwrap();
    let cost = queued.cost.expect("an estimate");
    assert_eq!(cost.estimated_category.as_deref(), Some("utility"));
    assert_eq!(cost.estimated_micros, Some(6_800));
    assert_eq!(cost.currency.as_deref(), Some("USD"));
    assert_eq!(cost.market.as_deref(), Some("Brazil"));
    assert_eq!(cost.charged_category, None, "Meta has not said yet");

    // The simulator's statuses carry Meta's pricing object: kept beside the estimate.
    meta.send_due_at(now_ms()).await;
    let delivered = meta
        .until_message(id, "charged", |m| {
            m.cost
                .as_ref()
                .and_then(|c| c.charged_category.clone())
                .is_some()
        })
        .await;
    let cost = delivered.cost.unwrap();
    assert_eq!(cost.charged_category.as_deref(), Some("utility"));
    assert_eq!(cost.charged_type.as_deref(), Some("regular"));
    assert_eq!(cost.estimated_micros, Some(6_800), "the estimate stays");

    // Reports price Meta's word with the card of the day, in Brazil: the screen (a server
    // function) and the REST API read the same figures.
    let today = chrono::DateTime::from_timestamp_millis(now_ms())
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    let screen = app
        .call(
            &admin.client,
            "reports/report",
            &[("from", &today), ("to", &today)],
        )
        .await;
    assert_eq!(screen.status, 200, "{:?}", screen.json);
    let costs = &screen.json["report"]["costs"];
    assert_eq!(costs["currency"], "USD");
    let total = &costs["total"];
    assert_eq!(
        (
            &total["messages"],
            &total["estimated_micros"],
            &total["charged_micros"],
            &total["billed"]
        ),
        (&json!(1), &json!(6_800), &json!(6_800), &json!(1))
    );
    assert_eq!(costs["categories"][0]["key"], "utility");
    // Sent by the agent signed in as ana@ (named "ana").
    assert_eq!(
        (&costs["agents"][0]["sender"], &costs["agents"][0]["name"]),
        (&json!("agent"), &json!("ana"))
    );
    assert_eq!(costs["days"][0]["charged_micros"], 6_800);
    let token =
        support::api::admin_token(app, app::domain::integrations::tokens::Scope::Read).await;
    let api = support::api::get(
        app,
        &format!("/reports/summary?from={today}&to={today}"),
        &token,
    )
    .await;
    assert_eq!(api.status, 200, "{:?}", api.json);
    for figure in [
        "messages",
        "billed",
        "estimated_micros",
        "charged_micros",
        "awaiting",
    ] {
        assert_eq!(
            api.json["costs"]["total"][figure], total[figure],
            "{figure}"
        );
    }
    assert_eq!(
        api.json["costs"]["senders"][0]["key"],
        costs["agents"][0]["key"]
    );
}

/// A marketing template through the API to `conversation`; returns the stored estimate
/// (micro-units) and its category.
async fn marketing_estimate(meta: &WithMeta, conversation: i64) -> (Option<i64>, Option<String>) {
    let app = &meta.app;
    let token = support::api::admin_token(app, Scope::Write).await;
    let sent = support::api::post(
        app,
        &format!("/conversations/{conversation}/messages"),
        &token,
        json!({"type": "template", "name": "we_miss_you", "language": "en_US",
               "body": ["Bruno"], "buttons": [{"index": 0, "value": "bruno"}]}),
    )
    .await;
    assert_eq!(sent.status, 201, "{:?}", sent.json);
    let id = sent.json["id"].as_i64().expect("id");
    let stored = app.state.store.message(id).await.unwrap().unwrap();
    let cost = stored.cost.expect("an estimate");
    (cost.estimated_micros, cost.estimated_category)
}

async fn a_customer_from_an_ad_costs_nothing_for_72_hours(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let admin = signed_in(app, "admin@demo.local", Role::Admin).await;
    meta.synced().await;
    let sample = app.call(&admin.client, "costs/sample", &[]).await;
    assert_eq!(sample.status, 200, "{:?}", sample.json);
    // Bruno clicked a Click-to-WhatsApp ad: the conversation starts with its referral.
    let customer = meta
        .sim(
            "/sim/customers",
            json!({"name": "Bruno Anuncio", "wa_id": "5511987654321", "lang": "es", "human": true}),
        )
        .await;
    let id = customer["id"].as_u64().expect("id");
    let wrote = meta
        .sim(
            &format!("/sim/customers/{id}/messages"),
            json!({"type": "text", "text": "Vi el anuncio", "referral": true}),
        )
        .await;
    let from_ad = meta
        .stored(wrote["wamid"].as_str().expect("wamid"))
        .await
        .conversation_id;
    // Carla wrote without an ad, from the same market.
    let plain = meta
        .customer_wrote("Carla Sin Anuncio", "5511976543210", "Hola", 0)
        .await;
    // The same marketing template: free inside the entry point, Brazil's rate outside it.
    assert_eq!(
        marketing_estimate(&meta, from_ad).await,
        (Some(0), Some("marketing".into()))
    );
    assert_eq!(
        marketing_estimate(&meta, plain).await,
        (Some(62_500), Some("marketing".into()))
    );
}

async fn the_pricing_rules_are_saved_by_admins_and_change_the_estimates(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let admin = signed_in(app, "admin@demo.local", Role::Admin).await;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    meta.synced().await;
    let sample = app.call(&admin.client, "costs/sample", &[]).await;
    assert_eq!(sample.status, 200, "{:?}", sample.json);
    let conversation = meta
        .customer_wrote("Dora Servicio", "5511965432109", "Hola", 0)
        .await;
    // Under the published rules a reply inside the window is billed (service, since
    // 2026-10-01); a team that reads Meta's announcement otherwise marks service free.
    let rules = |service_charged: bool| {
        json!({"rules": [
            {"from": "2025-07-01", "service_charged": false, "utility_in_window_charged": false},
            {"from": "2026-10-01", "service_charged": service_charged, "utility_in_window_charged": true},
            {"from": "2026-10-01", "service_charged": service_charged, "utility_in_window_charged": true},
        ]})
    };
    let refused = app
        .call_json(&ana.client, "costs/rules", &rules(false))
        .await;
    assert_eq!(refused.status, 403, "admins only: {:?}", refused.json);
    let service_estimate = || async {
        let replied = send(app, &ana, conversation, "Te ayudo ahora").await;
        assert_eq!(replied.status, 200, "{:?}", replied.json);
        let id = replied.json["id"].as_i64().expect("id");
        let stored = app.state.store.message(id).await.unwrap().unwrap();
        stored.cost.and_then(|c| c.estimated_micros)
    };
    assert_eq!(
        service_estimate().await,
        Some(6_800),
        "Brazil's service rate"
    );
    let saved = app
        .call_json(&admin.client, "costs/rules", &rules(false))
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    assert_eq!(
        saved.json["rules"].as_array().map(Vec::len),
        Some(2),
        "sorted, one model per date: {:?}",
        saved.json
    );
    assert_eq!(
        service_estimate().await,
        Some(0),
        "service free by the team's rules"
    );
}
