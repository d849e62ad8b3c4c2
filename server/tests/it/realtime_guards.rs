//! What the websocket refuses or ends, over real sockets on both databases: signed-out and
//! changed accounts close their consoles at once, no copy of a signed-out session brings it
//! back, a resync is never resumed past, oversized frames, runaway consoles and typing floods
//! are capped, and the visibility rule fails closed.

use crate::realtime::{agent, open, Console, PATIENCE};
use crate::support;

use app::domain::inbox::AgentVisibility;
use app::domain::roles::Role;
use app::ssr::Change;
use app::wire::realtime::ServerFrame;
use futures::StreamExt;
use server::realtime::hub::{Hub, MAX_SOCKETS_PER_USER, VISIBILITY_SETTING};
use std::time::Duration;
use support::{Db, TestApp};
use tokio_tungstenite::tungstenite::Message;

on_both_databases!(
    signing_out_closes_the_sessions_consoles_and_no_saved_copy_revives_it,
    an_account_change_closes_its_consoles_at_once,
    a_console_never_resumes_past_a_resync,
    a_frame_larger_than_64_kib_ends_the_socket,
    one_user_may_not_open_endless_consoles,
    typing_floods_are_cut_to_the_rate,
    the_visibility_rule_fails_closed_and_is_read_again_on_resync,
);

/// The close code the server ends the socket with (skipping other frames).
async fn close_code(console: &mut Console) -> Option<u16> {
    loop {
        match tokio::time::timeout(PATIENCE, console.ws.next()).await {
            Ok(Some(Ok(Message::Close(frame)))) => return frame.map(|f| f.code.into()),
            Ok(Some(Ok(_))) => continue,
            Ok(Some(Err(_)) | None) => return None,
            Err(_) => panic!("the socket was not closed in time"),
        }
    }
}

/// The session table of tower-sessions' sqlx store, on each database.
fn session_table(db: Db) -> &'static str {
    match db {
        Db::Sqlite => "tower_sessions",
        Db::Postgres => "tower_sessions.session",
    }
}

/// Runs `sql` on the test database (a copy of what a racing request would write).
async fn execute(app: &TestApp, sql: &str) {
    match &app.database {
        server::db::Database::Sqlite(db) => {
            sqlx::query(sql).execute(db.pool()).await.expect(sql);
        }
        server::db::Database::Postgres(db) => {
            sqlx::query(sql).execute(db.pool()).await.expect(sql);
        }
    }
}

async fn signing_out_closes_the_sessions_consoles_and_no_saved_copy_revives_it(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let mut tab = Console::connect(&app, &ana, None).await;
    let table = session_table(db);
    // What a request that was still running when Ana signed out would save back.
    execute(
        &app,
        &format!("CREATE TABLE saved_sessions AS SELECT * FROM {table}"),
    )
    .await;

    let reply = app.call(&ana.client, "logout", &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        close_code(&mut tab).await,
        Some(4001),
        "closed as signed out"
    );

    execute(
        &app,
        &format!("INSERT INTO {table} SELECT * FROM saved_sessions"),
    )
    .await;
    assert_eq!(
        app.whoami(&ana.client).await,
        None,
        "a signed-out session stays dead, whatever wrote it back"
    );
    assert_eq!(
        open(&app, Some(&ana.cookie), Some(&app.base), None)
            .await
            .err(),
        Some(401),
        "and opens no socket"
    );
}

