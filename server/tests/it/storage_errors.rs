//! A database that refuses writes or is gone: clear errors, nothing half-written.

use crate::support;

use app::domain::roles::Role;
use app::error::AppError;
use app::ssr::{NewUser, StoreError};
use server::config::DatabaseUrl;
use server::db::Database;

fn someone() -> NewUser {
    NewUser {
        email: "ana@demo.local".into(),
        name: "Ana".into(),
        role: Role::Agent,
        password_hash: "x".into(),
        capacity: 5,
        language: None,
    }
}

#[tokio::test]
async fn a_read_only_sqlite_file_refuses_writes_clearly() {
    let dir = tempfile::TempDir::new().expect("dir");
    let path = dir.path().join("buzon.db");
    let writable = Database::open(&DatabaseUrl::Sqlite(format!("sqlite://{}", path.display())))
        .await
        .expect("open");
    writable.migrate().await.expect("migrate");
    drop(writable);

    let read_only = Database::open(&DatabaseUrl::Sqlite(format!(
        "sqlite://{}?mode=ro",
        path.display()
    )))
    .await
    .expect("open read-only");
    let store = read_only.store();
    let err = store.create_user(someone(), 0).await.expect_err("refused");
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err:?}");
    assert_eq!(AppError::from(err), AppError::ReadOnly);
    assert_eq!(
        app::i18n::Lang::En.texts().error(&AppError::ReadOnly),
        "The database is read-only, so nothing was saved. Tell your administrator."
    );
    assert!(store
        .list_users()
        .await
        .expect("reads still work")
        .is_empty());
}

#[tokio::test]
async fn a_read_only_postgres_database_refuses_writes_clearly() {
    let url = support::pg::fresh_database().await;
    let database = Database::open(&DatabaseUrl::Postgres(url.clone()))
        .await
        .expect("open");
    database.migrate().await.expect("migrate");
    let name = url.rsplit('/').next().expect("db name").to_string();
    let server = sqlx::PgPool::connect(&support::pg::server_url())
        .await
        .expect("admin");
    sqlx::query(&format!(
        "ALTER DATABASE {name} SET default_transaction_read_only = on"
    ))
    .execute(&server)
    .await
    .expect("make read-only");
    let read_only = Database::open(&DatabaseUrl::Postgres(url))
        .await
        .expect("reopen");
    let err = read_only
        .store()
        .create_user(someone(), 0)
        .await
        .expect_err("refused");
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err:?}");
}

#[tokio::test]
async fn a_database_that_went_away_is_reported_not_hidden() {
    let app = support::spawn(support::Db::Sqlite, |_| {}).await;
    app.add_user("ana@demo.local", Role::Agent, "correct horse")
        .await;
    let client = app.client();
    assert_eq!(app.get(&client, "/healthz").await.status(), 200);

    // Close every connection: the server keeps running without its database.
    if let Database::Sqlite(db) = &app.database {
        db.pool().close().await;
    }
    let health = app.get(&client, "/healthz").await;
    assert_eq!(health.status(), 503);
    let body: serde_json::Value = health.json().await.expect("json");
    assert_eq!(body["database"], "unreachable");

    let reply = app.login(&client, "ana@demo.local", "correct horse").await;
    assert_eq!(reply.status, 503, "{:?}", reply.json);
    assert_eq!(reply.json, serde_json::json!({"error": "unavailable"}));
}
