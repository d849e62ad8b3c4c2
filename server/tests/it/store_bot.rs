//! The store conformance suite for the bot (`BotStore`): its FAQ and catalog, conversations
//! that start with it, its turns, handoffs, resolutions, agents taking over, and its report
//! — on SQLite and PostgreSQL.

use crate::support;

use app::domain::bot::engine::{BotState, TurnEnd};
use app::domain::bot::{FaqDraft, HandoffReason, ProductDraft, BOT_ENABLED_SETTING};
use app::domain::inbox::ConversationStatus as S;
use app::domain::message::{Activity, DeliveryStatus, MessageBody, MessageContext};
use app::domain::outbound::Outbound;
use app::domain::roles::Role;
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{
    BotReport, BotTurnOutcome, BotTurnWrite, Claim, Direction, NewUser, Store, StoreError,
    UserRecord,
};
use app::wire::inbox::Sender;
use support::Db;

const T: i64 = 1_767_225_600_000;
const DAY: i64 = 86_400_000;

on_both_databases!(
    faq_entries_are_kept_by_title,
    products_are_kept_by_name_with_one_product_per_sku,
    new_conversations_start_with_the_bot_only_when_it_is_on,
    a_turn_queues_the_bots_replies_and_keeps_its_state,
    an_agent_who_takes_over_silences_the_bot,
    a_handoff_puts_the_conversation_in_the_queue,
    a_confirmed_goodbye_resolves_the_conversation,
    only_customers_quiet_after_the_bots_last_word_are_resolved,
    switching_the_bot_off_hands_everything_to_people,
    conversations_go_back_to_the_bot_unassigned,
    assigning_or_changing_status_takes_it_from_the_bot,
    the_report_counts_what_became_of_conversations_in_its_window,
    the_bot_inbox_serves_each_conversation_in_order_under_a_lease,
);

/// Customer `n` writes `body` at `at`; returns the conversation.
async fn customer_writes(store: &dyn Store, n: u32, seq: u32, at: i64, body: &str) -> i64 {
    let wamid = format!("wamid.bot.{n}.{seq}");
    let event = IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.clone(),
        from: ContactRef {
            wa_id: Some(format!("3460000{n:04}")),
            name: Some(format!("Customer {n}")),
            ..ContactRef::default()
        },
        sent_at_ms: at,
        body: MessageBody::Text { body: body.into() },
        context: MessageContext::default(),
        referral: None,
        raw: "{}".into(),
    }));
    store.ingest(&[event], at).await.expect("ingest");
    let message = store.message_by_wamid(&wamid).await.expect("read");
    message.expect("stored").conversation_id
}

async fn bot_on(store: &dyn Store, on: bool) {
    let value = if on { "true" } else { "false" };
    store
        .put_setting(BOT_ENABLED_SETTING, value, T)
        .await
        .expect("setting");
}

/// Customer `n` starts a conversation with the bot at `at`.
async fn bot_conversation(store: &dyn Store, n: u32, at: i64) -> i64 {
    bot_on(store, true).await;
    customer_writes(store, n, 0, at, "hola").await
}

async fn user(store: &dyn Store, name: &str) -> UserRecord {
    let new = NewUser {
        email: format!("{}@example.com", name.to_lowercase()),
        name: name.into(),
        role: Role::Agent,
        password_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA".into(),
        capacity: 5,
        language: None,
    };
    store.create_user(new, T).await.expect("create user")
}

fn say(body: &str) -> Outbound {
    Outbound::Text {
        body: body.into(),
        preview_url: false,
    }
}

