//! Demo mode: a ready-made team to sign in with, and the desk wired to the built-in WhatsApp
//! simulator, whose customers start writing in as soon as it is up.

pub mod bot;
pub mod campaign;
pub mod reports;

use crate::config::{Config, Secret, SimArgs, WhatsAppConfig};
use crate::simulator::{SimConfig, Simulator};
use app::domain::roles::Role;
use app::ssr::{now_ms, NewUser, ServerState, UserChange};
use rand::distributions::Alphanumeric;
use rand::Rng;
use std::net::SocketAddr;
use std::time::Duration;

pub const DEMO_USERS: [(&str, &str, Role); 4] = [
    ("admin@demo.local", "Alex Admin", Role::Admin),
    (
        "supervisor@demo.local",
        "Sofía Supervisor",
        Role::Supervisor,
    ),
    ("ana@demo.local", "Ana García", Role::Agent),
    ("luis@demo.local", "Luis Pérez", Role::Agent),
];

pub struct DemoLogins {
    pub password: String,
}

/// Creates the demo users, or resets them to the demo password (`BUZON_DEMO_PASSWORD`, or a
/// fresh random one) so the printed logins always work.
pub async fn seed(state: &ServerState) -> Result<DemoLogins, String> {
    let password = match std::env::var("BUZON_DEMO_PASSWORD") {
        Ok(p) if !p.is_empty() => {
            app::domain::validation::new_password(&p).map_err(|_| {
                "BUZON_DEMO_PASSWORD: must have between 8 and 128 characters".to_string()
            })?;
            p
        }
        _ => rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(12)
            .map(char::from)
            .collect(),
    };
    let hash = state
        .hasher
        .hash(password.clone())
        .await
        .map_err(|e| format!("demo: cannot hash the demo password: {e}"))?;
    let store = &state.store;
    let fail = |e: app::ssr::StoreError| format!("DATABASE_URL: cannot write demo users: {e}");
    for (email, name, role) in DEMO_USERS {
        let now = now_ms();
        match store.user_by_email(email).await.map_err(fail)? {
            Some(user) => {
                let change = UserChange::PasswordHash {
                    hash: hash.clone(),
                    end_sessions: false,
                };
                store
                    .update_user(user.id, change, now)
                    .await
                    .map_err(fail)?;
                store
                    .update_user(user.id, UserChange::Disabled(false), now)
                    .await
                    .map_err(fail)?;
            }
            None => {
                let user = NewUser {
                    email: email.to_string(),
                    name: name.to_string(),
                    role,
                    password_hash: hash.clone(),
                    capacity: app::domain::validation::DEFAULT_CAPACITY,
                    language: None,
                };
                store.create_user(user, now).await.map_err(fail)?;
            }
        }
    }
    seed_labels(state).await?;
    seed_quick_replies(state).await?;
    seed_prices(state).await?;
    Ok(DemoLogins { password })
}

/// A few labels to filter by (managed on the Labels screen).
const DEMO_LABELS: [(&str, &str); 4] = [
    ("VIP", "violet"),
    ("Billing", "amber"),
    ("Delivery", "sky"),
    ("Complaint", "red"),
];

async fn seed_labels(state: &ServerState) -> Result<(), String> {
    let existing = state
        .store
        .labels()
        .await
        .map_err(|e| format!("DATABASE_URL: cannot read labels: {e}"))?;
    for (name, color) in DEMO_LABELS {
        let key = app::domain::labels::name_key(name);
        if !existing
            .iter()
            .any(|l| app::domain::labels::name_key(&l.name) == key)
        {
            let label = app::domain::labels::LabelDraft::new(name, color, "")
                .map_err(|e| format!("demo label {name}: {e:?}"))?;
            state
                .store
                .create_label(&label, now_ms())
                .await
                .map_err(|e| format!("DATABASE_URL: cannot write demo labels: {e}"))?;
        }
    }
    Ok(())
}

