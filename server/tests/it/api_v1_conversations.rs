//! The integration API's contacts and conversations over real HTTP, on both databases:
//! who may call (tokens, scopes, no cookies), lists with filters and cursors, and every
//! action an agent takes in the console — status, assignment, take, back to the bot, labels —
//! checked in what the console shows afterwards.

use crate::support;

use app::domain::bot::BOT_ENABLED_SETTING;
use app::domain::integrations::tokens::Scope;
use app::domain::labels::LabelDraft;
use app::domain::roles::Role;
use app::ssr::{now_ms, UserChange};
use reqwest::Method;
use serde_json::{json, Value};
use support::api::{self, assert_error, assert_status, delete, get, patch, post};
use support::console::{customer_writes, open, open_window, signed_in, HOUR_MS};
use support::{Db, Reply, TestApp};

on_both_databases!(
    only_a_live_token_opens_the_api_and_its_scope_limits_it,
    contacts_are_listed_searched_read_and_updated,
    conversations_are_listed_with_filters_and_pages,
    status_changes_follow_the_console_rules,
    assignment_and_take_follow_the_console_rules,
    labels_are_put_on_and_taken_off,
    conversations_go_back_to_the_bot_only_while_it_is_on,
);

fn ids(reply: &Reply) -> Vec<i64> {
    reply.json["data"]
        .as_array()
        .unwrap_or_else(|| panic!("data: {:?}", reply.json))
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect()
}

/// Walks a list to its end `limit` at a time; returns the pages' ids.
async fn pages(app: &TestApp, token: &str, path: &str, limit: u32) -> Vec<Vec<i64>> {
    let join = if path.contains('?') { '&' } else { '?' };
    let mut cursor: Option<String> = None;
    let mut out = Vec::new();
    loop {
        let url = match &cursor {
            Some(c) => format!("{path}{join}limit={limit}&cursor={c}"),
            None => format!("{path}{join}limit={limit}"),
        };
        let reply = get(app, &url, token).await;
        assert_status(&reply, 200, &url);
        out.push(ids(&reply));
        match reply.json["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => {
                assert!(reply.json["next_cursor"].is_null(), "{:?}", reply.json);
                return out;
            }
        }
        assert!(out.len() < 20, "the list never ends");
    }
}

/// Three customers, each with a conversation; returns them oldest first.
async fn three_conversations(app: &TestApp) -> [i64; 3] {
    [
        open_window(app, "wamid.api.a", "34600000001").await,
        open_window(app, "wamid.api.b", "34600000002").await,
        open_window(app, "wamid.api.c", "34600000003").await,
    ]
}

async fn record(app: &TestApp, id: i64) -> app::ssr::ConversationRecord {
    app.state
        .store
        .conversation(id)
        .await
        .expect("read")
        .expect("exists")
}

async fn only_a_live_token_opens_the_api_and_its_scope_limits_it(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conversation = open_window(&app, "wamid.api.auth", "34600000009").await;
    let path = format!("/conversations/{conversation}");

    let none = api::call(&app, Method::GET, &path, None, None).await;
    assert_error(&none, 401, "unauthorized", "no token");
    assert!(
        none.headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("Bearer")),
        "401 says how to authenticate: {:?}",
        none.headers
    );

    // A console session is no key to the API.
    let admin = signed_in(&app, "boss@example.com", Role::Admin).await;
    let cookie_only = api::call_with(&admin.client, &app, Method::GET, &path, None, None).await;
    assert_error(&cookie_only, 401, "unauthorized", "a session cookie alone");

    let bogus = api::call(&app, Method::GET, &path, Some("bzn_not-a-real-token"), None).await;
    assert_error(&bogus, 401, "unauthorized", "an unknown token");

    let (record, token) = app::ssr::integrations::create_token(
        app.state.store.as_ref(),
        &admin.user,
        "soon revoked",
        Scope::Write,
        now_ms(),
    )
    .await
    .expect("token");
    assert_status(&get(&app, &path, &token).await, 200, "a live token");
    app.state
        .store
        .revoke_api_token(record.id, now_ms())
        .await
        .expect("revoke");
    assert_error(
        &get(&app, &path, &token).await,
        401,
        "unauthorized",
        "a revoked token",
    );

    // And a token is no key to the console.
    let read = api::admin_token(&app, Scope::Read).await;
    let console = reqwest::Client::new()
        .post(format!("{}/api/inbox/counts", app.base))
        .bearer_auth(&read)
        .send()
        .await
        .expect("console");
    assert_ne!(
        console.status().as_u16(),
        200,
        "a token opens no console call"
    );

    // A read token reads, and is refused every write.
    assert_status(&get(&app, &path, &read).await, 200, "read scope reads");
    let writes = [
        (
            Method::POST,
            format!("{path}/status"),
            Some(json!({"status": "resolved"})),
        ),
        (
            Method::POST,
            format!("{path}/assign"),
            Some(json!({"assignee_id": null})),
        ),
        (Method::POST, format!("{path}/take"), None),
        (Method::POST, format!("{path}/return-to-bot"), None),
        (
            Method::POST,
            format!("{path}/labels"),
            Some(json!({"label": "x"})),
        ),
        (Method::DELETE, format!("{path}/labels/1"), None),
        (
            Method::PATCH,
            "/contacts/1".to_string(),
            Some(json!({"marketing": "opted_in"})),
        ),
    ];
    for (method, path, body) in writes {
        let reply = api::call(&app, method.clone(), &path, Some(&read), body).await;
        assert_error(
            &reply,
            403,
            "forbidden",
            &format!("read scope on {method} {path}"),
        );
    }
    assert_eq!(
        record_status(&app, conversation).await,
        "open",
        "nothing refused was done"
    );
}

