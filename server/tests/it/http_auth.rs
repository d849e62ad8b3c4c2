//! Sign-in, sessions, throttling and role checks over real HTTP, on both databases.

use crate::support;

use app::domain::roles::Role;
use app::domain::throttle::FREE_ATTEMPTS;
use serde_json::json;
use std::time::Duration;
use support::{session_cookie, Db};

const PASSWORD: &str = "correct horse";

on_both_databases!(
    login_starts_a_session_and_logout_ends_it,
    the_session_id_changes_at_login,
    wrong_password_and_unknown_email_get_the_same_answer,
    failures_are_throttled_per_account_with_growing_delays,
    failures_are_throttled_per_client_address,
    an_idle_session_expires_and_activity_renews_it,
    a_session_ends_after_its_absolute_lifetime,
    roles_are_checked_on_the_server,
    disabling_a_user_ends_their_sessions_at_once,
    a_password_reset_ends_the_users_sessions,
    the_last_admin_cannot_be_removed,
    bad_input_gets_a_clear_error_and_writes_nothing,
    pages_redirect_forbid_and_miss,
    the_password_is_rehashed_when_parameters_change,
    users_change_their_own_password_language_and_time_zone,
    a_failed_template_sync_is_reported_on_the_screen,
    parallel_guesses_are_throttled_before_they_are_checked,
    the_password_change_is_throttled_too,
    a_saturated_hasher_answers_busy,
    forwarded_for_is_believed_only_from_trusted_proxies,
    a_role_change_ends_sessions_and_caps_the_owners_tokens,
    state_changes_from_another_site_are_refused,
    pages_carry_a_nonce_policy_and_everything_else_a_sandbox,
);

async fn login_starts_a_session_and_logout_ends_it(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    assert_eq!(app.whoami(&client).await, None);

    let reply = app.login(&client, " Ana@Demo.Local ", PASSWORD).await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.headers["location"], "/", "sent to the inbox");
    let cookie = session_cookie(&reply.headers).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    assert_eq!(app.whoami(&client).await.as_deref(), Some("ana@demo.local"));

    let reply = app.call(&client, "logout", &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.headers["location"], "/login");
    assert_eq!(app.whoami(&client).await, None);
}

async fn the_session_id_changes_at_login(db: Db) {
    let app = support::spawn(db, |c| c.secure_cookies = true).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    // Our own cookie jar, so the old id can be replayed by hand.
    let client = app.client();
    let first = app.login(&client, "ana@demo.local", PASSWORD).await;
    let first = session_cookie(&first.headers).expect("cookie");
    assert!(
        first.contains("Secure"),
        "https deployments get Secure cookies: {first}"
    );
    let second = app.login(&client, "ana@demo.local", PASSWORD).await;
    let second = session_cookie(&second.headers).expect("cookie");
    let value = |c: &str| c.split(';').next().unwrap_or("").to_string();
    assert_ne!(value(&first), value(&second), "a new id at every login");

    // The id from before the second login no longer opens anything.
    let stale = reqwest::Client::new()
        .post(format!("{}/api/session", app.base))
        .header("cookie", value(&first))
        .send()
        .await
        .expect("request");
    let body: serde_json::Value = stale.json().await.expect("json");
    assert_eq!(body["me"], serde_json::Value::Null);
}

async fn wrong_password_and_unknown_email_get_the_same_answer(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let wrong = app
        .login(&app.client(), "ana@demo.local", "wrong password")
        .await;
    let unknown = app
        .login(&app.client(), "nobody@demo.local", PASSWORD)
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    assert_eq!(wrong.json, json!({"error": "invalid_credentials"}));
    assert_eq!(wrong.json, unknown.json);
    assert!(session_cookie(&wrong.headers).is_none());
}

