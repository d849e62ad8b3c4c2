//! Reports benchmark: how long the Reports screen and the live dashboard take to compute on
//! a busy desk's history, measured, never asserted. `make bench` runs it; figures in
//! docs/benchmarks.md.
//!
//! A desk of 20 agents is seeded with `BENCH_CONVERSATIONS` (30,000) conversations spread
//! evenly over the last `BENCH_DAYS` (30) days, each with two customer messages and two agent
//! replies (one in ten a priced template), an assignment, a label on one in five and a
//! resolution on four in five: rows in `conversations`, `messages` and the `events` log, about
//! eight events each. Seeding is set-based SQL (the only thing that bypasses the store).
//! Then, through the store and the domain exactly as the server functions call them:
//! `report_facts` + `domain::reports::compute` for the last 7 and 30 days, and `dashboard`.
//! On SQLite, and on PostgreSQL too when `DATABASE_URL_PG` is set. Settings: BENCH_REPEAT (5).

use app::domain::pricing::PricingSettings;
use app::domain::reports::{compute, Period};
use app::domain::roles::Role;
use app::ssr::{now_ms, DashboardQuery, NewUser, Store};
use server::config::DatabaseUrl;
use server::db::Database;
use std::time::Instant;

const DAY: i64 = 86_400_000;
const AGENTS: i64 = 20;

fn setting(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(default)
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Sqlite,
    Postgres,
}

async fn execute(database: &Database, sql: &str) {
    let result = match database {
        Database::Sqlite(s) => sqlx::query(sql).execute(s.pool()).await.map(|_| ()),
        Database::Postgres(p) => sqlx::query(sql).execute(p.pool()).await.map(|_| ()),
    };
    if let Err(e) = result {
        panic!("seeding failed: {e}\n{sql}");
    }
}

async fn seed(database: &Database, kind: Kind, store: &dyn Store, n: i64, days: i64, now: i64) {
    let mut first_agent = 0;
    for a in 0..AGENTS {
        let user = NewUser {
            email: format!("agent{a}@bench.example"),
            name: format!("Agent {a:02}"),
            role: Role::Agent,
            password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
            capacity: 10,
            language: None,
        };
        let id = store.create_user(user, now).await.expect("user").id;
        if a == 0 {
            first_agent = id;
        }
    }
    let series = match kind {
        Kind::Sqlite => {
            format!("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n})")
        }
        Kind::Postgres => format!("WITH s(i) AS (SELECT generate_series(1, {n})::BIGINT)"),
    };
    let span = days * DAY;
    // Conversation i starts at a spread-out moment of the period (a permutation of it).
    let start = format!("({now} - {span} + ((i * 7919) % {n}) * ({span} / {n}))");
    let template =
        r#"{"type":"template","name":"promo","language":"es","header":[],"body":[],"buttons":[]}"#;
    let text = r#"{"type":"text","body":"Con gusto","preview_url":false}"#;
    let statements = [
        format!(
            "{series} INSERT INTO contacts (wa_id, profile_name, last_inbound_at, created_at, updated_at)
             SELECT '3462' || i, 'Cliente ' || i, {start} + 1200000, {start}, {start} FROM s"
        ),
        format!(
            "INSERT INTO conversations (contact_id, status, assignee_id, last_message_at, resolved_at, created_at, updated_at)
             SELECT id, CASE WHEN id % 5 = 0 THEN 'open' ELSE 'resolved' END, {first_agent} + id % {AGENTS},
                 created_at + 1800000, CASE WHEN id % 5 = 0 THEN NULL ELSE created_at + 3600000 END,
                 created_at, created_at
             FROM contacts WHERE wa_id LIKE '3462%' ORDER BY id"
        ),
        // Two customer messages (0 and 20 min) and two replies (5 and 30 min); every tenth
        // first reply a template Meta priced as marketing.
        format!(
            "{series} INSERT INTO messages (conversation_id, contact_id, wamid, direction, sender, sender_user_id,
                 kind, body, outbound, status, status_rank, status_at, sent_at, created_at, preview,
                 pricing_category, pricing_billable, pricing_type)
             SELECT c.id, c.contact_id, 'wamid.rb.' || c.id || '.' || k.i,
                 CASE WHEN k.i % 2 = 1 THEN 'inbound' ELSE 'outbound' END,
                 CASE WHEN k.i % 2 = 1 THEN 'contact' ELSE 'agent' END,
                 CASE WHEN k.i % 2 = 1 THEN NULL ELSE c.assignee_id END,
                 CASE WHEN k.i = 2 AND c.id % 10 = 0 THEN 'template' ELSE 'text' END, '{{}}',
                 CASE WHEN k.i % 2 = 1 THEN NULL WHEN k.i = 2 AND c.id % 10 = 0 THEN '{template}' ELSE '{text}' END,
                 CASE WHEN k.i % 2 = 1 THEN NULL WHEN c.id % 7 = 0 THEN 'delivered' ELSE 'read' END,
                 CASE WHEN k.i % 2 = 1 THEN NULL WHEN c.id % 7 = 0 THEN 3 ELSE 4 END,
                 c.created_at + k.i * 600000, c.created_at + (k.i - 1) * 600000 + (k.i / 2) * 300000,
                 c.created_at, 'hola',
                 CASE WHEN k.i = 2 AND c.id % 10 = 0 THEN 'marketing' END,
                 CASE WHEN k.i = 2 AND c.id % 10 = 0 THEN TRUE END,
                 CASE WHEN k.i = 2 AND c.id % 10 = 0 THEN 'regular' END
             FROM conversations c, (SELECT i FROM s WHERE i <= 4) k ORDER BY c.id, k.i"
        ),
        "INSERT INTO labels (name, color, created_at) VALUES ('VIP', 'amber', 0), ('Reclamo', 'red', 0)".into(),
        "INSERT INTO events (at, conversation_id, kind, actor_id, assignee_id, label_id, detail)
             SELECT created_at, id, 'created', CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), 'people' FROM conversations
             UNION ALL SELECT created_at + 120000, id, 'assigned', NULL, assignee_id, NULL, NULL FROM conversations
             UNION ALL SELECT sent_at, conversation_id, 'customer_message', NULL, NULL, NULL, NULL FROM messages WHERE direction = 'inbound'
             UNION ALL SELECT sent_at, conversation_id, 'agent_reply', sender_user_id, sender_user_id, NULL, NULL FROM messages WHERE direction = 'outbound'
             UNION ALL SELECT created_at + 900000, id, 'labelled', assignee_id, assignee_id, (SELECT MIN(id) FROM labels), NULL FROM conversations WHERE id % 5 = 1
             UNION ALL SELECT resolved_at, id, 'resolved', assignee_id, assignee_id, NULL, NULL FROM conversations WHERE resolved_at IS NOT NULL"
            .into(),
    ];
    for sql in statements {
        execute(database, &sql).await;
    }
    if kind == Kind::Postgres {
        execute(database, "ANALYZE").await;
    }
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

