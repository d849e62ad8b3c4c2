//! The integration API under `/api/v1`: what the console does, for CRMs, order systems and
//! external bots. Authenticated by bearer tokens (`auth`), answering errors in one JSON
//! shape (`error`), described by an OpenAPI document generated from these handlers and
//! types (`/api/v1/openapi.json`), so the document cannot drift from the code.
//!
//! Every handler calls the same `app::ssr` functions and domain rules as the console's
//! server functions: the API can do nothing the console would refuse.

pub mod auth;
pub mod bot;
pub mod campaigns;
pub mod contacts;
pub mod conversations;
pub mod directory;
pub mod error;
pub mod extract;
pub mod labels;
pub mod messages;
pub mod outreach;
pub mod quick_replies;
pub mod reports;
pub mod templates;
pub mod types;
pub mod users;

use crate::http::AppState;
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

/// Where the API is mounted.
pub const BASE: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Buzón API",
        version = "1.0.0",
        description = "The shared inbox's integration API. Authenticate with `Authorization: Bearer <token>` (Settings → Integrations, or `buzon token create`). Errors answer `{\"error\": {\"code\", \"message\"}}`. Lists answer `{\"data\": [...], \"next_cursor\"}`. See docs/api.md."
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(error::ErrorBody, error::ErrorDetail, conversations::StatusName)),
    tags(
        (name = "contacts", description = "Customers"),
        (name = "conversations", description = "Conversations: status, assignment, labels"),
        (name = "messages", description = "Reading and sending messages"),
        (name = "desk", description = "Labels, quick replies, templates, users"),
        (name = "reports", description = "Report summaries"),
        (name = "campaigns", description = "Broadcast campaigns and their recipients (supervisors and admins)"),
        (name = "bot", description = "Driving the bot's conversations from an external bot")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API's routes and the OpenAPI document describing exactly them.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(contacts::routes())
        .merge(conversations::routes())
        .merge(messages::routes())
        .merge(directory::routes())
        .merge(reports::routes())
        .merge(campaigns::routes())
        .merge(bot::routes())
        .split_for_parts()
}

/// The router mounted at [`BASE`], outside the session layer.
pub fn router() -> Router<AppState> {
    let (routes, document) = routes();
    let document = std::sync::Arc::new(document);
    routes
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let document = document.clone();
                async move { axum::Json(document.as_ref().clone()) }
            }),
        )
        .fallback(|| async { error::ApiError::not_found().into_response() })
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// The OpenAPI document as JSON text (for `buzon openapi` and the docs).
pub fn document_json() -> String {
    routes().1.to_pretty_json().unwrap_or_default()
}
