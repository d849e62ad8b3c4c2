//! Helpers for tests of the agent console over real HTTP: signed-in agents, customers
//! writing through signed webhooks, and the console's calls.

use super::{fixture_with, Reply, TestApp, APP_SECRET};
use app::domain::message::MessageBody;
use app::domain::roles::Role;
use app::ssr::{now_ms, Direction, UserRecord};
use serde_json::{json, Value};
use server::whatsapp::signature::sign;

pub const PASSWORD: &str = "correct horse battery staple";
pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// A user of the desk, signed in from their own browser.
pub struct Agent {
    pub user: UserRecord,
    pub client: reqwest::Client,
}

pub async fn signed_in(app: &TestApp, email: &str, role: Role) -> Agent {
    let user = app.add_user(email, role, PASSWORD).await;
    let client = app.client();
    let reply = app.login(&client, email, PASSWORD).await;
    assert_eq!(reply.status, 200, "login: {:?}", reply.json);
    Agent { user, client }
}

/// A customer's text message, signed and delivered as Meta would, sent `at_ms`; returns the
/// conversation it landed in.
pub async fn customer_writes(
    app: &TestApp,
    wamid: &str,
    phone: &str,
    text: &str,
    at_ms: i64,
) -> i64 {
    let seconds = (at_ms / 1000).to_string();
    let body = fixture_with(
        "message",
        "text",
        &[
            ("wamid.xyzxyz", wamid),
            ("972987654321", phone),
            ("US.13491208655302741918", &format!("US.{phone}")),
            ("Body Text", text),
            ("1697043223", &seconds),
        ],
    );
    let response = reqwest::Client::new()
        .post(format!("{}/webhooks/whatsapp", app.base))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", sign(APP_SECRET.as_bytes(), &body))
        .body(body)
        .send()
        .await
        .expect("webhook");
    assert_eq!(response.status().as_u16(), 200, "webhook delivery");
    app.state
        .store
        .message_by_wamid(wamid)
        .await
        .expect("read")
        .expect("the customer's message is stored")
        .conversation_id
}

/// A conversation whose customer wrote a minute ago: the window is open.
pub async fn open_window(app: &TestApp, wamid: &str, phone: &str) -> i64 {
    customer_writes(
        app,
        wamid,
        phone,
        "Hola, ¿tenéis talla M?",
        now_ms() - 60_000,
    )
    .await
}

/// A conversation whose customer last wrote 25 hours ago: the window is closed.
pub async fn closed_window(app: &TestApp, wamid: &str, phone: &str) -> i64 {
    customer_writes(app, wamid, phone, "Gracias", now_ms() - DAY_MS - HOUR_MS).await
}

pub async fn send(app: &TestApp, agent: &Agent, conversation: i64, text: &str) -> Reply {
    app.call(
        &agent.client,
        "inbox/send",
        &[
            ("conversation_id", &conversation.to_string()),
            ("text", text),
        ],
    )
    .await
}

pub async fn open(app: &TestApp, agent: &Agent, conversation: i64) -> Reply {
    app.call(
        &agent.client,
        "inbox/open",
        &[("id", &conversation.to_string())],
    )
    .await
}

/// The "all" view of the list as `agent` sees it.
pub async fn list(app: &TestApp, agent: &Agent) -> Vec<Value> {
    let response = agent
        .client
        .post(format!("{}/api/inbox/list", app.base))
        .json(&json!({
            "filter": {"view": "all", "label_id": null, "assignee": null, "search": null},
            "after": null
        }))
        .send()
        .await
        .expect("list");
    assert_eq!(response.status().as_u16(), 200, "list");
    let page: Value = response.json().await.expect("json");
    page["rows"].as_array().expect("rows").clone()
}

pub fn row(rows: &[Value], conversation: i64) -> Option<&Value> {
    rows.iter().find(|r| r["id"] == conversation)
}

/// Our messages in the conversation (replies and notes, not activity lines).
pub async fn outbound_of(app: &TestApp, conversation: i64) -> Vec<app::ssr::MessageRecord> {
    outbound_in(app.state.store.as_ref(), conversation).await
}

/// [`outbound_of`] read from a store.
pub async fn outbound_in(
    store: &dyn app::ssr::Store,
    conversation: i64,
) -> Vec<app::ssr::MessageRecord> {
    store
        .messages_of_conversation(conversation)
        .await
        .expect("read")
        .into_iter()
        .filter(|m| m.direction == Direction::Outbound)
        .filter(|m| !matches!(m.body, MessageBody::Activity { .. }))
        .collect()
}

/// The thread `agent` sees when opening the conversation.
pub async fn thread(app: &TestApp, agent: &Agent, conversation: i64) -> Vec<Value> {
    let reply = open(app, agent, conversation).await;
    assert_eq!(reply.status, 200, "open: {:?}", reply.json);
    reply.json["thread"]["messages"]
        .as_array()
        .expect("messages")
        .clone()
}

