//! The `buzon` program: configuration, databases, the HTTP server and the command line.
//! `main` builds every piece of state here and injects it; nothing is global.

pub mod assignment;
pub mod bot_worker;
pub mod campaigns;
pub mod config;
pub mod connection;
pub mod db;
pub mod demo;
pub mod http;
pub mod media;
pub mod outbound;
pub mod realtime;
pub mod rest;
pub mod retention;
pub mod simulator;
pub mod tokens_cli;
pub mod users_cli;
pub mod webhooks;
pub mod whatsapp;

use app::ssr::password::{HashParams, Hasher, DEFAULT_SLOTS};
use app::ssr::ServerState;
use config::{Cli, Command, Config};
use db::Database;

/// Opens and migrates the configured database.
pub async fn open_database(config: &Config) -> Result<Database, String> {
    let database = Database::open(&config.database).await?;
    database.migrate().await?;
    Ok(database)
}

/// The state server functions receive.
pub fn server_state(
    config: &Config,
    database: &Database,
    whatsapp: std::sync::Arc<dyn app::ssr::WhatsAppLink>,
) -> ServerState {
    ServerState {
        store: database.store(),
        whatsapp,
        sessions: config.sessions,
        hasher: std::sync::Arc::new(Hasher::new(HashParams::default(), DEFAULT_SLOTS)),
        trusted_proxies: config.trusted_proxies.clone().into(),
    }
}

pub async fn run(cli: Cli) -> Result<(), String> {
    let config = Config::from_args(&cli.global)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            open_database(&config).await?;
            println!("Migrations applied to {}", config.database.redacted());
            Ok(())
        }
        Command::User(command) => {
            let database = open_database(&config).await?;
            let link = connect(&config, &database, false)?;
            users_cli::run(command, &server_state(&config, &database, link)).await
        }
        Command::Token(command) => {
            let database = open_database(&config).await?;
            let link = connect(&config, &database, false)?;
            tokens_cli::run(command, &server_state(&config, &database, link)).await
        }
        Command::Serve => serve(&config, None).await,
        Command::Demo(sim) => serve(&config, Some(sim)).await,
        Command::Simulate { desk_url, sim } => simulate(&config, &desk_url, &sim).await,
    }
}

async fn serve(config: &Config, demo: Option<config::SimArgs>) -> Result<(), String> {
    let mut config = config.clone();
    let simulator = match &demo {
        Some(sim) => Some(demo::start_simulator(&mut config, sim).await?),
        None => None,
    };
    let config = &config;
    let database = open_database(config).await?;
    let link = connect(config, &database, true)?;
    let state = server_state(config, &database, link);
    let logins = match &demo {
        Some(sim) => {
            let logins = demo::seed(&state).await?;
            demo::bot::seed(&state, sim.demo_bot == "on").await?;
            // After the bot: whether it is on decides how the past week's conversations went.
            demo::reports::seed_week(&state).await?;
            demo::campaign::seed(&state).await?;
            Some(logins)
        }
        None => None,
    };
    if let Some(running) = &simulator {
        demo::seed_history(running.simulator.clone(), &state);
    }
    let hub = realtime::Hub::start(state.store.clone()).await;
    assignment::spawn(state.store.clone(), assignment::DispatchSettings::default());
    retention::spawn(state.clone());
    let _webhooks = webhooks::spawn(state.store.clone(), webhooks::WebhookSettings::default());
    let router = http::router(config, &database, state, hub.clone()).await?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("BUZON_ADDR (--addr): cannot listen on {}: {e}", config.addr))?;
    tracing::info!(addr = %config.addr, database = %config.database.redacted(), "Buzón is listening");
    if let Some(logins) = logins {
        demo::print_logins(config, &logins, simulator.as_ref());
    }
    http::serve(listener, router, Some(hub)).await
}

/// The WhatsApp connection: the Graph API client, and (when `run`) the outbound worker and
/// the template syncer started.
pub fn connect(
    config: &Config,
    database: &Database,
    run: bool,
) -> Result<std::sync::Arc<connection::Connection>, String> {
    let api: std::sync::Arc<dyn whatsapp::graph::WhatsAppApi> =
        std::sync::Arc::new(whatsapp::graph::GraphClient::new(&config.whatsapp)?);
    let store = database.store();
    let templates = whatsapp::templates::TemplateSyncer::new(api.clone(), store.clone());
    let outbox = if run {
        templates.spawn(std::time::Duration::from_secs(15 * 60));
        media::spawn(
            store.clone(),
            api.clone(),
            media::MediaFiles::new(config.data_dir.join("media")),
        );
        let rate = f64::from(config.send_rate);
        let settings = outbound::OutboundSettings {
            throughput: app::domain::pacing::Rate {
                capacity: rate,
                per_second: rate,
            },
            in_doubt_ms: config.send_in_doubt_ms,
            ..outbound::OutboundSettings::default()
        };
        outbound::spawn(store, api.clone(), settings)
    } else {
        outbound::Outbox::default()
    };
    let public = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.addr));
    let mut connection = connection::Connection::new(
        outbox,
        templates,
        api,
        config.whatsapp.clone(),
        format!("{}/webhooks/whatsapp", public.trim_end_matches('/')),
    );
    connection.throughput = f64::from(config.send_rate);
    Ok(std::sync::Arc::new(connection))
}

/// `buzon simulate`: the simulator alone, for a desk running elsewhere.
async fn simulate(config: &Config, desk_url: &str, args: &config::SimArgs) -> Result<(), String> {
    let sim_config =
        demo::simulator_config(config, args, desk_url, &format!("http://{}", config.addr))?;
    let simulator = simulator::Simulator::start(sim_config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("BUZON_ADDR (--addr): cannot listen on {}: {e}", config.addr))?;
    println!("WhatsApp simulator at http://{} (phone page: http://{}/phone), webhooks to {desk_url}/webhooks/whatsapp", config.addr, config.addr);
    http::serve(listener, simulator.router(), None).await
}
