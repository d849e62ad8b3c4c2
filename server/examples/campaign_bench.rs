//! Campaign benchmark: a 100,000-recipient campaign on SQLite, measured, never asserted.
//! Figures and method are in docs/benchmarks.md; `make bench` runs it.
//!
//! The real `buzon serve` binary (next to this example in target/release, or `BUZON_BIN`)
//! runs as a child process on a fresh SQLite file holding `BENCH_RECIPIENTS` opted-in
//! contacts (seeded with set-based SQL before it starts) and a supervisor. Meta is the
//! simulator, in this process, accepting `BENCH_RATE` messages a second (the number's
//! throughput; the desk runs with the same `BUZON_SEND_RATE`, and the team keeps nothing
//! back for people so the campaign may use all of it). A layer in front of the simulator
//! counts every send by recipient. The simulator does not know the seeded numbers: each
//! send is accepted, then fails as undeliverable (131026) by webhook — one status webhook
//! per message, as a delivered message would bring.
//!
//! Measured: the segment count over HTTP (`/api/campaigns/count`), the launch (segment
//! evaluated, every recipient reviewed and written), the sustained sending rate, a customer's
//! message reaching the supervisor's console while the campaign sends (signed webhooks at
//! 10 a second, p50/p99 to the websocket frame), then `kill -9` of the server half way, a
//! restart on the same file, and at the end: recipients sent twice (duplicates) and never
//! sent (lost).
//!
//! Settings (environment): BENCH_RECIPIENTS (100000), BENCH_RATE (1000), BUZON_BIN;
//! BENCH_KEEP=1 keeps the data folder (database and server logs) for inspection.

use app::domain::campaigns::{CampaignSettings, CAMPAIGN_SETTING};
use app::domain::roles::Role;
use app::ssr::password::{HashParams, Hasher};
use app::ssr::{now_ms, NewUser};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use futures::StreamExt;
use server::config::DatabaseUrl;
use server::db::Database;
use server::simulator::{SimConfig, Simulator};
use server::whatsapp::signature::sign;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

const SECRET: &str = "bench-app-secret";
const TOKEN: &str = "bench-access-token";
const PHONE_NUMBER_ID: &str = "106540352242922";
const WABA: &str = "102290129340398";
const EMAIL: &str = "supervisor@bench.example";
const PASSWORD: &str = "bench-password-1234";
const WAMID_PREFIX: &str = "wamid.kb";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(default)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn buzon_binary() -> PathBuf {
    if let Ok(path) = std::env::var("BUZON_BIN") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("target directory")
        .join("buzon")
}

/// Every send the simulator answered, by recipient, and when (ms since the start).
#[derive(Default)]
struct Sends {
    by_recipient: HashMap<String, u32>,
    at_ms: Vec<u64>,
}

type Counter = Arc<(Instant, Mutex<Sends>)>;

/// Counts sends (`POST …/messages` with a `to`) on their way into the simulator.
async fn count_sends(
    State(counter): State<Counter>,
    request: Request,
    next: Next,
) -> axum::response::Response {
    if !request.uri().path().ends_with("/messages") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let to = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v["to"].as_str().map(str::to_string));
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if let (Some(to), true) = (to, response.status().is_success()) {
        let mut sends = counter.1.lock().expect("counter");
        *sends.by_recipient.entry(to).or_default() += 1;
        let at = counter.0.elapsed().as_millis() as u64;
        sends.at_ms.push(at);
    }
    response
}

async fn seed(dir: &Path, recipients: u64) {
    let url = DatabaseUrl::Sqlite(format!("sqlite://{}", dir.join("buzon.db").display()));
    let database = Database::open(&url).await.expect("database");
    database.migrate().await.expect("migrate");
    let store = database.store();
    let cheap = HashParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let hash = Hasher::new(cheap, 1)
        .hash(PASSWORD.to_string())
        .await
        .expect("hash");
    store
        .create_user(
            NewUser {
                email: EMAIL.into(),
                name: "Bench Supervisor".into(),
                role: Role::Supervisor,
                password_hash: hash,
                capacity: 5,
                language: None,
            },
            now_ms(),
        )
        .await
        .expect("supervisor");
    // The portfolio's tier is unlimited, no frequency cap, nothing kept back for people.
    let settings = CampaignSettings {
        tier: app::domain::campaigns::limits::MessagingTier::Unlimited,
        frequency_cap_hours: 0,
        reserved_percent: 0,
    };
    store
        .put_setting(
            CAMPAIGN_SETTING,
            &serde_json::to_string(&settings).expect("json"),
            now_ms(),
        )
        .await
        .expect("settings");
    if let Database::Sqlite(s) = &database {
        let now = now_ms();
        sqlx::query(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {recipients})
             INSERT INTO contacts (wa_id, profile_name, marketing, marketing_changed_at, created_at, updated_at)
             SELECT '9198' || substr('00000000' || i, -8, 8), 'Cliente ' || i, 'opted_in', {now}, {now}, {now} FROM n"
        ))
        .execute(s.pool())
        .await
        .expect("contacts");
        s.pool().close().await;
    }
}

