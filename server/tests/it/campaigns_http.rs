//! Campaigns over real HTTP with Meta played by the simulator, on both databases: a
//! supervisor counts a segment, reviews and launches; the worker sends through the
//! simulator within the campaign's rate; statuses, a tapped opt-out button and a reply move
//! the funnel; the reply's conversation shows the campaign's message first; 131049 limits;
//! pause, resume and cancel; agents are refused; a claim lost in a crash is sent once.

use crate::support;

use app::domain::campaigns::{CampaignState, RecipientState};
use app::domain::contacts::MarketingConsent;
use app::domain::roles::Role;
use app::ssr::{now_ms, ContactKey};
use serde_json::{json, Value};
use support::console::*;
use support::Db;

on_both_databases!(
    a_supervisor_launches_and_the_funnel_moves,
    pause_resume_cancel_and_agents_refused,
    a_recipient_claimed_before_a_crash_goes_once,
    the_number_stops_campaigns,
    a_media_header_is_chosen_once,
    a_csv_list_is_the_audience,
    whatsapp_refuses_who_stopped_marketing,
);

const VIP: &str = "VIP";

/// The campaign's draft: `we_miss_you` (marketing) to customers labelled VIP.
fn draft(label: i64, start: &str) -> Value {
    json!({
        "name": "Winter is back",
        "filter": {"labels": {"any": [label]}},
        "composition": {
            "template_name": "we_miss_you",
            "language": "en_US",
            "mappings": [
                {"slot": "body.1", "source": {"from": "first_name"}, "fallback": "friend"},
                {"slot": "button.0", "source": {"from": "fixed", "key": "welcome10"}, "fallback": ""}
            ],
            "header_media": null
        },
        "replies_to": "queue",
        "buttons": [{"index": 1, "action": {"does": "opt_out"}}],
        "start": start,
        "quiet_hours": null,
        "rate_per_second": 0,
        "over_limit": "spread"
    })
}

/// Runs the worker's passes until `done` says so (statuses arrive by webhook meanwhile).
async fn until(
    meta: &WithMeta,
    what: &str,
    done: impl Fn(&app::domain::campaigns::funnel::Funnel) -> bool,
    id: i64,
) {
    let mut pacer =
        server::outbound::Pacer::new(server::outbound::OutboundSettings::default(), now_ms());
    let mut pacing = server::campaigns::CampaignPacing::default();
    let settings = server::outbound::OutboundSettings::default();
    // Up to a minute: statuses come by webhook, and a loaded machine is slow.
    for _ in 0..1200 {
        server::campaigns::send_due(
            &*meta.app.state.store,
            &meta.api,
            &mut pacer,
            &mut pacing,
            &settings,
            now_ms(),
        )
        .await
        .expect("pass");
        let funnel = meta.app.state.store.funnel(id).await.expect("funnel");
        if done(&funnel) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what}: {:?}", meta.app.state.store.funnel(id).await);
}

struct Audience {
    label: i64,
    /// (simulator id, wa_id, conversation)
    customers: Vec<(u64, String, i64)>,
}