/// The bot's turn on what it last read of the conversation.
async fn turn(
    store: &dyn Store,
    id: i64,
    replies: &[&str],
    end: Option<TurnEnd>,
    at: i64,
) -> BotTurnOutcome {
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("exists");
    let write = BotTurnWrite {
        answering: None,
        conversation_id: id,
        expected_turn: seen.turn,
        state: BotState {
            greeted: true,
            misunderstandings: 1,
            awaiting_search: false,
            // The customer's language travels with the state.
            language: Some(app::i18n::Lang::PtBr),
        },
        replies: replies.iter().map(|r| say(r)).collect(),
        end,
    };
    store.bot_turn(write, at).await.expect("turn")
}

async fn activities(store: &dyn Store, id: i64) -> Vec<Activity> {
    let thread = store.messages_of_conversation(id).await.expect("thread");
    thread
        .into_iter()
        .filter_map(|m| match m.body {
            MessageBody::Activity { activity, .. } => Some(activity),
            _ => None,
        })
        .collect()
}

async fn status(store: &dyn Store, id: i64) -> (S, Option<i64>) {
    let c = store.conversation(id).await.expect("read").expect("exists");
    (c.status(), c.assignee_id)
}

fn handed_off(counts: [u64; 6]) -> Vec<(HandoffReason, u64)> {
    HandoffReason::ALL.into_iter().zip(counts).collect()
}

fn faq(title: &str) -> FaqDraft {
    FaqDraft {
        title: title.into(),
        phrasings: vec![format!("{title}?"), format!("about {title}")],
        answer: format!("All about {title}."),
    }
}

async fn faq_entries_are_kept_by_title(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let hours = store
        .create_faq_entry(&faq("hours"), T)
        .await
        .expect("create");
    assert_eq!(hours.phrasings, ["hours?", "about hours"]);
    let shipping = store
        .create_faq_entry(&faq("Shipping"), T)
        .await
        .expect("create");
    let returns = store
        .create_faq_entry(&faq("Returns"), T)
        .await
        .expect("create");
    let titles = |entries: Vec<app::domain::bot::FaqEntry>| -> Vec<String> {
        entries.into_iter().map(|e| e.title).collect()
    };
    assert_eq!(
        titles(store.faq_entries().await.expect("list")),
        ["hours", "Returns", "Shipping"],
        "by title, ignoring case"
    );
    let changed = FaqDraft {
        phrasings: vec!["when do you open".into()],
        ..faq("Abierto")
    };
    let updated = store
        .update_faq_entry(hours.id, &changed, T + 5)
        .await
        .expect("update");
    assert_eq!(
        (updated.id, updated.title.as_str(), updated.updated_at_ms),
        (hours.id, "Abierto", T + 5)
    );
    assert_eq!(updated.phrasings, ["when do you open"]);
    store.delete_faq_entry(returns.id).await.expect("delete");
    let entries = store.faq_entries().await.expect("list");
    assert_eq!(entries, [updated, shipping]);
    assert!(matches!(
        store.update_faq_entry(returns.id, &faq("x"), T).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_faq_entry(returns.id).await,
        Err(StoreError::NotFound)
    ));
}

fn product(sku: Option<&str>, name: &str, price: &str) -> ProductDraft {
    ProductDraft {
        sku: sku.map(str::to_string),
        name: name.into(),
        description: format!("The {name}"),
        price: Some(price.into()),
        link: None,
        image_url: Some("https://example.com/p.jpg".into()),
    }
}

