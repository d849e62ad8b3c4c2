//! Shared test support: real databases (a SQLite file, a PostgreSQL server) and a real
//! server on a loopback port.
#![allow(dead_code)]

pub mod api;
pub mod console;
pub mod pg;
pub mod reports;

use app::domain::roles::Role;
use app::domain::session::SessionPolicy;
use app::ssr::password::{HashParams, Hasher};
use app::ssr::{now_ms, NewUser, ServerState, Store, UserRecord};
use server::config::{Config, DatabaseUrl, Secret, WhatsAppConfig};

/// The test app's WhatsApp number and secrets (the fixtures' phone number id).
pub const PHONE_NUMBER_ID: &str = "1122334455667";
pub const APP_SECRET: &str = "test-app-secret";
pub const VERIFY_TOKEN: &str = "test-verify-token";
use std::sync::Arc;
use tempfile::TempDir;

#[derive(Clone, Copy, Debug)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Cheap argon2 parameters: the tests exercise the flow, not the cost.
pub fn fast_hashing() -> HashParams {
    HashParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    }
}

pub async fn database_url(db: Db, dir: &TempDir) -> DatabaseUrl {
    match db {
        Db::Sqlite => DatabaseUrl::Sqlite(format!(
            "sqlite://{}",
            dir.path().join("buzon.db").display()
        )),
        Db::Postgres => DatabaseUrl::Postgres(pg::fresh_database().await),
    }
}

/// A migrated store on a fresh database; keep the TempDir alive as long as the store.
pub async fn store(db: Db) -> (Arc<dyn Store>, TempDir) {
    let (store, dir, _) = store_at(db).await;
    (store, dir)
}

/// [`store`], with the database's address (for SQL the store would never run).
pub async fn store_at(db: Db) -> (Arc<dyn Store>, TempDir, DatabaseUrl) {
    let dir = TempDir::new().expect("temp dir");
    let url = database_url(db, &dir).await;
    let database = server::db::Database::open(&url)
        .await
        .expect("open database");
    database.migrate().await.expect("migrate");
    (database.store(), dir, url)
}

/// Runs `sql` straight on the database and asserts the database refuses it.
pub async fn refuse_raw_sql(url: &DatabaseUrl, sql: &str) {
    let outcome = match url {
        DatabaseUrl::Sqlite(u) => {
            let pool = sqlx::SqlitePool::connect(u).await.expect("connect");
            sqlx::query(sql).execute(&pool).await.map(|_| ())
        }
        DatabaseUrl::Postgres(u) => {
            let pool = sqlx::PgPool::connect(u).await.expect("connect");
            sqlx::query(sql).execute(&pool).await.map(|_| ())
        }
    };
    assert!(outcome.is_err(), "the database accepted {sql}");
}

pub struct TestApp {
    pub base: String,
    pub database: server::db::Database,
    pub state: ServerState,
    pub config: Config,
    _dir: TempDir,
}

/// Starts the real router on a loopback port, on a fresh database.
pub async fn spawn(db: Db, tweak: impl FnOnce(&mut Config)) -> TestApp {
    spawn_with(db, tweak, |_| {}).await
}

/// [`spawn`], with the server state changed before the router gets it.
pub async fn spawn_with(
    db: Db,
    tweak: impl FnOnce(&mut Config),
    tweak_state: impl FnOnce(&mut ServerState),
) -> TestApp {
    let dir = TempDir::new().expect("temp dir");
    let mut config = Config {
        addr: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.path().to_path_buf(),
        database: database_url(db, &dir).await,
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
            business_account_id: Some("102290129340398".into()),
            access_token: Some(Secret::new("test-access-token")),
            app_secret: Some(Secret::new(APP_SECRET)),
            verify_token: Some(Secret::new(VERIFY_TOKEN)),
            media_hosts: server::config::media_hosts(server::config::DEFAULT_MEDIA_HOSTS),
        },
    };
    tweak(&mut config);
    let database = server::open_database(&config).await.expect("database");
    let link = server::connect(&config, &database, false).expect("connection");
    let mut state = server::server_state(&config, &database, link);
    state.hasher = Arc::new(Hasher::new(fast_hashing(), 2));
    tweak_state(&mut state);
    let hub = server::realtime::Hub::start(state.store.clone()).await;
    let router = server::http::router(&config, &database, state.clone(), hub.clone())
        .await
        .expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(server::http::serve(listener, router, None));
    TestApp {
        base: format!("http://{addr}"),
        database,
        state,
        config,
        _dir: dir,
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: serde_json::Value,
}

impl Reply {
    /// Status, headers and the body as JSON (or as a JSON string when it is not JSON).
    pub async fn read(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        Reply {
            status,
            headers,
            json,
        }
    }
}

impl TestApp {
    pub async fn add_user(&self, email: &str, role: Role, password: &str) -> UserRecord {
        let hash = self
            .state
            .hasher
            .hash(password.to_string())
            .await
            .expect("hash");
        self.state
            .store
            .create_user(
                NewUser {
                    email: email.to_string(),
                    name: email.split('@').next().unwrap_or(email).to_string(),
                    role,
                    password_hash: hash,
                    capacity: 5,
                    language: None,
                },
                now_ms(),
            )
            .await
            .expect("create user")
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Calls a server function the way the browser does (form-encoded POST).
    pub async fn call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Reply {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .form(form)
            .send()
            .await
            .expect("request");
        Reply::read(response).await
    }

    /// Calls a server function that takes JSON (nested arguments).
    pub async fn call_json(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        body: &serde_json::Value,
    ) -> Reply {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .json(body)
            .send()
            .await
            .expect("request");
        Reply::read(response).await
    }

    pub async fn login(&self, client: &reqwest::Client, email: &str, password: &str) -> Reply {
        self.call(client, "login", &[("email", email), ("password", password)])
            .await
    }

    /// Who the session behind `client` belongs to, if anyone.
    pub async fn whoami(&self, client: &reqwest::Client) -> Option<String> {
        let reply = self.call(client, "session", &[]).await;
        assert_eq!(reply.status, 200, "session: {:?}", reply.json);
        reply.json["me"]["email"].as_str().map(str::to_string)
    }

    /// Loads a page as a browser does.
    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("request")
    }
}

/// The value of our session cookie in a Set-Cookie header, if any.
pub fn session_cookie(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("buzon_session="))
        .map(str::to_string)
}

/// Runs a test body against both databases.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Db::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Db::Postgres).await
                }
            )*
        }
    };
}

/// One case of a pywa fixture file, as the exact bytes Meta would POST.
pub fn fixture(file: &str, case: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/webhooks/pywa/{file}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let all: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    let body = all
        .get(case)
        .unwrap_or_else(|| panic!("{file} has no case {case}"));
    serde_json::to_vec(body).expect("serialise")
}

/// A fixture case with its text edited (to vary ids, numbers, timestamps).
pub fn fixture_with(file: &str, case: &str, edits: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from_utf8(fixture(file, case)).expect("utf-8");
    for (from, to) in edits {
        assert!(text.contains(from), "{file}/{case} has no {from:?}");
        text = text.replace(from, to);
    }
    text.into_bytes()
}