async fn failures_are_throttled_per_account_with_growing_delays(db: Db) {
    let app = support::spawn(db, |c| {
        c.trusted_proxies = vec!["127.0.0.1/32".parse().expect("net")]
    })
    .await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    // Each attempt from another address, so only the account's count matters.
    let attempt = |n: u32, password: &'static str| {
        let app = &app;
        async move {
            let client = reqwest::Client::new();
            let response = client
                .post(format!("{}/api/login", app.base))
                .header("x-forwarded-for", format!("203.0.113.{n}"))
                .form(&[("email", "ana@demo.local"), ("password", password)])
                .send()
                .await
                .expect("request");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.expect("json");
            (status, body)
        }
    };
    for n in 0..FREE_ATTEMPTS {
        assert_eq!(attempt(n, "wrong").await.0, 401, "attempt {n} is free");
    }
    // Now attempts must wait, even with the right password.
    let (status, body) = attempt(10, PASSWORD).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"], "throttled");
    let first_wait = body["retry_after_secs"].as_i64().expect("seconds");
    assert!(first_wait >= 1, "{body}");

    tokio::time::sleep(Duration::from_millis(first_wait as u64 * 1000 + 100)).await;
    assert_eq!(
        attempt(12, "wrong").await.0,
        401,
        "after the wait, one may try again"
    );
    let (status, body) = attempt(13, PASSWORD).await;
    assert_eq!(status, 429);
    let second_wait = body["retry_after_secs"].as_i64().expect("seconds");
    assert!(
        second_wait > first_wait,
        "delays grow: {first_wait} then {second_wait}"
    );

    tokio::time::sleep(Duration::from_millis(second_wait as u64 * 1000 + 100)).await;
    let (status, _) = attempt(14, PASSWORD).await;
    assert_eq!(
        status, 200,
        "no hard lockout: the right password works after the wait"
    );
}

async fn failures_are_throttled_per_client_address(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    for n in 0..FREE_ATTEMPTS {
        let email = format!("guess{n}@demo.local");
        assert_eq!(app.login(&client, &email, "guess").await.status, 401);
    }
    // Another account, same address: the address is throttled.
    let reply = app.login(&client, "ana@demo.local", PASSWORD).await;
    assert_eq!(reply.status, 429, "{:?}", reply.json);
    assert!(reply.headers.contains_key("retry-after"));
}

async fn an_idle_session_expires_and_activity_renews_it(db: Db) {
    let app = support::spawn(db, |c| c.sessions.idle_ms = 3_000).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    assert_eq!(
        app.login(&client, "ana@demo.local", PASSWORD).await.status,
        200
    );
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(1_000)).await;
        assert!(
            app.whoami(&client).await.is_some(),
            "activity keeps the session"
        );
    }
    tokio::time::sleep(Duration::from_millis(4_000)).await;
    assert_eq!(app.whoami(&client).await, None, "idle too long");
}

async fn a_session_ends_after_its_absolute_lifetime(db: Db) {
    let app = support::spawn(db, |c| c.sessions.absolute_ms = 2_000).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    assert_eq!(
        app.login(&client, "ana@demo.local", PASSWORD).await.status,
        200
    );
    assert!(app.whoami(&client).await.is_some());
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    assert_eq!(app.whoami(&client).await, None);
}

async fn roles_are_checked_on_the_server(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;
    app.add_user("sofia@demo.local", Role::Supervisor, PASSWORD)
        .await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;

    let anonymous = app.call(&app.client(), "users/list", &[]).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.json, json!({"error": "unauthenticated"}));

    for email in ["ana@demo.local", "sofia@demo.local"] {
        let client = app.client();
        app.login(&client, email, PASSWORD).await;
        let reply = app.call(&client, "users/list", &[]).await;
        assert_eq!(reply.status, 403, "{email}");
        assert_eq!(reply.json, json!({"error": "forbidden"}));
        let reply = app
            .call(
                &client,
                "users/create",
                &[
                    ("email", "x@demo.local"),
                    ("name", ""),
                    ("role", "admin"),
                    ("password", "long enough"),
                    ("capacity", "5"),
                ],
            )
            .await;
        assert_eq!(reply.status, 403, "{email} cannot create users");
    }
    assert!(app
        .state
        .store
        .user_by_email("x@demo.local")
        .await
        .expect("read")
        .is_none());

    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;
    let reply = app.call(&admin, "users/list", &[]).await;
    assert_eq!(reply.status, 200);
    let users = reply.json.as_array().expect("a list");
    assert_eq!(users.len(), 3);
    let body = reply.json.to_string();
    assert!(
        !body.contains("argon2"),
        "no password hashes on the wire: {body}"
    );
    assert!(!body.contains("hash"), "{body}");
}

