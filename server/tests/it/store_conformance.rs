//! The one conformance suite every `Store` implementation passes, run on SQLite and on
//! PostgreSQL. A store change is done when both pass.

use crate::support;

use app::domain::roles::Role;
use app::domain::throttle::{AttemptClaim, Failures, FREE_ATTEMPTS};
use app::i18n::Lang;
use app::ssr::{NewUser, StoreError, UserChange};
use support::Db;

const T0: i64 = 1_767_225_600_123; // 2026-01-01T00:00:00.123Z, in milliseconds

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_string(),
        name: format!("Name of {email}"),
        role,
        password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".to_string(),
        capacity: 5,
        language: None,
    }
}

on_both_databases!(
    answers_ping,
    creates_and_finds_users,
    rejects_a_second_user_with_the_same_email,
    lists_users_by_email,
    applies_each_kind_of_change,
    ending_sessions_bumps_the_epoch,
    updating_an_unknown_user_is_not_found,
    counts_active_admins,
    keeps_login_failures_per_key,
    concurrent_claims_never_pass_the_throttle_together,
);

async fn answers_ping(db: Db) {
    let (store, _dir) = support::store(db).await;
    store.ping().await.expect("ping");
}

async fn creates_and_finds_users(db: Db) {
    let (store, _dir) = support::store(db).await;
    let mut new = new_user("sofia@demo.local", Role::Supervisor);
    new.name = "Sofía Ñúñez 👋".to_string();
    new.language = Some(Lang::Es);
    new.capacity = 12;
    let created = store.create_user(new, T0).await.expect("create");
    assert!(created.id > 0);
    assert_eq!(created.email, "sofia@demo.local");
    assert_eq!(created.name, "Sofía Ñúñez 👋");
    assert_eq!(created.role, Role::Supervisor);
    assert_eq!(created.capacity, 12);
    assert_eq!(created.language, Some(Lang::Es));
    assert!(!created.disabled);
    assert_eq!(created.auth_epoch, 0);
    assert_eq!(
        created.created_at_ms, T0,
        "times are kept to the millisecond"
    );
    assert_eq!(created.updated_at_ms, T0);

    let by_id = store.user_by_id(created.id).await.expect("by id");
    assert_eq!(by_id.as_ref(), Some(&created));
    let by_email = store
        .user_by_email("sofia@demo.local")
        .await
        .expect("by email");
    assert_eq!(by_email, Some(created));
    assert_eq!(
        store
            .user_by_email("nobody@demo.local")
            .await
            .expect("none"),
        None
    );
    assert_eq!(store.user_by_id(999_999).await.expect("none"), None);
}

async fn rejects_a_second_user_with_the_same_email(db: Db) {
    let (store, _dir) = support::store(db).await;
    store
        .create_user(new_user("ana@demo.local", Role::Agent), T0)
        .await
        .expect("first");
    let second = store
        .create_user(new_user("ana@demo.local", Role::Admin), T0)
        .await;
    assert!(matches!(second, Err(StoreError::Duplicate)), "{second:?}");
    assert_eq!(store.list_users().await.expect("list").len(), 1);
}

async fn lists_users_by_email(db: Db) {
    let (store, _dir) = support::store(db).await;
    for email in ["luis@demo.local", "ana@demo.local", "marta@demo.local"] {
        store
            .create_user(new_user(email, Role::Agent), T0)
            .await
            .expect("create");
    }
    let emails: Vec<String> = store
        .list_users()
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(
        emails,
        ["ana@demo.local", "luis@demo.local", "marta@demo.local"]
    );
}

async fn applies_each_kind_of_change(db: Db) {
    let (store, _dir) = support::store(db).await;
    let user = store
        .create_user(new_user("ana@demo.local", Role::Agent), T0)
        .await
        .expect("create");
    let id = user.id;
    let u = store
        .update_user(id, UserChange::Name("Ana García".into()), T0 + 1)
        .await
        .expect("name");
    assert_eq!(u.name, "Ana García");
    assert_eq!(u.updated_at_ms, T0 + 1);
    assert_eq!(u.created_at_ms, T0);
    let u = store
        .update_user(id, UserChange::Role(Role::Supervisor), T0 + 2)
        .await
        .expect("role");
    assert_eq!(u.role, Role::Supervisor);
    let u = store
        .update_user(id, UserChange::Capacity(0), T0 + 3)
        .await
        .expect("capacity");
    assert_eq!(u.capacity, 0);
    let u = store
        .update_user(id, UserChange::Language(Some(Lang::Es)), T0 + 4)
        .await
        .expect("language");
    assert_eq!(u.language, Some(Lang::Es));
    let u = store
        .update_user(id, UserChange::Language(None), T0 + 5)
        .await
        .expect("language cleared");
    assert_eq!(u.language, None);
    let u = store
        .update_user(id, UserChange::Disabled(true), T0 + 6)
        .await
        .expect("disable");
    assert!(u.disabled);
    let u = store
        .update_user(id, UserChange::Disabled(false), T0 + 7)
        .await
        .expect("enable");
    assert!(!u.disabled);
    let u = store
        .update_user(
            id,
            UserChange::PasswordHash {
                hash: "new-hash".into(),
                end_sessions: false,
            },
            T0 + 8,
        )
        .await
        .expect("hash");
    assert_eq!(u.password_hash, "new-hash");
    // What update returns is what a later read sees.
    assert_eq!(store.user_by_id(id).await.expect("read"), Some(u));
}

