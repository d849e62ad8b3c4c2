//! The `buzon` command line, run as a real process.

use crate::support;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use support::Db;

fn buzon(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_buzon"));
    command
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("BUZON_ADDR")
        .env_remove("BUZON_DATA_DIR")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("buzon starts");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("buzon finishes")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// One line, naming the setting, and a failing exit code.
fn assert_startup_error(out: &Output, needle: &str) {
    assert!(!out.status.success(), "should fail: {}", stdout(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{err}");
}

#[test]
fn bad_settings_stop_start_up_with_one_line() {
    let out = buzon(&["migrate"], &[("BUZON_ADDR", "localhost")], None);
    assert_startup_error(&out, "BUZON_ADDR");

    let out = buzon(
        &["migrate"],
        &[("DATABASE_URL", "postgres://buzon:hunter2@127.0.0.1:1/buzon")],
        None,
    );
    assert_startup_error(
        &out,
        "DATABASE_URL: cannot connect to postgres://buzon:***@127.0.0.1:1/buzon",
    );
    assert!(!stderr(&out).contains("hunter2"), "no secrets in messages");

    let out = buzon(&["migrate"], &[("DATABASE_URL", "mysql://x")], None);
    assert_startup_error(&out, "DATABASE_URL");

    let out = buzon(
        &["migrate"],
        &[("BUZON_DATA_DIR", "/proc/buzon-cannot-be-here")],
        None,
    );
    assert_startup_error(
        &out,
        "BUZON_DATA_DIR: cannot create /proc/buzon-cannot-be-here",
    );

    let out = buzon(&["serve"], &[("BUZON_SESSION_IDLE", "a while")], None);
    assert_startup_error(&out, "BUZON_SESSION_IDLE");
}

on_both_databases!(users_are_managed_from_the_command_line);

async fn users_are_managed_from_the_command_line(db: Db) {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let url = support::database_url(db, &dir).await;
    let env = [("DATABASE_URL", url.url())];

    let out = buzon(&["migrate"], &env, None);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = buzon(
        &[
            "user",
            "add",
            "--email",
            "Root@Example.com",
            "--role",
            "admin",
            "--name",
            "Root",
        ],
        &env,
        Some("a long password\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Created root@example.com (admin)"));

    let out = buzon(
        &[
            "user",
            "add",
            "--email",
            "ana@example.com",
            "--role",
            "agent",
        ],
        &env,
        Some("short\n"),
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("at least 8 characters"),
        "{}",
        stderr(&out)
    );

    let out = buzon(
        &[
            "user",
            "add",
            "--email",
            "ana@example.com",
            "--role",
            "owner",
        ],
        &env,
        Some("a long password\n"),
    );
    assert!(stderr(&out).contains("--role"), "{}", stderr(&out));

    let out = buzon(
        &[
            "user",
            "add",
            "--email",
            "ana@example.com",
            "--role",
            "agent",
        ],
        &env,
        Some("ana password\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let out = buzon(
        &[
            "user",
            "add",
            "--email",
            "ana@example.com",
            "--role",
            "agent",
        ],
        &env,
        Some("ana password\n"),
    );
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));

    let out = buzon(
        &["user", "disable", "--email", "root@example.com"],
        &env,
        None,
    );
    assert!(!out.status.success(), "the only admin stays");
    assert!(
        stderr(&out).contains("at least one active admin"),
        "{}",
        stderr(&out)
    );

    let out = buzon(
        &["user", "disable", "--email", "ana@example.com"],
        &env,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = buzon(
        &["user", "passwd", "--email", "ana@example.com"],
        &env,
        Some("another password\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let out = buzon(&["user", "list"], &env, None);
    let list = stdout(&out);
    assert!(list.contains("root@example.com"), "{list}");
    let ana = list
        .lines()
        .find(|l| l.contains("ana@example.com"))
        .expect("ana listed");
    assert!(ana.contains("agent") && ana.contains("disabled"), "{ana}");
    assert!(!list.contains("argon2"), "no hashes in listings");

    // The stored password is the one given on standard input.
    let database = server::db::Database::open(&url).await.expect("open");
    let root = database
        .store()
        .user_by_email("root@example.com")
        .await
        .expect("read")
        .expect("root");
    let hasher = app::ssr::password::Hasher::new(app::ssr::password::HashParams::default(), 1);
    let verdict = hasher
        .verify("a long password".into(), root.password_hash)
        .await
        .expect("verify");
    assert_eq!(verdict, app::ssr::password::Verdict::Right);
}
