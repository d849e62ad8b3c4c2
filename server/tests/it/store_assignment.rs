//! The store conformance suite for assignment (`AssignmentStore`): atomic claims, capacity,
//! the queue, agents' load, returning to the queue and waking snoozes — on SQLite and
//! PostgreSQL.

use crate::support;

use app::domain::inbox::ConversationStatus as S;
use app::domain::message::{Activity, MessageBody, MessageContext};
use app::domain::roles::Role;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{Claim, NewUser, Store, UserRecord};
use std::sync::Arc;
use support::Db;

const T: i64 = 1_767_225_600_000;
const HOUR: i64 = 3_600_000;

on_both_databases!(
    many_claims_at_once_have_exactly_one_winner,
    claims_within_capacity_stop_at_the_capacity,
    claiming_opens_bot_and_snoozed_conversations_but_not_resolved_ones,
    the_queue_and_loads_are_read_as_assignment_needs,
    an_offline_assignee_returns_only_open_conversations,
    timed_snoozes_wake_when_due_and_others_sleep_on,
);

async fn customer_writes(store: &dyn Store, n: u32, at: i64) -> i64 {
    let wamid = format!("wamid.assign.{n}");
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.clone(),
        from: ContactRef {
            wa_id: Some(format!("3460000{n:04}")),
            name: Some(format!("Customer {n}")),
            ..ContactRef::default()
        },
        sent_at_ms: at,
        body: MessageBody::Text {
            body: "hola".into(),
        },
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }));
    store.ingest(&[event], at).await.expect("ingest");
    store
        .message_by_wamid(&wamid)
        .await
        .expect("read")
        .expect("stored")
        .conversation_id
}

async fn user(store: &dyn Store, name: &str, role: Role, capacity: u32) -> UserRecord {
    store
        .create_user(
            NewUser {
                email: format!("{}@example.com", name.to_lowercase()),
                name: name.into(),
                role,
                password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
                capacity,
                language: None,
            },
            T,
        )
        .await
        .expect("create user")
}

async fn activities(store: &dyn Store, conversation: i64) -> Vec<Activity> {
    store
        .messages_of_conversation(conversation)
        .await
        .expect("thread")
        .into_iter()
        .filter_map(|m| match m.body {
            MessageBody::Activity { activity, .. } => Some(activity),
            _ => None,
        })
        .collect()
}

async fn assignee(store: &dyn Store, conversation: i64) -> (S, Option<i64>) {
    let c = store
        .conversation(conversation)
        .await
        .expect("read")
        .expect("exists");
    (c.status(), c.assignee_id)
}

async fn many_claims_at_once_have_exactly_one_winner(db: Db) {
    let (store, _dir) = support::store(db).await;
    let conversation = customer_writes(&*store, 1, T).await;
    let mut agents = Vec::new();
    for n in 0..12 {
        agents.push(user(&*store, &format!("Agent{n:02}"), Role::Agent, 5).await);
    }
    // Every agent presses Take at the same moment (twice, from two tabs).
    let start = Arc::new(tokio::sync::Barrier::new(agents.len() * 2));
    let mut tasks = Vec::new();
    for agent in agents.iter().chain(agents.iter()) {
        let (store, start, id) = (store.clone(), start.clone(), agent.id);
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            (
                id,
                store.claim(conversation, id, Some(id), false, T + 1).await,
            )
        }));
    }
    let mut winners = Vec::new();
    let mut told = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            (id, Ok(Claim::Claimed(record))) => {
                assert_eq!(record.assignee_id, Some(id));
                winners.push(id);
            }
            (_, Ok(Claim::Taken { by })) => told.push(by),
            (_, other) => panic!("unexpected claim outcome {other:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one winner: {winners:?}");
    let winner = agents.iter().find(|a| a.id == winners[0]).expect("winner");
    assert_eq!(told.len(), agents.len() * 2 - 1);
    assert!(
        told.iter()
            .all(|by| by.as_deref() == Some(winner.name.as_str())),
        "the others are told who took it: {told:?}"
    );
    assert_eq!(
        assignee(&*store, conversation).await,
        (S::Open, Some(winner.id))
    );
    assert_eq!(
        activities(&*store, conversation).await,
        [Activity::Assigned {
            to: winner.name.clone()
        }],
        "one activity line"
    );
}

