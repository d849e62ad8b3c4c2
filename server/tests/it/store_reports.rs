//! The event log (`events`) as every store operation writes it — on SQLite and PostgreSQL.
//! The pricing and the facts the Reports screen reads: `store_report_facts.rs`.

use crate::support;

use app::domain::bot::engine::{BotState, TurnEnd};
use app::domain::bot::{HandoffReason, BOT_ENABLED_SETTING};
use app::domain::inbox::ConversationStatus as S;
use app::domain::labels::LabelDraft;
use app::domain::message::MessageBody;
use app::domain::reports::EventKind as K;
use app::ssr::{BotTurnWrite, Store};
use support::reports::*;
use support::Db;

const T: i64 = 1_767_225_600_000;

on_both_databases!(
    every_change_to_a_conversation_is_logged_once,
    the_bots_part_is_logged_with_its_outcome,
);

fn with_label(entry: Logged, label: i64) -> Logged {
    (entry.0, entry.1, entry.2, entry.3, Some(label), entry.5)
}

fn with_detail(entry: Logged, detail: &str) -> Logged {
    (
        entry.0,
        entry.1,
        entry.2,
        entry.3,
        entry.4,
        Some(detail.into()),
    )
}

async fn every_change_to_a_conversation_is_logged_once(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await.id;
    let bea = user(store, "Bea", 5, T).await.id;
    let vip = LabelDraft::new("VIP", "violet", "").expect("label");
    let vip = store.create_label(&vip, T).await.expect("create label").id;

    // Meta's timestamp is earlier than our clock: the message keeps its own time.
    let first = message(1, 0, T - 400, text("hola"));
    deliver(store, first.clone(), T).await;
    let c = conversation_of(store, 1, 0).await;
    deliver(store, first, T + 600).await;
    let reaction = MessageBody::Reaction {
        target_wamid: "wamid.x".into(),
        emoji: Some("👍".into()),
    };
    deliver(store, message(1, 1, T + 700, reaction), T + 700).await;

    store
        .claim(c, ana, Some(ana), true, T + 1_000)
        .await
        .expect("claim");
    send(store, c, Some(ana), say("Hi!"), T + 2_000).await;
    store
        .insert_note(c, ana, "regular customer", None, T + 2_500)
        .await
        .expect("note");
    store
        .label_conversation(c, vip, true, Some(ana), T + 3_000)
        .await
        .expect("label");
    store
        .label_conversation(c, vip, true, Some(ana), T + 3_100)
        .await
        .expect("label again");
    store
        .label_conversation(c, vip, false, Some(ana), T + 3_500)
        .await
        .expect("unlabel");
    store
        .assign(c, Some(bea), Some(ana), T + 4_000)
        .await
        .expect("assign");
    store
        .set_conversation_status(c, S::Snoozed, Some(T + 10_000), Some(bea), T + 5_000)
        .await
        .expect("snooze");
    assert_eq!(
        store.wake_snoozed(T + 10_000, 10).await.expect("wake"),
        vec![c]
    );
    store
        .set_conversation_status(c, S::Resolved, None, Some(bea), T + 11_000)
        .await
        .expect("resolve");
    store
        .set_conversation_status(c, S::Open, None, Some(bea), T + 12_000)
        .await
        .expect("reopen");
    store
        .set_conversation_status(c, S::Snoozed, None, Some(bea), T + 13_000)
        .await
        .expect("snooze");
    // The customer writing wakes it up.
    deliver(store, message(1, 2, T + 14_000, text("?")), T + 14_100).await;
    store
        .assign(c, None, Some(ana), T + 15_000)
        .await
        .expect("unassign");
    store
        .claim(c, ana, None, true, T + 16_000)
        .await
        .expect("auto-assign");
    assert_eq!(
        store.return_to_queue(ana, T + 17_000).await.expect("away"),
        vec![c]
    );

    assert_eq!(
        events_of(store, c).await,
        vec![
            logged(K::CustomerMessage, T - 400, None, None),
            with_detail(logged(K::Created, T, None, None), "people"),
            logged(K::Assigned, T + 1_000, Some(ana), Some(ana)),
            logged(K::AgentReply, T + 2_000, Some(ana), Some(ana)),
            with_label(logged(K::Labelled, T + 3_000, Some(ana), Some(ana)), vip),
            with_label(logged(K::Unlabelled, T + 3_500, Some(ana), Some(ana)), vip),
            logged(K::Assigned, T + 4_000, Some(ana), Some(bea)),
            logged(K::Snoozed, T + 5_000, Some(bea), Some(bea)),
            logged(K::Woke, T + 10_000, None, Some(bea)),
            logged(K::Resolved, T + 11_000, Some(bea), Some(bea)),
            logged(K::Reopened, T + 12_000, Some(bea), Some(bea)),
            logged(K::Snoozed, T + 13_000, Some(bea), Some(bea)),
            logged(K::CustomerMessage, T + 14_000, None, Some(bea)),
            logged(K::Woke, T + 14_000, None, Some(bea)),
            logged(K::Unassigned, T + 15_000, Some(ana), None),
            logged(K::Assigned, T + 16_000, None, Some(ana)),
            logged(K::ReturnedToQueue, T + 17_000, None, None),
        ]
    );
}