async fn record_status(app: &TestApp, id: i64) -> &'static str {
    record(app, id).await.status().as_str()
}

async fn contacts_are_listed_searched_read_and_updated(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let [a, b, c] = three_conversations(&app).await;
    let mut contacts = Vec::new();
    for id in [a, b, c] {
        contacts.push(record(&app, id).await.contact_id);
    }
    let read = api::admin_token(&app, Scope::Read).await;
    let write = api::admin_token(&app, Scope::Write).await;

    // Newest first, two pages of two and one.
    let walked = pages(&app, &read, "/contacts", 2).await;
    assert_eq!(
        walked,
        vec![vec![contacts[2], contacts[1]], vec![contacts[0]]],
        "newest first, and the last page ends the list"
    );
    let found = get(&app, "/contacts?search=600000002", &read).await;
    assert_status(&found, 200, "search");
    assert_eq!(ids(&found), vec![contacts[1]], "search by phone");

    let one = get(&app, &format!("/contacts/{}", contacts[0]), &read).await;
    assert_status(&one, 200, "get");
    assert_eq!(one.json["id"], contacts[0]);
    assert_eq!(one.json["wa_id"], "34600000001");
    assert_eq!(one.json["marketing"], "unknown");
    assert_eq!(one.json["attributes"], json!({}));
    assert!(one.json["window_closes_at"].is_string(), "{:?}", one.json);

    // Attributes merge: set two, then change one and delete the other.
    let path = format!("/contacts/{}", contacts[0]);
    let set = patch(
        &app,
        &path,
        &write,
        json!({"attributes": {"crm_id": "C-981", " plan ": "gold"}}),
    )
    .await;
    assert_status(&set, 200, "set attributes");
    assert_eq!(
        set.json["attributes"],
        json!({"crm_id": "C-981", "plan": "gold"})
    );
    let merged = patch(
        &app,
        &path,
        &write,
        json!({"attributes": {"plan": null, "tier": "2"}, "marketing": "opted_in"}),
    )
    .await;
    assert_status(&merged, 200, "merge attributes");
    assert_eq!(
        merged.json["attributes"],
        json!({"crm_id": "C-981", "tier": "2"})
    );
    assert_eq!(merged.json["marketing"], "opted_in");

    // The console's contact panel shows the same.
    let admin = signed_in(&app, "boss@example.com", Role::Admin).await;
    let detail = open(&app, &admin, a).await;
    assert_status(&detail, 200, "console");
    assert_eq!(
        detail.json["contact"]["attributes"],
        json!({"crm_id": "C-981", "tier": "2"})
    );
    assert_eq!(detail.json["contact"]["marketing"], "opted_in");

    // Refusals change nothing.
    let refusals = [
        (json!({"marketing": "maybe"}), "an unknown marketing value"),
        (
            json!({"attributes": {"plan": 5}}),
            "a value that is not text",
        ),
        (
            json!({"attributes": {"plan": "x".repeat(501)}}),
            "a value too long",
        ),
        (
            json!({"attributes": {"n".repeat(61): "x"}}),
            "a name too long",
        ),
        (
            json!({"attributes": {"tier": "3"}, "nickname": "x"}),
            "an unknown field",
        ),
        (json!(["not", "an", "object"]), "not an object"),
    ];
    for (body, what) in refusals {
        let reply = patch(&app, &path, &write, body).await;
        assert_error(&reply, 422, "validation_failed", what);
    }
    let many: serde_json::Map<String, Value> = (0..51)
        .map(|i| (format!("k{i}"), Value::String("v".into())))
        .collect();
    let too_many = patch(&app, &path, &write, json!({ "attributes": many })).await;
    assert_error(
        &too_many,
        422,
        "validation_failed",
        "more than 50 attributes",
    );
    let unchanged = get(&app, &path, &read).await;
    assert_eq!(
        unchanged.json["attributes"],
        json!({"crm_id": "C-981", "tier": "2"})
    );
    assert_eq!(unchanged.json["marketing"], "opted_in");

    let not_json = reqwest::Client::new()
        .patch(format!("{}/api/v1{path}", app.base))
        .bearer_auth(&write)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("patch");
    let not_json = Reply::read(not_json).await;
    assert_error(
        &not_json,
        422,
        "validation_failed",
        "a body that is not JSON",
    );

    assert_error(
        &get(&app, "/contacts/999999", &read).await,
        404,
        "not_found",
        "unknown contact",
    );
    assert_error(
        &get(&app, "/contacts/abc", &read).await,
        404,
        "not_found",
        "malformed id",
    );
    assert_error(
        &patch(
            &app,
            "/contacts/999999",
            &write,
            json!({"marketing": "opted_out"}),
        )
        .await,
        404,
        "not_found",
        "patching an unknown contact",
    );
    for bad in [
        "/contacts?limit=0",
        "/contacts?limit=101",
        "/contacts?limit=x",
        "/contacts?cursor=zz",
    ] {
        assert_error(&get(&app, bad, &read).await, 422, "validation_failed", bad);
    }
}