async fn measure(label: &str, url: DatabaseUrl, kind: Kind) {
    let n = setting("BENCH_CONVERSATIONS", 30_000);
    let days = setting("BENCH_DAYS", 30);
    let repeat = setting("BENCH_REPEAT", 5).max(1);
    let database = Database::open(&url).await.expect("database");
    database.migrate().await.expect("migrate");
    let store = database.store();
    let now = now_ms();
    let seeding = Instant::now();
    seed(&database, kind, store.as_ref(), n, days, now).await;
    println!(
        "{label}: seeded {n} conversations over {days} days in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    let prices = PricingSettings::default().table;
    for span in [7, days] {
        let period = Period::last_days(now + DAY, span, "Europe/Madrid").expect("period");
        let (mut reads, mut computes, mut sizes) = (Vec::new(), Vec::new(), (0, 0));
        for _ in 0..repeat {
            let started = Instant::now();
            let facts = store
                .report_facts(period.since_ms, period.until_ms)
                .await
                .expect("facts");
            reads.push(started.elapsed().as_secs_f64() * 1000.0);
            let started = Instant::now();
            let report = compute(&facts, &period, &prices);
            computes.push(started.elapsed().as_secs_f64() * 1000.0);
            sizes = (facts.events.len(), facts.outbound.len());
            assert!(report.created > 0, "the seeded period holds conversations");
        }
        println!(
            "{label}: report of {span} days ({} events, {} outbound): read {:.0} ms, compute {:.0} ms (median of {repeat})",
            sizes.0,
            sizes.1,
            median(reads),
            median(computes)
        );
    }
    let mut dashboards = Vec::new();
    for _ in 0..repeat * 4 {
        let query = DashboardQuery {
            now_ms: now,
            closing_from_ms: now - 24 * 3_600_000,
            closing_until_ms: now - 23 * 3_600_000,
            today_start_ms: now - now % DAY,
            since_ms: now - 3_600_000,
        };
        let started = Instant::now();
        store.dashboard(query).await.expect("dashboard");
        dashboards.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "{label}: dashboard snapshot {:.1} ms (median of {})",
        median(dashboards),
        repeat * 4
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
    measure("SQLite", DatabaseUrl::Sqlite(sqlite), Kind::Sqlite).await;
    if let Ok(url) = std::env::var("DATABASE_URL_PG") {
        measure("PostgreSQL", DatabaseUrl::Postgres(url), Kind::Postgres).await;
    }
}
