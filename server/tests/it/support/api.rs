//! Helpers for tests of the integration API (`/api/v1`) over real HTTP: tokens made the way
//! Settings makes them, and calls with or without one.

use super::{Reply, TestApp};
use app::domain::integrations::tokens::Scope;
use app::domain::roles::Role;
use app::ssr::{now_ms, UserRecord};
use serde_json::Value;
use std::sync::atomic::{AtomicU32, Ordering};

static ADMINS: AtomicU32 = AtomicU32::new(0);

/// A fresh admin (each call makes another, so tokens never share an owner by accident).
pub async fn admin(app: &TestApp) -> UserRecord {
    let n = ADMINS.fetch_add(1, Ordering::Relaxed);
    app.add_user(
        &format!("api-admin-{n}@example.com"),
        Role::Admin,
        super::console::PASSWORD,
    )
    .await
}

/// A token with `scope` acting as `owner` (an active admin).
pub async fn token_of(app: &TestApp, owner: &UserRecord, scope: Scope) -> String {
    let (_, token) = app::ssr::integrations::create_token(
        app.state.store.as_ref(),
        owner,
        &format!("test {}", scope.as_str()),
        scope,
        now_ms(),
    )
    .await
    .expect("create token");
    token
}

/// A token with `scope` acting as a fresh admin.
pub async fn admin_token(app: &TestApp, scope: Scope) -> String {
    let owner = admin(app).await;
    token_of(app, &owner, scope).await
}

/// Calls `path` (relative to `/api/v1`, e.g. `/conversations?limit=2`) with `token` as the
/// bearer and `body` as JSON.
pub async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    call_with(&reqwest::Client::new(), app, method, path, token, body).await
}

/// [`call`] from a given client (one holding a console session cookie, say).
pub async fn call_with(
    client: &reqwest::Client,
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut request = client.request(method, format!("{}/api/v1{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    Reply::read(request.send().await.expect("request")).await
}

pub async fn get(app: &TestApp, path: &str, token: &str) -> Reply {
    call(app, reqwest::Method::GET, path, Some(token), None).await
}

pub async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    call(app, reqwest::Method::POST, path, Some(token), Some(body)).await
}

pub async fn patch(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    call(app, reqwest::Method::PATCH, path, Some(token), Some(body)).await
}

pub async fn delete(app: &TestApp, path: &str, token: &str) -> Reply {
    call(app, reqwest::Method::DELETE, path, Some(token), None).await
}

pub fn assert_status(reply: &Reply, status: u16, what: &str) {
    assert_eq!(reply.status, status, "{what}: {:?}", reply.json);
}

/// An error answer with `code`, in the API's one error shape.
pub fn assert_error(reply: &Reply, status: u16, code: &str, what: &str) {
    assert_status(reply, status, what);
    assert_eq!(
        reply.json["error"]["code"], code,
        "{what}: {:?}",
        reply.json
    );
    assert!(
        reply.json["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{what}: a message: {:?}",
        reply.json
    );
}

/// A read token acting as `user_id`, whatever their role (only admins create tokens; an admin
/// demoted since keeps theirs, acting as who they are now).
pub async fn token_acting_as(app: &TestApp, user_id: i64) -> String {
    use app::domain::integrations::tokens::shown_prefix;
    let raw = format!("bzn_{:0>32}", user_id);
    app.state
        .store
        .create_api_token(
            &app::ssr::NewApiToken {
                name: format!("as {user_id}"),
                scope: app::domain::integrations::tokens::Scope::Read,
                token_hash: app::ssr::integrations::token_hash(&raw),
                prefix: shown_prefix(&raw),
                owner_id: user_id,
            },
            app::ssr::now_ms(),
        )
        .await
        .expect("token");
    raw
}