async fn bot_turn(store: &dyn Store, id: i64, end: Option<TurnEnd>, at: i64) {
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("exists");
    let write = BotTurnWrite {
        answering: None,
        conversation_id: id,
        expected_turn: seen.turn,
        state: BotState::default(),
        replies: vec![say("I am the bot")],
        end,
    };
    store.bot_turn(write, at).await.expect("turn");
}

async fn the_bots_part_is_logged_with_its_outcome(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let ana = user(store, "Ana", 5, T).await.id;
    store
        .put_setting(BOT_ENABLED_SETTING, "true", T)
        .await
        .expect("bot on");
    let handed = customer_writes(store, 1, 0, T).await;
    let confirmed = customer_writes(store, 2, 0, T).await;
    let quiet = customer_writes(store, 3, 0, T).await;
    let switched_off = customer_writes(store, 4, 0, T).await;
    let taken = customer_writes(store, 5, 0, T).await;

    bot_turn(
        store,
        handed,
        Some(TurnEnd::HandOff {
            reason: HandoffReason::Asked,
        }),
        T + 1_000,
    )
    .await;
    store
        .claim(handed, ana, Some(ana), true, T + 2_000)
        .await
        .expect("claim");
    store
        .return_to_bot(handed, Some(ana), T + 3_000)
        .await
        .expect("back to the bot");
    store
        .claim(handed, ana, Some(ana), true, T + 4_000)
        .await
        .expect("take over");
    bot_turn(store, confirmed, Some(TurnEnd::Resolved), T + 1_000).await;
    bot_turn(store, quiet, None, T + 1_000).await;
    assert_eq!(
        store
            .resolve_quiet_bot(T + 2_000, T + 5_000, 10)
            .await
            .expect("quiet"),
        vec![quiet]
    );
    store
        .set_conversation_status(taken, S::Open, None, Some(ana), T + 6_000)
        .await
        .expect("take");
    assert_eq!(
        store
            .hand_off_all_bot(HandoffReason::BotDisabled, T + 7_000)
            .await
            .expect("off"),
        vec![switched_off]
    );

    let created = |at| with_detail(logged(K::Created, at, None, None), "bot");
    let message = |at| logged(K::CustomerMessage, at, None, None);
    assert_eq!(
        events_of(store, handed).await,
        vec![
            created(T),
            message(T),
            with_detail(logged(K::HandedOff, T + 1_000, None, None), "asked"),
            logged(K::Assigned, T + 2_000, Some(ana), Some(ana)),
            logged(K::HandedToBot, T + 3_000, Some(ana), None),
            logged(K::TakenOver, T + 4_000, Some(ana), Some(ana)),
            logged(K::Assigned, T + 4_000, Some(ana), Some(ana)),
        ],
        "bot replies are not agent replies"
    );
    let bot_resolved = |at, how| with_detail(logged(K::BotResolved, at, None, None), how);
    assert_eq!(
        events_of(store, confirmed).await,
        vec![created(T), message(T), bot_resolved(T + 1_000, "confirmed")]
    );
    assert_eq!(
        events_of(store, quiet).await,
        vec![created(T), message(T), bot_resolved(T + 5_000, "quiet")]
    );
    assert_eq!(
        events_of(store, taken).await,
        vec![
            created(T),
            message(T),
            logged(K::TakenOver, T + 6_000, Some(ana), None)
        ]
    );
    assert_eq!(
        events_of(store, switched_off).await,
        vec![
            created(T),
            message(T),
            with_detail(logged(K::HandedOff, T + 7_000, None, None), "bot_disabled")
        ]
    );
}
