//! Customers' files are fetched with the access token: only from Meta's media hosts (or the
//! API's own origin), never following a redirect elsewhere, and never past the size cap,
//! however the file is served. A fake Graph API and an "elsewhere" that records what reaches
//! it, both real HTTP servers on loopback.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use server::config::{Secret, WhatsAppConfig};
use server::whatsapp::graph::{GraphClient, GraphError, WhatsAppApi};
use std::sync::{Arc, Mutex};

/// Requests that reached a server, with their `Authorization` header.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

async fn record(State(seen): State<Seen>, uri: axum::http::Uri, headers: HeaderMap) -> Response {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    seen.lock()
        .expect("lock")
        .push((uri.path().to_string(), auth));
    "secret-looking bytes".into_response()
}

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

struct Servers {
    meta: String,
    elsewhere: String,
    seen_elsewhere: Seen,
    client: GraphClient,
}

async fn servers() -> Servers {
    let seen_elsewhere: Seen = Arc::default();
    let elsewhere = serve(
        axum::Router::new()
            .fallback(record)
            .with_state(seen_elsewhere.clone()),
    )
    .await;
    let away = format!("{elsewhere}/stolen");
    let meta = serve(
        axum::Router::new()
            .route("/file", get(|| async { vec![7u8; 4096] }))
            .route(
                "/streamed",
                get(|| async {
                    // No Content-Length: the cap must hold while reading.
                    let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(vec![1u8; 1024]));
                    axum::body::Body::from_stream(futures::stream::iter(chunks))
                }),
            )
            .route(
                "/moved",
                get(move || {
                    let away = away.clone();
                    async move { Redirect::temporary(&away) }
                }),
            )
            .fallback(|| async { StatusCode::NOT_FOUND }),
    )
    .await;
    let config = WhatsAppConfig {
        api_base: meta.clone(),
        api_version: "v25.0".into(),
        phone_number_id: Some("1".into()),
        business_account_id: None,
        access_token: Some(Secret::new("the-access-token")),
        app_secret: None,
        verify_token: None,
        media_hosts: server::config::media_hosts(server::config::DEFAULT_MEDIA_HOSTS),
    };
    let client = GraphClient::new(&config).expect("client");
    Servers {
        meta,
        elsewhere,
        seen_elsewhere,
        client,
    }
}

#[tokio::test]
async fn a_media_url_elsewhere_is_not_fetched_and_gets_no_token() {
    let s = servers().await;
    let refused = s
        .client
        .download(&format!("{}/file", s.elsewhere), 1 << 20)
        .await;
    assert!(
        matches!(refused, Err(GraphError::NotMeta(_))),
        "{refused:?}"
    );
    let metadata = s
        .client
        .download("http://169.254.169.254/latest/meta-data", 1 << 20)
        .await;
    assert!(
        matches!(metadata, Err(GraphError::NotMeta(_))),
        "{metadata:?}"
    );
    assert!(s.seen_elsewhere.lock().expect("lock").is_empty());
    let own = s
        .client
        .download(&format!("{}/file", s.meta), 1 << 20)
        .await
        .expect("Meta's own file");
    assert_eq!(own.len(), 4096);
}

#[tokio::test]
async fn a_redirect_away_from_meta_is_not_followed() {
    let s = servers().await;
    let moved = s
        .client
        .download(&format!("{}/moved", s.meta), 1 << 20)
        .await;
    assert!(matches!(moved, Err(GraphError::NotMeta(_))), "{moved:?}");
    assert!(
        s.seen_elsewhere.lock().expect("lock").is_empty(),
        "nothing, token or not, reached the other host"
    );
}

#[tokio::test]
async fn a_file_past_the_cap_is_refused_whether_or_not_its_size_is_announced() {
    let s = servers().await;
    let announced = s.client.download(&format!("{}/file", s.meta), 1000).await;
    assert_eq!(announced, Err(GraphError::TooLarge(1000)));
    let streamed = s
        .client
        .download(&format!("{}/streamed", s.meta), 10_000)
        .await;
    assert_eq!(streamed, Err(GraphError::TooLarge(10_000)));
    let whole = s
        .client
        .download(&format!("{}/streamed", s.meta), 1 << 20)
        .await
        .expect("under the cap");
    assert_eq!(whole.len(), 64 * 1024);
}
