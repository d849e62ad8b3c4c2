//! Assignment over real HTTP and websockets, on both databases: agents racing to take a
//! conversation, who may write in someone else's conversation, auto-assignment order and
//! capacity, the queue draining when an agent comes online, and conversations returning to
//! the queue when their assignee goes offline.

use crate::support;

use app::domain::message::{Activity, MessageBody};
use app::domain::roles::Role;
use app::ssr::now_ms;
use futures::StreamExt;
use serde_json::{json, Value};
use server::assignment::DispatchSettings;
use std::time::Duration;
use support::console::{customer_writes, open_window, send, signed_in, Agent, PASSWORD};
use support::{Db, TestApp};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

on_both_databases!(
    agents_racing_to_take_a_conversation_have_one_winner_and_the_others_learn_who,
    only_the_assignee_or_a_supervisor_writes_and_replying_takes_a_queued_conversation,
    agents_assign_their_own_and_supervisors_any,
    round_robin_respects_capacity_and_the_queue_drains_when_an_agent_comes_online,
    least_loaded_evens_out_the_load,
    an_offline_assignee_gives_conversations_back_when_the_team_says_so,
    snoozing_checks_the_time_and_the_customer_wakes_it,
);

/// Waits for a condition the server reaches on its own (the dispatcher). A wait, not a
/// timing requirement.
async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn assignee_of(app: &TestApp, conversation: i64) -> Option<i64> {
    app.state
        .store
        .conversation(conversation)
        .await
        .expect("read")
        .expect("exists")
        .assignee_id
}

async fn take(app: &TestApp, agent: &Agent, conversation: i64) -> support::Reply {
    app.call(
        &agent.client,
        "inbox/assign-me",
        &[
            ("conversation_id", &conversation.to_string()),
            ("mine", "true"),
        ],
    )
    .await
}

