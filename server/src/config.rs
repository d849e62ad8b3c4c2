//! The command line and environment. Every value is checked here, at start-up; a bad one
//! stops the program with one line naming the variable and the problem.

use app::domain::session::SessionPolicy;
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Not `Debug`: the raw arguments may hold a database password.
#[derive(Parser)]
#[command(
    name = "buzon",
    version,
    about = "Buzón: a shared inbox for one WhatsApp Business number"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args)]
pub struct GlobalArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "BUZON_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: String,
    /// Folder for the embedded database and other files.
    #[arg(long, env = "BUZON_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// sqlite://… or postgres://… (default: sqlite://<data-dir>/buzon.db).
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// The address people open, e.g. https://desk.example.com; https turns on Secure cookies.
    #[arg(long, env = "BUZON_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Sign out after this long without activity (e.g. 30m, 1h, 90s).
    #[arg(long, env = "BUZON_SESSION_IDLE", default_value = "30m", global = true)]
    pub session_idle: String,
    /// Sign out this long after login, however active (e.g. 12h).
    #[arg(
        long,
        env = "BUZON_SESSION_LIFETIME",
        default_value = "12h",
        global = true
    )]
    pub session_lifetime: String,
    #[command(flatten)]
    pub whatsapp: WhatsAppArgs,
    /// Messages per second the number may send (Meta's default throughput is 80).
    #[arg(long, env = "BUZON_SEND_RATE", default_value = "80", global = true)]
    pub send_rate: String,
    /// Requests a minute each API token may make (bursts of the same size).
    #[arg(long, env = "BUZON_API_RATE", default_value = "600", global = true)]
    pub api_rate: String,
    /// How long a send whose answer was lost (a crash, a timeout) waits for Meta's status
    /// before it may go again (e.g. 5m, 30s).
    #[arg(long, env = "BUZON_SEND_IN_DOUBT", default_value = "5m", global = true)]
    pub send_in_doubt: String,
    /// Behind reverse proxies: their addresses (CIDR ranges, comma-separated). Only requests
    /// from these have their X-Forwarded-For believed, for the login throttle.
    #[arg(long, env = "BUZON_TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,
    /// Replaced by --trusted-proxies (a switch trusted X-Forwarded-For from anyone).
    #[arg(long, env = "BUZON_TRUST_FORWARDED_FOR", global = true, hide = true)]
    pub trust_forwarded_for: Option<String>,
}

/// The WhatsApp Cloud API connection (Meta's, or the simulator's).
#[derive(Args)]
pub struct WhatsAppArgs {
    /// Graph API base URL.
    #[arg(
        long,
        env = "WHATSAPP_API_BASE",
        default_value = "https://graph.facebook.com",
        global = true
    )]
    pub whatsapp_api_base: String,
    /// Graph API version, like v25.0.
    #[arg(
        long,
        env = "WHATSAPP_API_VERSION",
        default_value = "v25.0",
        global = true
    )]
    pub whatsapp_api_version: String,
    /// The business phone number's id (webhooks for other numbers are ignored).
    #[arg(long, env = "WHATSAPP_PHONE_NUMBER_ID", global = true)]
    pub whatsapp_phone_number_id: Option<String>,
    /// The WhatsApp Business Account id (templates live there).
    #[arg(long, env = "WHATSAPP_BUSINESS_ACCOUNT_ID", global = true)]
    pub whatsapp_business_account_id: Option<String>,
    /// System-user access token for the Graph API.
    #[arg(
        long,
        env = "WHATSAPP_ACCESS_TOKEN",
        global = true,
        hide_env_values = true
    )]
    pub whatsapp_access_token: Option<String>,
    /// The Meta app's secret: webhooks are signed with it.
    #[arg(
        long,
        env = "WHATSAPP_APP_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub whatsapp_app_secret: Option<String>,
    /// The token Meta echoes when verifying the webhook URL.
    #[arg(
        long,
        env = "WHATSAPP_VERIFY_TOKEN",
        global = true,
        hide_env_values = true
    )]
    pub whatsapp_verify_token: Option<String>,
    /// Hosts customers' files are downloaded from, with the access token, over https (a name
    /// covers its subdomains). The API base's own origin is always allowed (the simulator).
    #[arg(
        long,
        env = "WHATSAPP_MEDIA_HOSTS",
        default_value = DEFAULT_MEDIA_HOSTS,
        global = true
    )]
    pub whatsapp_media_hosts: String,
}

/// Where Meta serves media today: `lookaside.fbsbx.com` (see the protocol notes); kept
/// configurable because Meta has moved it before.
pub const DEFAULT_MEDIA_HOSTS: &str = "fbsbx.com,whatsapp.net,facebook.com";