async fn conversations_are_listed_with_filters_and_pages(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let [a, b, c] = three_conversations(&app).await;
    let ana = app
        .add_user("ana@example.com", Role::Agent, "pw-ana-123456")
        .await;
    let write = api::admin_token(&app, Scope::Write).await;
    let read = api::admin_token(&app, Scope::Read).await;
    let vip = app
        .state
        .store
        .create_label(
            &LabelDraft::new("VIP", "amber", "").expect("draft"),
            now_ms(),
        )
        .await
        .expect("label");

    assert_status(
        &post(
            &app,
            &format!("/conversations/{a}/assign"),
            &write,
            json!({"assignee_id": ana.id}),
        )
        .await,
        200,
        "assign a",
    );
    assert_status(
        &post(
            &app,
            &format!("/conversations/{b}/status"),
            &write,
            json!({"status": "resolved"}),
        )
        .await,
        200,
        "resolve b",
    );
    assert_status(
        &post(
            &app,
            &format!("/conversations/{c}/labels"),
            &write,
            json!({"label_id": vip.id}),
        )
        .await,
        200,
        "label c",
    );

    assert_eq!(
        pages(&app, &read, "/conversations", 2).await,
        vec![vec![c, b], vec![a]],
        "newest first, two pages, the last ends the list"
    );
    let page_of_all = get(&app, "/conversations?limit=3", &read).await;
    assert_eq!(ids(&page_of_all), vec![c, b, a]);
    let first = &page_of_all.json["data"][2];
    assert_eq!(first["status"], "open");
    assert_eq!(first["assignee_id"], ana.id);
    assert_eq!(first["contact"]["wa_id"], "34600000001");
    assert!(first["contact"]["name"].is_string());
    assert!(first["last_message_at"].is_string());
    assert!(first["window_closes_at"].is_string());
    assert_eq!(page_of_all.json["data"][0]["labels"], json!(["VIP"]));

    let contact_of_b = record(&app, b).await.contact_id;
    let filters = [
        ("/conversations?status=resolved".to_string(), vec![b]),
        ("/conversations?status=open".to_string(), vec![c, a]),
        ("/conversations?status=bot".to_string(), vec![]),
        (format!("/conversations?assignee_id={}", ana.id), vec![a]),
        (
            "/conversations?assignee_id=unassigned".to_string(),
            vec![c, b],
        ),
        ("/conversations?label=vip".to_string(), vec![c]),
        ("/conversations?label=VIP&status=open".to_string(), vec![c]),
        (
            "/conversations?label=VIP&status=resolved".to_string(),
            vec![],
        ),
        ("/conversations?label=nonesuch".to_string(), vec![]),
        (format!("/conversations?contact_id={contact_of_b}"), vec![b]),
    ];
    for (path, expected) in filters {
        let reply = get(&app, &path, &read).await;
        assert_status(&reply, 200, &path);
        assert_eq!(ids(&reply), expected, "{path}");
        assert!(reply.json["next_cursor"].is_null(), "{path}: one page");
    }
    // The filters hold across pages too.
    assert_eq!(
        pages(&app, &read, "/conversations?status=open", 1).await,
        vec![vec![c], vec![a], vec![]],
        "a full last page is followed by an empty one"
    );

    for bad in [
        "/conversations?status=closed",
        "/conversations?assignee_id=someone",
        "/conversations?contact_id=x",
        "/conversations?limit=0",
        "/conversations?cursor=c-1",
    ] {
        assert_error(&get(&app, bad, &read).await, 422, "validation_failed", bad);
    }

    let one = get(&app, &format!("/conversations/{a}"), &read).await;
    assert_status(&one, 200, "get");
    assert_eq!(one.json["id"], a);
    assert_eq!(one.json["assignee_id"], ana.id);
    assert_error(
        &get(&app, "/conversations/999999", &read).await,
        404,
        "not_found",
        "unknown conversation",
    );
    assert_error(
        &get(&app, "/conversations/nope", &read).await,
        404,
        "not_found",
        "malformed id",
    );
}