/// Posts a file to the upload route as the console does.
pub async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    conversation: i64,
    mime: &str,
    query: &[(&str, &str)],
    bytes: Vec<u8>,
) -> (u16, Value) {
    let response = client
        .post(format!("{}/conversations/{conversation}/media", app.base))
        .query(query)
        .header("content-type", mime)
        .body(bytes)
        .send()
        .await
        .expect("upload");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// The desk with Meta played by a running simulator: the test drives the outbound worker
/// itself (`send_due`) so it controls the clock.
pub struct WithMeta {
    pub app: TestApp,
    pub sim_base: String,
    pub api: server::whatsapp::graph::GraphClient,
    pub http: reqwest::Client,
}

pub async fn with_meta(db: super::Db) -> WithMeta {
    with_meta_tweaked(db, |_| {}).await
}

/// [`with_meta`] with the simulator's settings adjusted first.
pub async fn with_meta_tweaked(
    db: super::Db,
    tweak: impl FnOnce(&mut server::simulator::SimConfig),
) -> WithMeta {
    use server::simulator::{SimConfig, Simulator};
    use std::time::Duration;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let sim_base = format!("http://{}", listener.local_addr().expect("addr"));
    let base = sim_base.clone();
    let app = super::spawn(db, move |c| c.whatsapp.api_base = base).await;
    let mut config = SimConfig::demo(
        format!("{}/webhooks/whatsapp", app.base),
        sim_base.clone(),
        APP_SECRET.into(),
        "test-access-token".into(),
    );
    config.phone_number_id = super::PHONE_NUMBER_ID.into();
    config.customer_every = None;
    config.delay_sent = Duration::from_millis(20);
    config.delay_delivered = Duration::from_millis(20);
    config.delay_read = Duration::from_millis(20);
    tweak(&mut config);
    let sim = Simulator::start(config);
    tokio::spawn(server::http::serve(listener, sim.router(), None));
    let api = server::whatsapp::graph::GraphClient::new(&app.config.whatsapp).expect("client");
    WithMeta {
        app,
        sim_base,
        api,
        http: reqwest::Client::new(),
    }
}

impl WithMeta {
    /// Syncs the simulator's templates into the desk.
    pub async fn synced(&self) {
        self.app
            .state
            .whatsapp
            .sync_templates()
            .await
            .expect("template sync");
    }

    /// The Meta id of a synced template, by name.
    pub async fn template_id(&self, name: &str) -> String {
        self.app
            .state
            .store
            .list_templates()
            .await
            .expect("templates")
            .into_iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("template {name} is synced"))
            .meta_id
    }

    /// A control call to the simulator (`/sim/...`).
    pub async fn sim(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.sim_base))
            .json(&body)
            .send()
            .await
            .expect("sim");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("json")
    }

    pub async fn sim_state(&self) -> Value {
        self.http
            .get(format!("{}/sim/state", self.sim_base))
            .send()
            .await
            .expect("sim state")
            .json()
            .await
            .expect("json")
    }

    /// What the business sent to the simulated customer `wa_id`.
    pub async fn received_by(&self, wa_id: &str) -> Vec<Value> {
        let state = self.sim_state().await;
        state["customers"]
            .as_array()
            .expect("customers")
            .iter()
            .filter(|c| c["wa_id"] == wa_id)
            .flat_map(|c| c["chat"].as_array().cloned().unwrap_or_default())
            .filter(|m| m["from_business"] == true)
            .map(|m| m["content"].clone())
            .collect()
    }

    /// A simulated customer who wrote `ago_seconds` ago; returns the desk's conversation.
    pub async fn customer_wrote(
        &self,
        name: &str,
        wa_id: &str,
        text: &str,
        ago_seconds: i64,
    ) -> i64 {
        let customer = self
            .sim(
                "/sim/customers",
                json!({"name": name, "wa_id": wa_id, "lang": "es", "human": true}),
            )
            .await;
        let id = customer["id"].as_u64().expect("id");
        let sent = self
            .sim(
                &format!("/sim/customers/{id}/messages"),
                json!({"type": "text", "text": text, "ago_seconds": ago_seconds}),
            )
            .await;
        let wamid = sent["wamid"].as_str().expect("wamid").to_string();
        self.stored(&wamid).await.conversation_id
    }

    /// Simulated customer `id` writes `text`; returns once the desk has stored it.
    pub async fn customer_says(&self, id: u64, text: &str) -> app::ssr::MessageRecord {
        let sent = self
            .sim(
                &format!("/sim/customers/{id}/messages"),
                json!({"type": "text", "text": text}),
            )
            .await;
        self.stored(sent["wamid"].as_str().expect("wamid")).await
    }

    /// Waits for the desk to store message `wamid`.
    pub async fn stored(&self, wamid: &str) -> app::ssr::MessageRecord {
        for _ in 0..600 {
            if let Some(m) = self
                .app
                .state
                .store
                .message_by_wamid(wamid)
                .await
                .expect("read")
            {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("{wamid} never reached the desk");
    }

    /// Runs the outbound worker once as if the clock read `now`.
    pub async fn send_due_at(&self, now: i64) -> server::outbound::Pass {
        let mut pacer =
            server::outbound::Pacer::new(server::outbound::OutboundSettings::default(), now);
        server::outbound::send_due(&*self.app.state.store, &self.api, &mut pacer, now)
            .await
            .expect("pass")
    }

    /// Waits until the stored message `id` satisfies `check`.
    pub async fn until_message(
        &self,
        id: i64,
        what: &str,
        check: impl Fn(&app::ssr::MessageRecord) -> bool,
    ) -> app::ssr::MessageRecord {
        for _ in 0..600 {
            let m = self
                .app
                .state
                .store
                .message(id)
                .await
                .expect("read")
                .expect("exists");
            if check(&m) {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("message {id} never became {what}");
    }
}