/// Shared quick replies in both of the desk's languages, using variables.
const DEMO_QUICK_REPLIES: [(&str, &str, &str); 6] = [
    (
        "hello",
        "Greeting",
        "Hi {{contact.first_name}}, this is {{agent.first_name}}. How can I help you today?",
    ),
    (
        "hola",
        "Saludo",
        "¡Hola {{contact.first_name}}! Soy {{agent.first_name}}, ¿en qué puedo ayudarte?",
    ),
    (
        "order-status",
        "Order status",
        "Thanks {{contact.first_name}}! Your order {{contact.order_id}} is on its way.",
    ),
    (
        "pedido",
        "Estado del pedido",
        "Gracias {{contact.first_name}}, tu pedido {{contact.order_id}} ya está en camino.",
    ),
    (
        "thanks",
        "Closing",
        "Thank you for writing to us, {{contact.first_name}}. Have a great day!",
    ),
    (
        "gracias",
        "Despedida",
        "Gracias por escribirnos, {{contact.first_name}}. ¡Que tengas un buen día!",
    ),
];

/// Marks that the demo's quick replies were seeded: replies a supervisor deletes stay deleted.
const QUICK_REPLIES_SEEDED: &str = "demo_quick_replies_seeded";

/// The dated sample rate card (its source named with it), so the demo's estimates have prices;
/// an admin's own card is never replaced.
async fn seed_prices(state: &ServerState) -> Result<(), String> {
    use app::domain::pricing::{sample_table, PricingSettings, PRICING_SETTING};
    let store = &state.store;
    let fail = |e: app::ssr::StoreError| format!("DATABASE_URL: cannot write demo prices: {e}");
    if store
        .setting(PRICING_SETTING)
        .await
        .map_err(fail)?
        .is_some()
    {
        return Ok(());
    }
    let settings = PricingSettings {
        table: sample_table(),
        ..PricingSettings::default()
    };
    let json = serde_json::to_string(&settings).map_err(|e| e.to_string())?;
    store
        .put_setting(PRICING_SETTING, &json, now_ms())
        .await
        .map_err(fail)
}

async fn seed_quick_replies(state: &ServerState) -> Result<(), String> {
    use app::domain::quick_replies::QuickReplyFields;
    use app::ssr::StoreError;
    let store = &state.store;
    let fail = |e: StoreError| format!("DATABASE_URL: cannot write demo quick replies: {e}");
    let seeded = store.setting(QUICK_REPLIES_SEEDED).await.map_err(fail)?;
    if seeded.is_some() {
        return Ok(());
    }
    for (shortcut, title, body) in DEMO_QUICK_REPLIES {
        let fields = QuickReplyFields::new(shortcut, title, body)
            .map_err(|e| format!("demo quick reply {shortcut}: {e:?}"))?;
        match store.create_quick_reply(None, &fields, now_ms()).await {
            Ok(_) | Err(StoreError::Duplicate) => {}
            Err(e) => return Err(fail(e)),
        }
    }
    store
        .put_setting(QUICK_REPLIES_SEEDED, "true", now_ms())
        .await
        .map_err(fail)
}

pub fn print_logins(config: &Config, logins: &DemoLogins, simulator: Option<&RunningSimulator>) {
    println!();
    println!("  Buzón demo is ready: http://{}", config.addr);
    println!();
    for (email, _, role) in DEMO_USERS {
        println!("    {email:<24} {role}");
    }
    println!("    password: {}", logins.password);
    if let Some(sim) = simulator {
        println!();
        println!(
            "  WhatsApp simulator: http://{}/phone  (write as a customer)",
            sim.addr
        );
    }
    println!();
}

pub struct RunningSimulator {
    pub addr: SocketAddr,
    pub simulator: Simulator,
}

fn random_secret() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