async fn status_changes_follow_the_console_rules(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conversation = open_window(&app, "wamid.api.s1", "34600000011").await;
    let write = api::admin_token(&app, Scope::Write).await;
    let admin = signed_in(&app, "boss@example.com", Role::Admin).await;
    let path = format!("/conversations/{conversation}/status");

    let resolved = post(&app, &path, &write, json!({"status": "resolved"})).await;
    assert_status(&resolved, 200, "resolve");
    assert_eq!(resolved.json["status"], "resolved");
    let console = open(&app, &admin, conversation).await;
    assert_eq!(
        console.json["summary"]["status"], "resolved",
        "the console sees it"
    );

    let reopened = post(&app, &path, &write, json!({"status": "open"})).await;
    assert_status(&reopened, 200, "reopen");
    assert_eq!(reopened.json["status"], "open");

    let until = chrono::DateTime::from_timestamp_millis(now_ms() + 2 * HOUR_MS)
        .expect("time")
        .to_rfc3339();
    let snoozed = post(
        &app,
        &path,
        &write,
        json!({"status": "snoozed", "snoozed_until": until}),
    )
    .await;
    assert_status(&snoozed, 200, "snooze");
    assert_eq!(snoozed.json["status"], "snoozed");
    let console = open(&app, &admin, conversation).await;
    assert_eq!(
        console.json["summary"]["status"], "snoozed",
        "the console sees it"
    );
    let wakes = console.json["summary"]["snoozed_until_ms"].as_i64();
    assert!(
        wakes.is_some_and(|t| (t - (now_ms() + 2 * HOUR_MS)).abs() < 60_000),
        "snoozed until the time asked: {wakes:?}"
    );

    let past = chrono::DateTime::from_timestamp_millis(now_ms() - HOUR_MS)
        .expect("time")
        .to_rfc3339();
    let refusals = [
        (
            json!({"status": "snoozed", "snoozed_until": past}),
            "a snooze in the past",
        ),
        (
            json!({"status": "snoozed", "snoozed_until": "tomorrow"}),
            "a snooze time that is no time",
        ),
        (
            json!({"status": "resolved", "snoozed_until": until}),
            "snoozed_until without snoozed",
        ),
        (
            json!({"status": "bot"}),
            "bot is not a status to move to here",
        ),
        (json!({"status": "closed"}), "an unknown status"),
        (json!({}), "no status"),
        (json!({"status": 1}), "a status that is not text"),
    ];
    for (body, what) in refusals {
        let reply = post(&app, &path, &write, body).await;
        assert_error(&reply, 422, "validation_failed", what);
    }
    assert_eq!(
        record_status(&app, conversation).await,
        "snoozed",
        "refusals change nothing"
    );

    // An old conversation cannot be reopened while the customer has a newer one open.
    assert_status(
        &post(&app, &path, &write, json!({"status": "resolved"})).await,
        200,
        "resolve again",
    );
    let newer = customer_writes(&app, "wamid.api.s2", "34600000011", "¿Hola?", now_ms()).await;
    assert_ne!(
        newer, conversation,
        "a new conversation after the resolved one"
    );
    let conflict = post(&app, &path, &write, json!({"status": "open"})).await;
    assert_error(
        &conflict,
        409,
        "already_open",
        "reopen beside a newer open one",
    );
    assert_eq!(record_status(&app, conversation).await, "resolved");

    assert_error(
        &post(
            &app,
            "/conversations/999999/status",
            &write,
            json!({"status": "resolved"}),
        )
        .await,
        404,
        "not_found",
        "unknown conversation",
    );
    assert_error(
        &post(
            &app,
            "/conversations/1x/status",
            &write,
            json!({"status": "resolved"}),
        )
        .await,
        404,
        "not_found",
        "malformed id",
    );
}