async fn disabling_a_user_ends_their_sessions_at_once(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;
    let ana = app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;
    let agent = app.client();
    app.login(&agent, "ana@demo.local", PASSWORD).await;
    assert!(app.whoami(&agent).await.is_some());

    let id = ana.id.to_string();
    let reply = app
        .call(
            &admin,
            "users/disabled",
            &[("id", &id), ("disabled", "true")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(reply.json["disabled"], true);
    assert_eq!(app.whoami(&agent).await, None, "signed out at once");

    // The right password learns the account is disabled; a wrong one learns nothing.
    let reply = app.login(&app.client(), "ana@demo.local", PASSWORD).await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.json, json!({"error": "account_disabled"}));
    let reply = app.login(&app.client(), "ana@demo.local", "wrong").await;
    assert_eq!(reply.json, json!({"error": "invalid_credentials"}));

    app.call(
        &admin,
        "users/disabled",
        &[("id", &id), ("disabled", "false")],
    )
    .await;
    assert_eq!(
        app.login(&app.client(), "ana@demo.local", PASSWORD)
            .await
            .status,
        200
    );
}

async fn a_password_reset_ends_the_users_sessions(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;
    let ana = app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;
    let agent = app.client();
    app.login(&agent, "ana@demo.local", PASSWORD).await;

    let id = ana.id.to_string();
    let short = app
        .call(
            &admin,
            "users/password",
            &[("id", &id), ("new_password", "short")],
        )
        .await;
    assert_eq!(short.status, 400);
    assert_eq!(
        short.json,
        json!({"error": "invalid", "field": "password", "problem": {"kind": "too_short", "min": 8}})
    );
    assert!(
        app.whoami(&agent).await.is_some(),
        "a refused reset changes nothing"
    );

    let reply = app
        .call(
            &admin,
            "users/password",
            &[("id", &id), ("new_password", "brand new secret")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(app.whoami(&agent).await, None);
    assert_eq!(
        app.login(&app.client(), "ana@demo.local", PASSWORD)
            .await
            .status,
        401
    );
    assert_eq!(
        app.login(&app.client(), "ana@demo.local", "brand new secret")
            .await
            .status,
        200
    );
}

async fn the_last_admin_cannot_be_removed(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let root = app
        .add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;
    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;
    let id = root.id.to_string();

    let reply = app
        .call(
            &admin,
            "users/disabled",
            &[("id", &id), ("disabled", "true")],
        )
        .await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.json,
        json!({"error": "conflict", "conflict": "own_account"})
    );
    let reply = app
        .call(&admin, "users/role", &[("id", &id), ("role", "agent")])
        .await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.json,
        json!({"error": "conflict", "conflict": "last_admin"})
    );

    let other = app
        .add_user("second@demo.local", Role::Admin, PASSWORD)
        .await;
    let reply = app
        .call(&admin, "users/role", &[("id", &id), ("role", "supervisor")])
        .await;
    assert_eq!(
        reply.status, 200,
        "with another admin, stepping down is fine"
    );
    assert_eq!(reply.json["role"], "supervisor");
    let reply = app.call(&admin, "users/list", &[]).await;
    assert_eq!(reply.status, 403, "roles are read on every request");
    assert!(app
        .state
        .store
        .user_by_id(other.id)
        .await
        .expect("read")
        .is_some());
}

async fn bad_input_gets_a_clear_error_and_writes_nothing(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;
    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;

    let empty = app.login(&app.client(), "", "").await;
    assert_eq!(empty.status, 400);
    assert_eq!(empty.json["field"], "email");
    assert_eq!(empty.json["problem"]["kind"], "empty");
    let long = "a".repeat(300);
    let reply = app.login(&app.client(), &long, "x").await;
    assert_eq!(reply.json["problem"]["kind"], "too_long");

    let create = |email: &'static str,
                  name: String,
                  role: &'static str,
                  password: &'static str,
                  capacity: &'static str| {
        let app = &app;
        let admin = &admin;
        async move {
            app.call(
                admin,
                "users/create",
                &[
                    ("email", email),
                    ("name", &name),
                    ("role", role),
                    ("password", password),
                    ("capacity", capacity),
                ],
            )
            .await
        }
    };
    let cases = [
        (
            create("not-an-email", "".into(), "agent", "long enough", "5").await,
            "email",
            "malformed",
        ),
        (
            create("x@demo.local", "n".repeat(81), "agent", "long enough", "5").await,
            "name",
            "too_long",
        ),
        (
            create("x@demo.local", "".into(), "owner", "long enough", "5").await,
            "role",
            "malformed",
        ),
        (
            create("x@demo.local", "".into(), "agent", "short", "5").await,
            "password",
            "too_short",
        ),
        (
            create("x@demo.local", "".into(), "agent", "long enough", "many").await,
            "capacity",
            "malformed",
        ),
        (
            create("x@demo.local", "".into(), "agent", "long enough", "500").await,
            "capacity",
            "out_of_range",
        ),
    ];
    for (reply, field, kind) in cases {
        assert_eq!(reply.status, 400, "{:?}", reply.json);
        assert_eq!(reply.json["field"], field, "{:?}", reply.json);
        assert_eq!(reply.json["problem"]["kind"], kind, "{:?}", reply.json);
    }
    assert!(app
        .state
        .store
        .user_by_email("x@demo.local")
        .await
        .expect("read")
        .is_none());

    let reply = create("admin@demo.local", "".into(), "agent", "long enough", "5").await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.json,
        json!({"error": "conflict", "conflict": "email_taken"})
    );

    // A request the server cannot even decode is the client's mistake, and says so.
    let reply = app
        .call(
            &admin,
            "users/disabled",
            &[("id", "seven"), ("disabled", "maybe")],
        )
        .await;
    assert_eq!(reply.status, 400, "{:?}", reply.json);
    assert_eq!(reply.json["error"], "request");

    let ok = create(
        "new@demo.local",
        "New Person".into(),
        "supervisor",
        "long enough",
        "7",
    )
    .await;
    assert_eq!(ok.status, 200, "{:?}", ok.json);
    assert_eq!(ok.json["role"], "supervisor");
    assert_eq!(ok.json["capacity"], 7);
    assert_eq!(
        app.login(&app.client(), "new@demo.local", "long enough")
            .await
            .status,
        200
    );
}