async fn claims_within_capacity_stop_at_the_capacity(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana", Role::Agent, 2).await;
    let a = customer_writes(store, 1, T).await;
    let b = customer_writes(store, 2, T + 1).await;
    let c = customer_writes(store, 3, T + 2).await;
    assert!(matches!(
        store.claim(a, ana.id, None, true, T + 10).await,
        Ok(Claim::Claimed(_))
    ));
    assert!(matches!(
        store.claim(b, ana.id, None, true, T + 11).await,
        Ok(Claim::Claimed(_))
    ));
    assert_eq!(
        store
            .claim(c, ana.id, None, true, T + 12)
            .await
            .expect("claim"),
        Claim::Full
    );
    assert_eq!(assignee(store, c).await, (S::Open, None), "c still waits");
    assert_eq!(
        activities(store, a).await,
        [Activity::AutoAssigned { to: "Ana".into() }],
        "no actor: auto-assignment"
    );
    // A snoozed conversation does not count against the capacity.
    store
        .set_conversation_status(b, S::Snoozed, None, Some(ana.id), T + 13)
        .await
        .expect("snooze");
    assert!(matches!(
        store.claim(c, ana.id, None, true, T + 14).await,
        Ok(Claim::Claimed(_))
    ));
    // By hand, capacity is not asked.
    let d = customer_writes(store, 4, T + 3).await;
    assert!(matches!(
        store.claim(d, ana.id, Some(ana.id), false, T + 15).await,
        Ok(Claim::Claimed(_))
    ));
    let loads = store.agent_loads().await.expect("loads");
    let ana_load = loads.iter().find(|l| l.user_id == ana.id).expect("ana");
    assert_eq!((ana_load.open, ana_load.capacity), (3, 2));
    assert_eq!(ana_load.last_assigned_at_ms, Some(T + 15));
    assert!(matches!(
        store.claim(999_999, ana.id, None, true, T).await,
        Err(app::ssr::StoreError::NotFound)
    ));
}

async fn claiming_opens_bot_and_snoozed_conversations_but_not_resolved_ones(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana", Role::Agent, 5).await;
    let bot = customer_writes(store, 1, T).await;
    store
        .set_conversation_status(bot, S::Bot, None, None, T + 1)
        .await
        .expect("to the bot");
    let snoozed = customer_writes(store, 2, T).await;
    store
        .set_conversation_status(snoozed, S::Snoozed, Some(T + HOUR), None, T + 1)
        .await
        .expect("snooze");
    let resolved = customer_writes(store, 3, T).await;
    store
        .set_conversation_status(resolved, S::Resolved, None, None, T + 1)
        .await
        .expect("resolve");
    for id in [bot, snoozed] {
        assert!(matches!(
            store.claim(id, ana.id, Some(ana.id), false, T + 2).await,
            Ok(Claim::Claimed(_))
        ));
        assert_eq!(assignee(store, id).await, (S::Open, Some(ana.id)));
    }
    assert_eq!(
        store.wake_snoozed(T + 2 * HOUR, 10).await.expect("wake"),
        Vec::<i64>::new(),
        "a claimed snooze is over"
    );
    assert_eq!(
        store
            .claim(resolved, ana.id, Some(ana.id), false, T + 2)
            .await
            .expect("claim"),
        Claim::Resolved
    );
    assert_eq!(assignee(store, resolved).await, (S::Resolved, None));
}