async fn assignment_and_take_follow_the_console_rules(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let [a, b, c] = three_conversations(&app).await;
    let owner = api::admin(&app).await;
    let write = api::token_of(&app, &owner, Scope::Write).await;
    let ana = app
        .add_user("ana@example.com", Role::Agent, "pw-ana-123456")
        .await;
    app.state
        .store
        .update_user(ana.id, UserChange::Capacity(1), now_ms())
        .await
        .expect("capacity");

    let given = post(
        &app,
        &format!("/conversations/{a}/assign"),
        &write,
        json!({"assignee_id": ana.id}),
    )
    .await;
    assert_status(&given, 200, "assign");
    assert_eq!(given.json["assignee_id"], ana.id);
    assert_eq!(record(&app, a).await.assignee_id, Some(ana.id));

    // Ana is full: a second one is refused unless the caller says it knows.
    let full = post(
        &app,
        &format!("/conversations/{b}/assign"),
        &write,
        json!({"assignee_id": ana.id}),
    )
    .await;
    assert_error(&full, 409, "at_capacity", "over capacity");
    assert_eq!(record(&app, b).await.assignee_id, None, "nothing assigned");
    let knowingly = post(
        &app,
        &format!("/conversations/{b}/assign"),
        &write,
        json!({"assignee_id": ana.id, "over_capacity": true}),
    )
    .await;
    assert_status(&knowingly, 200, "over capacity, knowingly");
    assert_eq!(knowingly.json["assignee_id"], ana.id);

    let queued = post(
        &app,
        &format!("/conversations/{b}/assign"),
        &write,
        json!({"assignee_id": null}),
    )
    .await;
    assert_status(&queued, 200, "back to the queue");
    assert!(queued.json["assignee_id"].is_null());

    for (body, what) in [
        (json!({}), "assignee_id left out"),
        (json!({"assignee_id": "ana"}), "assignee_id not an id"),
        (json!({"assignee": ana.id}), "an unknown field"),
    ] {
        let reply = post(&app, &format!("/conversations/{b}/assign"), &write, body).await;
        assert_error(&reply, 422, "validation_failed", what);
    }
    assert_error(
        &post(
            &app,
            &format!("/conversations/{b}/assign"),
            &write,
            json!({"assignee_id": 999999}),
        )
        .await,
        404,
        "not_found",
        "an unknown user",
    );
    assert_error(
        &post(
            &app,
            "/conversations/999999/assign",
            &write,
            json!({"assignee_id": null}),
        )
        .await,
        404,
        "not_found",
        "an unknown conversation",
    );

    // Take: the token's owner claims it; someone else's is refused with who has it.
    let taken = post(&app, &format!("/conversations/{c}/take"), &write, json!({})).await;
    assert_status(&taken, 200, "take");
    assert_eq!(taken.json["assignee_id"], owner.id);
    let again = api::call(
        &app,
        Method::POST,
        &format!("/conversations/{c}/take"),
        Some(&write),
        None,
    )
    .await;
    assert_status(&again, 200, "taking one's own again");
    let theirs = api::call(
        &app,
        Method::POST,
        &format!("/conversations/{a}/take"),
        Some(&write),
        None,
    )
    .await;
    assert_error(&theirs, 409, "already_taken", "taking Ana's");
    assert_eq!(record(&app, a).await.assignee_id, Some(ana.id));

    // A resolved conversation is reopened by taking it, as in the console.
    assert_status(
        &post(
            &app,
            &format!("/conversations/{b}/status"),
            &write,
            json!({"status": "resolved"}),
        )
        .await,
        200,
        "resolve b",
    );
    let reopened = api::call(
        &app,
        Method::POST,
        &format!("/conversations/{b}/take"),
        Some(&write),
        None,
    )
    .await;
    assert_status(&reopened, 200, "take a resolved one");
    assert_eq!(reopened.json["status"], "open");
    assert_eq!(reopened.json["assignee_id"], owner.id);
    assert_error(
        &api::call(
            &app,
            Method::POST,
            "/conversations/999999/take",
            Some(&write),
            None,
        )
        .await,
        404,
        "not_found",
        "taking an unknown conversation",
    );

    // A token whose owner is now only an agent acts as that agent: no hand-outs to others.
    app.state
        .store
        .update_user(owner.id, UserChange::Role(Role::Agent), now_ms())
        .await
        .expect("demote");
    let demoted = post(
        &app,
        &format!("/conversations/{a}/assign"),
        &write,
        json!({"assignee_id": null}),
    )
    .await;
    assert_error(
        &demoted,
        403,
        "forbidden",
        "an agent's token reassigning a colleague's",
    );
    assert_eq!(record(&app, a).await.assignee_id, Some(ana.id));
}