async fn assign(
    app: &TestApp,
    agent: &Agent,
    conversation: i64,
    to: Option<i64>,
) -> support::Reply {
    let mut form = vec![("conversation_id", conversation.to_string())];
    if let Some(to) = to {
        form.push(("assignee", to.to_string()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(&agent.client, "inbox/assign", &form).await
}

async fn save_team(app: &TestApp, admin: &Agent, settings: Value) {
    let response = admin
        .client
        .post(format!("{}/api/settings/team/save", app.base))
        .json(&json!({ "settings": settings }))
        .send()
        .await
        .expect("save");
    assert_eq!(
        response.status().as_u16(),
        200,
        "{:?}",
        response.text().await
    );
}

fn team(auto_assign: &str, return_on_offline: bool, owner_only: bool) -> Value {
    json!({
        "agent_visibility": "all",
        "read_receipts": true,
        "auto_assign": auto_assign,
        "return_on_offline": return_on_offline,
        "owner_only_replies": owner_only,
    })
}

/// A user with a capacity of `capacity`, signed in, with the session cookie for `/ws`.
async fn member(app: &TestApp, email: &str, role: Role, capacity: u32) -> (Agent, String) {
    let agent = signed_in(app, email, role).await;
    app.state
        .store
        .update_user(
            agent.user.id,
            app::ssr::UserChange::Capacity(capacity),
            now_ms(),
        )
        .await
        .expect("capacity");
    // Sign in again to read the cookie the browser holds.
    let client = app.client();
    let reply = app.login(&client, email, PASSWORD).await;
    let cookie = support::session_cookie(&reply.headers).expect("cookie");
    (
        agent,
        cookie.split(';').next().unwrap_or_default().to_string(),
    )
}

/// A console connected to `/ws`: the agent is online until it is dropped.
struct Online(tokio::task::JoinHandle<()>);

impl Drop for Online {
    fn drop(&mut self) {
        self.0.abort();
    }
}

async fn come_online(app: &TestApp, cookie: &str) -> Online {
    let mut request = format!("{}/ws", app.base.replacen("http://", "ws://", 1))
        .into_client_request()
        .expect("request");
    request
        .headers_mut()
        .insert("cookie", HeaderValue::from_str(cookie).expect("cookie"));
    request
        .headers_mut()
        .insert("origin", HeaderValue::from_str(&app.base).expect("origin"));
    let (mut ws, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("websocket");
    let hello = ws.next().await.expect("hello").expect("frame");
    assert!(hello.to_text().unwrap_or_default().contains("hello"));
    // Keep reading, as a browser does, so the server never sees a slow client.
    Online(tokio::spawn(async move {
        while let Some(Ok(_)) = ws.next().await {}
    }))
}

fn dispatch(app: &TestApp, offline_grace_ms: i64) {
    server::assignment::spawn(
        app.state.store.clone(),
        DispatchSettings {
            tick: Duration::from_millis(100),
            offline_grace_ms,
        },
    );
}

/// A new customer writes; waits until the dispatcher gives them to someone, and says whom.
async fn auto_assigned(app: &TestApp, wamid: &str, phone: &str) -> i64 {
    let c = customer_writes(app, wamid, phone, "Hola", now_ms()).await;
    eventually("assigned", || async { assignee_of(app, c).await.is_some() }).await;
    assignee_of(app, c).await.expect("assigned")
}

async fn activities(app: &TestApp, conversation: i64) -> Vec<Activity> {
    app.state
        .store
        .messages_of_conversation(conversation)
        .await
        .expect("thread")
        .into_iter()
        .filter_map(|m| match m.body {
            MessageBody::Activity { activity, .. } => Some(activity),
            _ => None,
        })
        .collect()
}

async fn agents_racing_to_take_a_conversation_have_one_winner_and_the_others_learn_who(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conversation = open_window(&app, "wamid.race", "34611000001").await;
    let mut agents = Vec::new();
    for n in 0..8 {
        agents.push(signed_in(&app, &format!("agent{n}@example.com"), Role::Agent).await);
    }
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(agents.len()));
    let app = std::sync::Arc::new(app);
    let agents = std::sync::Arc::new(agents);
    let mut tasks = Vec::new();
    for i in 0..agents.len() {
        let (app, agents, start) = (app.clone(), agents.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let reply = take(&app, &agents[i], conversation).await;
            (agents[i].user.id, reply.status, reply.json)
        }));
    }
    let mut winners = Vec::new();
    let mut refusals = Vec::new();
    for task in tasks {
        let (id, status, body) = task.await.expect("task");
        match status {
            200 => winners.push(id),
            409 => refusals.push(body),
            other => panic!("unexpected {other}: {body:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one agent gets it");
    let winner = agents
        .iter()
        .find(|a| a.user.id == winners[0])
        .expect("winner");
    for body in &refusals {
        assert_eq!(body["error"], "already_taken", "{body:?}");
        assert_eq!(body["by"], winner.user.name.as_str(), "told who took it");
    }
    assert_eq!(assignee_of(&app, conversation).await, Some(winner.user.id));
    // Taking what is already yours is fine.
    assert_eq!(take(&app, winner, conversation).await.status, 200);
}

async fn only_the_assignee_or_a_supervisor_writes_and_replying_takes_a_queued_conversation(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@example.com", Role::Agent).await;
    let luis = signed_in(&app, "luis@example.com", Role::Agent).await;
    let boss = signed_in(&app, "boss@example.com", Role::Supervisor).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;

    // Ana answers a queued customer: the conversation becomes hers at once.
    let conversation = open_window(&app, "wamid.own.1", "34611000002").await;
    assert_eq!(
        send(&app, &ana, conversation, "Hola, te ayudo yo")
            .await
            .status,
        200
    );
    assert_eq!(assignee_of(&app, conversation).await, Some(ana.user.id));

    // Luis may not write to Ana's customer, but may leave a note.
    let refused = send(&app, &luis, conversation, "Yo también").await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    assert_eq!(refused.json["error"], "not_assignee");
    assert_eq!(refused.json["assignee"], "ana");
    let note = app
        .call(
            &luis.client,
            "inbox/note",
            &[
                ("conversation_id", &conversation.to_string()),
                ("text", "Ojo: cliente VIP"),
            ],
        )
        .await;
    assert_eq!(note.status, 200, "{:?}", note.json);
    // A supervisor may step in.
    assert_eq!(
        send(&app, &boss, conversation, "Soy la supervisora")
            .await
            .status,
        200
    );
    assert_eq!(assignee_of(&app, conversation).await, Some(ana.user.id));

    // The team may let everyone write.
    save_team(&app, &admin, team("off", false, false)).await;
    assert_eq!(
        send(&app, &luis, conversation, "Ahora sí").await.status,
        200
    );
    let texts: Vec<String> = support::console::outbound_of(&app, conversation)
        .await
        .into_iter()
        .map(|m| m.body.preview())
        .collect();
    assert_eq!(
        texts,
        [
            "Hola, te ayudo yo",
            "Ojo: cliente VIP",
            "Soy la supervisora",
            "Ahora sí"
        ]
    );
}

async fn agents_assign_their_own_and_supervisors_any(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let (ana, _) = member(&app, "ana@example.com", Role::Agent, 5).await;
    let (luis, _) = member(&app, "luis@example.com", Role::Agent, 1).await;
    let boss = signed_in(&app, "boss@example.com", Role::Supervisor).await;
    let first = open_window(&app, "wamid.assign.1", "34611000011").await;
    let second = open_window(&app, "wamid.assign.2", "34611000012").await;

    // An agent cannot give an unassigned conversation to a colleague…
    assert_eq!(
        assign(&app, &ana, first, Some(luis.user.id)).await.status,
        403
    );
    // …but hands on her own, to someone with room.
    assert_eq!(take(&app, &ana, first).await.status, 200);
    assert_eq!(
        assign(&app, &ana, first, Some(luis.user.id)).await.status,
        200
    );
    assert_eq!(assignee_of(&app, first).await, Some(luis.user.id));
    // Luis (capacity 1) is now full: Ana may not hand him another.
    assert_eq!(take(&app, &ana, second).await.status, 200);
    let full = assign(&app, &ana, second, Some(luis.user.id)).await;
    assert_eq!(full.status, 409, "{:?}", full.json);
    assert_eq!(full.json["error"], "at_capacity");
    // Nor take Luis's conversation back.
    assert_eq!(
        assign(&app, &ana, first, Some(ana.user.id)).await.status,
        403
    );
    // A supervisor may, even over capacity, and may send it back to the queue.
    assert_eq!(
        assign(&app, &boss, second, Some(luis.user.id)).await.status,
        200
    );
    assert_eq!(assign(&app, &boss, first, None).await.status, 200);
    assert_eq!(assignee_of(&app, first).await, None);
    assert_eq!(
        activities(&app, first).await,
        [
            Activity::Assigned { to: "ana".into() },
            Activity::Assigned { to: "luis".into() },
            Activity::Unassigned,
        ]
    );
}

async fn round_robin_respects_capacity_and_the_queue_drains_when_an_agent_comes_online(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let (ana, ana_cookie) = member(&app, "ana@example.com", Role::Agent, 2).await;
    let (luis, luis_cookie) = member(&app, "luis@example.com", Role::Agent, 2).await;
    save_team(&app, &admin, team("round_robin", false, true)).await;
    dispatch(&app, 60_000);

    // Nobody online: the conversations wait in the queue.
    let now = now_ms();
    let mut queue = Vec::new();
    for n in 0..5 {
        let at = now - 60_000 + n * 1000;
        queue.push(
            customer_writes(
                &app,
                &format!("wamid.rr.{n}"),
                &format!("3461100002{n}"),
                "Hola",
                at,
            )
            .await,
        );
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    for c in &queue {
        assert_eq!(assignee_of(&app, *c).await, None, "nobody is online");
    }

    // Ana comes online: the two who waited longest become hers (her capacity).
    let _ana_online = come_online(&app, &ana_cookie).await;
    eventually("Ana gets two", || async {
        assignee_of(&app, queue[1]).await == Some(ana.user.id)
    })
    .await;
    assert_eq!(assignee_of(&app, queue[0]).await, Some(ana.user.id));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(assignee_of(&app, queue[2]).await, None, "Ana is full");

    // Luis comes online: the next two in wait order.
    let _luis_online = come_online(&app, &luis_cookie).await;
    eventually("Luis gets two", || async {
        assignee_of(&app, queue[3]).await == Some(luis.user.id)
    })
    .await;
    assert_eq!(assignee_of(&app, queue[2]).await, Some(luis.user.id));
    assert_eq!(assignee_of(&app, queue[4]).await, None);
    assert_eq!(
        activities(&app, queue[0]).await,
        [Activity::AutoAssigned { to: "ana".into() }]
    );

    // Ana resolves one: the last waiting conversation is hers.
    let resolved = app
        .call(
            &ana.client,
            "inbox/resolve",
            &[
                ("conversation_id", &queue[0].to_string()),
                ("resolved", "true"),
            ],
        )
        .await;
    assert_eq!(resolved.status, 200);
    eventually("the queue drains to Ana", || async {
        assignee_of(&app, queue[4]).await == Some(ana.user.id)
    })
    .await;

    // Both online and with room: new customers alternate, the one who got one longest ago
    // first.
    app.state
        .store
        .update_user(ana.user.id, app::ssr::UserChange::Capacity(10), now_ms())
        .await
        .expect("capacity");
    app.state
        .store
        .update_user(luis.user.id, app::ssr::UserChange::Capacity(10), now_ms())
        .await
        .expect("capacity");
    let mut owners = Vec::new();
    for n in 0..4 {
        let wamid = format!("wamid.rr.next.{n}");
        owners.push(auto_assigned(&app, &wamid, &format!("3461100003{n}")).await);
    }
    assert_eq!(
        owners,
        [luis.user.id, ana.user.id, luis.user.id, ana.user.id],
        "Ana was given one last, so Luis goes first"
    );
}

async fn least_loaded_evens_out_the_load(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let (ana, ana_cookie) = member(&app, "ana@example.com", Role::Agent, 10).await;
    let (luis, luis_cookie) = member(&app, "luis@example.com", Role::Agent, 10).await;
    // Ana already has three.
    for n in 0..3 {
        let c = open_window(
            &app,
            &format!("wamid.ll.own.{n}"),
            &format!("3461100004{n}"),
        )
        .await;
        assert_eq!(take(&app, &ana, c).await.status, 200);
    }
    save_team(&app, &admin, team("least_loaded", false, true)).await;
    dispatch(&app, 60_000);
    let _a = come_online(&app, &ana_cookie).await;
    let _l = come_online(&app, &luis_cookie).await;
    let mut fresh = Vec::new();
    for n in 0..5 {
        let wamid = format!("wamid.ll.{n}");
        fresh.push(auto_assigned(&app, &wamid, &format!("3461100005{n}")).await);
    }
    let to_luis = fresh.iter().filter(|u| **u == luis.user.id).count();
    assert_eq!(
        fresh[..3],
        [luis.user.id, luis.user.id, luis.user.id],
        "Luis catches up first"
    );
    assert_eq!(
        to_luis, 4,
        "then they alternate, 4 to Luis and 1 to Ana: {fresh:?}"
    );
}

async fn an_offline_assignee_gives_conversations_back_when_the_team_says_so(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let admin = signed_in(&app, "admin@example.com", Role::Admin).await;
    let (ana, ana_cookie) = member(&app, "ana@example.com", Role::Agent, 5).await;
    save_team(&app, &admin, team("off", true, true)).await;
    dispatch(&app, 300);
    let online = come_online(&app, &ana_cookie).await;
    let conversation = open_window(&app, "wamid.off.1", "34611000061").await;
    assert_eq!(take(&app, &ana, conversation).await.status, 200);
    drop(online);
    eventually("back in the queue", || async {
        assignee_of(&app, conversation).await.is_none()
    })
    .await;
    assert_eq!(
        activities(&app, conversation).await.last(),
        Some(&Activity::ReturnedToQueue { from: "ana".into() })
    );

    // With the setting off, a reload's disconnect changes nothing.
    save_team(&app, &admin, team("off", false, true)).await;
    let online = come_online(&app, &ana_cookie).await;
    assert_eq!(take(&app, &ana, conversation).await.status, 200);
    drop(online);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(assignee_of(&app, conversation).await, Some(ana.user.id));
}

async fn snoozing_checks_the_time_and_the_customer_wakes_it(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@example.com", Role::Agent).await;
    let conversation = open_window(&app, "wamid.snz.1", "34611000071").await;
    let snooze = |until: Option<i64>| {
        let mut form = vec![("conversation_id".to_string(), conversation.to_string())];
        if let Some(until) = until {
            form.push(("until_ms".to_string(), until.to_string()));
        }
        let (app, client) = (&app, &ana.client);
        async move {
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.call(client, "inbox/snooze", &form).await
        }
    };
    let past = snooze(Some(now_ms() - 1000)).await;
    assert_eq!(past.status, 400, "{:?}", past.json);
    assert_eq!(past.json["field"], "snooze_until");
    assert_eq!(snooze(Some(now_ms() + 3_600_000)).await.status, 200);
    let status = || async {
        app.state
            .store
            .conversation(conversation)
            .await
            .expect("read")
            .expect("exists")
            .status()
    };
    assert_eq!(
        status().await,
        app::domain::inbox::ConversationStatus::Snoozed
    );
    // The customer writes: it is open again, before its time.
    customer_writes(&app, "wamid.snz.2", "34611000071", "¿Hola?", now_ms()).await;
    assert_eq!(status().await, app::domain::inbox::ConversationStatus::Open);
    // Until the customer writes.
    assert_eq!(snooze(None).await.status, 200);
    assert!(matches!(
        activities(&app, conversation).await.last(),
        Some(Activity::Snoozed { until_ms: None })
    ));
}
