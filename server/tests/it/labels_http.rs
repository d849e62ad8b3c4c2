//! Labels over real HTTP, on both databases: only supervisors manage the definitions, names
//! are unique ignoring case, agents label the conversations they may see (with an activity
//! line), and a definition change reaches open consoles as one `labels` frame.

use crate::support;

use app::domain::message::{Activity, MessageBody};
use app::domain::roles::Role;
use app::ssr::now_ms;
use app::wire::inbox::MessageView;
use app::wire::realtime::ServerFrame;
use futures::StreamExt;
use serde_json::{json, Value};
use std::time::Duration;
use support::console::*;
use support::{Db, Reply, TestApp};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

on_both_databases!(
    only_supervisors_manage_labels_and_names_are_unique_ignoring_case,
    agents_label_the_conversations_they_see_with_an_activity_line,
    definition_changes_reach_open_consoles_as_one_frame,
);

async fn create(app: &TestApp, who: &Agent, name: &str, color: &str, description: &str) -> Reply {
    app.call(
        &who.client,
        "labels/create",
        &[
            ("name", name),
            ("color", color),
            ("description", description),
        ],
    )
    .await
}

/// Renames a label (kept amber) and sets its description.
async fn update(app: &TestApp, who: &Agent, id: i64, name: &str, description: &str) -> Reply {
    let id = id.to_string();
    app.call(
        &who.client,
        "labels/update",
        &[
            ("id", &id),
            ("name", name),
            ("color", "amber"),
            ("description", description),
        ],
    )
    .await
}

async fn delete(app: &TestApp, who: &Agent, id: i64) -> Reply {
    app.call(&who.client, "labels/delete", &[("id", &id.to_string())])
        .await
}

async fn definitions(app: &TestApp, who: &Agent) -> Vec<Value> {
    let reply = app.call(&who.client, "labels/list", &[]).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    reply.json.as_array().expect("a list").clone()
}

async fn apply(app: &TestApp, who: &Agent, conversation: i64, label: i64, on: bool) -> Reply {
    app.call(
        &who.client,
        "labels/apply",
        &[
            ("conversation_id", &conversation.to_string()),
            ("label_id", &label.to_string()),
            ("on", &on.to_string()),
        ],
    )
    .await
}

/// The activity lines of the thread `who` sees, with who did them.
async fn activities(
    app: &TestApp,
    who: &Agent,
    conversation: i64,
) -> Vec<(Activity, Option<String>)> {
    thread(app, who, conversation)
        .await
        .into_iter()
        .map(|m| serde_json::from_value::<MessageView>(m).expect("a message"))
        .filter_map(|m| match m.body {
            MessageBody::Activity { activity, by } => Some((activity, by)),
            _ => None,
        })
        .collect()
}

