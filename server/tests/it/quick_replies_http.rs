//! The quick replies' server functions (`/api/quick-replies/…`) over real HTTP, on both
//! databases: who may create, see, change and delete shared and personal replies.

use crate::support;

use app::domain::roles::Role;
use serde_json::Value;
use support::console::{signed_in, Agent};
use support::{Db, Reply, TestApp};

on_both_databases!(
    agents_keep_personal_replies_and_supervisors_manage_shared_ones,
    bad_values_and_taken_shortcuts_are_explained,
    the_demo_seeds_shared_replies_once,
    agents_open_the_screen_with_their_lists,
);

async fn create(app: &TestApp, who: &Agent, shortcut: &str, body: &str, shared: bool) -> Reply {
    app.call(
        &who.client,
        "quick-replies/create",
        &[
            ("shortcut", shortcut),
            ("title", &format!("Title of {shortcut}")),
            ("body", body),
            ("shared", if shared { "true" } else { "false" }),
        ],
    )
    .await
}

async fn list(app: &TestApp, who: &Agent) -> Vec<(String, Option<i64>)> {
    let reply = app.call(&who.client, "quick-replies/list", &[]).await;
    assert_eq!(reply.status, 200, "list: {:?}", reply.json);
    reply
        .json
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| {
            (
                r["shortcut"].as_str().expect("shortcut").to_string(),
                r["owner_id"].as_i64(),
            )
        })
        .collect()
}

async fn update(app: &TestApp, who: &Agent, id: i64, shortcut: &str, body: &str) -> Reply {
    app.call(
        &who.client,
        "quick-replies/update",
        &[
            ("id", &id.to_string()),
            ("shortcut", shortcut),
            ("title", "Changed"),
            ("body", body),
        ],
    )
    .await
}

async fn delete(app: &TestApp, who: &Agent, id: i64) -> Reply {
    app.call(
        &who.client,
        "quick-replies/delete",
        &[("id", &id.to_string())],
    )
    .await
}

fn id_of(reply: &Reply) -> i64 {
    assert_eq!(reply.status, 200, "{:?}", reply.json);
    reply.json["id"].as_i64().expect("id")
}

async fn agents_keep_personal_replies_and_supervisors_manage_shared_ones(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let luis = signed_in(&app, "luis@demo.local", Role::Agent).await;
    let sofia = signed_in(&app, "supervisor@demo.local", Role::Supervisor).await;

    // Ana keeps a personal reply; the leading "/" she typed is not part of the shortcut.
    let mine = create(
        &app,
        &ana,
        "/Track",
        "Tracking: {{contact.order_id}}",
        false,
    )
    .await;
    let mine_id = id_of(&mine);
    assert_eq!(mine.json["shortcut"], "track");
    assert_eq!(mine.json["owner_id"], ana.user.id);
    assert_eq!(mine.json["body"], "Tracking: {{contact.order_id}}");

    // She may not write to the shared list; the supervisor may.
    let refused = create(&app, &ana, "hello", "Hello!", true).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json["error"], "forbidden");
    let shared = create(&app, &sofia, "hello", "Hello {{contact.first_name}}!", true).await;
    let shared_id = id_of(&shared);
    assert_eq!(shared.json["owner_id"], Value::Null);

    // Everyone sees the shared list; only Ana sees hers, the supervisor included.
    assert_eq!(
        list(&app, &ana).await,
        [("hello".into(), None), ("track".into(), Some(ana.user.id))]
    );
    assert_eq!(list(&app, &luis).await, [("hello".to_string(), None)]);
    assert_eq!(list(&app, &sofia).await, [("hello".to_string(), None)]);

    // Someone else's personal reply does not exist for them; a shared one is read-only.
    for (who, id, status) in [
        (&luis, mine_id, 404),
        (&sofia, mine_id, 404),
        (&ana, shared_id, 403),
    ] {
        assert_eq!(update(&app, who, id, "x", "x").await.status, status);
        assert_eq!(delete(&app, who, id).await.status, status);
    }
    assert_eq!(
        app.state
            .store
            .quick_reply(mine_id)
            .await
            .expect("read")
            .expect("still there")
            .body,
        "Tracking: {{contact.order_id}}"
    );

    // The owners change and delete their own.
    let changed = update(&app, &ana, mine_id, "tracking", "Now: {{contact.order_id}}").await;
    assert_eq!(changed.status, 200, "{:?}", changed.json);
    assert_eq!(changed.json["shortcut"], "tracking");
    assert_eq!(changed.json["owner_id"], ana.user.id);
    let changed = update(&app, &sofia, shared_id, "hi", "Hi!").await;
    assert_eq!(changed.status, 200, "{:?}", changed.json);
    assert_eq!(delete(&app, &ana, mine_id).await.status, 200);
    assert_eq!(delete(&app, &ana, mine_id).await.status, 404);
    assert_eq!(list(&app, &ana).await, [("hi".to_string(), None)]);

    // Signed out: nothing.
    let stranger = app.client();
    let reply = app.call(&stranger, "quick-replies/list", &[]).await;
    assert_eq!(reply.status, 401);
}

