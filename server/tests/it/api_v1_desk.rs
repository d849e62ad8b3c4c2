//! The integration API's directory and reports over real HTTP, on both databases: labels,
//! quick replies, templates (synced from the simulated Meta), users and report summaries,
//! with their refusals (scopes, duplicates, bad input, unknown ids), checked against what
//! the console sees.

use crate::support;

use app::domain::integrations::tokens::Scope;
use app::domain::roles::Role;
use app::ssr::{now_ms, UserChange};
use reqwest::Method;
use serde_json::{json, Value};
use support::api::{self, assert_error, assert_status, delete, get, patch, post};
use support::console::{open_window, signed_in, with_meta, with_meta_tweaked};
use support::{Db, Reply};

on_both_databases!(
    labels_are_listed_created_changed_and_deleted,
    quick_replies_follow_the_console_rules,
    templates_are_listed_and_synced_from_whatsapp,
    a_failed_template_sync_answers_whatsapps_error,
    users_are_read_without_secrets,
    report_summaries_match_the_reports_screen,
);

fn data(reply: &Reply) -> &Vec<Value> {
    reply.json["data"]
        .as_array()
        .unwrap_or_else(|| panic!("data: {:?}", reply.json))
}

fn field<'a>(reply: &'a Reply, key: &str) -> Vec<&'a Value> {
    data(reply).iter().map(|row| &row[key]).collect()
}

async fn labels_are_listed_created_changed_and_deleted(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = api::admin_token(&app, Scope::Admin).await;
    let write = api::admin_token(&app, Scope::Write).await;
    let read = api::admin_token(&app, Scope::Read).await;

    let none = api::call(&app, Method::GET, "/labels", None, None).await;
    assert_error(&none, 401, "unauthorized", "no token");
    let empty = get(&app, "/labels", &read).await;
    assert_status(&empty, 200, "list");
    assert_eq!(empty.json, json!({"data": [], "next_cursor": null}));

    let vip = json!({"name": "  VIP   client ", "color": "amber", "description": "Spends a lot"});
    for token in [&read, &write] {
        let refused = post(&app, "/labels", token, vip.clone()).await;
        assert_error(&refused, 403, "forbidden", "create needs admin");
    }
    let created = post(&app, "/labels", &admin, vip).await;
    assert_status(&created, 201, "create");
    let id = created.json["id"].as_i64().expect("id");
    assert_eq!(
        created.json,
        json!({"id": id, "name": "VIP client", "color": "amber",
               "description": "Spends a lot", "conversations": 0})
    );
    let plain = post(&app, "/labels", &admin, json!({"name": "Returns"})).await;
    assert_status(&plain, 201, "name only");
    assert_eq!(plain.json["color"], "slate");
    assert_eq!(plain.json["description"], "");
    let returns = plain.json["id"].as_i64().expect("id");

    let twin = post(&app, "/labels", &admin, json!({"name": "vip CLIENT"})).await;
    assert_error(&twin, 409, "name_taken", "same name ignoring case");
    for (body, what) in [
        (json!({"name": "Plaid", "color": "plaid"}), "unknown colour"),
        (json!({"name": "   "}), "empty name"),
        (json!({"name": "x".repeat(41)}), "long name"),
        (
            json!({"name": "Ok", "description": "d".repeat(201)}),
            "long description",
        ),
        (json!({"name": "Ok", "colour": "red"}), "unknown field"),
        (json!({"color": "red"}), "no name"),
        (json!("VIP"), "not an object"),
    ] {
        let refused = post(&app, "/labels", &admin, body).await;
        assert_error(&refused, 422, "validation_failed", what);
    }
    let no_body = api::call(&app, Method::POST, "/labels", Some(&admin), None).await;
    assert_error(&no_body, 422, "validation_failed", "no body");

    // A conversation carries the label: the count shows it and deleting says so.
    let conversation = open_window(&app, "wamid.desk-label-1", "34600111222").await;
    app.state
        .store
        .label_conversation(conversation, id, true, None, now_ms())
        .await
        .expect("label");
    let listed = get(&app, "/labels", &read).await;
    assert_eq!(field(&listed, "name"), vec!["Returns", "VIP client"]);
    assert_eq!(data(&listed)[1]["conversations"], 1);

    let path = format!("/labels/{id}");
    let refused = patch(&app, &path, &write, json!({"color": "red"})).await;
    assert_error(&refused, 403, "forbidden", "change needs admin");
    let recoloured = patch(&app, &path, &admin, json!({"color": "red"})).await;
    assert_status(&recoloured, 200, "recolour");
    assert_eq!(
        recoloured.json,
        json!({"id": id, "name": "VIP client", "color": "red",
               "description": "Spends a lot", "conversations": 1})
    );
    let renamed = patch(
        &app,
        &path,
        &admin,
        json!({"name": "VIP", "description": ""}),
    )
    .await;
    assert_status(&renamed, 200, "rename");
    assert_eq!(renamed.json["name"], "VIP");
    assert_eq!(renamed.json["color"], "red", "the colour stays");
    assert_eq!(renamed.json["description"], "");
    let taken = patch(&app, &path, &admin, json!({"name": "RETURNS"})).await;
    assert_error(&taken, 409, "name_taken", "rename to a taken name");
    let bad = patch(&app, &path, &admin, json!({"color": "plaid"})).await;
    assert_error(&bad, 422, "validation_failed", "bad colour");
    let bad = patch(&app, &path, &admin, json!({"name": 7})).await;
    assert_error(&bad, 422, "validation_failed", "a number for a name");
    for missing in ["/labels/999999", "/labels/abc"] {
        let reply = patch(&app, missing, &admin, json!({"color": "red"})).await;
        assert_error(&reply, 404, "not_found", missing);
        let reply = delete(&app, missing, &admin).await;
        assert_error(&reply, 404, "not_found", missing);
    }
    // The console's Labels screen sees the API's changes.
    let definitions = app.state.store.label_definitions().await.expect("labels");
    let stored = definitions.iter().find(|l| l.id == id).expect("stored");
    assert_eq!(
        (stored.name.as_str(), stored.color.as_str()),
        ("VIP", "red")
    );

    let refused = delete(&app, &path, &read).await;
    assert_error(&refused, 403, "forbidden", "delete needs admin");
    let deleted = delete(&app, &path, &admin).await;
    assert_status(&deleted, 200, "delete");
    assert_eq!(deleted.json, json!({"removed_from": 1}));
    let again = delete(&app, &path, &admin).await;
    assert_error(&again, 404, "not_found", "deleted already");
    let listed = get(&app, "/labels", &read).await;
    assert_eq!(field(&listed, "id"), vec![&json!(returns)]);
}

