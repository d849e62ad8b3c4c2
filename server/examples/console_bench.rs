//! Console benchmark: what agents feel, measured, never asserted. Figures and method are in
//! docs/benchmarks.md; `make bench` runs it.
//!
//! Part A, live latency on SQLite. The real `buzon serve` binary (next to this example in
//! target/release, or `BUZON_BIN`) runs as a child process on a fresh data folder, so its
//! memory is its own: `VmRSS` of `/proc/<pid>/status`, with none of this load generator's
//! sockets in it. Agents are created directly in its SQLite file before it starts, with cheap
//! argon2 parameters (64 KiB, 1 pass) so that 200 accounts cost nothing to make; each agent
//! then signs in over HTTP (`/api/login`), where the server, running with its real parameters,
//! re-hashes the outdated hash as it would any other (before anything is measured).
//! Every agent opens `/ws` with its session cookie and an `Origin` matching the `Host`, and
//! reads frames in its own task. Signed inbound-text webhooks are then posted at a fixed rate,
//! each with its own wamid; the latency of one webhook is from the start of its POST to the
//! moment the `message` frame carrying that wamid is read by the last (and by the median)
//! agent. Before the load: the server's RSS after one sign-in, after all of them (the bound
//! on what argon2 leaves behind), after 200 parallel wrong passwords for one account, then
//! the memory per idle websocket: `BENCH_IDLE_SOCKETS` sockets spread over the agents (20 at
//! most per user), opened in four steps, the server's RSS read after each, and the slope of
//! RSS over sockets reported.
//!
//! Part B, the conversation list at scale, on SQLite and (with `DATABASE_URL_PG`)
//! PostgreSQL. 100,000 conversations with 20 messages each are seeded with set-based SQL
//! (`INSERT … SELECT` over a generated series: seeding only, nothing else bypasses the
//! store), then the first page (40 rows) of several views is read through
//! `ConsoleStore::inbox`, the query behind `/api/inbox/list`: the server's time. The same
//! page is also fetched over HTTP by a signed-in agent, for the whole round trip.
//!
//! Settings (environment): BENCH_AGENTS (200), BENCH_RATE (300 events/s), BENCH_SECONDS (20),
//! BENCH_IDLE_SOCKETS (1000), BENCH_CONVERSATIONS (100000), BENCH_MESSAGES_PER (20),
//! BENCH_REPEAT (50), BENCH_PARTS ("live,list"), BUZON_BIN; BENCH_KEEP=1 keeps part B's
//! seeded databases for inspection.

use app::domain::inbox::View;
use app::domain::roles::Role;
use app::domain::session::SessionPolicy;
use app::ssr::password::{HashParams, Hasher};
use app::ssr::{now_ms, InboxQuery, NewUser, Store};
use app::wire::inbox::InboxFilter;
use futures::{SinkExt, StreamExt};
use server::config::{Config, DatabaseUrl, Secret, WhatsAppConfig};
use server::db::Database;
use server::whatsapp::signature::sign;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

const SECRET: &str = "bench-app-secret";
const PHONE_NUMBER_ID: &str = "106540352242922";
const PASSWORD: &str = "bench-password-1234";
/// Customers writing in during part A.
const CUSTOMERS: u64 = 2_000;
/// The wamid prefix of part A's messages; the number after it indexes the send times.
const WAMID_PREFIX: &str = "wamid.cb";
/// Rows per list page (`app::api::inbox::LIST_PAGE`).
const PAGE: u32 = 40;

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(default)
}

/// Cheap argon2 parameters for the benchmark's own accounts (see the top of the file).
fn cheap_hashing() -> HashParams {
    HashParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(|a, b| a.total_cmp(b));
    v
}

fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Creates `count` agents sharing one cheap hash; returns their ids in order.
async fn create_agents(store: &Arc<dyn Store>, count: u64) -> Vec<i64> {
    let hash = Hasher::new(cheap_hashing(), 1)
        .hash(PASSWORD.to_string())
        .await
        .expect("hash");
    let mut ids = Vec::with_capacity(count as usize);
    for i in 0..count {
        let user = store
            .create_user(
                NewUser {
                    email: format!("agent{i}@bench.example"),
                    name: format!("Agent {i}"),
                    role: Role::Agent,
                    password_hash: hash.clone(),
                    capacity: 5,
                    language: None,
                },
                now_ms(),
            )
            .await
            .expect("create agent");
        ids.push(user.id);
    }
    ids
}

// ---------------------------------------------------------------------------------------
// Process figures from /proc.

/// `VmRSS` and `VmHWM` (peak) of a process, in KiB.
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// User + system CPU time of a process, in clock ticks (100 per second on Linux).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let get = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    get(11) + get(12)
}