async fn ending_sessions_bumps_the_epoch(db: Db) {
    let (store, _dir) = support::store(db).await;
    let id = store
        .create_user(new_user("ana@demo.local", Role::Agent), T0)
        .await
        .expect("create")
        .id;
    let keep = |hash: &str| UserChange::PasswordHash {
        hash: hash.into(),
        end_sessions: false,
    };
    let end = |hash: &str| UserChange::PasswordHash {
        hash: hash.into(),
        end_sessions: true,
    };
    assert_eq!(
        store
            .update_user(id, keep("a"), T0)
            .await
            .expect("keep")
            .auth_epoch,
        0
    );
    assert_eq!(
        store
            .update_user(id, end("b"), T0)
            .await
            .expect("end")
            .auth_epoch,
        1
    );
    let epoch = store
        .update_user(id, UserChange::Disabled(true), T0)
        .await
        .expect("disable")
        .auth_epoch;
    assert_eq!(epoch, 2);
    let epoch = store
        .update_user(id, UserChange::Disabled(false), T0)
        .await
        .expect("enable")
        .auth_epoch;
    assert_eq!(epoch, 2, "enabling does not end sessions (there are none)");
    let epoch = store
        .update_user(id, UserChange::Role(Role::Admin), T0)
        .await
        .expect("role")
        .auth_epoch;
    assert_eq!(
        epoch, 3,
        "a role change ends sessions: what was opened under the old role ends with it"
    );
}

async fn updating_an_unknown_user_is_not_found(db: Db) {
    let (store, _dir) = support::store(db).await;
    let result = store
        .update_user(424_242, UserChange::Capacity(3), T0)
        .await;
    assert!(matches!(result, Err(StoreError::NotFound)), "{result:?}");
}

async fn counts_active_admins(db: Db) {
    let (store, _dir) = support::store(db).await;
    assert_eq!(store.count_active_admins().await.expect("count"), 0);
    let a = store
        .create_user(new_user("a@demo.local", Role::Admin), T0)
        .await
        .expect("a");
    store
        .create_user(new_user("b@demo.local", Role::Admin), T0)
        .await
        .expect("b");
    store
        .create_user(new_user("c@demo.local", Role::Supervisor), T0)
        .await
        .expect("c");
    assert_eq!(store.count_active_admins().await.expect("count"), 2);
    store
        .update_user(a.id, UserChange::Disabled(true), T0)
        .await
        .expect("disable");
    assert_eq!(store.count_active_admins().await.expect("count"), 1);
}

async fn keeps_login_failures_per_key(db: Db) {
    let (store, _dir) = support::store(db).await;
    let email = "email:a@b.c".to_string();
    let addr = "addr:127.0.0.1".to_string();
    assert_eq!(store.login_failures(&email).await.expect("get"), None);
    let claim = store
        .claim_login_attempt(&[email.clone(), addr.clone()], T0)
        .await
        .expect("claim");
    assert_eq!(claim, AttemptClaim::Granted);
    let one = Failures {
        count: 1,
        last_at_ms: T0,
    };
    assert_eq!(
        store.login_failures(&email).await.expect("get"),
        Some(one),
        "a granted attempt counts until a success clears it"
    );
    assert_eq!(store.login_failures(&addr).await.expect("get"), Some(one));
    for at in [T0 + 100, T0 + 200] {
        let claim = store
            .claim_login_attempt(std::slice::from_ref(&email), at)
            .await
            .expect("claim");
        assert_eq!(claim, AttemptClaim::Granted);
    }
    assert_eq!(
        store
            .claim_login_attempt(&[email.clone(), addr.clone()], T0 + 300)
            .await
            .expect("claim"),
        AttemptClaim::Wait {
            retry_after_secs: 1
        },
        "the account's fourth attempt in a row waits"
    );
    assert_eq!(
        store.login_failures(&addr).await.expect("get"),
        Some(one),
        "a refused claim writes nothing for any key"
    );
    store.clear_login_failures(&email).await.expect("clear");
    assert_eq!(store.login_failures(&email).await.expect("get"), None);
    assert_eq!(
        store.login_failures(&addr).await.expect("get"),
        Some(one),
        "clearing one key leaves the others"
    );
}

/// Parallel claims of one key take turns: exactly the free attempts are granted.
async fn concurrent_claims_never_pass_the_throttle_together(db: Db) {
    let (store, _dir) = support::store(db).await;
    let keys = vec!["email:race@b.c".to_string(), "addr:10.0.0.1".to_string()];
    let claims: Vec<_> = (0..40)
        .map(|_| {
            let store = store.clone();
            let keys = keys.clone();
            tokio::spawn(async move { store.claim_login_attempt(&keys, T0).await })
        })
        .collect();
    let mut granted = 0;
    for claim in claims {
        match claim.await.expect("task") {
            Ok(AttemptClaim::Granted) => granted += 1,
            Ok(AttemptClaim::Wait { .. }) => {}
            Err(e) => panic!("a claim failed: {e}"),
        }
    }
    assert_eq!(granted, FREE_ATTEMPTS);
    assert_eq!(
        store
            .login_failures(&keys[0])
            .await
            .expect("get")
            .map(|f| f.count),
        Some(FREE_ATTEMPTS)
    );
}