async fn quick_replies_follow_the_console_rules(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = api::admin(&app).await;
    let ana_write = api::token_of(&app, &ana, Scope::Write).await;
    let ana_admin = api::token_of(&app, &ana, Scope::Admin).await;
    let ana_read = api::token_of(&app, &ana, Scope::Read).await;
    let bea = api::admin_token(&app, Scope::Admin).await;

    let hello =
        json!({"shortcut": "/Hello", "title": "Greeting", "body": "Hola {{contact.first_name}}"});
    let refused = post(&app, "/quick-replies", &ana_read, hello.clone()).await;
    assert_error(&refused, 403, "forbidden", "create needs write");
    let own = post(&app, "/quick-replies", &ana_write, hello.clone()).await;
    assert_status(&own, 201, "own reply");
    let own_id = own.json["id"].as_i64().expect("id");
    assert_eq!(own.json["shortcut"], "hello");
    assert_eq!(own.json["shared"], false);
    assert_eq!(own.json["owner_id"], ana.id);
    assert!(own.json["updated_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));

    let hours = json!({"shortcut": "hours", "title": "Hours", "body": "9 to 5", "shared": true});
    let refused = post(&app, "/quick-replies", &ana_write, hours.clone()).await;
    assert_error(&refused, 403, "forbidden", "shared needs admin");
    let shared = post(&app, "/quick-replies", &ana_admin, hours).await;
    assert_status(&shared, 201, "shared reply");
    let shared_id = shared.json["id"].as_i64().expect("id");
    assert_eq!(shared.json["shared"], true);
    assert_eq!(shared.json["owner_id"], Value::Null);

    let twin = post(&app, "/quick-replies", &ana_write, hello.clone()).await;
    assert_error(&twin, 409, "name_taken", "same shortcut in one's own list");
    let elsewhere = post(&app, "/quick-replies", &bea, hello).await;
    assert_status(&elsewhere, 201, "another user's list may have it");
    let bea_id = elsewhere.json["id"].as_i64().expect("id");
    for (body, what) in [
        (
            json!({"shortcut": "two words", "title": "t", "body": "b"}),
            "bad shortcut",
        ),
        (
            json!({"shortcut": "ok", "title": "", "body": "b"}),
            "empty title",
        ),
        (
            json!({"shortcut": "ok", "title": "t", "body": "x".repeat(4097)}),
            "long body",
        ),
        (json!({"shortcut": "ok", "title": "t"}), "no body"),
        (
            json!({"shortcut": "ok", "title": "t", "body": "b", "shared": "yes"}),
            "shared as text",
        ),
    ] {
        let refused = post(&app, "/quick-replies", &ana_write, body).await;
        assert_error(&refused, 422, "validation_failed", what);
    }

    // Everyone sees the shared ones and their own, never a colleague's.
    let mine = get(&app, "/quick-replies", &ana_read).await;
    assert_status(&mine, 200, "list");
    let mut ids: Vec<i64> = field(&mine, "id")
        .iter()
        .filter_map(|v| v.as_i64())
        .collect();
    ids.sort();
    assert_eq!(ids, vec![own_id, shared_id]);
    assert_eq!(mine.json["next_cursor"], Value::Null);
    let theirs = get(&app, "/quick-replies", &bea).await;
    let mut ids: Vec<i64> = field(&theirs, "id")
        .iter()
        .filter_map(|v| v.as_i64())
        .collect();
    ids.sort();
    assert_eq!(ids, vec![shared_id, bea_id]);

    let own_path = format!("/quick-replies/{own_id}");
    let shared_path = format!("/quick-replies/{shared_id}");
    let hidden = patch(&app, &own_path, &bea, json!({"title": "Mine now"})).await;
    assert_error(&hidden, 404, "not_found", "a colleague's reply");
    let hidden = delete(&app, &own_path, &bea).await;
    assert_error(&hidden, 404, "not_found", "a colleague's reply");
    let refused = patch(
        &app,
        &shared_path,
        &ana_write,
        json!({"title": "Opening hours"}),
    )
    .await;
    assert_error(&refused, 403, "forbidden", "shared needs admin");
    let changed = patch(
        &app,
        &shared_path,
        &ana_admin,
        json!({"title": "Opening hours"}),
    )
    .await;
    assert_status(&changed, 200, "change shared");
    assert_eq!(changed.json["title"], "Opening hours");
    assert_eq!(changed.json["body"], "9 to 5", "the body stays");
    let refused = patch(&app, &own_path, &ana_write, json!({"shared": true})).await;
    assert_error(&refused, 422, "validation_failed", "shared cannot change");
    let refused = patch(&app, &own_path, &ana_write, json!({"shortcut": "HOURS!"})).await;
    assert_error(&refused, 422, "validation_failed", "bad shortcut");
    let changed = patch(
        &app,
        &own_path,
        &ana_write,
        json!({"body": "Hi!", "shared": false}),
    )
    .await;
    assert_status(&changed, 200, "change own");
    assert_eq!(
        (&changed.json["shortcut"], &changed.json["body"]),
        (&json!("hello"), &json!("Hi!"))
    );
    let refused = patch(&app, &own_path, &ana_read, json!({"body": "x"})).await;
    assert_error(&refused, 403, "forbidden", "change needs write");
    let missing = patch(
        &app,
        "/quick-replies/999999",
        &ana_admin,
        json!({"body": "x"}),
    )
    .await;
    assert_error(&missing, 404, "not_found", "unknown reply");

    // The console shows the API's change.
    let stored = app.state.store.quick_reply(own_id).await.expect("read");
    assert_eq!(stored.map(|r| r.body), Some("Hi!".to_string()));

    let refused = delete(&app, &shared_path, &ana_write).await;
    assert_error(&refused, 403, "forbidden", "deleting shared needs admin");
    let deleted = delete(&app, &own_path, &ana_write).await;
    assert_status(&deleted, 204, "delete own");
    let deleted = delete(&app, &shared_path, &ana_admin).await;
    assert_status(&deleted, 204, "delete shared");
    let again = delete(&app, &own_path, &ana_write).await;
    assert_error(&again, 404, "not_found", "deleted already");
    let mine = get(&app, "/quick-replies", &ana_read).await;
    assert_eq!(mine.json["data"], json!([]));
}

async fn templates_are_listed_and_synced_from_whatsapp(db: Db) {
    let meta = with_meta(db).await;
    let app = &meta.app;
    let admin = api::admin_token(app, Scope::Admin).await;
    let read = api::admin_token(app, Scope::Read).await;

    let before = get(app, "/templates", &read).await;
    assert_status(&before, 200, "list");
    assert_eq!(before.json["data"], json!([]));
    assert_eq!(before.json["last_sync_at"], Value::Null);

    for token in [&read, &api::admin_token(app, Scope::Write).await] {
        let refused = post(app, "/templates/sync", token, json!({})).await;
        assert_error(&refused, 403, "forbidden", "sync needs admin");
    }
    let synced = api::call(app, Method::POST, "/templates/sync", Some(&admin), None).await;
    assert_status(&synced, 200, "sync");
    assert_eq!(synced.json, json!({"templates": 9, "removed": 0}));

    let after = get(app, "/templates", &read).await;
    assert_status(&after, 200, "list");
    let templates = data(&after);
    assert_eq!(templates.len(), 9);
    let stored = app.state.store.list_templates().await.expect("templates");
    for template in templates {
        let same = stored
            .iter()
            .find(|t| t.meta_id == template["id"])
            .unwrap_or_else(|| panic!("stored: {template}"));
        assert_eq!(template["name"], same.name.as_str());
        assert_eq!(template["language"], same.language.as_str());
        assert_eq!(template["status"], same.status.as_str());
        assert_eq!(template["category"], json!(same.category));
        assert_eq!(template["content"]["body"], same.content.body.as_str());
        assert!(template["content"].is_object());
        assert!(template["updated_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z')));
    }
    assert!(after.json["last_sync_at"].is_string());
    assert_eq!(after.json["last_sync_error"], Value::Null);
}

async fn a_failed_template_sync_answers_whatsapps_error(db: Db) {
    // Meta refuses the desk's access token: its code comes through.
    let meta = with_meta_tweaked(db, |sim| sim.access_token = "another-token".into()).await;
    let admin = api::admin_token(&meta.app, Scope::Admin).await;
    let refused = post(&meta.app, "/templates/sync", &admin, json!({})).await;
    assert_error(&refused, 502, "whatsapp_error", "Meta refuses");
    assert_eq!(
        refused.json["error"]["meta_code"], 190,
        "{:?}",
        refused.json
    );
    let listed = get(&meta.app, "/templates", &admin).await;
    assert!(
        listed.json["last_sync_error"].is_string(),
        "{:?}",
        listed.json
    );

    // Nobody answers at all: no Meta code to give.
    let app = support::spawn(db, |_| {}).await;
    let admin = api::admin_token(&app, Scope::Admin).await;
    let refused = post(&app, "/templates/sync", &admin, json!({})).await;
    assert_error(&refused, 502, "whatsapp_error", "unreachable");
    assert!(refused.json["error"].get("meta_code").is_none());
}

async fn users_are_read_without_secrets(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let owner = api::admin(&app).await;
    let read = api::token_of(&app, &owner, Scope::Read).await;
    let agent = app
        .add_user("ana@example.com", Role::Agent, support::console::PASSWORD)
        .await;

    let listed = get(&app, "/users", &read).await;
    assert_status(&listed, 200, "list");
    let rows = data(&listed);
    assert_eq!(rows.len(), 2);
    let ana = rows
        .iter()
        .find(|u| u["id"] == agent.id)
        .expect("the agent is listed");
    let mut keys: Vec<&str> = ana
        .as_object()
        .expect("object")
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "capacity",
            "created_at",
            "disabled",
            "email",
            "id",
            "name",
            "role"
        ]
    );
    assert_eq!(ana["email"], "ana@example.com");
    assert_eq!(ana["role"], "agent");
    assert_eq!(ana["capacity"], 5);
    assert_eq!(ana["disabled"], false);
    let text = listed.json.to_string();
    assert!(!text.contains("argon2"), "no password hash: {text}");

    let one = get(&app, &format!("/users/{}", agent.id), &read).await;
    assert_status(&one, 200, "one user");
    assert_eq!(&one.json, ana);
    for missing in ["/users/999999", "/users/ana"] {
        let reply = get(&app, missing, &read).await;
        assert_error(&reply, 404, "not_found", missing);
    }

    // A token acts as its owner: once the owner is no longer an admin, the admin-only lists
    // are refused, as the console would refuse them.
    app.state
        .store
        .update_user(owner.id, UserChange::Role(Role::Agent), now_ms())
        .await
        .expect("demote");
    let refused = get(&app, "/users", &read).await;
    assert_error(&refused, 403, "forbidden", "owner demoted");
    let refused = get(&app, "/labels", &read).await;
    assert_error(&refused, 403, "forbidden", "owner demoted");
    let own = get(&app, "/quick-replies", &read).await;
    assert_status(&own, 200, "an agent has quick replies");
}

/// `YYYY-MM-DD` of `ms` in UTC (the report settings' default time zone).
fn utc_date(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .expect("time")
        .format("%Y-%m-%d")
        .to_string()
}

async fn report_summaries_match_the_reports_screen(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let read = api::admin_token(&app, Scope::Read).await;
    let supervisor = signed_in(&app, "sara@example.com", Role::Supervisor).await;
    let first = open_window(&app, "wamid.desk-report-1", "34600111001").await;
    open_window(&app, "wamid.desk-report-2", "34600111002").await;
    let label = app
        .state
        .store
        .create_label(
            &app::domain::labels::LabelDraft::new("Returns", "red", "").expect("draft"),
            now_ms(),
        )
        .await
        .expect("label");
    app.state
        .store
        .label_conversation(first, label.id, true, Some(supervisor.user.id), now_ms())
        .await
        .expect("labelled");

    // Yesterday to today: the messages a minute ago are in it whatever the hour.
    let (from, to) = (utc_date(now_ms() - 86_400_000), utc_date(now_ms()));
    let path = format!("/reports/summary?from={from}&to={to}");
    let summary = get(&app, &path, &read).await;
    assert_status(&summary, 200, "summary");
    let s = &summary.json;
    assert_eq!((&s["from"], &s["to"]), (&json!(from), &json!(to)));
    assert_eq!(s["timezone"], "UTC");
    assert_eq!(s["conversations"]["created"], 2);
    assert_eq!(s["conversations"]["resolved"], 0);
    assert_eq!(
        s["labels"],
        json!([{"label_id": label.id, "name": "Returns", "conversations": 1}])
    );
    assert_eq!(s["days"].as_array().map(Vec::len), Some(2));
    assert_eq!(s["delivery"]["total"], 0);
    assert_eq!(
        s["delivery"]["delivery_rate"],
        Value::Null,
        "no messages, no rate"
    );
    assert_eq!(s["bot"]["containment_rate"], Value::Null);
    assert!(s["bot"]["handoff_reasons"]["asked"].is_u64());
    assert_eq!(
        s["first_response"],
        json!({"count": 0, "median_ms": null, "p90_ms": null})
    );
    assert!(s["templates"]["categories"].is_array());

    // The same figures as the Reports screen for the same days.
    let screen = app
        .call(
            &supervisor.client,
            "reports/report",
            &[("from", &from), ("to", &to)],
        )
        .await;
    assert_status(&screen, 200, "console report");
    let report = &screen.json["report"];
    assert_eq!(s["conversations"]["created"], report["created"]);
    assert_eq!(s["conversations"]["reopened"], report["reopened"]);
    assert_eq!(s["first_response"], report["first_response"]);
    assert_eq!(s["resolution_time"], report["resolution_time"]);
    for (api_day, screen_day) in s["days"]
        .as_array()
        .expect("days")
        .iter()
        .zip(report["days"].as_array().expect("days"))
    {
        assert_eq!(api_day, screen_day);
    }

    let default = get(&app, "/reports/summary", &read).await;
    assert_status(&default, 200, "the last 7 days");
    assert_eq!(default.json["days"].as_array().map(Vec::len), Some(7));
    assert_eq!(default.json["to"], utc_date(now_ms() - 86_400_000));

    for (query, what) in [
        ("from=2026-13-01&to=2026-13-02", "no such month"),
        ("from=yesterday&to=today", "not dates"),
        ("from=2026-03-10&to=2026-03-01", "to before from"),
        ("from=2024-01-01&to=2026-01-01", "more than 366 days"),
        ("from=2026-03-01", "only from"),
        ("to=2026-03-01", "only to"),
    ] {
        let refused = get(&app, &format!("/reports/summary?{query}"), &read).await;
        assert_error(&refused, 422, "validation_failed", what);
    }
    let none = api::call(&app, Method::GET, "/reports/summary", None, None).await;
    assert_error(&none, 401, "unauthorized", "no token");

    let dashboard = get(&app, "/reports/dashboard", &read).await;
    assert_status(&dashboard, 200, "dashboard");
    let counts = &dashboard.json["by_status"];
    let live: u64 = ["bot", "queued", "assigned", "snoozed"]
        .iter()
        .map(|status| counts[status].as_u64().expect("a count"))
        .sum();
    assert_eq!(live, 2, "both conversations: {:?}", dashboard.json);
    assert_eq!(dashboard.json["queue_length"], counts["queued"]);
    assert_eq!(
        dashboard.json["per_minute"].as_array().map(Vec::len),
        Some(60)
    );
    let none = api::call(&app, Method::GET, "/reports/dashboard", None, None).await;
    assert_error(&none, 401, "unauthorized", "no token");
}