async fn products_are_kept_by_name_with_one_product_per_sku(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let mesa = store
        .create_product(&product(Some("M-1"), "mesa", "$10"), T)
        .await
        .expect("create");
    let silla = store
        .create_product(&product(Some("S-1"), "Silla", "$5"), T)
        .await
        .expect("create");
    let sin_sku = store
        .create_product(&product(None, "Armario", "$50"), T)
        .await
        .expect("create");
    // Products without a SKU do not collide with each other.
    store
        .create_product(&product(None, "Banco", "$7"), T)
        .await
        .expect("create");
    assert!(matches!(
        store
            .create_product(&product(Some("M-1"), "Otra", "$1"), T)
            .await,
        Err(StoreError::Duplicate)
    ));
    assert!(matches!(
        store
            .update_product(silla.id, &product(Some("M-1"), "Silla", "$5"), T)
            .await,
        Err(StoreError::Duplicate)
    ));
    let names: Vec<String> = store
        .products()
        .await
        .expect("list")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Armario", "Banco", "mesa", "Silla"]);
    let updated = store
        .update_product(mesa.id, &product(Some("M-2"), "Mesa", "$12"), T + 1)
        .await
        .expect("update");
    assert_eq!(
        (
            updated.sku.as_deref(),
            updated.price.as_deref(),
            updated.updated_at_ms
        ),
        (Some("M-2"), Some("$12"), T + 1)
    );
    store.delete_product(sin_sku.id).await.expect("delete");
    assert!(matches!(
        store.delete_product(sin_sku.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_product(sin_sku.id, &product(None, "x", "$1"), T)
            .await,
        Err(StoreError::NotFound)
    ));
    // An import updates by SKU and adds the rest, in one go.
    let drafts = [
        product(Some("S-1"), "Silla plegable", "$6"),
        product(Some("L-1"), "Lámpara", "$20"),
        product(None, "Cojín", "$3"),
    ];
    let counts = store.import_products(&drafts, T + 2).await.expect("import");
    assert_eq!((counts.created, counts.updated), (2, 1));
    let all = store.products().await.expect("list");
    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Banco", "Cojín", "Lámpara", "Mesa", "Silla plegable"]
    );
    let chair = all
        .iter()
        .find(|p| p.sku.as_deref() == Some("S-1"))
        .expect("chair");
    assert_eq!((chair.id, chair.price.as_deref()), (silla.id, Some("$6")));
}

async fn new_conversations_start_with_the_bot_only_when_it_is_on(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let before = customer_writes(store, 1, 0, T, "hola").await;
    assert_eq!(
        status(store, before).await,
        (S::Open, None),
        "no setting: people"
    );
    let seen = store
        .bot_conversation(before)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!((seen.status, seen.started_at_ms), (S::Open, None));
    bot_on(store, true).await;
    let with_bot = customer_writes(store, 2, 0, T + 1, "hola").await;
    let seen = store
        .bot_conversation(with_bot)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(
        (seen.status, seen.state, seen.turn, seen.started_at_ms),
        (S::Bot, BotState::default(), 0, Some(T + 1))
    );
    // An existing conversation stays as it is; the next message joins it.
    assert_eq!(customer_writes(store, 1, 1, T + 2, "hola?").await, before);
    assert_eq!(status(store, before).await.0, S::Open);
    bot_on(store, false).await;
    let after = customer_writes(store, 3, 0, T + 3, "hola").await;
    assert_eq!(status(store, after).await.0, S::Open, "switched off");
    assert_eq!(store.bot_conversation(999_999).await.expect("read"), None);
}