async fn bad_values_and_taken_shortcuts_are_explained(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let sofia = signed_in(&app, "supervisor@demo.local", Role::Supervisor).await;

    let bad = create(&app, &ana, "two words", "Hi", false).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["error"], "invalid");
    assert_eq!(bad.json["field"], "shortcut");
    let empty = create(&app, &ana, "hi", "   ", false).await;
    assert_eq!(empty.status, 400);
    assert_eq!(empty.json["field"], "quick_reply_body");
    let long = create(&app, &ana, "hi", &"x".repeat(4097), false).await;
    assert_eq!(long.status, 400);
    assert_eq!(long.json["problem"]["kind"], "too_long");

    // "hi" is taken in the shared list, not in Ana's own.
    id_of(&create(&app, &sofia, "hi", "Hello", true).await);
    let taken = create(&app, &sofia, "HI", "Hello again", true).await;
    assert_eq!(taken.status, 409);
    assert_eq!(taken.json["conflict"], "shortcut_taken");
    let anas = id_of(&create(&app, &ana, "hi", "Hi, Ana here", false).await);
    let other = id_of(&create(&app, &ana, "hey", "Hey", false).await);
    let renamed = update(&app, &ana, other, "hi", "Hey").await;
    assert_eq!(renamed.status, 409);
    assert_eq!(renamed.json["conflict"], "shortcut_taken");
    assert_ne!(anas, other);
}

async fn the_demo_seeds_shared_replies_once(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    server::demo::seed(&app.state).await.expect("seed");
    let ana = app
        .state
        .store
        .user_by_email("ana@demo.local")
        .await
        .expect("read")
        .expect("demo agent");
    let seeded = app.state.store.quick_replies(ana.id).await.expect("list");
    assert!(seeded.len() >= 4, "{seeded:?}");
    assert!(seeded.iter().all(|r| r.is_shared()));
    assert!(seeded.iter().any(|r| r.shortcut == "hola"));
    assert!(seeded
        .iter()
        .any(|r| r.body.contains("{{contact.first_name}}")));

    // A reply the team deleted does not come back when the demo starts again.
    let hola = seeded.iter().find(|r| r.shortcut == "hola").expect("hola");
    app.state
        .store
        .delete_quick_reply(hola.id)
        .await
        .expect("delete");
    server::demo::seed(&app.state).await.expect("seed again");
    let again = app.state.store.quick_replies(ana.id).await.expect("list");
    assert_eq!(again.len(), seeded.len() - 1);
    assert!(!again.iter().any(|r| r.shortcut == "hola"));
}

async fn agents_open_the_screen_with_their_lists(db: Db) {
    let app = support::spawn(db, |_| {}).await;
    let ana = signed_in(&app, "ana@demo.local", Role::Agent).await;
    let sofia = signed_in(&app, "supervisor@demo.local", Role::Supervisor).await;
    id_of(&create(&app, &sofia, "opening-hours", "We open at 9", true).await);
    id_of(&create(&app, &ana, "my-sign-off", "Ana, at your service", false).await);

    // The page renders on the server for an agent, with both lists; the shared one has no
    // edit buttons for her.
    let page = app.get(&ana.client, "/quick-replies").await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains(r#"data-testid="quick-reply-form""#), "{html}");
    assert!(html.contains(r#"data-shortcut="opening-hours""#), "{html}");
    assert!(html.contains(r#"data-shortcut="my-sign-off""#), "{html}");
    assert!(
        html.contains(r#"href="/quick-replies""#),
        "in her navigation"
    );
    assert_eq!(
        html.matches(r#"data-testid="qr-edit""#).count(),
        1,
        "only her own"
    );

    let page = app.get(&sofia.client, "/quick-replies").await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("html");
    assert!(!html.contains("my-sign-off"), "Ana's own are hers alone");
    assert_eq!(
        html.matches(r#"data-testid="qr-edit""#).count(),
        1,
        "the shared one"
    );
    assert!(
        html.contains(r#"data-testid="qr-scope""#),
        "supervisors choose the list"
    );
}