/// A secret setting: usable, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatsAppConfig {
    pub api_base: String,
    pub api_version: String,
    pub phone_number_id: Option<String>,
    pub business_account_id: Option<String>,
    pub access_token: Option<Secret>,
    pub app_secret: Option<Secret>,
    pub verify_token: Option<Secret>,
    /// `WHATSAPP_MEDIA_HOSTS`, lower-case, without empty entries.
    pub media_hosts: Vec<String>,
}

/// The comma-separated host list of `WHATSAPP_MEDIA_HOSTS`.
pub fn media_hosts(list: &str) -> Vec<String> {
    list.split(',')
        .map(|h| h.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect()
}

impl WhatsAppConfig {
    pub fn from_args(args: &WhatsAppArgs) -> Result<WhatsAppConfig, String> {
        let base = args
            .whatsapp_api_base
            .trim()
            .trim_end_matches('/')
            .to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(format!(
                "WHATSAPP_API_BASE (--whatsapp-api-base): {base:?} must start with http:// or https://"
            ));
        }
        let version = args.whatsapp_api_version.trim().to_string();
        let well_formed = version
            .strip_prefix('v')
            .and_then(|v| v.split_once('.'))
            .is_some_and(|(major, minor)| {
                !major.is_empty()
                    && major.chars().all(|c| c.is_ascii_digit())
                    && minor.chars().all(|c| c.is_ascii_digit())
                    && !minor.is_empty()
            });
        if !well_formed {
            return Err(format!(
                "WHATSAPP_API_VERSION (--whatsapp-api-version): {version:?} is not a version like v25.0"
            ));
        }
        let some = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Ok(WhatsAppConfig {
            api_base: base,
            api_version: version,
            phone_number_id: some(&args.whatsapp_phone_number_id),
            business_account_id: some(&args.whatsapp_business_account_id),
            access_token: some(&args.whatsapp_access_token).map(Secret),
            app_secret: some(&args.whatsapp_app_secret).map(Secret),
            verify_token: some(&args.whatsapp_verify_token).map(Secret),
            media_hosts: media_hosts(&args.whatsapp_media_hosts),
        })
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the desk (the default).
    Serve,
    /// Serve the desk with demo users, connected to a built-in WhatsApp simulator whose
    /// customers write in; the simulator's phone page lets you play a customer.
    Demo(SimArgs),
    /// Run the WhatsApp simulator alone: the Graph API at --addr, webhooks to --desk-url.
    Simulate {
        /// The desk's base URL; webhooks go to <desk-url>/webhooks/whatsapp.
        #[arg(long, env = "BUZON_DESK_URL")]
        desk_url: String,
        #[command(flatten)]
        sim: SimArgs,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage the people who sign in.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage the integration API's tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Create a token and print it (once: only a hash is kept).
    Create {
        #[arg(long)]
        name: String,
        /// read, write or admin.
        #[arg(long)]
        scope: String,
        /// The admin the token acts as (default: the first admin by email).
        #[arg(long = "as")]
        owner: Option<String>,
    },
    /// List tokens (never the tokens themselves).
    List,
    /// Revoke a token by its id.
    Revoke { id: i64 },
}

/// How the simulator behaves.
#[derive(Args, Debug, Clone)]
pub struct SimArgs {
    /// Where the simulator listens in demo mode (default: the desk's port + 100).
    #[arg(long, env = "BUZON_SIMULATOR_ADDR")]
    pub simulator_addr: Option<String>,
    /// How often a simulated customer writes (e.g. 30s, 2m), or "off".
    #[arg(long, env = "BUZON_SIM_CUSTOMER_EVERY", default_value = "30s")]
    pub customer_every: String,
    /// Delay before each status (sent, delivered) of a business message.
    #[arg(long, env = "BUZON_SIM_STATUS_DELAY", default_value = "1s")]
    pub status_delay: String,
    /// Deliver every status webhook twice (to exercise idempotency).
    #[arg(long, env = "BUZON_SIM_DUPLICATE_STATUSES")]
    pub duplicate_statuses: bool,
    /// Deliver each message's statuses newest first.
    #[arg(long, env = "BUZON_SIM_SHUFFLE_STATUSES")]
    pub shuffle_statuses: bool,
    /// Whether the demo's bot starts switched on ("on" or "off"); only on the first start of
    /// a demo database, later the Bot screen's choice is kept.
    #[arg(long, env = "BUZON_DEMO_BOT", default_value = "on", value_parser = ["on", "off"])]
    pub demo_bot: String,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user. The password is read from standard input when it is not a terminal.
    Add {
        #[arg(long)]
        email: String,
        /// agent, supervisor or admin.
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Set a user's password (read like `add`); their sessions end.
    Passwd {
        #[arg(long)]
        email: String,
    },
    /// Disable a user (their sessions end at once), or enable them again with --enable.
    Disable {
        #[arg(long)]
        email: String,
        #[arg(long)]
        enable: bool,
    },
    /// List users.
    List,
}

/// The database to use; its URL may hold a password, so it is never printed whole.
#[derive(Clone)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn url(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite(u) | DatabaseUrl::Postgres(u) => u,
        }
    }

    /// The URL with any password masked, for messages.
    pub fn redacted(&self) -> String {
        redact(self.url())
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or("");
            if credentials.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                format!("{scheme}://{user}@{host}")
            }
        }
        None => url.to_string(),
    }
}