async fn a_turn_queues_the_bots_replies_and_keeps_its_state(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let id = bot_conversation(store, 1, T).await;
    let BotTurnOutcome::Written { messages } =
        turn(store, id, &["Hola", "¿Qué buscas?"], None, T + 5).await
    else {
        panic!("not written");
    };
    assert_eq!(messages.len(), 2);
    let thread = store.messages_of_conversation(id).await.expect("thread");
    let replies: Vec<_> = thread.iter().filter(|m| messages.contains(&m.id)).collect();
    assert_eq!(replies.len(), 2);
    for (reply, body) in replies.iter().zip(["Hola", "¿Qué buscas?"]) {
        assert_eq!(reply.direction, Direction::Outbound);
        assert_eq!((reply.sender, reply.sender_user_id), (Sender::Bot, None));
        assert_eq!(reply.status, Some(DeliveryStatus::Pending));
        assert_eq!(reply.body, say(body).to_body());
    }
    assert!(messages[0] < messages[1], "queued in order");
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!((seen.status, seen.turn), (S::Bot, 1));
    assert!(seen.state.greeted && seen.state.misunderstandings == 1);
    assert_eq!(seen.state.language, Some(app::i18n::Lang::PtBr));
    let summary = store
        .conversation_summary(id)
        .await
        .expect("read")
        .expect("exists");
    assert!(
        summary.last_outbound,
        "the bot's reply is the latest message"
    );
    assert_eq!(summary.waiting_since_ms, None, "answered");
    // A turn computed before that one is refused, and writes nothing.
    let stale = BotTurnWrite {
        answering: None,
        conversation_id: id,
        expected_turn: 0,
        state: BotState::default(),
        replies: vec![say("late")],
        end: Some(TurnEnd::Resolved),
    };
    assert_eq!(
        store.bot_turn(stale, T + 6).await.expect("turn"),
        BotTurnOutcome::Superseded
    );
    let after = store.messages_of_conversation(id).await.expect("thread");
    assert_eq!(after.len(), thread.len());
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(
        (seen.status, seen.turn, seen.state.greeted),
        (S::Bot, 1, true)
    );
}

async fn an_agent_who_takes_over_silences_the_bot(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana").await;
    let id = bot_conversation(store, 1, T).await;
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("exists");
    let claimed = store.claim(id, ana.id, Some(ana.id), false, T + 5).await;
    assert!(matches!(claimed, Ok(Claim::Claimed(_))));
    assert_eq!(status(store, id).await, (S::Open, Some(ana.id)));
    assert_eq!(
        activities(store, id).await,
        [Activity::TakenOver, Activity::Assigned { to: "Ana".into() }]
    );
    let late = BotTurnWrite {
        answering: None,
        conversation_id: id,
        expected_turn: seen.turn,
        state: BotState::default(),
        replies: vec![say("¿Sigues ahí?")],
        end: None,
    };
    let before = store
        .messages_of_conversation(id)
        .await
        .expect("thread")
        .len();
    assert_eq!(
        store.bot_turn(late, T + 6).await.expect("turn"),
        BotTurnOutcome::Superseded
    );
    assert_eq!(
        store
            .messages_of_conversation(id)
            .await
            .expect("thread")
            .len(),
        before
    );
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!(
        (report.handled, report.with_bot, report.taken_over),
        (1, 0, 1)
    );
    // Claiming a conversation that was never the bot's records no takeover.
    bot_on(store, false).await;
    let open = customer_writes(store, 2, 0, T + 7, "hola").await;
    store
        .claim(open, ana.id, Some(ana.id), false, T + 8)
        .await
        .expect("claim");
    assert_eq!(
        activities(store, open).await,
        [Activity::Assigned { to: "Ana".into() }]
    );
}

