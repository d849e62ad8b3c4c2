//! Files sent from the browser (`POST /conversations/{id}/media`, `POST /uploads`): who sends
//! is checked before the body is read, and the size limit holds as the file streams in,
//! announced or not; nothing of a refused file is kept. Real HTTP, on both databases.

use crate::support;

use app::domain::roles::Role;
use std::time::Duration;
use support::console::{open_window, outbound_of, signed_in};
use support::Db;

on_both_databases!(
    a_stranger_is_refused_before_the_body_is_read,
    an_agent_who_may_not_write_there_is_refused_before_the_body_is_read,
    a_file_over_the_limit_is_refused_while_it_streams,
);

/// A body that sends one chunk and then never ends: only an answer given without reading
/// the body can arrive.
fn endless_body() -> reqwest::Body {
    let first = futures::stream::once(async { Ok::<_, std::io::Error>(vec![0u8; 1024]) });
    let never = futures::stream::pending::<Result<Vec<u8>, std::io::Error>>();
    reqwest::Body::wrap_stream(futures::StreamExt::chain(first, never))
}

async fn post_endless(client: &reqwest::Client, url: String) -> u16 {
    let answer = tokio::time::timeout(
        Duration::from_secs(10),
        client
            .post(url)
            .header("content-type", "image/png")
            .body(endless_body())
            .send(),
    )
    .await
    .expect("answered without waiting for the body");
    answer.expect("request").status().as_u16()
}

fn incoming_files(app: &support::TestApp) -> usize {
    std::fs::read_dir(app.config.data_dir.join("media").join("incoming"))
        .map(|entries| entries.count())
        .unwrap_or(0)
}

async fn a_stranger_is_refused_before_the_body_is_read(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conv = open_window(&app, "wamid.open", "34600000001").await;
    let stranger = app.client();
    let media = format!("{}/conversations/{conv}/media?filename=x.png", app.base);
    assert_eq!(post_endless(&stranger, media).await, 401);
    let uploads = format!("{}/uploads?filename=x.png", app.base);
    assert_eq!(post_endless(&stranger, uploads).await, 401);
    assert_eq!(incoming_files(&app), 0);
}

async fn an_agent_who_may_not_write_there_is_refused_before_the_body_is_read(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let missing = format!("{}/conversations/999999/media?filename=x.png", app.base);
    assert_eq!(post_endless(&ana.client, missing).await, 404);
}

async fn a_file_over_the_limit_is_refused_while_it_streams(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let conv = open_window(&app, "wamid.open", "34600000001").await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let url = format!("{}/conversations/{conv}/media?filename=big.png", app.base);
    // Images go up to 5 MB. Announced: refused from the head alone.
    let announced = ana
        .client
        .post(&url)
        .header("content-type", "image/png")
        .body(vec![0u8; 6 * 1024 * 1024])
        .send()
        .await
        .expect("request");
    let status = announced.status().as_u16();
    let json: serde_json::Value = announced.json().await.expect("json");
    assert_eq!(status, 400, "{json}");
    assert_eq!(json["error"], "media_refused", "{json}");
    // Not announced (chunked): refused once 5 MB have streamed in, and nothing kept.
    let chunks = (0..12).map(|_| Ok::<_, std::io::Error>(vec![0u8; 512 * 1024]));
    let streamed = ana
        .client
        .post(&url)
        .header("content-type", "image/png")
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .expect("request");
    assert_eq!(streamed.status().as_u16(), 400);
    assert_eq!(incoming_files(&app), 0, "the partial file was deleted");
    assert!(outbound_of(&app, conv).await.is_empty(), "nothing was sent");
}
