//! The store conformance suite for quick replies (`QuickReplyStore`), run on SQLite and
//! PostgreSQL.

use crate::support;

use app::domain::quick_replies::{QuickReply, QuickReplyFields};
use app::domain::roles::Role;
use app::ssr::{NewUser, Store, StoreError, UserRecord};
use support::Db;

const T: i64 = 1_767_225_600_000;

on_both_databases!(
    each_user_sees_the_shared_replies_and_their_own,
    a_shortcut_is_unique_within_its_list_only,
    a_reply_is_changed_and_deleted,
);

async fn user(store: &dyn Store, email: &str, role: Role) -> UserRecord {
    store
        .create_user(
            NewUser {
                email: email.into(),
                name: email.split('@').next().unwrap_or(email).to_string(),
                role,
                password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
                capacity: 5,
                language: None,
            },
            T,
        )
        .await
        .expect("create user")
}

fn fields(shortcut: &str, title: &str, body: &str) -> QuickReplyFields {
    QuickReplyFields::new(shortcut, title, body).expect("valid fields")
}

async fn create(
    store: &dyn Store,
    owner: Option<i64>,
    shortcut: &str,
    body: &str,
) -> Result<QuickReply, StoreError> {
    store
        .create_quick_reply(owner, &fields(shortcut, shortcut, body), T)
        .await
}

fn shortcuts(list: &[QuickReply]) -> Vec<(&str, Option<i64>)> {
    list.iter()
        .map(|r| (r.shortcut.as_str(), r.owner_id))
        .collect()
}

async fn each_user_sees_the_shared_replies_and_their_own(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "ana@x.io", Role::Agent).await;
    let luis = user(store, "luis@x.io", Role::Agent).await;

    let thanks = create(store, None, "thanks", "Thank you {{contact.first_name}}!")
        .await
        .expect("shared");
    assert_eq!(thanks.owner_id, None);
    assert_eq!(thanks.title, "thanks");
    assert_eq!(thanks.body, "Thank you {{contact.first_name}}!");
    assert_eq!(thanks.updated_at_ms, T);
    create(store, None, "address", "Send us your address")
        .await
        .expect("shared");
    create(
        store,
        Some(ana.id),
        "track",
        "Tracking: {{contact.order_id}}",
    )
    .await
    .expect("Ana's");
    create(store, Some(luis.id), "bye", "Bye!")
        .await
        .expect("Luis's");

    assert_eq!(
        shortcuts(&store.quick_replies(ana.id).await.expect("Ana's list")),
        [("address", None), ("thanks", None), ("track", Some(ana.id))]
    );
    assert_eq!(
        shortcuts(&store.quick_replies(luis.id).await.expect("Luis's list")),
        [("address", None), ("bye", Some(luis.id)), ("thanks", None)]
    );

    let found = store
        .quick_reply(thanks.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(found, thanks);
    assert_eq!(
        store.quick_reply(thanks.id + 1000).await.expect("read"),
        None
    );
}

async fn a_shortcut_is_unique_within_its_list_only(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "ana@x.io", Role::Agent).await;
    let luis = user(store, "luis@x.io", Role::Agent).await;

    create(store, None, "hi", "Hello!")
        .await
        .expect("shared hi");
    assert!(matches!(
        create(store, None, "hi", "Hi again").await,
        Err(StoreError::Duplicate)
    ));
    // Ana and Luis may each have their own "hi" next to the shared one, but one each.
    let anas = create(store, Some(ana.id), "hi", "Hi, Ana here")
        .await
        .expect("Ana's hi");
    create(store, Some(luis.id), "hi", "Hi, Luis here")
        .await
        .expect("Luis's hi");
    assert!(matches!(
        create(store, Some(ana.id), "hi", "Another").await,
        Err(StoreError::Duplicate)
    ));

    // The user's own comes first on the same shortcut.
    let list = store.quick_replies(ana.id).await.expect("list");
    assert_eq!(shortcuts(&list), [("hi", Some(ana.id)), ("hi", None)]);
    assert_eq!(list[0].id, anas.id);

    // Renaming into a taken shortcut is refused the same way.
    let other = create(store, Some(ana.id), "hey", "Hey")
        .await
        .expect("Ana's hey");
    assert!(matches!(
        store
            .update_quick_reply(other.id, &fields("hi", "Hey", "Hey"), T + 1)
            .await,
        Err(StoreError::Duplicate)
    ));
    let unchanged = store
        .quick_reply(other.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(unchanged.shortcut, "hey");
}

async fn a_reply_is_changed_and_deleted(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "ana@x.io", Role::Agent).await;
    let reply = create(store, Some(ana.id), "track", "Old text")
        .await
        .expect("created");

    let changed = store
        .update_quick_reply(
            reply.id,
            &fields(
                "tracking",
                "Where is my order",
                "Your order: {{contact.order_id}}",
            ),
            T + 5,
        )
        .await
        .expect("updated");
    assert_eq!(changed.id, reply.id);
    assert_eq!(changed.owner_id, Some(ana.id), "it stays in Ana's list");
    assert_eq!(changed.shortcut, "tracking");
    assert_eq!(changed.title, "Where is my order");
    assert_eq!(changed.body, "Your order: {{contact.order_id}}");
    assert_eq!(changed.updated_at_ms, T + 5);
    assert_eq!(
        store.quick_reply(reply.id).await.expect("read"),
        Some(changed.clone())
    );
    assert!(matches!(
        store
            .update_quick_reply(reply.id + 1000, &fields("x", "x", "x"), T)
            .await,
        Err(StoreError::NotFound)
    ));

    store.delete_quick_reply(reply.id).await.expect("deleted");
    assert_eq!(store.quick_reply(reply.id).await.expect("read"), None);
    assert!(store.quick_replies(ana.id).await.expect("list").is_empty());
    assert!(matches!(
        store.delete_quick_reply(reply.id).await,
        Err(StoreError::NotFound)
    ));
    // The shortcut is free again.
    create(store, Some(ana.id), "tracking", "New")
        .await
        .expect("recreated");
}