async fn labels_are_put_on_and_taken_off(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conversation = open_window(&app, "wamid.api.l1", "34600000021").await;
    let write = api::admin_token(&app, Scope::Write).await;
    let admin = signed_in(&app, "boss@example.com", Role::Admin).await;
    let store = &app.state.store;
    let vip = store
        .create_label(
            &LabelDraft::new("VIP", "amber", "").expect("draft"),
            now_ms(),
        )
        .await
        .expect("label");
    let billing = store
        .create_label(
            &LabelDraft::new("Billing", "sky", "").expect("draft"),
            now_ms(),
        )
        .await
        .expect("label");
    let path = format!("/conversations/{conversation}/labels");

    let by_name = post(&app, &path, &write, json!({"label": "vip"})).await;
    assert_status(&by_name, 200, "by name, any case");
    assert_eq!(by_name.json["labels"], json!(["VIP"]));
    let by_id = post(&app, &path, &write, json!({"label_id": billing.id})).await;
    assert_status(&by_id, 200, "by id");
    assert_eq!(by_id.json["labels"], json!(["Billing", "VIP"]));
    let twice = post(&app, &path, &write, json!({"label": "VIP"})).await;
    assert_status(&twice, 200, "again");
    assert_eq!(twice.json["labels"], json!(["Billing", "VIP"]));

    let console = open(&app, &admin, conversation).await;
    let names: Vec<&str> = console.json["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| l["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["Billing", "VIP"], "the console sees them");

    let off = delete(&app, &format!("{path}/{}", vip.id), &write).await;
    assert_status(&off, 200, "take off");
    assert_eq!(off.json["labels"], json!(["Billing"]));
    let off_again = delete(&app, &format!("{path}/{}", vip.id), &write).await;
    assert_status(&off_again, 200, "taking off one it does not carry");
    assert_eq!(off_again.json["labels"], json!(["Billing"]));

    for (body, what) in [
        (json!({"label": "nonesuch"}), "an unknown label name"),
        (json!({"label_id": 999999}), "an unknown label id"),
        (json!({"label": "VIP", "label_id": vip.id}), "both"),
        (json!({}), "neither"),
        (json!({"label": 3}), "a name that is not text"),
    ] {
        let reply = post(&app, &path, &write, body).await;
        assert_error(&reply, 422, "validation_failed", what);
    }
    assert_error(
        &delete(&app, &format!("{path}/999999"), &write).await,
        404,
        "not_found",
        "taking off an unknown label",
    );
    assert_error(
        &delete(&app, &format!("{path}/x"), &write).await,
        404,
        "not_found",
        "a malformed label id",
    );
    assert_error(
        &post(
            &app,
            "/conversations/999999/labels",
            &write,
            json!({"label": "VIP"}),
        )
        .await,
        404,
        "not_found",
        "labelling an unknown conversation",
    );
    let row = store
        .conversation_row(conversation)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(row.labels, ["Billing"], "refusals change nothing");
}