/// Checked settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database: DatabaseUrl,
    pub secure_cookies: bool,
    /// The address people open (`BUZON_PUBLIC_URL`), without a trailing slash.
    pub public_url: Option<String>,
    pub sessions: SessionPolicy,
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub whatsapp: WhatsAppConfig,
    /// Outbound messages per second.
    pub send_rate: u32,
    /// Requests a minute per API token.
    pub api_rate_per_minute: u32,
    /// How long a send without an answer stays in doubt.
    pub send_in_doubt_ms: i64,
}

impl Config {
    pub fn from_args(args: &GlobalArgs) -> Result<Config, String> {
        let addr = args.addr.trim().parse::<SocketAddr>().map_err(|_| {
            format!(
                "BUZON_ADDR (--addr): {:?} is not an address like 127.0.0.1:3000",
                args.addr
            )
        })?;
        let database = match args.database_url.as_deref().map(str::trim) {
            None | Some("") => {
                let path = args.data_dir.join("buzon.db");
                DatabaseUrl::Sqlite(format!("sqlite://{}", path.display()))
            }
            Some(u) if u.starts_with("sqlite:") => DatabaseUrl::Sqlite(u.to_string()),
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                DatabaseUrl::Postgres(u.to_string())
            }
            Some(u) => {
                return Err(format!(
                    "DATABASE_URL (--database-url): {:?} must start with sqlite:// or postgres://",
                    redact(u)
                ))
            }
        };
        let secure_cookies = match args.public_url.as_deref().map(str::trim) {
            None | Some("") => false,
            Some(u) if u.starts_with("https://") => true,
            Some(u) if u.starts_with("http://") => false,
            Some(u) => {
                return Err(format!(
                    "BUZON_PUBLIC_URL (--public-url): {u:?} must start with http:// or https://"
                ))
            }
        };
        let idle_ms = parse_duration_ms(&args.session_idle)
            .map_err(|e| format!("BUZON_SESSION_IDLE (--session-idle): {e}"))?;
        if idle_ms < 120_000 {
            return Err(format!(
                "BUZON_SESSION_IDLE (--session-idle): {:?} is too short: an open console renews \
                 its session every minute, so give it at least 2m",
                args.session_idle
            ));
        }
        let absolute_ms = parse_duration_ms(&args.session_lifetime)
            .map_err(|e| format!("BUZON_SESSION_LIFETIME (--session-lifetime): {e}"))?;
        if args
            .trust_forwarded_for
            .as_deref()
            .is_some_and(|v| parse_bool(v) != Some(false))
        {
            return Err(
                "BUZON_TRUST_FORWARDED_FOR (--trust-forwarded-for) is gone: name your \
                 reverse proxies in BUZON_TRUSTED_PROXIES (--trusted-proxies), e.g. 127.0.0.1/32; \
                 X-Forwarded-For is believed from them only"
                    .into(),
            );
        }
        let trusted_proxies = app::domain::client_address::parse_trusted(&args.trusted_proxies)
            .map_err(|e| format!("BUZON_TRUSTED_PROXIES (--trusted-proxies): {e}"))?;
        Ok(Config {
            addr,
            data_dir: args.data_dir.clone(),
            database,
            secure_cookies,
            public_url: args
                .public_url
                .as_deref()
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .filter(|u| !u.is_empty()),
            sessions: SessionPolicy {
                idle_ms,
                absolute_ms,
            },
            trusted_proxies,
            whatsapp: WhatsAppConfig::from_args(&args.whatsapp)?,
            send_rate: args
                .send_rate
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=1000).contains(r))
                .ok_or_else(|| {
                    format!(
                        "BUZON_SEND_RATE (--send-rate): {:?} is not a number of messages per second from 1 to 1000",
                        args.send_rate
                    )
                })?,
            api_rate_per_minute: args
                .api_rate
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=100_000).contains(r))
                .ok_or_else(|| {
                    format!(
                        "BUZON_API_RATE (--api-rate): {:?} is not a number of requests per minute from 1 to 100000",
                        args.api_rate
                    )
                })?,
            send_in_doubt_ms: parse_duration_ms(&args.send_in_doubt)
                .map_err(|e| format!("BUZON_SEND_IN_DOUBT (--send-in-doubt): {e}"))?,
        })
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