fn label_names(row: &Value) -> Vec<String> {
    row["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| l["name"].as_str().expect("name").to_string())
        .collect()
}

async fn only_supervisors_manage_labels_and_names_are_unique_ignoring_case(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let sara = signed_in(&app, "sara@demo.local", Role::Supervisor).await;

    let refused = create(&app, &ana, "VIP", "violet", "").await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    assert_eq!(refused.json, json!({"error": "forbidden"}));
    assert_eq!(app.call(&ana.client, "labels/list", &[]).await.status, 403);
    let signed_out = app.call(&app.client(), "labels/list", &[]).await;
    assert_eq!(signed_out.status, 401);

    let vip = create(&app, &sara, "  VIP ", "violet", "Our best customers").await;
    assert_eq!(vip.status, 200, "{:?}", vip.json);
    assert_eq!(vip.json["name"], "VIP");
    assert_eq!(vip.json["color"], "violet");
    let vip_id = vip.json["id"].as_i64().expect("id");

    for taken in ["vip", " Vip ", "VIP"] {
        let again = create(&app, &sara, taken, "red", "").await;
        assert_eq!(again.status, 409, "{taken:?}: {:?}", again.json);
        assert_eq!(
            again.json,
            json!({"error": "conflict", "conflict": "label_name_taken"})
        );
    }
    let empty = create(&app, &sara, "   ", "red", "").await;
    assert_eq!(empty.status, 400);
    assert_eq!(
        empty.json,
        json!({"error": "invalid", "field": "label_name", "problem": {"kind": "empty"}})
    );
    let colour = create(&app, &sara, "Billing", "chartreuse", "").await;
    assert_eq!(colour.status, 400);
    assert_eq!(colour.json["field"], "label_color");
    let long = create(&app, &sara, "Billing", "amber", &"d".repeat(201)).await;
    assert_eq!(long.status, 400);
    assert_eq!(long.json["field"], "label_description");

    let billing = create(&app, &sara, "Billing", "amber", "").await;
    assert_eq!(billing.status, 200, "{:?}", billing.json);
    let billing_id = billing.json["id"].as_i64().expect("id");
    // Renaming onto a taken name is refused; agents may not rename or delete.
    let taken = update(&app, &sara, billing_id, "vip", "").await;
    assert_eq!(taken.status, 409, "{:?}", taken.json);
    assert_eq!(taken.json["conflict"], "label_name_taken");
    assert_eq!(
        update(&app, &ana, billing_id, "Payments", "").await.status,
        403
    );
    assert_eq!(delete(&app, &ana, vip_id).await.status, 403);

    let renamed = update(&app, &sara, billing_id, "Payments", "Invoices").await;
    assert_eq!(renamed.status, 200, "{:?}", renamed.json);
    assert_eq!(
        definitions(&app, &sara).await,
        [
            json!({"id": billing_id, "name": "Payments", "color": "amber", "description": "Invoices", "conversations": 0}),
            json!({"id": vip_id, "name": "VIP", "color": "violet", "description": "Our best customers", "conversations": 0}),
        ]
    );
    // The screen itself: rendered for supervisors, refused to agents.
    let page = app.get(&sara.client, "/labels").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains(r#"data-label="Payments""#) && html.contains("Our best customers"),
        "{html}"
    );
    assert_eq!(app.get(&ana.client, "/labels").await.status(), 403);

    let deleted = delete(&app, &sara, vip_id).await;
    assert_eq!((deleted.status, deleted.json.clone()), (200, json!(0)));
    let unknown = delete(&app, &sara, vip_id).await;
    assert_eq!(unknown.status, 404);
}

async fn agents_label_the_conversations_they_see_with_an_activity_line(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let bea = signed_in(&app, "bea@demo.local", Role::Agent).await;
    let sara = signed_in(&app, "sara@demo.local", Role::Supervisor).await;
    let refund = create(&app, &sara, "Refund", "red", "").await;
    let refund = refund.json["id"].as_i64().expect("id");
    let conv = open_window(&app, "wamid.refund", "34600000001").await;

    let applied = apply(&app, &ana, conv, refund, true).await;
    assert_eq!(applied.status, 200, "{:?}", applied.json);
    // Twice is still once, with one line.
    assert_eq!(apply(&app, &ana, conv, refund, true).await.status, 200);
    let rows = list(&app, &bea).await;
    assert_eq!(label_names(row(&rows, conv).expect("row")), ["Refund"]);
    assert_eq!(
        activities(&app, &bea, conv).await,
        [(
            Activity::Labelled {
                label: "Refund".into()
            },
            Some("ana".into())
        )]
    );
    assert_eq!(definitions(&app, &sara).await[0]["conversations"], 1);

    // Filtering the list by the label finds it.
    let filtered = bea
        .client
        .post(format!("{}/api/inbox/list", app.base))
        .json(&json!({
            "filter": {"view": "all", "label_id": refund, "assignee": null, "search": null},
            "after": null
        }))
        .send()
        .await
        .expect("list");
    let page: Value = filtered.json().await.expect("json");
    let ids: Vec<i64> = page["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, [conv]);

    let unknown = apply(&app, &ana, conv, 999_999, true).await;
    assert_eq!(unknown.status, 404);
    let nowhere = apply(&app, &ana, 999_999, refund, true).await;
    assert_eq!(nowhere.status, 404);

    // Someone who may not see the conversation may not label it.
    app.state
        .store
        .assign(conv, Some(ana.user.id), Some(sara.user.id), now_ms())
        .await
        .expect("assign");
    app.state
        .store
        .put_setting("agent_visibility", "own_and_unassigned", now_ms())
        .await
        .expect("setting");
    let hidden = apply(&app, &bea, conv, refund, false).await;
    assert_eq!(hidden.status, 403);
    assert_eq!(hidden.json, json!({"error": "not_yours"}));
    assert_eq!(
        label_names(row(&list(&app, &ana).await, conv).expect("row")),
        ["Refund"]
    );

    let removed = apply(&app, &ana, conv, refund, false).await;
    assert_eq!(removed.status, 200, "{:?}", removed.json);
    assert!(label_names(row(&list(&app, &ana).await, conv).expect("row")).is_empty());
    let lines = activities(&app, &ana, conv).await;
    assert_eq!(
        lines.last(),
        Some(&(
            Activity::Unlabelled {
                label: "Refund".into()
            },
            Some("ana".into())
        ))
    );
}

async fn definition_changes_reach_open_consoles_as_one_frame(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    let login = app.login(&client, &ana.email, PASSWORD).await;
    assert_eq!(login.status, 200);
    let cookie = support::session_cookie(&login.headers).expect("cookie");
    let cookie = cookie.split(';').next().unwrap_or_default().to_string();
    let mut request = format!("{}/ws", app.base.replacen("http://", "ws://", 1))
        .into_client_request()
        .expect("request");
    request
        .headers_mut()
        .insert("cookie", HeaderValue::from_str(&cookie).expect("cookie"));
    request
        .headers_mut()
        .insert("origin", HeaderValue::from_str(&app.base).expect("origin"));
    let (mut ws, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("websocket");
    let ServerFrame::Hello { seq, .. } = next_frame(&mut ws).await else {
        panic!("hello first")
    };

    let sara = signed_in(&app, "sara@demo.local", Role::Supervisor).await;
    assert_eq!(create(&app, &sara, "VIP", "violet", "").await.status, 200);
    let frame = loop {
        match next_frame(&mut ws).await {
            f @ ServerFrame::Labels { .. } => break f,
            // Presence of the supervisor signing in, and the like.
            f if f.seq().is_none() => continue,
            other => panic!("unexpected {other:?}"),
        }
    };
    // Numbered, so a console that reconnects is given it again.
    assert_eq!(frame, ServerFrame::Labels { seq: seq + 1 });
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn next_frame(ws: &mut Ws) -> ServerFrame {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a frame in time")
            .expect("the socket is open")
            .expect("a readable frame");
        if let Message::Text(text) = message {
            return serde_json::from_str(text.as_str()).expect("a server frame");
        }
    }
}