async fn a_handoff_puts_the_conversation_in_the_queue(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let id = bot_conversation(store, 1, T).await;
    let end = Some(TurnEnd::HandOff {
        reason: HandoffReason::Asked,
    });
    let outcome = turn(store, id, &["Te paso con una persona"], end, T + 4_000).await;
    let BotTurnOutcome::Written { messages } = outcome else {
        panic!("not written");
    };
    assert_eq!(status(store, id).await, (S::Open, None));
    assert_eq!(store.queued(10).await.expect("queue"), [id]);
    let summary = store
        .conversation_summary(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(
        summary.waiting_since_ms,
        Some(T + 4_000),
        "waits from the handoff"
    );
    let thread = store.messages_of_conversation(id).await.expect("thread");
    let last = thread.last().expect("messages");
    assert!(last.id > messages[0], "the line comes after the replies");
    assert!(matches!(
        &last.body,
        MessageBody::Activity {
            activity: Activity::HandedOff {
                reason: HandoffReason::Asked
            },
            by: None
        }
    ));
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!(report.handed_off, handed_off([1, 0, 0, 0, 0, 0]));
    assert_eq!(report.mean_time_to_handoff_ms, Some(4_000));
    // It is people's now: a further turn is refused.
    assert_eq!(
        turn(store, id, &["?"], None, T + 5_000).await,
        BotTurnOutcome::Superseded
    );
}

async fn a_confirmed_goodbye_resolves_the_conversation(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let id = bot_conversation(store, 1, T).await;
    turn(
        store,
        id,
        &["¡Hasta pronto!"],
        Some(TurnEnd::Resolved),
        T + 9,
    )
    .await;
    assert_eq!(status(store, id).await, (S::Resolved, None));
    assert_eq!(
        activities(store, id).await,
        [Activity::BotResolved { quiet: false }]
    );
    assert_eq!(store.queued(10).await.expect("queue"), Vec::<i64>::new());
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!((report.resolved_confirmed, report.resolved_quiet), (1, 0));
    // The customer's next message starts a new conversation.
    let next = customer_writes(store, 1, 1, T + 10, "otra cosa").await;
    assert_ne!(next, id);
}

async fn only_customers_quiet_after_the_bots_last_word_are_resolved(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let quiet = bot_conversation(store, 1, T).await;
    turn(store, quiet, &["¿Algo más?"], None, T + 1).await;
    let answered_back = bot_conversation(store, 2, T).await;
    turn(store, answered_back, &["¿Algo más?"], None, T + 1).await;
    customer_writes(store, 2, 1, T + 2, "sí, otra cosa").await;
    let recent = bot_conversation(store, 3, T).await;
    turn(store, recent, &["¿Algo más?"], None, T + 500).await;
    let unanswered = bot_conversation(store, 4, T).await;
    let silent_since = T + 100;
    assert_eq!(
        store
            .resolve_quiet_bot(silent_since, T + 600, 10)
            .await
            .expect("sweep"),
        [quiet]
    );
    assert_eq!(status(store, quiet).await.0, S::Resolved);
    assert_eq!(
        activities(store, quiet).await,
        [Activity::BotResolved { quiet: true }]
    );
    for id in [answered_back, recent, unanswered] {
        assert_eq!(status(store, id).await.0, S::Bot);
    }
    assert_eq!(
        store
            .resolve_quiet_bot(silent_since, T + 700, 10)
            .await
            .expect("again"),
        Vec::<i64>::new()
    );
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!(
        (
            report.resolved_quiet,
            report.resolved_confirmed,
            report.with_bot
        ),
        (1, 0, 3)
    );
}

async fn switching_the_bot_off_hands_everything_to_people(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let a = bot_conversation(store, 1, T).await;
    let b = bot_conversation(store, 2, T + 1).await;
    bot_on(store, false).await;
    let open = customer_writes(store, 3, 0, T + 2, "hola").await;
    let ids = store
        .hand_off_all_bot(HandoffReason::BotDisabled, T + 10)
        .await
        .expect("hand off");
    assert_eq!(ids, [a, b]);
    for id in [a, b] {
        assert_eq!(status(store, id).await, (S::Open, None));
        assert_eq!(
            activities(store, id).await,
            [Activity::HandedOff {
                reason: HandoffReason::BotDisabled
            }]
        );
    }
    assert!(activities(store, open).await.is_empty());
    let mut queued = store.queued(10).await.expect("queue");
    queued.sort_unstable();
    assert_eq!(queued, [a, b, open]);
    let again = store
        .hand_off_all_bot(HandoffReason::BotDisabled, T + 11)
        .await;
    assert_eq!(again.expect("again"), Vec::<i64>::new());
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!(report.handed_off, handed_off([0, 0, 0, 0, 2, 0]));
    assert_eq!(report.mean_time_to_handoff_ms, Some((10 + 9) / 2));
}

async fn conversations_go_back_to_the_bot_unassigned(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana").await;
    let id = customer_writes(store, 1, 0, T, "hola").await;
    store
        .assign(id, Some(ana.id), Some(ana.id), T + 1)
        .await
        .expect("assign");
    let record = store
        .return_to_bot(id, Some(ana.id), T + 2)
        .await
        .expect("to bot");
    assert_eq!((record.status(), record.assignee_id), (S::Bot, None));
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(
        (seen.turn, seen.started_at_ms, seen.state),
        (1, Some(T + 2), BotState::default())
    );
    assert_eq!(
        activities(store, id).await,
        [
            Activity::Assigned { to: "Ana".into() },
            Activity::HandedToBot
        ]
    );
    // Already the bot's: nothing changes, nothing is written.
    let again = store
        .return_to_bot(id, Some(ana.id), T + 3)
        .await
        .expect("again");
    assert_eq!(again, record);
    assert_eq!(activities(store, id).await.len(), 2);
    // The turn counter moved on: a turn computed before is refused, a fresh one is written.
    let stale = BotTurnWrite {
        answering: None,
        conversation_id: id,
        expected_turn: 0,
        state: BotState::default(),
        replies: vec![say("late")],
        end: None,
    };
    assert_eq!(
        store.bot_turn(stale, T + 4).await.expect("turn"),
        BotTurnOutcome::Superseded
    );
    let fresh = turn(store, id, &["Hola"], None, T + 4).await;
    assert!(matches!(fresh, BotTurnOutcome::Written { messages } if messages.len() == 1));
    store
        .set_conversation_status(id, S::Resolved, None, Some(ana.id), T + 5)
        .await
        .expect("resolve");
    assert!(matches!(
        store.return_to_bot(id, Some(ana.id), T + 6).await,
        Err(StoreError::Duplicate)
    ));
    assert!(matches!(
        store.return_to_bot(999_999, None, T).await,
        Err(StoreError::NotFound)
    ));
}

async fn assigning_or_changing_status_takes_it_from_the_bot(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana").await;
    let assigned = bot_conversation(store, 1, T).await;
    store
        .assign(assigned, None, Some(ana.id), T + 1)
        .await
        .expect("unassign");
    assert_eq!(
        status(store, assigned).await,
        (S::Bot, None),
        "nobody: still the bot's"
    );
    let record = store
        .assign(assigned, Some(ana.id), Some(ana.id), T + 2)
        .await
        .expect("assign");
    assert_eq!(
        (record.status(), record.assignee_id),
        (S::Open, Some(ana.id))
    );
    assert_eq!(
        activities(store, assigned).await,
        [Activity::TakenOver, Activity::Assigned { to: "Ana".into() }]
    );
    let opened = bot_conversation(store, 2, T).await;
    store
        .set_conversation_status(opened, S::Open, None, Some(ana.id), T + 3)
        .await
        .expect("open");
    assert_eq!(activities(store, opened).await, [Activity::TakenOver]);
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!((report.taken_over, report.with_bot), (2, 0));
    // Back to the bot by status: unassigned, a fresh turn, counted again from its start.
    store
        .set_conversation_status(assigned, S::Bot, None, Some(ana.id), T + 4)
        .await
        .expect("to bot");
    assert_eq!(status(store, assigned).await, (S::Bot, None));
    let seen = store
        .bot_conversation(assigned)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!((seen.turn, seen.started_at_ms), (1, Some(T)));
    assert_eq!(
        activities(store, assigned).await.last(),
        Some(&Activity::HandedToBot)
    );
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!((report.taken_over, report.with_bot), (1, 1));
}

async fn the_report_counts_what_became_of_conversations_in_its_window(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "Ana").await;
    let asked = bot_conversation(store, 1, T).await;
    turn(
        store,
        asked,
        &[],
        Some(TurnEnd::HandOff {
            reason: HandoffReason::Asked,
        }),
        T + 1_000,
    )
    .await;
    let media = bot_conversation(store, 2, T + 10).await;
    turn(
        store,
        media,
        &["Un momento"],
        Some(TurnEnd::HandOff {
            reason: HandoffReason::Media,
        }),
        T + 3_010,
    )
    .await;
    let done = bot_conversation(store, 3, T + 20).await;
    turn(store, done, &["Adiós"], Some(TurnEnd::Resolved), T + 30).await;
    let taken = bot_conversation(store, 4, T + 40).await;
    store
        .claim(taken, ana.id, None, false, T + 50)
        .await
        .expect("claim");
    bot_conversation(store, 5, T + 60).await;
    bot_conversation(store, 6, T + DAY).await;
    bot_on(store, false).await;
    customer_writes(store, 7, 0, T + 70, "hola").await;
    let report = store.bot_report(T, T + DAY).await.expect("report");
    assert_eq!(
        report,
        BotReport {
            handled: 5,
            with_bot: 1,
            resolved_confirmed: 1,
            resolved_quiet: 0,
            handed_off: handed_off([1, 0, 0, 1, 0, 0]),
            taken_over: 1,
            mean_time_to_handoff_ms: Some(2_000),
        }
    );
    let later = store.bot_report(T + 15, T + 2 * DAY).await.expect("report");
    assert_eq!((later.handled, later.with_bot, later.taken_over), (4, 2, 1));
    assert_eq!(later.handed_off, handed_off([0, 0, 0, 0, 0, 0]));
    assert_eq!(later.mean_time_to_handoff_ms, None);
    let empty = store.bot_report(T - DAY, T).await.expect("report");
    assert_eq!(
        empty,
        BotReport {
            handed_off: handed_off([0; 6]),
            ..BotReport::default()
        }
    );
}