async fn conversations_go_back_to_the_bot_only_while_it_is_on(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conversation = open_window(&app, "wamid.api.b1", "34600000031").await;
    let write = api::admin_token(&app, Scope::Write).await;
    let path = format!("/conversations/{conversation}/return-to-bot");

    let off = api::call(&app, Method::POST, &path, Some(&write), None).await;
    assert_error(&off, 409, "bot_off", "the bot is off");
    assert_eq!(record_status(&app, conversation).await, "open");

    app.state
        .store
        .put_setting(BOT_ENABLED_SETTING, "true", now_ms())
        .await
        .expect("bot on");
    assert_status(
        &post(
            &app,
            &format!("/conversations/{conversation}/take"),
            &write,
            json!({}),
        )
        .await,
        200,
        "take first",
    );
    let back = api::call(&app, Method::POST, &path, Some(&write), None).await;
    assert_status(&back, 200, "back to the bot");
    assert_eq!(back.json["status"], "bot");
    assert!(back.json["assignee_id"].is_null());
    let stored = record(&app, conversation).await;
    assert_eq!(
        (stored.status().as_str(), stored.assignee_id),
        ("bot", None)
    );

    // Only an open or snoozed conversation goes back.
    let twice = api::call(&app, Method::POST, &path, Some(&write), None).await;
    assert_error(&twice, 403, "forbidden", "already with the bot");

    // Taking it over from the bot opens it for the taker.
    let taken = api::call(
        &app,
        Method::POST,
        &format!("/conversations/{conversation}/take"),
        Some(&write),
        None,
    )
    .await;
    assert_status(&taken, 200, "take over from the bot");
    assert_eq!(taken.json["status"], "open");
    assert_error(
        &api::call(
            &app,
            Method::POST,
            "/conversations/999999/return-to-bot",
            Some(&write),
            None,
        )
        .await,
        404,
        "not_found",
        "an unknown conversation",
    );
}

/// The OpenAPI document describes these endpoints fully: their tag, the bearer security of
/// the whole document, and a schema for every answer (errors included).
#[test]
fn the_document_describes_every_contact_and_conversation_endpoint() {
    let document: Value =
        serde_json::from_str(&server::rest::document_json()).expect("the document is JSON");
    assert_eq!(document["security"], json!([{"bearer": []}]));
    let expected = [
        ("/contacts", "get", "contacts"),
        ("/contacts/{id}", "get", "contacts"),
        ("/contacts/{id}", "patch", "contacts"),
        ("/conversations", "get", "conversations"),
        ("/conversations/{id}", "get", "conversations"),
        ("/conversations/{id}/status", "post", "conversations"),
        ("/conversations/{id}/assign", "post", "conversations"),
        ("/conversations/{id}/take", "post", "conversations"),
        ("/conversations/{id}/return-to-bot", "post", "conversations"),
        ("/conversations/{id}/labels", "post", "conversations"),
        (
            "/conversations/{id}/labels/{label_id}",
            "delete",
            "conversations",
        ),
    ];
    for (path, method, tag) in expected {
        let operation = &document["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is documented");
        assert_eq!(operation["tags"], json!([tag]), "{method} {path}");
        assert!(
            operation.get("security").is_none(),
            "{method} {path} keeps the document's bearer security"
        );
        let responses = operation["responses"].as_object().expect("responses");
        for status in ["200", "401", "429"] {
            assert!(
                responses.contains_key(status),
                "{method} {path} documents {status}"
            );
        }
        if method != "get" {
            assert!(
                responses.contains_key("403"),
                "{method} {path} documents 403"
            );
        }
        for (status, response) in responses {
            assert!(
                response["content"]["application/json"]["schema"].is_object(),
                "{method} {path} {status} has a schema"
            );
        }
    }
    // Every schema named is in the document.
    let text = document.to_string();
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for name in text.split("#/components/schemas/").skip(1) {
        let name: String = name
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(schemas.contains_key(&name), "{name} is defined");
    }
}