/// Least-squares slope of (count, KiB) samples: KiB per unit of count.
fn slope(samples: &[(u64, u64)]) -> f64 {
    let n = samples.len() as f64;
    let mx = samples.iter().map(|s| s.0 as f64).sum::<f64>() / n;
    let my = samples.iter().map(|s| s.1 as f64).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for &(x, y) in samples {
        sxy += (x as f64 - mx) * (y as f64 - my);
        sxx += (x as f64 - mx) * (x as f64 - mx);
    }
    if sxx == 0.0 {
        f64::NAN
    } else {
        sxy / sxx
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

// ---------------------------------------------------------------------------------------
// Part A: live latency.

fn webhook_body(n: u64) -> Vec<u8> {
    let customer = n % CUSTOMERS;
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"{PHONE_NUMBER_ID}"}},"contacts":[{{"profile":{{"name":"Cliente {customer}"}},"wa_id":"3460{customer:07}"}}],"messages":[{{"from":"3460{customer:07}","id":"{WAMID_PREFIX}{n}","timestamp":"1767225600","type":"text","text":{{"body":"Hola, \u00bfd\u00f3nde est\u00e1 mi pedido {n}?"}}}}]}},"field":"messages"}}]}}]}}"#
    )
    .into_bytes()
}

/// The number of a `message` frame's wamid, if it is one of ours.
fn message_number(frame: &str) -> Option<u32> {
    const MARK: &str = "\"wamid\":\"wamid.cb";
    debug_assert!(MARK.ends_with(WAMID_PREFIX));
    if !frame.starts_with(r#"{"type":"message""#) {
        return None;
    }
    let rest = &frame[frame.find(MARK)? + MARK.len()..];
    rest[..rest.find('"')?].parse().ok()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// `buzon` next to this example (target/release/examples/console_bench → target/release/buzon).
fn buzon_binary() -> PathBuf {
    if let Ok(path) = std::env::var("BUZON_BIN") {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target directory");
    dir.join("buzon")
}

struct Child {
    process: tokio::process::Child,
    pid: u32,
    log: PathBuf,
}

impl Child {
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }
}

async fn start_child(dir: &Path, port: u16) -> Child {
    let bin = buzon_binary();
    assert!(
        bin.exists(),
        "{} not found: build it with `cargo build --release -p server --bin buzon` or set BUZON_BIN",
        bin.display()
    );
    let log = dir.join("server.log");
    let stderr = std::fs::File::create(&log).expect("log file");
    let mut command = tokio::process::Command::new(&bin);
    command
        .arg("serve")
        .env("BUZON_ADDR", format!("127.0.0.1:{port}"))
        .env("BUZON_DATA_DIR", dir)
        .env("BUZON_SESSION_IDLE", "2h")
        .env("WHATSAPP_API_BASE", "http://127.0.0.1:9")
        .env("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID)
        .env("WHATSAPP_APP_SECRET", SECRET)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .kill_on_drop(true);
    for name in [
        "DATABASE_URL",
        "BUZON_PUBLIC_URL",
        "WHATSAPP_ACCESS_TOKEN",
        "WHATSAPP_BUSINESS_ACCOUNT_ID",
        "WHATSAPP_VERIFY_TOKEN",
    ] {
        command.env_remove(name);
    }
    let process = command.spawn().expect("start buzon serve");
    let pid = process.id().expect("child pid");
    Child { process, pid, log }
}

async fn wait_healthy(child: &mut Child, base: &str) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(status)) = child.process.try_wait() {
            panic!("buzon serve exited ({status}):\n{}", child.log_tail());
        }
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "buzon serve did not become healthy:\n{}",
            child.log_tail()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs in over HTTP; returns the `buzon_session=…` cookie.
async fn login(client: &reqwest::Client, base: &str, email: &str) -> String {
    let response = client
        .post(format!("{base}/api/login"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .expect("login request");
    let status = response.status();
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("buzon_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
        .unwrap_or_else(|| panic!("login of {email} gave no session ({status})"))
}

/// Opens `/ws` like the console does and reads the hello frame.
async fn open_socket(host: &str, cookie: &str) -> Ws {
    let mut request = format!("ws://{host}/ws")
        .into_client_request()
        .expect("request");
    let headers = request.headers_mut();
    headers.insert(
        "origin",
        format!("http://{host}").parse().expect("origin header"),
    );
    headers.insert("cookie", cookie.parse().expect("cookie header"));
    let (mut ws, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("websocket handshake");
    match tokio::time::timeout(Duration::from_secs(10), ws.next()).await {
        Ok(Some(Ok(Message::Text(text)))) if text.as_str().starts_with(r#"{"type":"hello""#) => ws,
        other => panic!("expected a hello frame, got {other:?}"),
    }
}

/// Opens one socket per cookie (cycling), `parallel` handshakes at a time.
async fn open_sockets(host: &str, cookies: &[String], count: usize, parallel: usize) -> Vec<Ws> {
    futures::stream::iter((0..count).map(|i| {
        let cookie = cookies[i % cookies.len()].clone();
        let host = host.to_string();
        async move { open_socket(&host, &cookie).await }
    }))
    .buffered(parallel)
    .collect()
    .await
}

struct AgentLog {
    /// (message number, read at in ns since the benchmark's base instant).
    seen: Vec<(u32, u64)>,
    frames: u64,
    ended: Option<String>,
}

/// One agent's console: reads every frame, notes when each of our messages arrived, pings
/// every 20 s like the console.
async fn agent(
    mut ws: Ws,
    base: Instant,
    mut stop: tokio::sync::watch::Receiver<bool>,
    received: Arc<AtomicU64>,
) -> AgentLog {
    let mut log = AgentLog {
        seen: Vec::new(),
        frames: 0,
        ended: None,
    };
    let mut ping = tokio::time::interval(Duration::from_secs(20));
    ping.tick().await;
    loop {
        tokio::select! {
            frame = ws.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    let at = base.elapsed().as_nanos() as u64;
                    log.frames += 1;
                    if let Some(n) = message_number(text.as_str()) {
                        log.seen.push((n, at));
                        received.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    log.ended = Some(format!("closed by the server: {frame:?}"));
                    break;
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    log.ended = Some(e.to_string());
                    break;
                }
                None => {
                    log.ended = Some("connection ended".into());
                    break;
                }
            },
            _ = ping.tick() => {
                let _ = ws.send(Message::text(r#"{"type":"ping"}"#)).await;
            }
            _ = stop.changed() => break,
        }
    }
    let _ = ws.close(None).await;
    log
}

/// Posts `count` signed webhooks numbered from `first` at `rate` per second (open loop);
/// notes each POST's start in `sent`. Returns the acknowledgement latencies and errors.
async fn post_webhooks(
    endpoint: &str,
    first: u64,
    count: u64,
    rate: u64,
    sent: Arc<Vec<AtomicU64>>,
    base: Instant,
) -> (Vec<f64>, u64) {
    let client = reqwest::Client::new();
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = Vec::with_capacity(count as usize);
    for n in first..first + count {
        ticker.tick().await;
        let (client, endpoint, sent) = (client.clone(), endpoint.to_string(), sent.clone());
        tasks.push(tokio::spawn(async move {
            let bytes = webhook_body(n);
            let signature = sign(SECRET.as_bytes(), &bytes);
            let started = Instant::now();
            sent[n as usize].store(base.elapsed().as_nanos() as u64, Ordering::Relaxed);
            let response = client
                .post(&endpoint)
                .header("content-type", "application/json")
                .header("x-hub-signature-256", signature)
                .body(bytes)
                .send()
                .await
                .ok()?;
            (response.status().as_u16() == 200).then(|| started.elapsed().as_secs_f64() * 1000.0)
        }));
    }
    let (mut acks, mut errors) = (Vec::new(), 0);
    for task in tasks {
        match task.await.expect("webhook task") {
            Some(ms) => acks.push(ms),
            None => errors += 1,
        }
    }
    (acks, errors)
}

async fn live(agents: u64, rate: u64, seconds: u64, idle_sockets: u64) {
    let dir = tempfile::TempDir::new().expect("temp dir");
    // The accounts go straight into the server's database file before it starts.
    {
        let url = DatabaseUrl::Sqlite(format!(
            "sqlite://{}",
            dir.path().join("buzon.db").display()
        ));
        let database = Database::open(&url).await.expect("database");
        database.migrate().await.expect("migrate");
        create_agents(&database.store(), agents).await;
        if let Database::Sqlite(s) = &database {
            s.pool().close().await;
        }
    }
    let port = free_port();
    let host = format!("127.0.0.1:{port}");
    let base_url = format!("http://{host}");
    let mut child = start_child(dir.path(), port).await;
    wait_healthy(&mut child, &base_url).await;
    let (rss_started, _) = memory_kib(child.pid);

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let base = Instant::now();

    // One agent signs in, then every other.
    let first = login(&http, &base_url, "agent0@bench.example").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (rss_one_login, _) = memory_kib(child.pid);
    // Every agent signs in.
    let started = Instant::now();
    let mut cookies = vec![first];
    let others: Vec<String> = futures::stream::iter((1..agents).map(|i| {
        let (http, base_url) = (http.clone(), base_url.clone());
        async move { login(&http, &base_url, &format!("agent{i}@bench.example")).await }
    }))
    .buffered(cores())
    .collect()
    .await;
    cookies.extend(others);
    let login_s = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (rss_no_sockets, _) = memory_kib(child.pid);

    // A burst of wrong passwords for one account, all at once: the throttle claims each
    // attempt before hashing, and the hasher runs two at a time.
    let burst = futures::future::join_all((0..200).map(|_| {
        http.post(format!("{base_url}/api/login"))
            .form(&[
                ("email", "agent1@bench.example"),
                ("password", "wrong-guess-123"),
            ])
            .send()
    }))
    .await;
    let refused = burst
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|r| r.status().as_u16() != 200))
        .count();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (rss_after_burst, _) = memory_kib(child.pid);

    // Idle consoles, spread over the signed-in agents (a user may hold 20 at most): what is
    // weighed is the socket. The hasher's two buffers are already allocated, so sign-ins no
    // longer blur the figure.
    let steps = 4u64;
    let mut samples = vec![(0u64, rss_after_burst)];
    let (idle_stop, idle_stopped) = tokio::sync::watch::channel(false);
    let mut drains = Vec::new();
    for step in 1..=steps {
        let count = idle_sockets * step / steps - idle_sockets * (step - 1) / steps;
        let opened = open_sockets(&host, &cookies, count as usize, 8).await;
        for ws in opened {
            let ignored = Arc::new(AtomicU64::new(0));
            drains.push(tokio::spawn(agent(ws, base, idle_stopped.clone(), ignored)));
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        samples.push((idle_sockets * step / steps, memory_kib(child.pid).0));
    }
    let per_idle_slope = slope(&samples);
    let _ = idle_stop.send(true);
    for d in drains {
        let _ = d.await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    // The agents' consoles.
    let sockets = open_sockets(&host, &cookies, agents as usize, 8).await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let received = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = sockets
        .into_iter()
        .map(|ws| tokio::spawn(agent(ws, base, stopped.clone(), received.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (rss_agents, _) = memory_kib(child.pid);

    // The load: one warm-up second, then the measured run.
    let warm = rate;
    let measured = rate * seconds;
    let total = warm + measured;
    let sent: Arc<Vec<AtomicU64>> = Arc::new((0..total).map(|_| AtomicU64::new(0)).collect());
    let endpoint = format!("{base_url}/webhooks/whatsapp");
    let _ = post_webhooks(&endpoint, 0, warm, rate, sent.clone(), base).await;
    let (cpu_server_0, cpu_self_0) = (cpu_ticks(child.pid), cpu_ticks(std::process::id()));
    let load_started = Instant::now();
    let (acks, errors) = post_webhooks(&endpoint, warm, measured, rate, sent.clone(), base).await;
    let load_s = load_started.elapsed().as_secs_f64();
    let (cpu_server, cpu_self) = (
        cpu_ticks(child.pid) - cpu_server_0,
        cpu_ticks(std::process::id()) - cpu_self_0,
    );
    // Let the last frames arrive.
    let expected = total * agents;
    let deadline = Instant::now() + Duration::from_secs(10);
    while received.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (rss_after, rss_peak) = memory_kib(child.pid);
    let _ = stop.send(true);
    let mut logs = Vec::new();
    for t in tasks {
        logs.push(t.await.expect("agent task"));
    }
    let _ = child.process.kill().await;

    // Webhook-to-screen latency of every measured message.
    let mut per_message: Vec<Vec<f64>> = vec![Vec::new(); total as usize];
    let mut ended = Vec::new();
    for log in &logs {
        let mut got = vec![false; total as usize];
        for &(n, at) in &log.seen {
            let n = n as usize;
            if n >= total as usize || got[n] {
                continue;
            }
            got[n] = true;
            let sent_at = sent[n].load(Ordering::Relaxed);
            per_message[n].push(at.saturating_sub(sent_at) as f64 / 1e6);
        }
        if let Some(why) = &log.ended {
            ended.push(why.clone());
        }
    }
    let (mut last, mut median, mut incomplete) = (Vec::new(), Vec::new(), 0u64);
    for lat in per_message.iter_mut().skip(warm as usize) {
        if lat.len() < agents as usize {
            incomplete += 1;
            continue;
        }
        lat.sort_by(|a, b| a.total_cmp(b));
        last.push(lat[lat.len() - 1]);
        median.push(lat[lat.len() / 2]);
    }
    let (last, median, acks) = (sorted(last), sorted(median), sorted(acks));
    let frames: u64 = logs.iter().map(|l| l.frames).sum();

    println!("## Part A: live latency (SQLite, `buzon serve` as a child process)");
    println!();
    println!(
        "{agents} agents signed in over HTTP in {login_s:.1} s; {rate} signed webhooks/s for {seconds} s \
         (+1 s warm-up); {} cores shared by server and load generator.",
        cores()
    );
    println!();
    println!("| measure | p50 | p95 | p99 | max |");
    println!("|---|---|---|---|---|");
    for (name, v) in [
        ("webhook → screen, last agent (ms)", &last),
        ("webhook → screen, median agent (ms)", &median),
        ("webhook acknowledged (ms)", &acks),
    ] {
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} | {:.1} |",
            percentile(v, 0.5),
            percentile(v, 0.95),
            percentile(v, 0.99),
            percentile(v, 1.0)
        );
    }
    println!();
    println!("| figure | value |");
    println!("|---|---|");
    println!(
        "| webhooks sent / acknowledged / errors | {measured} / {} / {errors} |",
        acks.len()
    );
    println!(
        "| achieved rate (events/s) | {:.0} |",
        measured as f64 / load_s
    );
    println!(
        "| messages read by every agent | {} of {measured} ({incomplete} incomplete) |",
        last.len()
    );
    println!("| frames read by all agents | {frames} |");
    println!(
        "| sockets ended early | {}{} |",
        ended.len(),
        ended
            .first()
            .map(|w| format!(" (first: {w})"))
            .unwrap_or_default()
    );
    println!(
        "| server CPU during the run | {:.0} % of one core |",
        cpu_server as f64 / load_s
    );
    println!(
        "| load generator CPU during the run | {:.0} % of one core |",
        cpu_self as f64 / load_s
    );
    println!("| server RSS, started | {:.1} MiB |", mib(rss_started));
    println!(
        "| server RSS, one agent signed in | {:.1} MiB |",
        mib(rss_one_login)
    );
    println!(
        "| server RSS with {} idle sockets | {} MiB |",
        samples
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
            .join(" / "),
        samples
            .iter()
            .map(|(_, kib)| format!("{:.1}", mib(*kib)))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    println!(
        "| **memory per idle websocket** | **{per_idle_slope:.1} KiB** (slope; {:.1} KiB by the end points) |",
        samples[samples.len() - 1].1.saturating_sub(samples[0].1) as f64 / idle_sockets as f64
    );
    println!(
        "| server RSS, {agents} agents signed in, no socket | {:.1} MiB |",
        mib(rss_no_sockets)
    );
    println!(
        "| server RSS after 200 parallel wrong passwords for one account ({refused} refused) | {:.1} MiB |",
        mib(rss_after_burst)
    );
    // Not a per-socket figure: these sockets reuse what the closed idle ones freed.
    println!(
        "| server RSS, {agents} agent sockets | {:.1} MiB |",
        mib(rss_agents)
    );
    println!(
        "| server RSS after the run / peak | {:.1} MiB / {:.1} MiB |",
        mib(rss_after),
        mib(rss_peak)
    );
    println!();
}

// ---------------------------------------------------------------------------------------
// Part B: the list at scale.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sqlite,
    Postgres,
}

/// Seeds `conversations` conversations (one contact each) with `per` messages each, agents
/// from `first_agent`, five labels on a fifth of the conversations. Set-based SQL.
async fn seed(
    database: &Database,
    kind: Kind,
    conversations: u64,
    per: u64,
    first_agent: i64,
    agents: u64,
) {
    let now = now_ms();
    let n = conversations;
    // Conversation i's last activity: a permutation of 5-minute steps back from now.
    let at = |id: &str| format!("({now} - (({id} * 7919) % {n}) * 300000)");
    let series = |name: &str, upto: &str| {
        match kind {
        Kind::Sqlite => format!(
            "WITH RECURSIVE {name}(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM {name} WHERE i < {upto})"
        ),
        Kind::Postgres => {
            format!("WITH {name}(i) AS (SELECT generate_series(1, {upto})::BIGINT)")
        }
    }
    };
    let phone = match kind {
        Kind::Sqlite => "'3461' || substr('0000000' || i, -7, 7)",
        Kind::Postgres => "'3461' || lpad(i::text, 7, '0')",
    };
    let mut statements = vec![
        format!(
            "{} INSERT INTO contacts (wa_id, profile_name, last_inbound_at, created_at, updated_at)
             SELECT {phone}, 'Cliente ' || i, {}, {now} - 34560000000, {now} FROM n",
            series("n", &n.to_string()),
            at("i")
        ),
        // h spreads the statuses: 60 % resolved, 10 % queue, 18 % assigned, 7 % bot, 5 % snoozed.
        format!(
            "INSERT INTO conversations (contact_id, status, assignee_id, last_message_at, resolved_at,
                 created_at, updated_at, unread, waiting_since, snoozed_until)
             SELECT id,
                 CASE WHEN h < 60 THEN 'resolved' WHEN h < 88 THEN 'open' WHEN h < 95 THEN 'bot' ELSE 'snoozed' END,
                 CASE WHEN h >= 70 AND h < 88 THEN {first_agent} + (id / 100) % {agents} END,
                 t, CASE WHEN h < 60 THEN t END, t - {per} * 60000, t,
                 CASE WHEN h >= 60 AND h < 70 THEN 1 + id % 3 ELSE 0 END,
                 CASE WHEN h >= 60 AND h < 70 OR h >= 88 AND h < 95 THEN t END,
                 CASE WHEN h >= 95 THEN {now} + 86400000 END
             FROM (SELECT id, (id * 37) % 100 AS h, {} AS t FROM contacts) c ORDER BY id",
            at("id")
        ),
    ];
    let chunk = 5_000;
    let mut from = 1;
    while from <= n {
        let to = (from + chunk - 1).min(n);
        let body = match kind {
            Kind::Sqlite => "json_object('type', 'text', 'body', preview)",
            Kind::Postgres => "json_build_object('type', 'text', 'body', preview)::text",
        };
        statements.push(format!(
            "{} INSERT INTO messages (conversation_id, contact_id, wamid, direction, sender, sender_user_id,
                 kind, body, status, status_rank, status_at, sent_at, created_at, preview)
             SELECT id, contact_id, wamid, CASE WHEN inbound = 1 THEN 'inbound' ELSE 'outbound' END,
                 CASE WHEN inbound = 1 THEN 'contact' ELSE 'agent' END,
                 CASE WHEN inbound = 1 THEN NULL ELSE assignee_id END,
                 'text', {body}, CASE WHEN inbound = 1 THEN NULL ELSE 'read' END,
                 CASE WHEN inbound = 1 THEN NULL ELSE 4 END, CASE WHEN inbound = 1 THEN NULL ELSE at END,
                 at, at, preview
             FROM (SELECT id, contact_id, assignee_id, wamid, inbound, at,
                     CASE WHEN inbound = 1 THEN
                         CASE i % 3 WHEN 0 THEN 'Hola, ¿dónde está mi pedido ' || id || '?'
                                    WHEN 1 THEN 'Gracias, ¿me avisan cuando salga el pedido ' || id || '?'
                                    ELSE 'Perfecto, quedo atento' END
                     ELSE
                         CASE i % 4 WHEN 0 THEN 'Su pedido ' || id || ' sale hoy por mensajería.'
                                    ELSE 'Con gusto, ¿algo más en que le podamos ayudar?' END
                     END AS preview
                   FROM (SELECT cv.id, cv.contact_id, cv.assignee_id, k.i,
                             'wamid.seed' || cv.id || '.' || k.i AS wamid,
                             CASE WHEN k.i % 2 = 1 OR k.i = {per} THEN 1 ELSE 0 END AS inbound,
                             cv.last_message_at - ({per} - k.i) * 60000 AS at
                         FROM conversations cv, k WHERE cv.id BETWEEN {from} AND {to}) x) y
             ORDER BY id, wamid",
            series("k", &per.to_string())
        ));
        from = to + 1;
    }
    statements.push(match kind {
        Kind::Sqlite => "UPDATE conversations SET last_message_id =
             (SELECT MAX(m.id) FROM messages m WHERE m.conversation_id = conversations.id)"
            .into(),
        Kind::Postgres => "UPDATE conversations cv SET last_message_id = m.last
             FROM (SELECT conversation_id, MAX(id) AS last FROM messages GROUP BY conversation_id) m
             WHERE m.conversation_id = cv.id"
            .into(),
    });
    statements.push(format!(
        "INSERT INTO labels (name, color, created_at) VALUES
             ('VIP', 'amber', {now}), ('Reclamo', 'red', {now}), ('Mayorista', 'sky', {now}),
             ('Devolución', 'violet', {now}), ('Nuevo', 'emerald', {now})"
    ));
    statements.push(format!(
        "INSERT INTO conversation_labels (conversation_id, label_id, created_at)
         SELECT id, (SELECT MIN(id) FROM labels) + (id / 5) % 5, {now} FROM conversations WHERE id % 5 = 0"
    ));
    if kind == Kind::Postgres {
        // What autovacuum does shortly after a bulk load anyway.
        statements.push("ANALYZE".into());
    }
    for sql in statements {
        let result = match database {
            Database::Sqlite(s) => sqlx::query(&sql).execute(s.pool()).await.map(|_| ()),
            Database::Postgres(p) => sqlx::query(&sql).execute(p.pool()).await.map(|_| ()),
        };
        if let Err(e) = result {
            panic!("seeding failed: {e}\n{sql}");
        }
    }
}

struct Timing {
    first_ms: f64,
    rest: Vec<f64>,
    rows: usize,
}

impl Timing {
    fn row(&self, database: &str, case: &str) {
        let rest = sorted(self.rest.clone());
        println!(
            "| {database} | {case} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
            self.rows,
            self.first_ms,
            percentile(&rest, 0.5),
            percentile(&rest, 0.99),
            percentile(&rest, 1.0)
        );
    }
}

async fn time_store(store: &Arc<dyn Store>, query: &InboxQuery, repeat: u64) -> Timing {
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..=repeat {
        let started = Instant::now();
        let page = store.inbox(query).await.expect("inbox");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        rows = page.len();
    }
    Timing {
        first_ms: times[0],
        rest: times[1..].to_vec(),
        rows,
    }
}

/// The real router in this process on `url`; returns its base URL. Sign-ins use the cheap
/// parameters the accounts were made with, so nothing is re-hashed.
async fn start_in_process(url: DatabaseUrl, dir: &Path) -> String {
    let config = Config {
        addr: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.to_path_buf(),
        database: url,
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
    let mut state = server::server_state(&config, &database, link);
    state.hasher = Arc::new(Hasher::new(cheap_hashing(), 2));
    let hub = server::realtime::Hub::start(state.store.clone()).await;
    let router = server::http::router(&config, &database, state, hub)
        .await
        .expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(server::http::serve(listener, router, None));
    format!("http://{addr}")
}

async fn time_http(base: &str, repeat: u64) -> Timing {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let cookie = login(&client, base, "agent0@bench.example").await;
    assert!(!cookie.is_empty());
    let body =
        r#"{"filter":{"view":"all","label_id":null,"assignee":null,"search":null},"after":null}"#;
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..=repeat {
        let started = Instant::now();
        let response = client
            .post(format!("{base}/api/inbox/list"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("list request");
        let status = response.status();
        let page: serde_json::Value = response.json().await.expect("list JSON");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(status.is_success(), "list: {status} {page}");
        rows = page["rows"].as_array().map(Vec::len).unwrap_or(0);
    }
    Timing {
        first_ms: times[0],
        rest: times[1..].to_vec(),
        rows,
    }
}

/// A fresh database on the PostgreSQL server at `url`: (its URL, the admin URL, its name).
async fn fresh_pg_database(url: &str) -> (String, String) {
    use sqlx::Connection;
    let name = format!("buzon_console_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(url)
        .await
        .expect("connect to DATABASE_URL_PG");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create the benchmark database");
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    let db_url = match query {
        Some(q) => format!("{host}/{name}?{q}"),
        None => format!("{host}/{name}"),
    };
    (db_url, name)
}

async fn drop_pg_database(url: &str, name: &str) {
    use sqlx::Connection;
    if let Ok(mut admin) = sqlx::PgConnection::connect(url).await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await;
    }
}

/// Seeds one database and times the list on it: (a line about the seeding, the timings).
async fn list_at_scale(
    kind: Kind,
    conversations: u64,
    per: u64,
    agents: u64,
    repeat: u64,
) -> (String, Vec<(&'static str, Timing)>) {
    let label = match kind {
        Kind::Sqlite => "SQLite",
        Kind::Postgres => "PostgreSQL",
    };
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut pg_name = None;
    let url = match kind {
        Kind::Sqlite => DatabaseUrl::Sqlite(format!(
            "sqlite://{}",
            dir.path().join("buzon.db").display()
        )),
        Kind::Postgres => {
            let admin = std::env::var("DATABASE_URL_PG").expect("DATABASE_URL_PG");
            let (url, name) = fresh_pg_database(&admin).await;
            pg_name = Some((admin, name));
            DatabaseUrl::Postgres(url)
        }
    };
    let database = Database::open(&url).await.expect("database");
    database.migrate().await.expect("migrate");
    let store = database.store();
    let ids = create_agents(&store, agents).await;
    eprintln!("{label}: seeding {conversations} conversations…");
    let started = Instant::now();
    seed(&database, kind, conversations, per, ids[0], agents).await;
    let seed_s = started.elapsed().as_secs_f64();
    let size = match kind {
        Kind::Sqlite => {
            let file = dir.path().join("buzon.db");
            let wal = dir.path().join("buzon.db-wal");
            let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            format!(
                "{:.0} MiB file + {:.0} MiB WAL",
                len(&file) as f64 / 1048576.0,
                len(&wal) as f64 / 1048576.0
            )
        }
        Kind::Postgres => match &database {
            Database::Postgres(p) => {
                let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                    .fetch_one(p.pool())
                    .await
                    .unwrap_or(0);
                format!("{:.0} MiB", bytes as f64 / 1048576.0)
            }
            Database::Sqlite(_) => unreachable!(),
        },
    };
    let seeded = format!(
        "{label}: seeded {conversations} conversations / {} messages in {seed_s:.0} s ({size}).",
        conversations * per
    );
    let me = ids[0];
    let query = |view: View, search: Option<&str>| InboxQuery {
        filter: InboxFilter {
            view,
            label_id: None,
            assignee: None,
            search: search.map(str::to_string),
            window: None,
        },
        me,
        restricted: false,
        after: None,
        limit: PAGE,
        now_ms: app::ssr::now_ms(),
        warning_ms: app::domain::window::DEFAULT_WARNING_MS,
    };
    let windowed = |w| {
        let mut q = query(View::All, None);
        q.filter.window = Some(w);
        q
    };
    let mut results = Vec::new();
    for (case, q) in [
        ("all", query(View::All, None)),
        ("queue (oldest wait first)", query(View::Queue, None)),
        ("mine", query(View::Mine, None)),
        ("resolved", query(View::Resolved, None)),
        (
            "all, search \"hola\" (common)",
            query(View::All, Some("hola")),
        ),
        (
            "all, search \"pedido 4242\" (rare)",
            query(View::All, Some("pedido 4242")),
        ),
        (
            "window closing soon (closing first)",
            windowed(app::domain::window::WindowFilter::ClosingSoon),
        ),
        (
            "window closed",
            windowed(app::domain::window::WindowFilter::Closed),
        ),
    ] {
        results.push((case, time_store(&store, &q, repeat).await));
    }
    // The counts the console loads with the list.
    let mut counts = Vec::new();
    for _ in 0..=repeat {
        let started = Instant::now();
        store.inbox_counts(me, false).await.expect("counts");
        counts.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    results.push((
        "view counts",
        Timing {
            first_ms: counts[0],
            rest: counts[1..].to_vec(),
            rows: 0,
        },
    ));
    let base = start_in_process(url, dir.path()).await;
    results.push((
        "all, over HTTP (/api/inbox/list)",
        time_http(&base, repeat).await,
    ));
    drop(store);
    match &database {
        Database::Sqlite(s) => s.pool().close().await,
        Database::Postgres(p) => p.pool().close().await,
    }
    if std::env::var("BENCH_KEEP").is_ok_and(|v| v == "1") {
        // For EXPLAIN and friends afterwards.
        match &pg_name {
            Some((_, name)) => eprintln!("{label}: kept database {name}"),
            None => eprintln!("{label}: kept {}", dir.keep().display()),
        }
    } else if let Some((admin, name)) = pg_name {
        drop_pg_database(&admin, &name).await;
    }
    (seeded, results)
}

#[tokio::main]
async fn main() {
    let agents = setting("BENCH_AGENTS", 200).max(1);
    let rate = setting("BENCH_RATE", 300).max(1);
    let seconds = setting("BENCH_SECONDS", 20).max(1);
    let idle_sockets = setting("BENCH_IDLE_SOCKETS", 1000).max(1);
    let conversations = setting("BENCH_CONVERSATIONS", 100_000).max(1);
    let per = setting("BENCH_MESSAGES_PER", 20).max(1);
    let repeat = setting("BENCH_REPEAT", 50).max(1);
    let parts = std::env::var("BENCH_PARTS").unwrap_or_else(|_| "live,list".into());
    println!("# Console benchmark ({} cores)", cores());
    println!();
    if parts.contains("live") {
        live(agents, rate, seconds, idle_sockets).await;
    }
    if parts.contains("list") {
        println!(
            "## Part B: first list page with {conversations} conversations / {} messages",
            conversations * per
        );
        println!();
        let mut kinds = vec![Kind::Sqlite];
        if std::env::var("DATABASE_URL_PG").is_ok_and(|u| !u.trim().is_empty()) {
            kinds.push(Kind::Postgres);
        } else {
            println!("(PostgreSQL skipped: DATABASE_URL_PG is not set.)");
        }
        let mut tables = Vec::new();
        for kind in kinds {
            let label = if kind == Kind::Sqlite {
                "SQLite"
            } else {
                "PostgreSQL"
            };
            let (seeded, results) = list_at_scale(kind, conversations, per, agents, repeat).await;
            println!("{seeded}");
            tables.push((label, results));
        }
        println!();
        println!("| database | page | rows | first | p50 | p99 | max |");
        println!("|---|---|---|---|---|---|---|");
        for (label, results) in &tables {
            for (case, t) in results {
                t.row(label, case);
            }
        }
        println!();
        println!(
            "Times in ms: `ConsoleStore::inbox` (server time) unless marked HTTP; \"first\" is \
             the first call after seeding, p50/p99/max over the {repeat} calls after it."
        );
    }
}
