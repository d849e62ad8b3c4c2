//! The HTTP server: Leptos pages and server functions, sessions, health check, static files.

use crate::config::Config;
use crate::db::Database;
use app::ssr::ServerState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

mod campaign_lists;
mod contact_export;
mod content_security;
mod header_files;
mod incoming;
mod media;
pub mod origin;
mod sessions;
pub(crate) mod upload;
mod webhook;

use tower_sessions_core_014::ExpiredDeletion;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub server: ServerState,
    pub whatsapp: std::sync::Arc<crate::config::WhatsAppConfig>,
    pub media: crate::media::MediaFiles,
    pub hub: std::sync::Arc<crate::realtime::Hub>,
    /// Each API token's request budget.
    pub api_limits: std::sync::Arc<crate::rest::auth::RateLimits>,
    /// The session records, read by the websocket to notice a session that ended.
    pub sessions: std::sync::Arc<dyn tower_sessions::SessionStore>,
    /// The address people open (`BUZON_PUBLIC_URL`): the only origin allowed to change
    /// things when set (`origin`).
    pub public_url: Option<std::sync::Arc<str>>,
    /// Rung after a webhook stored customers' messages: the bot's worker looks at once.
    pub bot_bell: std::sync::Arc<tokio::sync::Notify>,
}

/// Where the compiled site (wasm, js, css, public files) is: cargo-leptos' output by default.
pub fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") | Ok("development") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name(std::env::var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|_| "buzon".into()))
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .site_pkg_dir(std::env::var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|_| "pkg".into()))
        .site_addr(addr)
        .env(env)
        .build()
}

/// The whole application, with the session store on the same database as everything else.
pub async fn router(
    config: &Config,
    database: &Database,
    state: ServerState,
    hub: std::sync::Arc<crate::realtime::Hub>,
) -> Result<Router, String> {
    let options = leptos_options(config.addr);
    let table = |e: sqlx::Error| format!("DATABASE_URL: cannot create the session table: {e}");
    match database {
        Database::Sqlite(db) => {
            let store = tower_sessions_sqlx_store::SqliteStore::new(db.pool().clone());
            store.migrate().await.map_err(table)?;
            Ok(assemble(config, state, hub, options, store))
        }
        Database::Postgres(db) => {
            let store = tower_sessions_sqlx_store::PostgresStore::new(db.pool().clone());
            store.migrate().await.map_err(table)?;
            Ok(assemble(config, state, hub, options, store))
        }
    }
}

fn assemble<S>(
    config: &Config,
    server: ServerState,
    hub: std::sync::Arc<crate::realtime::Hub>,
    options: LeptosOptions,
    store: S,
) -> Router
where
    S: ExpiredDeletion + Clone,
{
    tokio::spawn(
        store
            .clone()
            .continuously_delete_expired(tokio::time::Duration::from_secs(300)),
    );
    let session_records: std::sync::Arc<dyn tower_sessions::SessionStore> =
        std::sync::Arc::new(sessions::Compat(store.clone()));
    let sessions = SessionManagerLayer::new(sessions::Compat(store))
        .with_name("buzon_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        // Saving on every request is what renews the idle timeout with activity.
        .with_always_save(true)
        .with_expiry(Expiry::OnInactivity(time::Duration::milliseconds(
            config.sessions.idle_ms,
        )));

    // Server functions are routed by leptos_routes_with_context too, with this same context.
    let context = {
        let server = server.clone();
        move || {
            provide_context(server.clone());
            provide_context(app::ssr::response_status());
            content_security::for_page();
        }
    };
    // The bot answers what webhooks stored, wherever webhooks are received.
    let bot_bell = crate::bot_worker::spawn(server.clone(), std::time::Duration::from_secs(2));
    let state = AppState {
        bot_bell,
        leptos_options: options.clone(),
        server,
        whatsapp: std::sync::Arc::new(config.whatsapp.clone()),
        media: crate::media::MediaFiles::new(config.data_dir.join("media")),
        hub,
        api_limits: std::sync::Arc::new(crate::rest::auth::RateLimits::new(
            config.api_rate_per_minute,
        )),
        sessions: session_records,
        public_url: config.public_url.as_deref().map(std::sync::Arc::from),
    };
    let routes = generate_route_list(App);

    Router::new()
        .route("/healthz", get(healthz))
        .route("/media/{media_id}", get(media::serve_media))
        .route("/contacts/{id}/export.zip", get(contact_export::export))
        .route("/ws", get(crate::realtime::socket::upgrade))
        // Their bodies stream to disk under their own limit (`incoming::receive`).
        .route(
            "/conversations/{id}/media",
            axum::routing::post(upload::send_media),
        )
        .route("/uploads", axum::routing::post(header_files::upload))
        .route(
            "/campaigns/lists",
            axum::routing::post(campaign_lists::upload).layer(
                axum::extract::DefaultBodyLimit::max(app::domain::campaigns::csv_list::MAX_BYTES),
            ),
        )
        .route("/uploads/{id}", get(header_files::serve))
        .route(
            "/webhooks/whatsapp",
            get(webhook::verify)
                .post(webhook::receive)
                .layer(axum::extract::DefaultBodyLimit::max(webhook::BODY_LIMIT)),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn(undecodable_is_bad_request))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            origin::refuse_cross_site,
        ))
        .layer(sessions)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(content_security::OTHER_RESPONSES),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(TraceLayer::new_for_http())
        // After the layers above: the API has no sessions and answers in its own shape.
        .nest(
            crate::rest::BASE,
            crate::rest::router().layer(TraceLayer::new_for_http()),
        )
        .with_state(state)
}

/// Arguments that cannot be decoded never reach the function, so it cannot set a status and
/// the framework answers 500. That is the client's mistake: answer 400.
async fn undecodable_is_bad_request(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(app::error::AppError::Request { message }) = serde_json::from_slice(&bytes) {
        tracing::info!(%message, "undecodable server function call");
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Readiness: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.server.store.ping().await {
        Ok(()) => Json(serde_json::json!({"status": "ok", "database": "ok"})).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable", "database": "unreachable"})),
            )
                .into_response()
        }
    }
}

/// Serves until Ctrl-C / SIGTERM. Open websockets are closed first (`hub`), or the graceful
/// shutdown would wait for them forever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    hub: Option<std::sync::Arc<crate::realtime::Hub>>,
) -> Result<(), String> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown().await;
        if let Some(hub) = hub {
            hub.close();
        }
    })
    .await
    .map_err(|e| format!("server stopped: {e}"))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