/// The simulator's behaviour from the command line, with the WhatsApp ids and secrets of
/// `config` (the same settings the desk uses).
pub fn simulator_config(
    config: &Config,
    args: &SimArgs,
    desk_url: &str,
    public_base: &str,
) -> Result<SimConfig, String> {
    let every = match args.customer_every.trim() {
        "off" | "never" | "0" => None,
        other => Some(Duration::from_millis(
            crate::config::parse_duration_ms(other)
                .map_err(|e| format!("BUZON_SIM_CUSTOMER_EVERY (--customer-every): {e}"))?
                as u64,
        )),
    };
    let delay = Duration::from_millis(
        crate::config::parse_duration_ms(&args.status_delay)
            .map_err(|e| format!("BUZON_SIM_STATUS_DELAY (--status-delay): {e}"))? as u64,
    );
    let w = &config.whatsapp;
    let secret = |s: &Option<Secret>, name: &str| {
        s.as_ref()
            .map(|s| s.expose().to_string())
            .ok_or_else(|| format!("{name}: the simulator needs it (the same value the desk uses)"))
    };
    let mut sim = SimConfig::demo(
        format!("{}/webhooks/whatsapp", desk_url.trim_end_matches('/')),
        public_base.to_string(),
        secret(&w.app_secret, "WHATSAPP_APP_SECRET")?,
        secret(&w.access_token, "WHATSAPP_ACCESS_TOKEN")?,
    );
    if let Some(id) = &w.phone_number_id {
        sim.phone_number_id = id.clone();
    }
    if let Some(id) = &w.business_account_id {
        sim.business_account_id = id.clone();
    }
    sim.customer_every = every;
    sim.delay_sent = delay / 3;
    sim.delay_delivered = delay;
    sim.duplicate_statuses = args.duplicate_statuses;
    sim.shuffle_statuses = args.shuffle_statuses;
    Ok(sim)
}

/// Starts the simulator next to the desk and points the desk's WhatsApp settings at it.
pub async fn start_simulator(
    config: &mut Config,
    args: &SimArgs,
) -> Result<RunningSimulator, String> {
    let addr: SocketAddr = match &args.simulator_addr {
        Some(a) => a.trim().parse().map_err(|_| {
            format!("BUZON_SIMULATOR_ADDR (--simulator-addr): {a:?} is not an address like 127.0.0.1:3100")
        })?,
        None => SocketAddr::new(config.addr.ip(), config.addr.port().saturating_add(100)),
    };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        format!("BUZON_SIMULATOR_ADDR (--simulator-addr): cannot listen on {addr}: {e}")
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("BUZON_SIMULATOR_ADDR: {e}"))?;
    // Demo secrets are made up at every start; the desk and the simulator share them.
    config.whatsapp = WhatsAppConfig {
        api_base: format!("http://{addr}"),
        api_version: config.whatsapp.api_version.clone(),
        phone_number_id: Some("106540352242922".into()),
        business_account_id: Some("102290129340398".into()),
        access_token: Some(Secret::new(random_secret())),
        app_secret: Some(Secret::new(random_secret())),
        verify_token: Some(Secret::new(random_secret())),
        media_hosts: config.whatsapp.media_hosts.clone(),
    };
    let desk_url = format!("http://{}", config.addr);
    let sim_config = simulator_config(config, args, &desk_url, &format!("http://{addr}"))?;
    let simulator = Simulator::start(sim_config);
    let router = simulator.router();
    tokio::spawn(async move {
        if let Err(e) = crate::http::serve(listener, router, None).await {
            tracing::error!(error = %e, "the simulator stopped");
        }
    });
    Ok(RunningSimulator { addr, simulator })
}

/// Customers who wrote a while ago, so the demo shows a window about to close and one that
/// closed (templates only). Sent once the desk listens; the simulator retries webhooks.
pub fn seed_history(simulator: Simulator, state: &ServerState) {
    let store = state.store.clone();
    tokio::spawn(async move {
        // Once per database: a restarted demo keeps its history.
        if let Ok(Some(_)) = store
            .contact(app::ssr::ContactKey::WaId("34622334455"))
            .await
        {
            return;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let history = [
            (
                "Marta Vidal",
                "34622334455",
                "es",
                "Hola, ¿me confirmáis la cita del jueves?",
                24 * 3600 - 40 * 60,
            ),
            (
                "Jorge Blanco",
                "34644556677",
                "es",
                "Gracias, ya me llegó el pedido",
                30 * 3600,
            ),
            (
                "Grace Miller",
                "447700900123",
                "en",
                "Could you send me the invoice again?",
                20 * 3600,
            ),
        ];
        for (name, wa_id, lang, text, ago) in history {
            if let Err(e) = simulator.customer_wrote(name, wa_id, lang, text, ago) {
                tracing::warn!(error = %e, "demo history: {name}");
            }
        }
    });
}
