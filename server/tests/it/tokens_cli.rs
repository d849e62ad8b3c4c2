//! `buzon token create|list|revoke`, run as a real process against a database that a
//! running desk then authenticates API calls with.

use crate::support;

use app::domain::roles::Role;
use std::process::{Command, Output, Stdio};
use support::{Db, TestApp};

fn buzon(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_buzon"))
        .args(args)
        .env_remove("BUZON_ADDR")
        .env_remove("BUZON_DATA_DIR")
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("buzon runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

/// A one-line error on standard error and a failing exit code.
fn assert_refused(out: &Output, needle: &str) {
    assert!(!out.status.success(), "should fail: {}", stdout(out));
    assert!(stdout(out).is_empty(), "nothing on stdout: {}", stdout(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{err}");
}

async fn status_with(app: &TestApp, token: &str) -> u16 {
    support::api::call(app, reqwest::Method::GET, "/labels", Some(token), None)
        .await
        .status
}

on_both_databases!(tokens_are_created_listed_and_revoked_from_the_command_line);

async fn tokens_are_created_listed_and_revoked_from_the_command_line(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let url = app.config.database.url().to_string();

    let out = buzon(
        &["token", "create", "--name", "CRM", "--scope", "read"],
        &url,
    );
    assert_refused(&out, "no active admin");

    let pat = app
        .add_user("pat@example.com", Role::Admin, "a long password")
        .await;
    let zoe = app
        .add_user("zoe@example.com", Role::Admin, "a long password")
        .await;
    app.add_user("ana@example.com", Role::Agent, "a long password")
        .await;

    let out = buzon(
        &["token", "create", "--name", "CRM", "--scope", "owner"],
        &url,
    );
    assert_refused(&out, "--scope");
    let out = buzon(
        &["token", "create", "--name", "  ", "--scope", "read"],
        &url,
    );
    assert_refused(&out, "--name");
    let out = buzon(
        &[
            "token",
            "create",
            "--name",
            "CRM",
            "--scope",
            "read",
            "--as",
            "ana@example.com",
        ],
        &url,
    );
    assert_refused(&out, "not an active admin");
    let out = buzon(
        &[
            "token",
            "create",
            "--name",
            "CRM",
            "--scope",
            "read",
            "--as",
            "who@example.com",
        ],
        &url,
    );
    assert_refused(&out, "no user");

    // The token alone on stdout; the note that it is shown once on stderr.
    let out = buzon(
        &["token", "create", "--name", "CRM", "--scope", "admin"],
        &url,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert_eq!(printed.lines().count(), 1, "only the token: {printed}");
    let crm = printed.trim_end().to_string();
    assert!(crm.starts_with("bzn_"), "{printed}");
    let note = stderr(&out);
    assert!(note.contains("only this once"), "{note}");
    assert!(
        note.contains("pat@example.com"),
        "the first admin by email: {note}"
    );
    assert_eq!(status_with(&app, &crm).await, 200, "the token works");

    let out = buzon(
        &[
            "token",
            "create",
            "--name",
            "Shop",
            "--scope",
            "write",
            "--as",
            "Zoe@Example.com",
        ],
        &url,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let shop = stdout(&out).lines().next().expect("token").to_string();
    let (record, owner) = app::ssr::integrations::authenticate(&app.state, &shop)
        .await
        .expect("the database knows it");
    assert_eq!(owner.id, zoe.id);
    assert_eq!(record.scope.as_str(), "write");
    assert_ne!(owner.id, pat.id);

    // The list shows both, never the tokens themselves.
    let out = buzon(&["token", "list"], &url);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout(&out);
    assert!(!list.contains(&crm) && !list.contains(&shop), "{list}");
    let crm_row = list
        .lines()
        .find(|l| l.ends_with(" CRM"))
        .unwrap_or_else(|| panic!("CRM listed: {list}"));
    assert!(
        crm_row.contains("admin") && crm_row.contains("active"),
        "{crm_row}"
    );
    assert!(crm_row.contains("pat@example.com"), "{crm_row}");
    assert!(crm_row.contains(&crm[..12]), "its prefix: {crm_row}");
    let crm_id = crm_row.split_whitespace().next().expect("id").to_string();

    let out = buzon(&["token", "revoke", &crm_id], &url);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Revoked"), "{}", stdout(&out));
    assert_eq!(status_with(&app, &crm).await, 401, "a revoked token fails");
    assert_eq!(status_with(&app, &shop).await, 200, "the other still works");
    let out = buzon(&["token", "list"], &url);
    let crm_row = stdout(&out)
        .lines()
        .find(|l| l.ends_with(" CRM"))
        .expect("still listed")
        .to_string();
    assert!(crm_row.contains("revoked"), "{crm_row}");

    let out = buzon(&["token", "revoke", "999999"], &url);
    assert_refused(&out, "no token with id 999999");
}