struct Child {
    process: tokio::process::Child,
    log: PathBuf,
}

fn start_child(dir: &Path, port: u16, sim: &str, rate: u64) -> Child {
    let bin = buzon_binary();
    assert!(
        bin.exists(),
        "{} not found: build it or set BUZON_BIN",
        bin.display()
    );
    let log = dir.join(format!("server-{}.log", now_ms()));
    let stderr = std::fs::File::create(&log).expect("log file");
    let mut command = tokio::process::Command::new(&bin);
    command
        .arg("serve")
        .env("BUZON_ADDR", format!("127.0.0.1:{port}"))
        .env("BUZON_DATA_DIR", dir)
        .env("BUZON_SEND_RATE", rate.to_string())
        .env("BUZON_SEND_IN_DOUBT", "30s")
        .env("WHATSAPP_API_BASE", sim)
        .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN)
        .env("WHATSAPP_APP_SECRET", SECRET)
        .env("RUST_LOG", "warn")
        .env_remove("DATABASE_URL")
        .env_remove("BUZON_PUBLIC_URL")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .kill_on_drop(true);
    Child {
        process: command.spawn().expect("start buzon serve"),
        log,
    }
}

async fn wait_healthy(child: &mut Child, base: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Some(status)) = child.process.try_wait() {
            panic!(
                "buzon serve exited ({status}): {}",
                std::fs::read_to_string(&child.log).unwrap_or_default()
            );
        }
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "buzon serve did not become healthy"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs in; returns the `buzon_session=…` cookie.
async fn login(client: &reqwest::Client, base: &str) -> String {
    let response = client
        .post(format!("{base}/api/login"))
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("buzon_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
        .expect("a session cookie")
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    endpoint: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let response = client
        .post(format!("{base}/api/{endpoint}"))
        .header("cookie", cookie)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

fn draft(rate: u64) -> serde_json::Value {
    serde_json::json!({
        "name": "Bench",
        "filter": {"consent": ["opted_in"]},
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
        "buttons": [],
        "start": "",
        "quiet_hours": null,
        "rate_per_second": rate,
        "over_limit": "spread"
    })
}

fn webhook_body(n: u64) -> Vec<u8> {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"{WABA}","changes":[{{"value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"{PHONE_NUMBER_ID}"}},"contacts":[{{"profile":{{"name":"Cliente {n}"}},"wa_id":"3460{n:07}"}}],"messages":[{{"from":"3460{n:07}","id":"{WAMID_PREFIX}{n}","timestamp":"1767225600","type":"text","text":{{"body":"¿Y mi pedido {n}?"}}}}]}},"field":"messages"}}]}}]}}"#
    )
    .into_bytes()
}

/// While the campaign sends: a customer's message every 100 ms, from the webhook's POST to
/// the supervisor's console frame carrying it. Returns the latencies (ms).
async fn console_latency(host: &str, cookie: &str, seconds: u64) -> Vec<f64> {
    let mut request = format!("ws://{host}/ws")
        .into_client_request()
        .expect("request");
    let headers = request.headers_mut();
    headers.insert("origin", format!("http://{host}").parse().expect("origin"));
    headers.insert("cookie", cookie.parse().expect("cookie"));
    let (mut ws, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("websocket");
    let base = Instant::now();
    let posted: Arc<Mutex<HashMap<u64, f64>>> = Arc::default();
    let poster = {
        let (posted, host) = (posted.clone(), host.to_string());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            for n in 0..seconds * 10 {
                tick.tick().await;
                let body = webhook_body(n);
                let signature = sign(SECRET.as_bytes(), &body);
                posted
                    .lock()
                    .expect("posted")
                    .insert(n, base.elapsed().as_secs_f64() * 1000.0);
                let _ = client
                    .post(format!("http://{host}/webhooks/whatsapp"))
                    .header("content-type", "application/json")
                    .header("x-hub-signature-256", signature)
                    .body(body)
                    .send()
                    .await;
            }
        })
    };
    let mut latencies = Vec::new();
    let deadline = base + Duration::from_secs(seconds + 5);
    let mark = format!("\"wamid\":\"{WAMID_PREFIX}");
    while Instant::now() < deadline {
        let Ok(Some(Ok(Message::Text(text)))) =
            tokio::time::timeout(Duration::from_secs(1), ws.next()).await
        else {
            continue;
        };
        let text = text.as_str();
        if !text.starts_with(r#"{"type":"message""#) {
            continue;
        }
        let Some(at) = text.find(&mark) else { continue };
        let rest = &text[at + mark.len()..];
        let Some(n) = rest[..rest.find('"').unwrap_or(0)].parse::<u64>().ok() else {
            continue;
        };
        if let Some(sent) = posted.lock().expect("posted").remove(&n) {
            latencies.push(base.elapsed().as_secs_f64() * 1000.0 - sent);
        }
    }
    poster.abort();
    latencies.sort_by(f64::total_cmp);
    latencies
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::main]
async fn main() {
    let recipients = setting("BENCH_RECIPIENTS", 100_000);
    let rate = setting("BENCH_RATE", 1_000);
    let dir = tempfile::TempDir::new().expect("temp dir");
    let seeding = Instant::now();
    seed(dir.path(), recipients).await;
    println!(
        "seeded {recipients} opted-in contacts in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    // Meta: the simulator, counting every send on its way in.
    let port = free_port();
    let host = format!("127.0.0.1:{port}");
    let desk = format!("http://{host}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let sim_base = format!("http://{}", listener.local_addr().expect("addr"));
    let mut config = SimConfig::demo(
        format!("{desk}/webhooks/whatsapp"),
        sim_base.clone(),
        SECRET.into(),
        TOKEN.into(),
    );
    config.customer_every = None;
    config.delay_sent = Duration::from_millis(50);
    config.throughput = app::domain::pacing::Rate {
        capacity: rate as f64,
        per_second: rate as f64,
    };
    let sim = Simulator::start(config);
    sim.state.lock().expect("sim").number.messaging_limit = "TIER_UNLIMITED".into();
    let counter: Counter = Arc::new((Instant::now(), Mutex::default()));
    let router = sim.router().layer(axum::middleware::from_fn_with_state(
        counter.clone(),
        count_sends,
    ));
    tokio::spawn(server::http::serve(listener, router, None));

    let mut child = start_child(dir.path(), port, &sim_base, rate);
    wait_healthy(&mut child, &desk).await;
    let http = reqwest::Client::new();
    let cookie = login(&http, &desk).await;
    // Templates are synced from the simulator at start.
    let filter = serde_json::json!({"filter": {"consent": ["opted_in"]}});
    let mut counts = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let (status, body) = call(&http, &desk, &cookie, "campaigns/count", filter.clone()).await;
        assert_eq!(status, 200, "{body}");
        counts.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    counts.sort_by(f64::total_cmp);
    println!(
        "segment count over HTTP ({recipients} contacts): median {:.0} ms, max {:.0} ms",
        counts[2], counts[4]
    );
    let launch = serde_json::json!({"draft": draft(rate)});
    let started = Instant::now();
    let (status, body) = loop {
        let (status, body) = call(&http, &desk, &cookie, "campaigns/launch", launch.clone()).await;
        // The first template sync may still be running.
        if status == 200
            || started.elapsed() > Duration::from_secs(30)
            || !body.to_string().contains("template")
        {
            break (status, body);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(status, 200, "launch: {body}");
    let launch_s = started.elapsed().as_secs_f64();
    println!("launch (segment, review, {recipients} recipients written): {launch_s:.1} s");

    // While it sends: a customer writes in, the console shows it.
    let latencies = console_latency(&host, &cookie, 10).await;
    println!(
        "console while sending: {} messages, p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0)
    );

    // Half way: kill -9, restart on the same file.
    let sent = || counter.1.lock().expect("counter").at_ms.len() as u64;
    while sent() < recipients / 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.process.start_kill().expect("kill -9");
    let _ = child.process.wait().await;
    let killed_at = sent();
    println!("killed (SIGKILL) after {killed_at} sends");
    let mut child = start_child(dir.path(), port, &sim_base, rate);
    wait_healthy(&mut child, &desk).await;
    let mut last = (sent(), Instant::now());
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let unique = counter.1.lock().expect("counter").by_recipient.len() as u64;
        if unique >= recipients {
            break;
        }
        if sent() != last.0 {
            last = (sent(), Instant::now());
        } else if last.1.elapsed() > Duration::from_secs(90) {
            println!("no send for 90 s: stopping");
            break;
        }
    }
    let sends = counter.1.lock().expect("counter");
    let duplicates = sends.by_recipient.values().filter(|n| **n > 1).count();
    let lost = recipients.saturating_sub(sends.by_recipient.len() as u64);
    // Sustained: between the 10 % and the 45 % mark (before the kill).
    let at = |fraction: f64| {
        sends.at_ms[((recipients as f64 * fraction) as usize).min(sends.at_ms.len() - 1)]
    };
    let window_s = (at(0.45) - at(0.10)) as f64 / 1000.0;
    let sustained = recipients as f64 * 0.35 / window_s;
    let total_s = (sends.at_ms.last().copied().unwrap_or(0) - sends.at_ms[0]) as f64 / 1000.0;
    println!(
        "sending: sustained {sustained:.0}/s (10–45 %), all {} sends in {total_s:.1} s including the restart",
        sends.at_ms.len()
    );
    println!("after kill -9 and restart: {duplicates} duplicates, {lost} lost");
    drop(sends);
    let _ = child.process.start_kill();
    if std::env::var("BENCH_KEEP").is_ok() {
        println!("kept: {}", dir.keep().display());
    }
}
