//! Webhook ingest benchmark: signed webhook deliveries over real HTTP (loopback) into the
//! real router and store, on SQLite and (with `DATABASE_URL_PG`) PostgreSQL.
//!
//! Two runs per database:
//! - sustained: 32 concurrent senders for 10 s, as fast as the desk acknowledges;
//! - paced: 300 deliveries/s for 10 s, open loop, to read the acknowledgement latency.
//!
//! Every delivery carries one inbound text message from one of 2,000 customers, signed like
//! Meta's. Prints a Markdown table. Run with `make bench`.

use app::domain::session::SessionPolicy;
use server::config::{Config, DatabaseUrl, Secret, WhatsAppConfig};
use server::whatsapp::signature::sign;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SECRET: &str = "bench-app-secret";
const PHONE_NUMBER_ID: &str = "106540352242922";
const CUSTOMERS: u64 = 2_000;

fn body(n: u64) -> Vec<u8> {
    let customer = n % CUSTOMERS;
    let json = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"{PHONE_NUMBER_ID}"}},"contacts":[{{"profile":{{"name":"Cliente {customer}"}},"wa_id":"3460{customer:07}"}}],"messages":[{{"from":"3460{customer:07}","id":"wamid.bench{n}-{stamp}","timestamp":"1767225600","type":"text","text":{{"body":"Hola, \u00bfd\u00f3nde est\u00e1 mi pedido {n}?"}}}}]}},"field":"messages"}}]}}]}}"#,
        stamp = std::process::id()
    );
    json.into_bytes()
}

struct Run {
    events: u64,
    seconds: f64,
    latencies_ms: Vec<f64>,
    errors: u64,
}

impl Run {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies_ms.is_empty() {
            return f64::NAN;
        }
        let mut l = self.latencies_ms.clone();
        l.sort_by(|a, b| a.total_cmp(b));
        l[((l.len() as f64 - 1.0) * p).round() as usize]
    }
}

async fn start(database: DatabaseUrl, dir: &std::path::Path) -> String {
    let config = Config {
        addr: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.to_path_buf(),
        database,
        secure_cookies: false,
        public_url: None,
        sessions: SessionPolicy::default(),
        trusted_proxies: Vec::new(),
        send_rate: 80,
        api_rate_per_minute: 600,
        send_in_doubt_ms: 5 * 60 * 1000,
        whatsapp: WhatsAppConfig {
            api_base: "http://127.0.0.1:9".into(),
            api_version: "v25.0".into(),
            phone_number_id: Some(PHONE_NUMBER_ID.into()),
            business_account_id: None,
            access_token: None,
            app_secret: Some(Secret::new(SECRET)),
            verify_token: None,
            media_hosts: Vec::new(),
        },
    };
    let database = server::open_database(&config).await.expect("database");
    let link = server::connect(&config, &database, false).expect("connection");
    let state = server::server_state(&config, &database, link);
    let hub = server::realtime::Hub::start(state.store.clone()).await;
    let router = server::http::router(&config, &database, state, hub)
        .await
        .expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(server::http::serve(listener, router, None));
    format!("http://{addr}/webhooks/whatsapp")
}

async fn deliver(client: &reqwest::Client, url: &str, n: u64) -> Option<f64> {
    let bytes = body(n);
    let signature = sign(SECRET.as_bytes(), &bytes);
    let started = Instant::now();
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-hub-signature-256", signature)
        .body(bytes)
        .send()
        .await
        .ok()?;
    (response.status().as_u16() == 200).then(|| started.elapsed().as_secs_f64() * 1000.0)
}

async fn sustained(url: &str, seconds: u64, senders: u64, next: Arc<AtomicU64>) -> Run {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..senders {
        let (client, url, next) = (client.clone(), url.to_string(), next.clone());
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors, mut latencies) = (0u64, 0u64, Vec::new());
            while Instant::now() < deadline {
                match deliver(&client, &url, next.fetch_add(1, Ordering::Relaxed)).await {
                    Some(ms) => {
                        ok += 1;
                        latencies.push(ms);
                    }
                    None => errors += 1,
                }
            }
            (ok, errors, latencies)
        }));
    }
    let mut run = Run {
        events: 0,
        seconds: 0.0,
        latencies_ms: Vec::new(),
        errors: 0,
    };
    for t in tasks {
        let (ok, errors, latencies) = t.await.expect("sender");
        run.events += ok;
        run.errors += errors;
        run.latencies_ms.extend(latencies);
    }
    run.seconds = started.elapsed().as_secs_f64();
    run
}

async fn paced(url: &str, seconds: u64, per_second: u64, next: Arc<AtomicU64>) -> Run {
    let client = reqwest::Client::new();
    let total = seconds * per_second;
    let interval = Duration::from_secs_f64(1.0 / per_second as f64);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    for _ in 0..total {
        ticker.tick().await;
        let (client, url, n) = (
            client.clone(),
            url.to_string(),
            next.fetch_add(1, Ordering::Relaxed),
        );
        tasks.push(tokio::spawn(async move { deliver(&client, &url, n).await }));
    }
    let mut run = Run {
        events: 0,
        seconds: 0.0,
        latencies_ms: Vec::new(),
        errors: 0,
    };
    for t in tasks {
        match t.await.expect("delivery") {
            Some(ms) => {
                run.events += 1;
                run.latencies_ms.push(ms);
            }
            None => run.errors += 1,
        }
    }
    run.seconds = started.elapsed().as_secs_f64();
    run
}

fn row(database: &str, kind: &str, run: &Run) {
    println!(
        "| {database} | {kind} | {:.0} | {:.1} | {:.1} | {} |",
        run.events as f64 / run.seconds,
        run.percentile(0.5),
        run.percentile(0.99),
        run.errors
    );
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let mut databases = vec![("SQLite", None)];
    if let Ok(url) = std::env::var("DATABASE_URL_PG") {
        databases.push(("PostgreSQL", Some(url)));
    }
    println!("Webhook ingest: one inbound message per signed delivery, real HTTP on loopback, {seconds} s per run, {} cores.", std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    println!();
    println!("| database | run | events/s | ack p50 (ms) | ack p99 (ms) | errors |");
    println!("|---|---|---|---|---|---|");
    for (name, pg) in databases {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let url = match pg {
            Some(u) => DatabaseUrl::Postgres(u),
            None => DatabaseUrl::Sqlite(format!(
                "sqlite://{}",
                dir.path().join("bench.db").display()
            )),
        };
        let endpoint = start(url, dir.path()).await;
        let next = Arc::new(AtomicU64::new(0));
        // Warm up connections, caches and the first customers.
        let _ = sustained(&endpoint, 1, 8, next.clone()).await;
        let s = sustained(&endpoint, seconds, 32, next.clone()).await;
        row(name, "sustained, 32 senders", &s);
        let p = paced(&endpoint, seconds, 300, next.clone()).await;
        row(name, "paced, 300/s", &p);
    }
}