async fn pages_redirect_forbid_and_miss(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    app.add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;

    let anonymous = app.client();
    let page = app.get(&anonymous, "/users").await;
    assert_eq!(page.status(), 302);
    assert_eq!(page.headers()["location"], "/login?next=/users");
    let login = app.get(&anonymous, "/login").await;
    assert_eq!(login.status(), 200);
    let html = login.text().await.expect("html");
    assert!(html.contains(r#"name="email""#) && html.contains(r#"name="password""#));

    let agent = app.client();
    app.login(&agent, "ana@demo.local", PASSWORD).await;
    let page = app.get(&agent, "/users").await;
    assert_eq!(page.status(), 403);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("You don&#x27;t have access to this page")
            || html.contains("You don't have access to this page"),
        "{html}"
    );
    assert_eq!(app.get(&agent, "/").await.status(), 200);

    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;
    let page = app.get(&admin, "/users").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("html").contains("ana@demo.local"));

    assert_eq!(app.get(&admin, "/no/such/page").await.status(), 404);
    let health = app.get(&anonymous, "/healthz").await;
    assert_eq!(health.status(), 200);
    let body: serde_json::Value = health.json().await.expect("json");
    assert_eq!(body, json!({"status": "ok", "database": "ok"}));
}

async fn the_password_is_rehashed_when_parameters_change(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    // Stored with other (stronger) parameters than the server now uses.
    let strong = app::ssr::password::HashParams {
        memory_kib: 128,
        iterations: 2,
        parallelism: 1,
    };
    let hash = app::ssr::password::Hasher::new(strong, 1)
        .hash(PASSWORD.into())
        .await
        .expect("hash");
    let user = app
        .add_user("ana@demo.local", Role::Agent, "placeholder")
        .await;
    let change = app::ssr::UserChange::PasswordHash {
        hash: hash.clone(),
        end_sessions: false,
    };
    app.state
        .store
        .update_user(user.id, change, 0)
        .await
        .expect("set hash");

    assert_eq!(
        app.login(&app.client(), "ana@demo.local", PASSWORD)
            .await
            .status,
        200
    );
    let stored = app
        .state
        .store
        .user_by_id(user.id)
        .await
        .expect("read")
        .expect("user");
    assert_ne!(stored.password_hash, hash, "upgraded at login");
    assert!(
        stored
            .password_hash
            .starts_with("$argon2id$v=19$m=64,t=1,p=1$"),
        "{}",
        stored.password_hash
    );
    assert_eq!(
        app.login(&app.client(), "ana@demo.local", PASSWORD)
            .await
            .status,
        200
    );
}