async fn an_account_change_closes_its_consoles_at_once(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let boss = agent(&app, "boss@demo.local", Role::Admin).await;
    let ana = agent(&app, "ana@demo.local", Role::Supervisor).await;
    let bea = agent(&app, "bea@demo.local", Role::Agent).await;
    let mut ana_tab = Console::connect(&app, &ana, None).await;
    let mut bea_tab = Console::connect(&app, &bea, None).await;

    let started = std::time::Instant::now();
    let id = ana.id.to_string();
    let reply = app
        .call(
            &boss.client,
            "users/role",
            &[("id", &id), ("role", "agent")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(close_code(&mut ana_tab).await, Some(4001));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "at once, not at the next periodic check"
    );

    let id = bea.id.to_string();
    let reply = app
        .call(
            &boss.client,
            "users/disabled",
            &[("id", &id), ("disabled", "true")],
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    assert_eq!(close_code(&mut bea_tab).await, Some(4001));
}

async fn a_console_never_resumes_past_a_resync(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let tab = Console::connect(&app, &ana, None).await;
    let resume = format!("{}:{}", tab.epoch(), tab.hello_seq());
    tab.close().await;
    // A settings change voids every console's view: they must reload.
    let mut witness = Console::connect(&app, &ana, None).await;
    app.state
        .store
        .put_setting(VISIBILITY_SETTING, "all", app::ssr::now_ms())
        .await
        .expect("setting");
    witness.until(|f| *f == ServerFrame::Resync).await;

    let back = Console::connect(&app, &ana, Some(&resume)).await;
    assert!(
        !back.resumed(),
        "a console that saw the last frame before a resync reloads"
    );
}

/// `/ws` upgraded by hand over a plain TCP connection, to send what no client library would.
async fn raw_socket(app: &TestApp, cookie: &str) -> tokio::net::TcpStream {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://").to_string();
    let mut tcp = tokio::net::TcpStream::connect(&host)
        .await
        .expect("connect");
    let request = format!(
        "GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nCookie: {cookie}\r\n\
         Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        origin = app.base
    );
    tcp.write_all(request.as_bytes()).await.expect("write");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        tcp.read_exact(&mut byte).await.expect("read");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    tcp
}

async fn a_frame_larger_than_64_kib_ends_the_socket(db: Db) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let mut tcp = raw_socket(&app, &ana.cookie).await;
    // A text frame that says it carries 8 MiB (masked, as a browser's must be), then a few
    // bytes: a server reading frames up to 16 MiB would sit waiting for (and buffering) the
    // rest; one capped at 64 KiB ends the connection on reading the header.
    let mut frame = vec![0x81, 0x80 | 127];
    frame.extend_from_slice(&(8u64 * 1024 * 1024).to_be_bytes());
    frame.extend_from_slice(&[1, 2, 3, 4]);
    frame.extend_from_slice(b"{\"type\":");
    tcp.write_all(&frame).await.expect("write");
    let mut rest = Vec::new();
    let ended = tokio::time::timeout(PATIENCE, async {
        let mut buffer = [0u8; 4096];
        loop {
            match tcp.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => rest.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(
        ended.is_ok(),
        "the server ends the socket instead of waiting for 8 MiB"
    );
}

async fn one_user_may_not_open_endless_consoles(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let mut tabs = Vec::new();
    for _ in 0..MAX_SOCKETS_PER_USER {
        tabs.push(Console::connect(&app, &ana, None).await);
    }
    assert_eq!(
        open(&app, Some(&ana.cookie), Some(&app.base), None)
            .await
            .err(),
        Some(429)
    );
    // Closing one frees its place.
    tabs.pop().expect("a tab").close().await;
    let mut freed = None;
    for _ in 0..50 {
        if let Ok(ws) = open(&app, Some(&ana.cookie), Some(&app.base), None).await {
            freed = Some(ws);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(freed.is_some(), "a closed console's place is free again");
}

async fn typing_floods_are_cut_to_the_rate(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = agent(&app, "ana@demo.local", Role::Agent).await;
    let bea = agent(&app, "bea@demo.local", Role::Agent).await;
    crate::realtime::deliver(
        &app,
        &crate::realtime::inbound("wamid.flood-1", "34600000009", "hola"),
    )
    .await;
    let id = app
        .state
        .store
        .message_by_wamid("wamid.flood-1")
        .await
        .expect("read")
        .expect("stored")
        .conversation_id;
    let mut a = Console::connect(&app, &ana, None).await;
    let mut b = Console::connect(&app, &bea, None).await;
    for _ in 0..200 {
        a.send(serde_json::json!({"type": "typing", "conversation_id": id}))
            .await;
    }
    // Everything Ana's flood produced has reached Bea once Ana's ping is answered and the
    // hub has passed Bea a later frame of its own.
    a.flush().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let got = b.flush().await;
    let typing = got
        .iter()
        .filter(|f| matches!(f, ServerFrame::Typing { .. }))
        .count();
    assert!(typing >= 1, "typing still reaches colleagues");
    assert!(
        typing <= 25,
        "{typing} typing frames out of 200 in a moment: the rest are dropped"
    );
}

async fn the_visibility_rule_fails_closed_and_is_read_again_on_resync(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let store = app.state.store.clone();
    store
        .put_setting(VISIBILITY_SETTING, "all", app::ssr::now_ms())
        .await
        .expect("setting");
    execute(&app, "ALTER TABLE settings RENAME TO settings_away").await;
    let hub = Hub::start(store.clone()).await;
    assert_eq!(
        hub.policy(),
        AgentVisibility::OwnAndUnassigned,
        "an unreadable setting means the stricter rule, never everyone sees everything"
    );
    execute(&app, "ALTER TABLE settings_away RENAME TO settings").await;
    // A listener that reconnected (changes may have been missed) reads it again.
    store.signal(Change::Resync).await.expect("resync");
    let mut policy = hub.policy();
    for _ in 0..100 {
        if policy == AgentVisibility::All {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        policy = hub.policy();
    }
    assert_eq!(policy, AgentVisibility::All);
}
