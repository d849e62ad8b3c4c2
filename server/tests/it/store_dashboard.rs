//! The supervisor dashboard's figures for a known desk — on SQLite and PostgreSQL.

use crate::support;

use app::domain::bot::BOT_ENABLED_SETTING;
use app::domain::inbox::ConversationStatus as S;
use app::domain::message::MetaError;
use app::domain::window::WINDOW_MS;
use app::ssr::{DashboardQuery, Store, UserChange};
use app::wire::reports::{
    ClosingWindow, DeskConversation, FailureCount, MinuteCount, StatusCounts,
};
use support::reports::*;
use support::Db;

/// "Now" for the dashboard: a whole day after the first customers wrote.
const N: i64 = 1_767_225_600_000 + 2 * 86_400_000;

on_both_databases!(the_dashboard_shows_the_desk_as_it_is_now);

fn query() -> DashboardQuery {
    DashboardQuery {
        now_ms: N,
        // Windows that close within the next hour.
        closing_from_ms: N - WINDOW_MS,
        closing_until_ms: N + HOUR - WINDOW_MS,
        today_start_ms: N - 10 * HOUR,
        since_ms: N - HOUR,
    }
}

async fn fail(store: &dyn Store, conversation: i64, code: i64, sent: i64, failed: i64) {
    let id = send(store, conversation, None, say("offer"), sent).await;
    let error = MetaError {
        code,
        title: format!("Error {code}"),
        details: None,
    };
    store.fail_outbound(id, error, failed).await.expect("fail");
}

async fn the_dashboard_shows_the_desk_as_it_is_now(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, N - DAY_MS).await.id;
    let bea = user(store, "Bea", 3, N - DAY_MS).await.id;
    let carl = user(store, "Carl", 3, N - DAY_MS).await.id;
    store
        .update_user(carl, UserChange::Disabled(true), N - DAY_MS)
        .await
        .expect("disable");

    // The queue: three customers waiting, the first with a window about to close.
    let waiting_longest = customer_writes(store, 1, 0, N - WINDOW_MS + 10 * MINUTE).await;
    let waiting = customer_writes(store, 2, 0, N - 50 * MINUTE).await;
    let newest = customer_writes(store, 3, 0, N - 20 * MINUTE).await;
    customer_writes(store, 3, 1, N - 20 * MINUTE + 30_000).await;
    // Ana's desk: one open (answered), one snoozed.
    let answered = customer_writes(store, 4, 0, N - 45 * MINUTE).await;
    store
        .claim(answered, ana, Some(ana), true, N - 44 * MINUTE)
        .await
        .expect("claim");
    send(store, answered, Some(ana), say("On it"), N - 43 * MINUTE).await;
    let snoozed = customer_writes(store, 5, 0, N - WINDOW_MS + 30 * MINUTE).await;
    store
        .claim(snoozed, ana, Some(ana), true, N - 3 * HOUR)
        .await
        .expect("claim");
    store
        .set_conversation_status(snoozed, S::Snoozed, Some(N + HOUR), Some(ana), N - 3 * HOUR)
        .await
        .expect("snooze");
    // Resolved today, and yesterday evening.
    let today = customer_writes(store, 6, 0, N - WINDOW_MS - 5 * MINUTE).await;
    store
        .set_conversation_status(today, S::Resolved, None, Some(bea), N - 2 * HOUR)
        .await
        .expect("resolve");
    let yesterday = customer_writes(store, 7, 0, N - 12 * HOUR).await;
    store
        .set_conversation_status(yesterday, S::Resolved, None, Some(bea), N - 11 * HOUR)
        .await
        .expect("resolve");
    // With the bot.
    store
        .put_setting(BOT_ENABLED_SETTING, "true", N - 6 * MINUTE)
        .await
        .expect("bot on");
    customer_writes(store, 8, 0, N - 5 * MINUTE).await;
    // Failed sends: two codes in the last hour, one older.
    fail(store, answered, 131_047, N - 42 * MINUTE, N - 30 * MINUTE).await;
    fail(store, answered, 131_026, N - 42 * MINUTE, N - 10 * MINUTE).await;
    fail(store, answered, 131_047, N - 41 * MINUTE, N - 9 * MINUTE).await;
    fail(store, answered, 131_047, N - 3 * HOUR, N - 2 * HOUR).await;

    let snapshot = store.dashboard(query()).await.expect("dashboard");

    assert_eq!(snapshot.now_ms, N);
    assert_eq!(snapshot.queue_length, 3);
    let queue: Vec<(i64, &str, i64)> = snapshot
        .queue
        .iter()
        .map(|q| (q.id, q.contact_name.as_str(), q.waiting_since_ms))
        .collect();
    assert_eq!(
        queue,
        vec![
            (waiting_longest, "Customer 1", N - WINDOW_MS + 10 * MINUTE),
            (waiting, "Customer 2", N - 50 * MINUTE),
            (newest, "Customer 3", N - 20 * MINUTE),
        ],
        "longest wait first; a second message does not restart the wait"
    );
    assert_eq!(snapshot.queue[2].preview, "hola");

    let desks: Vec<_> = snapshot
        .agents
        .iter()
        .map(|a| {
            (
                a.user_id,
                a.capacity,
                a.open,
                a.last_reply_at_ms,
                a.conversations.clone(),
            )
        })
        .collect();
    let desk = |id, contact: &str, status| DeskConversation {
        id,
        contact_name: contact.into(),
        status,
    };
    assert_eq!(
        desks,
        vec![
            (
                ana,
                5,
                2,
                Some(N - 43 * MINUTE),
                vec![
                    desk(answered, "Customer 4", S::Open),
                    desk(snoozed, "Customer 5", S::Snoozed)
                ]
            ),
            (bea, 3, 0, None, vec![]),
        ],
        "disabled users are not on the dashboard; bot sends are not replies"
    );

    assert_eq!(
        snapshot.by_status,
        StatusCounts {
            bot: 1,
            queued: 3,
            assigned: 1,
            snoozed: 1,
            resolved_today: 1
        }
    );
    assert_eq!(
        snapshot.closing,
        vec![
            ClosingWindow {
                id: waiting_longest,
                contact_name: "Customer 1".into(),
                assignee_name: None,
                closes_at_ms: N + 10 * MINUTE,
            },
            ClosingWindow {
                id: snoozed,
                contact_name: "Customer 5".into(),
                assignee_name: Some("Ana".into()),
                closes_at_ms: N + 30 * MINUTE,
            },
        ]
    );
    let failure = |code: i64, count| FailureCount {
        code: Some(code),
        title: Some(format!("Error {code}")),
        count,
    };
    assert_eq!(
        snapshot.failures,
        vec![failure(131_047, 2), failure(131_026, 1)]
    );

    // Minute i of the last hour starts at N - 60 + i minutes.
    let mut minutes: Vec<MinuteCount> = (0..60)
        .map(|i| MinuteCount {
            minute_ms: N - HOUR + i * MINUTE,
            inbound: 0,
            outbound: 0,
        })
        .collect();
    for (minute, inbound, outbound) in [
        (10, 1, 0),
        (15, 1, 0),
        (17, 0, 1),
        (18, 0, 2),
        (19, 0, 1),
        (40, 2, 0),
        (55, 1, 0),
    ] {
        minutes[minute].inbound = inbound;
        minutes[minute].outbound = outbound;
    }
    assert_eq!(snapshot.per_minute, minutes);
}

const DAY_MS: i64 = 86_400_000;