/// Four customers who wrote two days ago; three labelled VIP, of whom two opted in.
async fn audience(meta: &WithMeta) -> Audience {
    let store = &meta.app.state.store;
    let label = store
        .create_label(
            &app::domain::labels::LabelDraft::new(VIP, "violet", "").unwrap(),
            now_ms(),
        )
        .await
        .unwrap()
        .id;
    let mut customers = Vec::new();
    for (n, name) in ["Ana Pérez", "Bruno Silva", "Carla Ruiz", "Dario Gil"]
        .iter()
        .enumerate()
    {
        let wa_id = format!("9198100123{n:02}");
        let conversation = meta
            .customer_wrote(name, &wa_id, "hello", 2 * 24 * 3600)
            .await;
        let id = meta.sim_state().await["customers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["wa_id"] == wa_id)
            .unwrap()["id"]
            .as_u64()
            .unwrap();
        let contact = store
            .contact(ContactKey::WaId(&wa_id))
            .await
            .unwrap()
            .unwrap();
        if n < 3 {
            store
                .label_conversation(conversation, label, true, None, now_ms())
                .await
                .unwrap();
        }
        if n < 2 {
            let change = app::ssr::ingest::ConsentChange {
                consent: MarketingConsent::OptedIn,
                source: app::domain::consent::ConsentSource::Agent,
                note: None,
                actor_id: None,
                // A minute ago: WhatsApp timestamps have whole seconds; a "stop" in the same second
                // would otherwise look older than this opt-in.
                at_ms: now_ms() - 60_000,
            };
            store
                .change_consent(contact.id, &change, None)
                .await
                .unwrap();
        }
        store
            .set_conversation_status(
                conversation,
                app::domain::inbox::ConversationStatus::Resolved,
                None,
                None,
                now_ms(),
            )
            .await
            .unwrap();
        customers.push((id, wa_id, conversation));
    }
    Audience { label, customers }
}

async fn a_supervisor_launches_and_the_funnel_moves(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let people = audience(&meta).await;

    let count = app
        .call_json(
            &sofia.client,
            "campaigns/count",
            &json!({"filter": {"labels": {"any": [people.label]}}}),
        )
        .await;
    assert_eq!(count.status, 200, "{:?}", count.json);
    assert_eq!(count.json, json!(3));

    // The review: three in the segment, the one who never opted in left out (the team
    // requires opt-in for campaigns by default), the cost by market, the limit.
    let review = app
        .call_json(
            &sofia.client,
            "campaigns/review",
            &json!({"draft": draft(people.label, "")}),
        )
        .await;
    assert_eq!(review.status, 200, "{:?}", review.json);
    assert_eq!(review.json["audience"], 3);
    assert_eq!(review.json["recipients"], 2);
    assert_eq!(review.json["excluded"], json!([["needs_opt_in", 1]]));
    assert_eq!(review.json["costs"][0]["market"], "India");
    assert_eq!(review.json["costs"][0]["recipients"], 2);
    assert!(
        review.json["limit"]["Ok"]["batches"]
            .as_array()
            .is_some_and(|b| b.len() == 1),
        "{:?}",
        review.json["limit"]
    );

    // Stepping through recipients shows each one's message.
    let preview = app
        .call_json(
            &sofia.client,
            "campaigns/preview",
            &json!({"draft": draft(people.label, ""), "index": 1}),
        )
        .await;
    assert_eq!(preview.status, 200, "{:?}", preview.json);
    assert_eq!(preview.json["total"], 2);
    assert_eq!(
        preview.json["rendered"]["Ok"]["body"],
        "Hi Bruno! It has been a while. Here is 10% off your next order."
    );

    let launched = app
        .call_json(
            &sofia.client,
            "campaigns/launch",
            &json!({"draft": draft(people.label, "")}),
        )
        .await;
    assert_eq!(launched.status, 200, "{:?}", launched.json);
    assert_eq!(launched.json["state"], "running");
    let id = launched.json["id"].as_i64().unwrap();
    assert_eq!(launched.json["funnel"]["targeted"], 2);
    assert_eq!(launched.json["funnel"]["skipped"], 1);

    // Sent through the simulator; delivered by webhook.
    until(&meta, "delivered", |f| f.delivered == 2, id).await;
    let ana_got = meta.received_by(&people.customers[0].1).await;
    let campaign_message = ana_got
        .iter()
        .find(|m| m["type"] == "template")
        .expect("the template");
    assert_eq!(campaign_message["template"]["name"], "we_miss_you");
    assert!(
        meta.received_by(&people.customers[2].1)
            .await
            .iter()
            .all(|m| m["type"] != "template"),
        "the one without opt-in got nothing"
    );

    // Ana taps "Not interested" (routed to opt out); Bruno answers with text.
    let state = meta.sim_state().await;
    let ana = state["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["wa_id"] == people.customers[0].1)
        .unwrap();
    let item = ana["chat"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["from_business"] == true)
        .unwrap();
    let button = item["rendered"]["buttons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["text"] == "Not interested")
        .unwrap()
        .clone();
    assert_eq!(
        button["payload"],
        app::domain::consent::STOP_PAYLOAD,
        "{button:?}"
    );
    meta.sim(
        &format!("/sim/customers/{}/messages", people.customers[0].0),
        json!({"type": "template_button", "message_id": item["wamid"], "payload": button["payload"], "text": "Not interested"}),
    )
    .await;
    let bruno_reply = meta
        .customer_says(people.customers[1].0, "Do you have size 42?")
        .await;
    until(
        &meta,
        "replied and opted out",
        |f| f.replied == 2 && f.opted_out == 1,
        id,
    )
    .await;
    let anas = app
        .state
        .store
        .contact(ContactKey::WaId(&people.customers[0].1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(anas.marketing, MarketingConsent::OptedOut);

    // Bruno's new conversation: in the queue (the campaign says so), the campaign's message first.
    assert_ne!(bruno_reply.conversation_id, people.customers[1].2);
    let conversation = app
        .state
        .store
        .conversation(bruno_reply.conversation_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        conversation.status(),
        app::domain::inbox::ConversationStatus::Open
    );
    let thread = thread(app, &sofia, bruno_reply.conversation_id).await;
    assert!(thread.len() >= 2, "{thread:?}");
    let first = thread
        .iter()
        .find(|m| m["campaign"].is_string())
        .expect("the campaign bubble");
    assert_eq!(first["campaign"], "Winter is back");
    assert_eq!(first["outbound"], true);

    // The campaign finishes; its view and recipients agree.
    until(&meta, "finished", |f| f.queued == 0, id).await;
    let one = app
        .call(&sofia.client, "campaigns/one", &[("id", &id.to_string())])
        .await;
    assert_eq!(one.status, 200, "{:?}", one.json);
    assert_eq!(one.json["state"], "finished");
    let replied = app
        .call_json(
            &sofia.client,
            "campaigns/recipients",
            &json!({"id": id, "step": "replied", "after": 0}),
        )
        .await;
    assert_eq!(
        replied.json.as_array().map(Vec::len),
        Some(2),
        "{:?}",
        replied.json
    );
    let csv = app
        .call_json(
            &sofia.client,
            "campaigns/csv",
            &json!({"id": id, "step": "opted_out"}),
        )
        .await;
    let csv = csv.json.as_str().unwrap_or_default().to_string();
    assert!(csv.starts_with("contact_id,name,phone,state"), "{csv}");
    assert!(
        csv.contains("Ana Pérez") && csv.contains("opted_out"),
        "{csv}"
    );

    // The API says the same (supervisors' and admins' tokens; an agent's is refused).
    let token =
        support::api::admin_token(app, app::domain::integrations::tokens::Scope::Read).await;
    let api = support::api::get(app, &format!("/campaigns/{id}"), &token).await;
    assert_eq!(api.status, 200, "{:?}", api.json);
    assert_eq!(api.json["funnel"]["replied"], 2);
    assert_eq!(api.json["funnel"]["opted_out"], 1);
    assert_eq!(api.json["state"], "finished");
    let opted = support::api::get(
        app,
        &format!("/campaigns/{id}/recipients?step=opted_out"),
        &token,
    )
    .await;
    assert_eq!(
        opted.json["data"][0]["state"], "opted_out",
        "{:?}",
        opted.json
    );
    let bad = support::api::get(
        app,
        &format!("/campaigns/{id}/recipients?step=nope"),
        &token,
    )
    .await;
    assert_eq!(bad.status, 422);

    // 131049: Meta limits Carla once she opts in; the retry waits 24 hours.
    let carla = app
        .state
        .store
        .contact(ContactKey::WaId(&people.customers[2].1))
        .await
        .unwrap()
        .unwrap();
    let change = app::ssr::ingest::ConsentChange {
        consent: MarketingConsent::OptedIn,
        source: app::domain::consent::ConsentSource::Agent,
        note: None,
        actor_id: None,
        at_ms: now_ms(),
    };
    app.state
        .store
        .change_consent(carla.id, &change, None)
        .await
        .unwrap();
    meta.sim(
        &format!("/sim/customers/{}/marketing-limit", people.customers[2].0),
        json!({"limited": true}),
    )
    .await;
    let mut only_carla = draft(people.label, "");
    only_carla["name"] = json!("Carla only");
    only_carla["filter"] = json!({"labels": {"any": [people.label]}, "consent": ["opted_in"]});
    // Ana opted out, Bruno got marketing within the frequency cap: Carla alone.
    let review = app
        .call_json(
            &sofia.client,
            "campaigns/review",
            &json!({"draft": only_carla.clone()}),
        )
        .await;
    assert_eq!(review.json["recipients"], 1, "{:?}", review.json);
    assert_eq!(
        review.json["excluded"],
        json!([["frequency_cap", 1]]),
        "{:?}",
        review.json
    );
    let second = launch(app, &sofia, only_carla).await;
    until(&meta, "limited", |f| f.limited == 1, second).await;
    let limited = app
        .state
        .store
        .recipients(second, app::domain::campaigns::funnel::Step::Limited, 0, 10)
        .await
        .unwrap();
    assert_eq!(limited[0].state, RecipientState::Limited);
    assert_eq!(limited[0].error.as_ref().map(|e| e.code), Some(131_049));
    let retry = app
        .call(
            &sofia.client,
            "campaigns/retry-limited",
            &[("id", &second.to_string())],
        )
        .await;
    assert_eq!(retry.status, 409, "{:?}", retry.json);
    assert!(
        retry.json["Campaign"]["problem"]["problem"] == "cool_down"
            || retry.json.to_string().contains("cool_down"),
        "{:?}",
        retry.json
    );
}

async fn pause_resume_cancel_and_agents_refused(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    let people = audience(&meta).await;
    // Agents run no campaigns and see none.
    for (path, body) in [
        (
            "campaigns/launch",
            json!({"draft": draft(people.label, "")}),
        ),
        ("campaigns/count", json!({"filter": {}})),
    ] {
        let refused = app.call_json(&ana.client, path, &body).await;
        assert_eq!(refused.status, 403, "{path}: {:?}", refused.json);
    }
    assert_eq!(
        app.call(&ana.client, "campaigns/screen", &[]).await.status,
        403
    );
    // A launch for tomorrow is scheduled; nothing goes before.
    // The business's zone is UTC until Reports settings say otherwise.
    let tomorrow = chrono::DateTime::from_timestamp_millis(now_ms() + 24 * 3_600_000).unwrap();
    let start = tomorrow.format("%Y-%m-%dT%H:%M").to_string();
    let launched = app
        .call_json(
            &sofia.client,
            "campaigns/launch",
            &json!({"draft": draft(people.label, &start)}),
        )
        .await;
    assert_eq!(launched.status, 200, "{:?}", launched.json);
    assert_eq!(launched.json["state"], "scheduled");
    let id = launched.json["id"].as_i64().unwrap();
    let paused = act(app, &sofia, id, "pause").await;
    assert_eq!(paused.json["state"], "paused", "{:?}", paused.json);
    let again = act(app, &sofia, id, "pause").await;
    assert_eq!(
        again.status, 409,
        "pausing a paused campaign: {:?}",
        again.json
    );
    assert_eq!(
        act(app, &sofia, id, "resume").await.json["state"],
        "scheduled"
    );
    let cancelled = act(app, &sofia, id, "cancel").await;
    assert_eq!(cancelled.json["state"], "cancelled");
    assert_eq!(cancelled.json["funnel"]["queued"], 0);
    let campaign = app.state.store.campaign(id).await.unwrap().unwrap();
    assert_eq!(campaign.state, CampaignState::Cancelled);
    // Bad input: a start in the past, a rate above what campaigns may use, no name.
    let mut past = draft(people.label, "2020-01-01T10:00");
    let refused = app
        .call_json(
            &sofia.client,
            "campaigns/launch",
            &json!({"draft": past.clone()}),
        )
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    past["start"] = json!("");
    past["rate_per_second"] = json!(10_000);
    let refused = app
        .call_json(
            &sofia.client,
            "campaigns/launch",
            &json!({"draft": past.clone()}),
        )
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    past["rate_per_second"] = json!(0);
    past["name"] = json!("  ");
    let refused = app
        .call_json(&sofia.client, "campaigns/launch", &json!({"draft": past}))
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    assert_eq!(
        app.state.store.campaigns().await.unwrap().len(),
        1,
        "nothing else stored"
    );
    // The team's settings are the admins': a supervisor is refused; more than 90 % kept for
    // people is refused; with nothing kept, campaigns may use the whole throughput.
    let settings = |reserved: u32| json!({"settings": {"tier": "TIER_2K", "frequency_cap_hours": 24, "reserved_percent": reserved}});
    let refused = app
        .call_json(&sofia.client, "campaigns/settings", &settings(0))
        .await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    let admin = signed_in(app, "admin@demo.local", Role::Admin).await;
    let too_much = app
        .call_json(&admin.client, "campaigns/settings", &settings(95))
        .await;
    assert_eq!(too_much.status, 400, "{:?}", too_much.json);
    assert_eq!(
        too_much.json["problem"]["problem"], "reserved",
        "{:?}",
        too_much.json
    );
    let saved = app
        .call_json(&admin.client, "campaigns/settings", &settings(0))
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    let screen = app.call(&sofia.client, "campaigns/screen", &[]).await;
    assert_eq!(screen.json["max_rate"], 80, "the number's whole throughput");
}

async fn a_recipient_claimed_before_a_crash_goes_once(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let people = audience(&meta).await;
    let launched = app
        .call_json(
            &sofia.client,
            "campaigns/launch",
            &json!({"draft": draft(people.label, "")}),
        )
        .await;
    let id = launched.json["id"].as_i64().unwrap();
    // A worker claims both and dies before sending (kill -9).
    let now = now_ms();
    let claimed = app
        .state
        .store
        .claim_recipients(id, now, now - 60_000, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2);
    // A restarted worker leaves them alone while in doubt...
    let mut pacer =
        server::outbound::Pacer::new(server::outbound::OutboundSettings::default(), now);
    let mut pacing = server::campaigns::CampaignPacing::default();
    let settings = server::outbound::OutboundSettings::default();
    let pass = server::campaigns::send_due(
        &*app.state.store,
        &meta.api,
        &mut pacer,
        &mut pacing,
        &settings,
        now + 1_000,
    )
    .await
    .unwrap();
    assert_eq!(pass.sent, 0);
    // ...and sends each once after the grace period.
    let later = now + settings.in_doubt_ms + 1_000;
    let pass = server::campaigns::send_due(
        &*app.state.store,
        &meta.api,
        &mut pacer,
        &mut pacing,
        &settings,
        later,
    )
    .await
    .unwrap();
    assert_eq!(pass.sent, 2);
    let pass = server::campaigns::send_due(
        &*app.state.store,
        &meta.api,
        &mut pacer,
        &mut pacing,
        &settings,
        later + 1_000,
    )
    .await
    .unwrap();
    assert_eq!(pass.sent, 0, "nothing twice");
    for (_, wa_id, _) in &people.customers[..2] {
        let templates = meta
            .received_by(wa_id)
            .await
            .into_iter()
            .filter(|m| m["type"] == "template")
            .count();
        assert_eq!(templates, 1, "{wa_id}");
    }
}

/// Launches `draft` as `who`; the campaign's id.
async fn launch(app: &support::TestApp, who: &Agent, draft: Value) -> i64 {
    let reply = app
        .call_json(&who.client, "campaigns/launch", &json!({ "draft": draft }))
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    reply.json["id"].as_i64().expect("the campaign's id")
}

/// Pauses, resumes or cancels campaign `id` as `who`.
async fn act(app: &support::TestApp, who: &Agent, id: i64, action: &str) -> support::Reply {
    app.call_json(
        &who.client,
        "campaigns/act",
        &json!({"id": id, "action": action}),
    )
    .await
}

/// One worker pass at `now`.
async fn pass(
    meta: &WithMeta,
    pacer: &mut server::outbound::Pacer,
    pacing: &mut server::campaigns::CampaignPacing,
    now: i64,
) -> server::outbound::Pass {
    server::campaigns::send_due(
        &*meta.app.state.store,
        &meta.api,
        pacer,
        pacing,
        &server::outbound::OutboundSettings::default(),
        now,
    )
    .await
    .expect("pass")
}

/// The quality rating the desk reads from Meta and the messaging limit Meta enforces stop a
/// campaign, with the reason, and it goes on when resumed once they allow it.
async fn the_number_stops_campaigns(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let people = audience(&meta).await;
    meta.sim("/sim/number", json!({"quality_rating": "RED"}))
        .await;
    use server::whatsapp::graph::WhatsAppApi;
    let health = meta
        .api
        .number_health()
        .await
        .expect("the desk reads the quality");
    assert_eq!(health.quality_rating, "RED");
    assert_eq!(health.messaging_limit.as_deref(), Some("TIER_2K"));
    let id = launch(app, &sofia, draft(people.label, "")).await;
    let mut pacer =
        server::outbound::Pacer::new(server::outbound::OutboundSettings::default(), now_ms());
    let mut pacing = server::campaigns::CampaignPacing::default();
    let sent = pass(&meta, &mut pacer, &mut pacing, now_ms()).await;
    assert_eq!(sent.sent, 0, "nothing goes while the quality is red");
    let campaign = app.state.store.campaign(id).await.unwrap().unwrap();
    assert_eq!(campaign.state, CampaignState::Stopped);
    assert_eq!(
        campaign.stop_reason,
        Some(app::domain::campaigns::StopReason::Quality {
            rating: "RED".into()
        })
    );
    // Resumed while still red: stopped again at once, before anything goes.
    assert_eq!(
        act(app, &sofia, id, "resume").await.json["state"],
        "running"
    );
    assert_eq!(pass(&meta, &mut pacer, &mut pacing, now_ms()).await.sent, 0);
    let campaign = app.state.store.campaign(id).await.unwrap().unwrap();
    assert_eq!(campaign.state, CampaignState::Stopped);

    // Quality back to green, but the portfolio's limit (50 unique customers a day) is
    // already used by 49 others this business wrote to first: one recipient goes, the next
    // is refused by Meta with 131048 and the campaign stops with Meta's code.
    meta.sim(
        "/sim/number",
        json!({"quality_rating": "GREEN", "messaging_limit": "TIER_50"}),
    )
    .await;
    for n in 0..49 {
        let wa_id = format!("9198200{n:05}");
        meta.sim(
            "/sim/customers",
            json!({"name": format!("Other {n}"), "wa_id": wa_id}),
        )
        .await;
        let answer = meta
            .http
            .post(format!(
                "{}/v25.0/{}/messages",
                meta.sim_base,
                support::PHONE_NUMBER_ID
            ))
            .bearer_auth("test-access-token")
            .json(&json!({
                "messaging_product": "whatsapp", "to": wa_id, "type": "template",
                "template": {"name": "seguimiento_consulta", "language": {"code": "es_ES"},
                    "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}
            }))
            .send()
            .await
            .unwrap();
        assert!(
            answer.status().is_success(),
            "{}",
            answer.text().await.unwrap()
        );
    }
    assert_eq!(
        act(app, &sofia, id, "resume").await.json["state"],
        "running"
    );
    let mut sent = 0;
    for _ in 0..5 {
        sent += pass(&meta, &mut pacer, &mut pacing, now_ms()).await.sent;
    }
    assert_eq!(sent, 1, "the 50th customer is the last Meta allows");
    let campaign = app.state.store.campaign(id).await.unwrap().unwrap();
    assert_eq!(campaign.state, CampaignState::Stopped);
    assert_eq!(
        campaign.stop_reason,
        Some(app::domain::campaigns::StopReason::MetaLimit { code: 131_048 })
    );
    let funnel = app.state.store.funnel(id).await.unwrap();
    assert_eq!(funnel.failed_by_code, vec![(131_048, 1)], "{funnel:?}");
}

/// The `kind` component (`header`, `body`) of the template `wa_id` received.
async fn sent_component(meta: &WithMeta, wa_id: &str, kind: &str) -> Value {
    let sent = meta.received_by(wa_id).await;
    let template = sent
        .iter()
        .find(|m| m["type"] == "template")
        .unwrap_or_else(|| panic!("{wa_id} got a template"));
    template["template"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == kind)
        .cloned()
        .unwrap_or_else(|| panic!("{wa_id}'s template has a {kind}"))
}

/// A header image uploaded by `who`; returns its upload id.
async fn header_image(app: &support::TestApp, who: &Agent, name: &str) -> i64 {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[7u8; 256]);
    let response = who
        .client
        .post(format!("{}/uploads?filename={name}", app.base))
        .header("content-type", "image/png")
        .body(png)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// A template with an image header takes one file, the sender's own, for every recipient;
/// without it the review says what is missing.
async fn a_media_header_is_chosen_once(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let pablo = signed_in(app, "pablo@demo.local", Role::Supervisor).await;
    let people = audience(&meta).await;
    let screen = app.call(&sofia.client, "campaigns/screen", &[]).await;
    let offer = screen.json["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "welcome_offer")
        .cloned()
        .expect("welcome_offer is offered");
    let mappings: Vec<Value> = offer["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|slot| {
            let source = if slot["key"] == "body.1" {
                json!({"from": "first_name"})
            } else {
                json!({"from": "fixed", "key": "WELCOME15"})
            };
            json!({"slot": slot["key"], "source": source, "fallback": "friend"})
        })
        .collect();
    let mut offer_draft = draft(people.label, "");
    offer_draft["composition"]["template_name"] = json!("welcome_offer");
    offer_draft["composition"]["mappings"] = json!(mappings);
    offer_draft["buttons"] = json!([]);
    let review = |d: Value, who: &'static str| {
        let client = if who == "sofia" {
            sofia.client.clone()
        } else {
            pablo.client.clone()
        };
        async move {
            app.call_json(&client, "campaigns/review", &json!({"draft": d}))
                .await
        }
    };
    let missing = review(offer_draft.clone(), "sofia").await;
    assert_eq!(missing.status, 400, "{:?}", missing.json);
    assert!(
        missing.json.to_string().contains("header_media"),
        "{:?}",
        missing.json
    );
    let image = header_image(app, &sofia, "autumn.png").await;
    offer_draft["header_upload"] = json!(image);
    assert_eq!(review(offer_draft.clone(), "sofia").await.status, 200);
    // Someone else's file is not theirs to send.
    let borrowed = review(offer_draft.clone(), "pablo").await;
    assert_eq!(borrowed.status, 404, "{:?}", borrowed.json);

    let id = launch(app, &sofia, offer_draft).await;
    until(&meta, "both sent", |f| f.sent == 2, id).await;
    let media_id = app
        .state
        .store
        .upload(image)
        .await
        .unwrap()
        .unwrap()
        .media_id;
    for (_, wa_id, _) in &people.customers[..2] {
        let header = sent_component(&meta, wa_id, "header").await;
        assert_eq!(header["parameters"][0]["image"]["id"], media_id, "{wa_id}");
    }
}

/// Uploads `csv` as a list (`opted_in`: the file's people agreed to marketing).
async fn upload_list(
    app: &support::TestApp,
    who: &Agent,
    csv: &str,
    opted_in: bool,
) -> (u16, Value) {
    let response = who
        .client
        .post(format!(
            "{}/campaigns/lists?filename=vip.csv&opted_in={opted_in}",
            app.base
        ))
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A CSV file is checked row by row (matching one existing customer, creating another,
/// rejecting the rest with reasons to download), becomes the audience, and its columns fill
/// the template.
async fn a_csv_list_is_the_audience(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let ana = signed_in(app, "ana@demo.local", Role::Agent).await;
    let people = audience(&meta).await;
    meta.sim(
        "/sim/customers",
        json!({"name": "Nuevo Cliente", "wa_id": "919820000001"}),
    )
    .await;
    let csv = "phone,name,coupon\n\
               +91 98100 12300,Ana Pérez,ANA10\n\
               +919820000001,Nuevo Cliente,NEW20\n\
               not a phone,Bad,X\n\
               +91 98100 12300,Ana again,Y\n";
    // Agents do not upload lists; a file without a phone column is refused whole.
    assert_eq!(upload_list(app, &ana, csv, true).await.0, 403);
    let (status, refused) = upload_list(app, &sofia, "name,city\nAna,Delhi\n", true).await;
    assert_eq!(status, 400, "{refused}");
    assert!(
        refused.to_string().contains("no_address_column"),
        "{refused}"
    );

    let (status, uploaded) = upload_list(app, &sofia, csv, true).await;
    assert_eq!(status, 200, "{uploaded}");
    assert_eq!(uploaded["list"]["accepted"], 2);
    assert_eq!(uploaded["list"]["created"], 1);
    assert_eq!(uploaded["list"]["rejected"], 2);
    assert_eq!(uploaded["list"]["columns"], json!(["coupon"]));
    assert_eq!(uploaded["rejected"][0]["line"], 4);
    assert_eq!(
        uploaded["rejected"][0]["problem"]["problem"],
        "phone_malformed"
    );
    assert_eq!(
        uploaded["rejected"][1]["problem"],
        json!({"problem": "duplicate", "line": 2})
    );
    let list = uploaded["list"]["id"].as_i64().unwrap();
    let rejected = app
        .call_json(
            &sofia.client,
            "campaigns/lists/rejected",
            &json!({"id": list}),
        )
        .await;
    let rejected = rejected.json.as_str().unwrap_or_default().to_string();
    assert!(
        rejected.starts_with("phone,name,coupon,line,problem,details"),
        "{rejected}"
    );
    assert!(
        rejected.contains("not a phone,Bad,X,4,phone_malformed"),
        "{rejected}"
    );
    // The new contact's opt-in came from the import, with who and which file.
    let new = app
        .state
        .store
        .contact(ContactKey::WaId("919820000001"))
        .await
        .unwrap()
        .expect("created");
    assert_eq!(new.marketing, MarketingConsent::OptedIn);
    let history = app.state.store.consent_history(new.id).await.unwrap();
    assert_eq!(
        history[0].source,
        app::domain::consent::ConsentSource::Import
    );

    let mut from_list = draft(people.label, "");
    from_list["filter"] = json!({"list": list});
    from_list["composition"]["mappings"][0] =
        json!({"slot": "body.1", "source": {"from": "column", "key": "coupon"}, "fallback": ""});
    let review = app
        .call_json(
            &sofia.client,
            "campaigns/review",
            &json!({"draft": from_list.clone()}),
        )
        .await;
    assert_eq!(review.status, 200, "{:?}", review.json);
    assert_eq!(review.json["audience"], 2);
    assert_eq!(review.json["recipients"], 2);
    let id = launch(app, &sofia, from_list).await;
    until(&meta, "both sent", |f| f.sent == 2, id).await;
    for (wa_id, coupon) in [
        (people.customers[0].1.as_str(), "ANA10"),
        ("919820000001", "NEW20"),
    ] {
        let body = sent_component(&meta, wa_id, "body").await;
        assert_eq!(body["parameters"][0]["text"], coupon, "{wa_id}");
    }
}

/// A customer who stopped marketing in WhatsApp while the desk's record says yes (an agent
/// recorded an opt-in afterwards): Meta refuses with 131050, the recipient ends opted out and
/// the contact's consent follows, naming Meta as the source.
async fn whatsapp_refuses_who_stopped_marketing(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    meta.synced().await;
    let sofia = signed_in(app, "supervisor@demo.local", Role::Supervisor).await;
    let people = audience(&meta).await;
    let (sim_id, wa_id, _) = people.customers[0].clone();
    meta.sim(
        &format!("/sim/customers/{sim_id}/marketing"),
        json!({"stop": true}),
    )
    .await;
    let store = &app.state.store;
    let contact = |wa: String| async move {
        store
            .contact(ContactKey::WaId(&wa))
            .await
            .unwrap()
            .expect("contact")
    };
    for _ in 0..100 {
        if contact(wa_id.clone()).await.marketing == MarketingConsent::OptedOut {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let ana = contact(wa_id.clone()).await;
    assert_eq!(
        ana.marketing,
        MarketingConsent::OptedOut,
        "WhatsApp told the desk"
    );
    let yes = app::ssr::ingest::ConsentChange {
        consent: MarketingConsent::OptedIn,
        source: app::domain::consent::ConsentSource::Agent,
        note: Some("said yes on the phone".into()),
        actor_id: None,
        at_ms: now_ms(),
    };
    store.change_consent(ana.id, &yes, None).await.unwrap();
    // Meta's statuses carry whole seconds: the refusal must come in a later second than the
    // opt-in to be the newer word (docs/decisions.md: consent, newer wins).
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let id = launch(app, &sofia, draft(people.label, "")).await;
    until(
        &meta,
        "Meta refuses Ana",
        |f| f.opted_out == 1 && f.delivered == 1,
        id,
    )
    .await;
    let funnel = store.funnel(id).await.unwrap();
    assert_eq!(funnel.failed, 0, "{funnel:?}");
    let ana = contact(wa_id).await;
    assert_eq!(ana.marketing, MarketingConsent::OptedOut);
    let history = store.consent_history(ana.id).await.unwrap();
    assert_eq!(
        history[0].source,
        app::domain::consent::ConsentSource::MetaRefusal
    );
}