async fn users_change_their_own_password_language_and_time_zone(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let me = app.client();
    let elsewhere = app.client();
    app.login(&me, "ana@demo.local", PASSWORD).await;
    app.login(&elsewhere, "ana@demo.local", PASSWORD).await;

    let wrong = app
        .call(
            &me,
            "account/password",
            &[
                ("current_password", "nope"),
                ("new_password", "a new password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.json["field"], "current_password");

    let ok = app
        .call(
            &me,
            "account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a new password"),
            ],
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.json);
    assert!(app.whoami(&me).await.is_some(), "this session continues");
    assert_eq!(app.whoami(&elsewhere).await, None, "other sessions end");

    let session = app.call(&me, "session", &[]).await;
    assert_eq!(session.json["lang"], "en");
    let reply = app
        .call(&me, "account/language", &[("language", "es")])
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let session = app.call(&me, "session", &[]).await;
    assert_eq!(session.json["lang"], "es");
    let reply = app
        .call(&me, "account/language", &[("language", "pt-BR")])
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let session = app.call(&me, "session", &[]).await;
    assert_eq!(session.json["lang"], "pt-BR");

    // Times: the business's zone until the person picks theirs; an unknown zone is refused
    // and changes nothing; an empty one follows the business again.
    assert_eq!(session.json["time_zone"], "UTC");
    assert_eq!(session.json["own_time_zone"], serde_json::Value::Null);
    let reply = app
        .call(
            &me,
            "account/time-zone",
            &[("time_zone", "America/Sao_Paulo")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let session = app.call(&me, "session", &[]).await;
    assert_eq!(session.json["time_zone"], "America/Sao_Paulo");
    assert_eq!(session.json["own_time_zone"], "America/Sao_Paulo");
    let refused = app
        .call(
            &me,
            "account/time-zone",
            &[("time_zone", "Mars/Olympus_Mons")],
        )
        .await;
    assert_eq!(refused.status, 400, "{:?}", refused.json);
    assert_eq!(refused.json["field"], "time_zone", "{:?}", refused.json);
    let session = app.call(&me, "session", &[]).await;
    assert_eq!(session.json["time_zone"], "America/Sao_Paulo");
    let reply = app
        .call(&me, "account/time-zone", &[("time_zone", "")])
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    let session = app.call(&me, "session", &[]).await;
    assert_eq!(session.json["time_zone"], "UTC");
    assert_eq!(session.json["own_time_zone"], serde_json::Value::Null);
}

async fn a_failed_template_sync_is_reported_on_the_screen(db: Db) {
    // The test app's Graph API address answers nothing.
    let app = support::spawn(db, |_| {}).await;
    app.add_user("admin@demo.local", Role::Admin, PASSWORD)
        .await;
    let admin = app.client();
    app.login(&admin, "admin@demo.local", PASSWORD).await;
    let screen = app.call(&admin, "templates/sync", &[]).await;
    assert_eq!(screen.status, 200, "{:?}", screen.json);
    let error = screen.json["last_sync_error"].as_str().expect("an error");
    assert!(error.contains("could not be reached"), "{error}");
    assert_eq!(screen.json["templates"], json!([]));
}

/// 200 wrong passwords for one account at once: the throttle is claimed before the check, so
/// only the free attempts are evaluated (hashed); the rest wait, whatever their timing.
async fn parallel_guesses_are_throttled_before_they_are_checked(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let guesses = (0..200).map(|i| {
        let app = &app;
        async move {
            let client = app.client();
            app.login(&client, "ana@demo.local", &format!("guess number {i}"))
                .await
                .status
        }
    });
    let statuses = futures::future::join_all(guesses).await;
    let evaluated = statuses.iter().filter(|s| **s == 401).count();
    // Refused by the throttle, or (on a loaded machine) told the desk is busy: either way
    // the guess was never checked.
    assert!(
        statuses.iter().all(|s| matches!(s, 401 | 429 | 503)),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().filter(|s| **s == 429).count() >= 150,
        "{statuses:?}"
    );
    assert!(
        evaluated <= FREE_ATTEMPTS as usize,
        "{evaluated} guesses were checked; at most {FREE_ATTEMPTS} may be"
    );
    // The account is protected, not locked for ever: the right password waits too.
    let client = app.client();
    assert_eq!(
        app.login(&client, "ana@demo.local", PASSWORD).await.status,
        429
    );
}

async fn the_password_change_is_throttled_too(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    assert_eq!(
        app.login(&client, "ana@demo.local", PASSWORD).await.status,
        200
    );
    let change = |current: &'static str| {
        let app = &app;
        let client = &client;
        async move {
            app.call(
                client,
                "account/password",
                &[
                    ("current_password", current),
                    ("new_password", "a brand new password"),
                ],
            )
            .await
        }
    };
    for _ in 0..FREE_ATTEMPTS {
        assert_eq!(change("not my password").await.status, 400);
    }
    let reply = change("not my password").await;
    assert_eq!(reply.status, 429, "{:?}", reply.json);
    assert!(reply.headers.contains_key("retry-after"));
    assert_eq!(change(PASSWORD).await.status, 429, "waits even when right");
}

/// With every hashing slot taken, a sign-in is told to come back instead of queueing.
async fn a_saturated_hasher_answers_busy(db: Db) {
    use app::ssr::password::{HashParams, Hasher};
    let slow = HashParams {
        memory_kib: 8 * 1024,
        iterations: 16,
        parallelism: 1,
    };
    let app = support::spawn_with(
        db,
        // Each attempt from its own address (through a trusted proxy) and for its own account,
        // so the throttle lets every one through to the hasher.
        |c| c.trusted_proxies = vec!["127.0.0.1/32".parse().expect("net")],
        |state| {
            state.hasher =
                std::sync::Arc::new(Hasher::with_patience(slow, 1, Duration::from_millis(1)))
        },
    )
    .await;
    let attempts = (0..12).map(|i| {
        let app = &app;
        async move {
            let response = reqwest::Client::new()
                .post(format!("{}/api/login", app.base))
                .header("x-forwarded-for", format!("198.51.100.{i}"))
                .form(&[
                    ("email", format!("user{i}@demo.local").as_str()),
                    ("password", "some password"),
                ])
                .send()
                .await
                .expect("request");
            let status = response.status().as_u16();
            let retry_after = response.headers().contains_key("retry-after");
            let json: serde_json::Value = response.json().await.unwrap_or_default();
            (status, retry_after, json)
        }
    });
    let replies = futures::future::join_all(attempts).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.0).collect();
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 503),
        "only wrong-password or busy answers: {statuses:?}"
    );
    let busy: Vec<_> = replies.iter().filter(|r| r.0 == 503).collect();
    assert!(!busy.is_empty(), "{statuses:?}");
    assert_eq!(busy[0].2["error"], "busy", "{:?}", busy[0].2);
    assert!(busy[0].1, "Retry-After is set");
}