/// Customers' messages to the bot wait in its inbox: the oldest of each conversation is
/// claimed, once per lease; a failure postpones it; finishing reveals the next.
async fn the_bot_inbox_serves_each_conversation_in_order_under_a_lease(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    bot_on(store, true).await;
    let t = 1_767_225_600_000;
    let a = customer_writes(store, 1, 1, t, "hola").await;
    customer_writes(store, 1, 2, t + 1, "¿hay alguien?").await;
    let b = customer_writes(store, 2, 1, t + 2, "buenas").await;
    bot_on(store, false).await;
    customer_writes(store, 3, 1, t + 3, "no es del bot").await;

    let claimed = store
        .claim_bot_work(t + 10, t + 1000, 10)
        .await
        .expect("claim");
    let conversations: Vec<i64> = claimed.iter().map(|j| j.conversation_id).collect();
    assert_eq!(
        conversations,
        [a, b],
        "one per conversation, people's not at all"
    );
    assert!(
        store
            .claim_bot_work(t + 20, t + 1000, 10)
            .await
            .expect("claim")
            .is_empty(),
        "leased"
    );
    let first_of_a = claimed[0].message_id;
    store
        .postpone_bot_work(first_of_a, t + 500)
        .await
        .expect("postpone");
    store
        .finish_bot_work(claimed[1].message_id)
        .await
        .expect("finish");
    assert!(
        store
            .claim_bot_work(t + 30, t + 2000, 10)
            .await
            .expect("claim")
            .is_empty(),
        "a's first is not due yet and holds a's second back"
    );
    let again = store
        .claim_bot_work(t + 500, t + 2000, 10)
        .await
        .expect("claim");
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].message_id, again[0].attempts), (first_of_a, 1));
    let expired = store
        .claim_bot_work(t + 2001, t + 3000, 10)
        .await
        .expect("claim");
    assert_eq!(expired.len(), 1, "a lease that ran out is claimed again");
    store.finish_bot_work(first_of_a).await.expect("finish");
    let next = store
        .claim_bot_work(t + 2002, t + 3000, 10)
        .await
        .expect("claim");
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].conversation_id, a);
    assert!(next[0].message_id > first_of_a);
}