async fn the_queue_and_loads_are_read_as_assignment_needs(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana", Role::Agent, 3).await;
    let off = user(store, "Off", Role::Agent, 3).await;
    store
        .update_user(off.id, app::ssr::UserChange::Disabled(true), T)
        .await
        .expect("disable");
    let boss = user(store, "Boss", Role::Supervisor, 0).await;
    // Written in this order; the second waited longest.
    let first = customer_writes(store, 1, T + 20).await;
    let second = customer_writes(store, 2, T + 10).await;
    let third = customer_writes(store, 3, T + 30).await;
    assert_eq!(
        store.queued(10).await.expect("queue"),
        [second, first, third]
    );
    assert_eq!(store.queued(2).await.expect("queue"), [second, first]);
    store
        .claim(second, ana.id, Some(ana.id), false, T + 40)
        .await
        .expect("claim");
    store
        .set_conversation_status(third, S::Resolved, None, None, T + 41)
        .await
        .expect("resolve");
    assert_eq!(store.queued(10).await.expect("queue"), [first]);
    let loads = store.agent_loads().await.expect("loads");
    let names: Vec<(&str, Role, u32, u32)> = loads
        .iter()
        .map(|l| (l.name.as_str(), l.role, l.open, l.capacity))
        .collect();
    assert_eq!(
        names,
        [("Ana", Role::Agent, 1, 3), ("Boss", Role::Supervisor, 0, 0)],
        "enabled users by name; disabled ones are not candidates"
    );
    let _ = boss;
}

async fn an_offline_assignee_returns_only_open_conversations(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana", Role::Agent, 5).await;
    let luis = user(store, "Luis", Role::Agent, 5).await;
    let open = customer_writes(store, 1, T).await;
    let snoozed = customer_writes(store, 2, T).await;
    let other = customer_writes(store, 3, T).await;
    for id in [open, snoozed] {
        store
            .claim(id, ana.id, Some(ana.id), false, T + 1)
            .await
            .expect("claim");
    }
    store
        .claim(other, luis.id, Some(luis.id), false, T + 1)
        .await
        .expect("claim");
    store
        .set_conversation_status(snoozed, S::Snoozed, None, Some(ana.id), T + 2)
        .await
        .expect("snooze");
    let mut feed = store.changes();
    assert_eq!(
        store.return_to_queue(ana.id, T + 3).await.expect("return"),
        [open]
    );
    assert_eq!(assignee(store, open).await, (S::Open, None));
    assert_eq!(assignee(store, snoozed).await, (S::Snoozed, Some(ana.id)));
    assert_eq!(assignee(store, other).await, (S::Open, Some(luis.id)));
    assert_eq!(
        activities(store, open).await.last(),
        Some(&Activity::ReturnedToQueue { from: "Ana".into() })
    );
    // Consoles hear of it.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match tokio::time::timeout_at(deadline, feed.recv()).await {
            Ok(Ok(app::ssr::Change::Conversation { id })) if id == open => break,
            Ok(Ok(_)) | Ok(Err(_)) => {}
            Err(_) => panic!("no change announced for the returned conversation"),
        }
    }
    assert_eq!(
        store.return_to_queue(ana.id, T + 4).await.expect("again"),
        Vec::<i64>::new()
    );
}

async fn timed_snoozes_wake_when_due_and_others_sleep_on(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let soon = customer_writes(store, 1, T).await;
    let later = customer_writes(store, 2, T).await;
    let until_they_write = customer_writes(store, 3, T).await;
    for (id, until) in [
        (soon, Some(T + HOUR)),
        (later, Some(T + 5 * HOUR)),
        (until_they_write, None),
    ] {
        store
            .set_conversation_status(id, S::Snoozed, until, None, T + 1)
            .await
            .expect("snooze");
    }
    assert_eq!(
        store.wake_snoozed(T + HOUR - 1, 10).await.expect("wake"),
        Vec::<i64>::new()
    );
    assert_eq!(
        store.wake_snoozed(T + 2 * HOUR, 10).await.expect("wake"),
        [soon]
    );
    assert_eq!(assignee(store, soon).await, (S::Open, None));
    assert_eq!(
        activities(store, soon).await.last(),
        Some(&Activity::SnoozeEnded)
    );
    assert_eq!(
        store.wake_snoozed(T + 2 * HOUR, 10).await.expect("again"),
        Vec::<i64>::new()
    );
    assert_eq!(
        store.wake_snoozed(T + 100 * HOUR, 10).await.expect("wake"),
        [later]
    );
    assert_eq!(
        assignee(store, until_they_write).await.0,
        S::Snoozed,
        "sleeps until they write"
    );
}