/// A sign-in with `X-Forwarded-For: forwarded`, for account `email`: the status.
async fn login_forwarded(app: &support::TestApp, forwarded: &str, email: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/api/login", app.base))
        .header("x-forwarded-for", forwarded)
        .form(&[("email", email), ("password", "a guess")])
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

async fn forwarded_for_is_believed_only_from_trusted_proxies(db: Db) {
    // No proxy named: writing the header does not dodge the address's throttle.
    let direct = support::spawn(db, |_| {}).await;
    for n in 0..FREE_ATTEMPTS {
        let status = login_forwarded(
            &direct,
            &format!("203.0.113.{n}"),
            &format!("g{n}@demo.local"),
        )
        .await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        login_forwarded(&direct, "203.0.113.99", "other@demo.local").await,
        429,
        "the header of a client that reaches the desk directly means nothing"
    );

    // Behind two proxies of ours (the desk sees 127.0.0.1, which saw 10.0.0.2): each client
    // is its own; they do not all share the last proxy's address.
    let proxied = support::spawn(db, |c| {
        c.trusted_proxies =
            app::domain::client_address::parse_trusted("127.0.0.1/32, 10.0.0.0/8").expect("proxies")
    })
    .await;
    for n in 0..=FREE_ATTEMPTS {
        let status = login_forwarded(
            &proxied,
            &format!("198.51.100.{n}, 10.0.0.2"),
            &format!("p{n}@demo.local"),
        )
        .await;
        assert_eq!(status, 401, "client {n} has its own count");
    }
    // IPv6: one subscriber's /64 is one client, however many addresses it uses.
    for n in 0..FREE_ATTEMPTS {
        let status = login_forwarded(
            &proxied,
            &format!("2001:db8:1:2::{n}, 10.0.0.2"),
            &format!("v{n}@demo.local"),
        )
        .await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        login_forwarded(&proxied, "2001:db8:1:2::beef, 10.0.0.2", "w@demo.local").await,
        429,
        "another address of the same /64 waits"
    );
    assert_eq!(
        login_forwarded(&proxied, "2001:db8:1:3::1, 10.0.0.2", "x@demo.local").await,
        401,
        "another /64 does not"
    );
}

async fn a_role_change_ends_sessions_and_caps_the_owners_tokens(db: Db) {
    use app::domain::integrations::tokens::Scope;
    use support::api;
    let app = support::spawn(db, |_| {}).await;
    let boss = app.add_user("boss@demo.local", Role::Admin, PASSWORD).await;
    let pat = app.add_user("pat@demo.local", Role::Admin, PASSWORD).await;
    let pat_console = app.client();
    assert_eq!(
        app.login(&pat_console, "pat@demo.local", PASSWORD)
            .await
            .status,
        200
    );
    let token = api::token_of(&app, &pat, Scope::Admin).await;
    let engine = |engine: &'static str| {
        let (app, token) = (&app, &token);
        async move {
            api::call(
                app,
                reqwest::Method::PUT,
                "/bot/engine",
                Some(token),
                Some(json!({ "engine": engine })),
            )
            .await
        }
    };
    assert_eq!(
        engine("external").await.status,
        200,
        "an admin's admin token"
    );

    let boss_console = app.client();
    assert_eq!(
        app.login(&boss_console, "boss@demo.local", PASSWORD)
            .await
            .status,
        200
    );
    let id = pat.id.to_string();
    let reply = app
        .call(
            &boss_console,
            "users/role",
            &[("id", &id), ("role", "supervisor")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);

    assert_eq!(
        app.whoami(&pat_console).await,
        None,
        "the session opened as an admin ended with the role"
    );
    let reply = engine("builtin").await;
    assert_eq!(reply.status, 403, "{:?}", reply.json);
    assert!(
        reply.json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no longer an admin")),
        "{:?}",
        reply.json
    );
    assert_eq!(
        api::get(&app, "/conversations", &token).await.status,
        200,
        "what a supervisor may do, the token still does"
    );
    assert_eq!(
        app.whoami(&boss_console).await.as_deref(),
        Some("boss@demo.local"),
        "the admin who made the change stays signed in"
    );
    let _ = boss;
}

/// A page elsewhere can make the browser send Ana's cookie: what it asks to change is refused
/// (server functions, uploads, sign-out), and nothing is read of an upload's body.
async fn state_changes_from_another_site_are_refused(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, PASSWORD).await;
    let client = app.client();
    assert_eq!(
        app.login(&client, "ana@demo.local", PASSWORD).await.status,
        200
    );
    let post = |path: &'static str, headers: &[(&'static str, &str)]| {
        let (app, client) = (&app, &client);
        let headers: Vec<(&'static str, String)> =
            headers.iter().map(|(k, v)| (*k, v.to_string())).collect();
        async move {
            let mut request = client
                .post(format!("{}{path}", app.base))
                .form(&[("language", "es")]);
            for (k, v) in headers {
                request = request.header(k, v);
            }
            request.send().await.expect("request").status().as_u16()
        }
    };
    let evil = [("origin", "https://evil.example")];
    assert_eq!(post("/api/account/language", &evil).await, 403);
    assert_eq!(
        post("/api/account/language", &[("sec-fetch-site", "cross-site")]).await,
        403
    );
    assert_eq!(post("/uploads?filename=x.png", &evil).await, 403);
    assert_eq!(post("/conversations/1/media", &evil).await, 403);
    assert_eq!(post("/api/logout", &evil).await, 403);
    assert_eq!(
        app.whoami(&client).await.as_deref(),
        Some("ana@demo.local"),
        "a foreign page cannot sign her out either"
    );
    // Her own pages, and programs that send no Origin at all, go through.
    assert_eq!(
        post(
            "/api/account/language",
            &[("origin", &app.base), ("sec-fetch-site", "same-origin")]
        )
        .await,
        200
    );
    assert_eq!(post("/api/account/language", &[]).await, 200);
}

/// A page's Content-Security-Policy names the nonce its own inline scripts carry (a new one
/// per response); anything else is sandboxed. (Chromium runs every screen under it in
/// `end2end/tests/security.spec.ts`.)
async fn pages_carry_a_nonce_policy_and_everything_else_a_sandbox(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let client = app.client();
    let page = |path: &'static str| {
        let client = client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let response = client.get(url).send().await.expect("request");
            let policy = response
                .headers()
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            (policy, response.text().await.expect("body"))
        }
    };
    let (policy, html) = page("/login").await;
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the scripts carry it"
    );
    assert!(policy.contains("object-src 'none'") && policy.contains("frame-ancestors 'none'"));
    let (again, _) = page("/login").await;
    assert_ne!(again, policy, "a new nonce per page");
    let (other, _) = page("/healthz").await;
    assert_eq!(other, "default-src 'none'; frame-ancestors 'none'; sandbox");
}
