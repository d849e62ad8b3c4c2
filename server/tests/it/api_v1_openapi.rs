//! The OpenAPI document the desk serves: reachable without a token, OpenAPI 3, bearer
//! security on every operation, and covering every resource the issue names (the document is
//! generated from the router, so a route listed here that was not mounted would be missing).
//! `make api-fuzz` exercises the same document with schemathesis.

use crate::support;

use serde_json::Value;
use support::Db;

/// (method, path) pairs integrations rely on.
const REQUIRED: &[(&str, &str)] = &[
    ("get", "/contacts"),
    ("get", "/contacts/{id}"),
    ("patch", "/contacts/{id}"),
    ("get", "/conversations"),
    ("get", "/conversations/{id}"),
    ("post", "/conversations/{id}/status"),
    ("post", "/conversations/{id}/assign"),
    ("post", "/conversations/{id}/labels"),
    ("get", "/conversations/{id}/messages"),
    ("post", "/conversations/{id}/messages"),
    ("post", "/messages/{id}/retry"),
    ("get", "/labels"),
    ("get", "/quick-replies"),
    ("get", "/templates"),
    ("post", "/templates/sync"),
    ("get", "/users"),
    ("get", "/reports/summary"),
    ("get", "/campaigns"),
    ("get", "/campaigns/{id}"),
    ("get", "/campaigns/{id}/recipients"),
    ("post", "/conversations/{id}/handoff"),
    ("post", "/conversations/{id}/bot/messages"),
];

/// The document does not depend on the database: SQLite only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_describes_every_resource_and_needs_no_token() {
    let app = support::spawn(Db::Sqlite, |_| {}).await;
    let response = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
        .await
        .expect("openapi.json");
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.expect("JSON");
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["security"]
        .as_array()
        .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some())));
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in REQUIRED {
        let operation = &paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not in the document"))[*method];
        assert!(
            operation.is_object(),
            "{method} {path} is not in the document"
        );
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| r.keys().any(|k| k.starts_with('2'))),
            "{method} {path} documents no success answer"
        );
    }
    // Every operation answers errors in the documented shape.
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}