/// "90s", "30m", "12h", "2d" to milliseconds; at least one second.
pub fn parse_duration_ms(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: i64 = number
        .parse()
        .map_err(|_| format!("{s:?} is not a duration like 30m, 12h or 90s"))?;
    let unit_ms = match unit {
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("{s:?} is not a duration like 30m, 12h or 90s")),
    };
    match n.checked_mul(unit_ms) {
        Some(ms) if ms >= 1_000 => Ok(ms),
        _ => Err(format!("{s:?} must be between 1s and a few years")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> GlobalArgs {
        GlobalArgs {
            addr: "127.0.0.1:3000".into(),
            data_dir: "./data".into(),
            database_url: None,
            public_url: None,
            session_idle: "30m".into(),
            session_lifetime: "12h".into(),
            trusted_proxies: String::new(),
            trust_forwarded_for: None,
            send_rate: "80".into(),
            api_rate: "600".into(),
            send_in_doubt: "5m".into(),
            whatsapp: WhatsAppArgs {
                whatsapp_api_base: "https://graph.facebook.com".into(),
                whatsapp_api_version: "v25.0".into(),
                whatsapp_phone_number_id: None,
                whatsapp_business_account_id: None,
                whatsapp_access_token: Some("EAAG-secret-token".into()),
                whatsapp_app_secret: Some("app-secret".into()),
                whatsapp_verify_token: None,
                whatsapp_media_hosts: DEFAULT_MEDIA_HOSTS.into(),
            },
        }
    }

    #[test]
    fn defaults() {
        let c = Config::from_args(&args()).expect("defaults are valid");
        assert_eq!(c.database.url(), "sqlite://./data/buzon.db");
        assert_eq!(c.sessions, SessionPolicy::default());
        assert!(!c.secure_cookies);
    }

    #[test]
    fn bad_values_name_their_variable() {
        let mut a = args();
        a.addr = "localhost".into();
        assert!(Config::from_args(&a).unwrap_err().starts_with("BUZON_ADDR"));
        let mut a = args();
        a.database_url = Some("mysql://u:secret@h/db".into());
        let e = Config::from_args(&a).unwrap_err();
        assert!(e.starts_with("DATABASE_URL"));
        assert!(!e.contains("secret"), "{e}");
        let mut a = args();
        a.send_rate = "0".into();
        assert!(Config::from_args(&a)
            .unwrap_err()
            .starts_with("BUZON_SEND_RATE"));
        let mut a = args();
        a.session_idle = "soon".into();
        assert!(Config::from_args(&a)
            .unwrap_err()
            .starts_with("BUZON_SESSION_IDLE"));
    }

    #[test]
    fn whatsapp_settings_are_checked_and_secrets_hidden() {
        let c = Config::from_args(&args()).expect("valid");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("EAAG-secret-token") && !shown.contains("app-secret"),
            "{shown}"
        );
        let mut a = args();
        a.whatsapp.whatsapp_api_version = "25".into();
        assert!(Config::from_args(&a)
            .unwrap_err()
            .starts_with("WHATSAPP_API_VERSION"));
        let mut a = args();
        a.whatsapp.whatsapp_api_base = "graph.facebook.com".into();
        assert!(Config::from_args(&a)
            .unwrap_err()
            .starts_with("WHATSAPP_API_BASE"));
    }

    #[test]
    fn https_public_url_means_secure_cookies() {
        let mut a = args();
        a.public_url = Some("https://desk.example.com".into());
        assert!(Config::from_args(&a).expect("valid").secure_cookies);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_ms("90s"), Ok(90_000));
        assert_eq!(parse_duration_ms("30m"), Ok(1_800_000));
        assert_eq!(parse_duration_ms("12h"), Ok(43_200_000));
        assert!(parse_duration_ms("0s").is_err());
        assert!(parse_duration_ms("5").is_err());
        assert!(parse_duration_ms("m").is_err());
    }

    #[test]
    fn secrets_are_redacted() {
        let u = DatabaseUrl::Postgres("postgres://buzon:hunter2@db:5432/buzon".into());
        assert_eq!(format!("{u:?}"), "postgres://buzon:***@db:5432/buzon");
        assert_eq!(redact("postgres://buzon@db/x"), "postgres://buzon@db/x");
    }
}
