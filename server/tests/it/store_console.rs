//! The store conformance suite for the agent console (`ConsoleStore`) and the change feed,
//! run on SQLite and PostgreSQL.

use crate::support;

use app::api::inbox::cursor_of;
use app::domain::inbox::{ConversationStatus, View};
use app::domain::message::{Activity, Media, MediaKind, MessageBody, MessageContext};
use app::domain::outbound::Outbound;
use app::domain::roles::Role;
use app::domain::window::{WindowFilter, DEFAULT_WARNING_MS};
use app::ssr::ingest::{ContactRef, InboundMessage, IngestEvent};
use app::ssr::{
    Change, ContactKey, Direction, InboxQuery, MediaState, MessageRecord, NewOutbound, NewUpload,
    NewUser, Store, StoreError, UserRecord,
};
use app::wire::inbox::{AssigneeFilter, ConversationSummary, InboxFilter, MediaInfo, Sender};
use std::collections::BTreeMap;
use std::time::Duration;
use support::Db;

const T: i64 = 1_767_225_600_000;
const DAY: i64 = 86_400_000;

fn text(wamid: &str, wa_id: &str, name: &str, at: i64, body: &str) -> IngestEvent {
    IngestEvent::Message(Box::new(InboundMessage {
        wamid: wamid.into(),
        from: ContactRef {
            wa_id: Some(wa_id.into()),
            name: Some(name.into()),
            ..ContactRef::default()
        },
        sent_at_ms: at,
        body: MessageBody::Text { body: body.into() },
        context: MessageContext::default(),
        referral: None,
        raw: format!("{{\"id\":\"{wamid}\"}}"),
    }))
}

/// A customer writes; returns the conversation and the contact.
async fn writes(store: &dyn Store, wamid: &str, wa_id: &str, at: i64, body: &str) -> (i64, i64) {
    writes_as(store, wamid, wa_id, &format!("Customer {wa_id}"), at, body).await
}

async fn writes_as(
    store: &dyn Store,
    wamid: &str,
    wa_id: &str,
    name: &str,
    at: i64,
    body: &str,
) -> (i64, i64) {
    let report = store
        .ingest(&[text(wamid, wa_id, name, at, body)], at)
        .await
        .expect("ingest");
    assert_eq!(report.messages_stored, 1, "{wamid} is new");
    let message = store
        .message_by_wamid(wamid)
        .await
        .expect("read")
        .expect("stored");
    (message.conversation_id, message.contact_id)
}

fn label(name: &str, color: &str) -> app::domain::labels::LabelDraft {
    app::domain::labels::LabelDraft::new(name, color, "").expect("valid label")
}

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

fn query(view: View, me: i64) -> InboxQuery {
    InboxQuery {
        filter: InboxFilter {
            view,
            ..InboxFilter::default()
        },
        me,
        restricted: false,
        after: None,
        limit: 100,
        now_ms: T,
        warning_ms: DEFAULT_WARNING_MS,
    }
}

fn filtered(filter: InboxFilter, me: i64) -> InboxQuery {
    InboxQuery {
        filter,
        ..query(View::All, me)
    }
}

fn search(text: &str) -> InboxQuery {
    filtered(
        InboxFilter {
            view: View::All,
            search: Some(text.into()),
            ..InboxFilter::default()
        },
        0,
    )
}

async fn list(store: &dyn Store, q: &InboxQuery) -> Vec<ConversationSummary> {
    store.inbox(q).await.expect("inbox")
}

async fn ids(store: &dyn Store, q: &InboxQuery) -> Vec<i64> {
    list(store, q).await.into_iter().map(|r| r.id).collect()
}

async fn summary(store: &dyn Store, id: i64) -> ConversationSummary {
    store
        .conversation_summary(id)
        .await
        .expect("read")
        .expect("summary")
}

async fn thread(store: &dyn Store, conversation: i64) -> Vec<MessageRecord> {
    store
        .messages_of_conversation(conversation)
        .await
        .expect("thread")
}

async fn activities(store: &dyn Store, conversation: i64) -> Vec<(Activity, Option<String>)> {
    thread(store, conversation)
        .await
        .into_iter()
        .filter_map(|m| match m.body {
            MessageBody::Activity { activity, by } => Some((activity, by)),
            _ => None,
        })
        .collect()
}

/// Waits (up to 5 s) until the feed has delivered every one of `wanted`, in any order.
async fn expect_changes(feed: &mut tokio::sync::broadcast::Receiver<Change>, wanted: &[Change]) {
    let mut missing = wanted.to_vec();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !missing.is_empty() {
        match tokio::time::timeout_at(deadline, feed.recv()).await {
            Ok(Ok(change)) => missing.retain(|c| *c != change),
            Ok(Err(e)) => panic!("change feed: {e}"),
            Err(_) => panic!("the change feed never delivered {missing:?}"),
        }
    }
}

on_both_databases!(
    views_partition_the_conversations,
    the_queue_serves_the_longest_wait_first,
    pages_continue_where_the_last_one_ended,
    lists_filter_by_label_and_assignee,
    search_finds_names_phones_and_words_literally,
    restricted_agents_list_only_unassigned_and_their_own,
    counts_follow_the_views,
    contact_history_pages_across_conversations,
    notes_stay_private_and_lead_the_list,
    assigning_writes_an_activity_line,
    status_changes_write_activity_lines_and_reopening_respects_the_newer_conversation,
    opening_marks_read_once,
    contact_attributes_round_trip,
    labels_are_listed_by_name_and_applied_once,
    settings_are_upserted,
    outbound_media_files_are_recorded,
    the_change_feed_reports_writes_after_they_commit,
    lists_filter_by_window_closing_soon_and_closed,
    header_uploads_are_remembered_by_kind,
    claimed_messages_carry_the_customers_window,
    a_failed_message_is_retried_once_and_both_say_so,
);

async fn views_partition_the_conversations(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let luis = user(store, "luis@demo.local", Role::Agent).await;
    let (mine, contact) = writes_as(store, "w.1", "34600000001", "Lucía", T, "hola").await;
    let (theirs, _) = writes(store, "w.2", "34600000002", T + 1000, "dos").await;
    let (queued, _) = writes(store, "w.3", "34600000003", T + 2000, "tres").await;
    let (bot, _) = writes(store, "w.4", "34600000004", T + 3000, "cuatro").await;
    let (snoozed, _) = writes(store, "w.5", "34600000005", T + 4000, "cinco").await;
    let (resolved, _) = writes(store, "w.6", "34600000006", T + 5000, "seis").await;
    let at = T + 10_000;
    store
        .assign(mine, Some(ana.id), Some(ana.id), at)
        .await
        .expect("assign");
    store
        .assign(theirs, Some(luis.id), None, at)
        .await
        .expect("assign");
    store
        .set_conversation_status(bot, ConversationStatus::Bot, None, None, at)
        .await
        .expect("bot");
    store
        .set_conversation_status(
            snoozed,
            ConversationStatus::Snoozed,
            Some(T + DAY),
            Some(ana.id),
            at,
        )
        .await
        .expect("snooze");
    store
        .set_conversation_status(
            resolved,
            ConversationStatus::Resolved,
            None,
            Some(ana.id),
            at,
        )
        .await
        .expect("resolve");

    assert_eq!(ids(store, &query(View::Mine, ana.id)).await, [mine]);
    assert_eq!(ids(store, &query(View::Mine, luis.id)).await, [theirs]);
    assert_eq!(ids(store, &query(View::Queue, ana.id)).await, [queued]);
    assert_eq!(
        ids(store, &query(View::All, ana.id)).await,
        [snoozed, bot, queued, theirs, mine],
        "everything unresolved, latest activity first"
    );
    assert_eq!(ids(store, &query(View::Bot, ana.id)).await, [bot]);
    assert_eq!(ids(store, &query(View::Snoozed, ana.id)).await, [snoozed]);
    assert_eq!(ids(store, &query(View::Resolved, ana.id)).await, [resolved]);

    let row = list(store, &query(View::Mine, ana.id)).await.remove(0);
    assert_eq!(
        row,
        ConversationSummary {
            id: mine,
            contact_id: contact,
            contact_name: "Lucía".into(),
            // Written for people, with the number's country.
            phone: Some("+34 600 00 00 01".into()),
            phone_country: Some("ES".into()),
            status: ConversationStatus::Open,
            assignee_id: Some(ana.id),
            assignee_name: Some("ana".into()),
            labels: vec![],
            last_message_at_ms: T,
            last_preview: "hola".into(),
            last_kind: "text".into(),
            last_outbound: false,
            last_status: None,
            unread: 1,
            waiting_since_ms: Some(T),
            last_inbound_at_ms: Some(T),
            from_ad: false,
            snoozed_until_ms: None,
            contact_changed: [None, None],
            blocked: false,
        },
        "activity lines do not take the list's preview"
    );
    assert_eq!(summary(store, mine).await, row, "one row, read alone");
    let row = summary(store, snoozed).await;
    assert_eq!(row.status, ConversationStatus::Snoozed);
    assert_eq!(row.snoozed_until_ms, Some(T + DAY));
    let row = summary(store, resolved).await;
    assert_eq!(row.status, ConversationStatus::Resolved);
    assert_eq!(row.waiting_since_ms, None, "nobody waits on a resolved one");

    let record = store
        .conversation(theirs)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(record.assignee_id, Some(luis.id));
    assert_eq!(record.status(), ConversationStatus::Open);
    assert_eq!(store.conversation(999_999).await.expect("read"), None);
    assert_eq!(
        store.conversation_summary(999_999).await.expect("read"),
        None
    );
}

async fn the_queue_serves_the_longest_wait_first(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let (a, _) = writes(store, "w.a1", "34600000001", T, "primero").await;
    let (b, _) = writes(store, "w.b1", "34600000002", T + 1000, "segundo").await;
    let (c, _) = writes(store, "w.c1", "34600000003", T + 2000, "tercero").await;
    // A writes again: the latest activity, but still the longest wait.
    writes(store, "w.a2", "34600000001", T + 5000, "¿hola?").await;
    assert_eq!(ids(store, &query(View::Queue, ana.id)).await, [a, b, c]);
    assert_eq!(ids(store, &query(View::All, ana.id)).await, [a, c, b]);
    let row = summary(store, a).await;
    assert_eq!(row.waiting_since_ms, Some(T));
    assert_eq!(row.last_message_at_ms, T + 5000);
    assert_eq!(row.unread, 2);

    // A reply ends the wait: the conversation goes behind those still waiting.
    store
        .insert_outbound(
            NewOutbound {
                conversation_id: a,
                outbound: Outbound::Text {
                    body: "¡Hola!".into(),
                    preview_url: false,
                },
                sender_user_id: Some(ana.id),
                reply_to: None,
                echo_id: None,
            },
            T + 6000,
        )
        .await
        .expect("reply");
    assert_eq!(summary(store, a).await.waiting_since_ms, None);
    assert_eq!(ids(store, &query(View::Queue, ana.id)).await, [b, c, a]);
}

/// Reads `q` page by page (`size` rows each) with the cursor the console uses.
async fn all_pages(store: &dyn Store, q: &InboxQuery, size: u32) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut page_query = InboxQuery {
        limit: size,
        ..q.clone()
    };
    loop {
        let rows = list(store, &page_query).await;
        if rows.is_empty() {
            return pages;
        }
        page_query.after = Some(cursor_of(rows.last().expect("a row"), &q.filter));
        pages.push(rows.iter().map(|r| r.id).collect());
        assert!(pages.len() < 20, "paging does not end: {pages:?}");
    }
}

async fn pages_continue_where_the_last_one_ended(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    // Several share a timestamp: the id breaks the tie.
    let times = [T, T, T + 1000, T + 1000, T + 1000, T + 2000, T + 3000];
    let mut conversations = Vec::new();
    for (i, at) in times.iter().enumerate() {
        let (id, _) = writes(
            store,
            &format!("w.{i}"),
            &format!("3460000000{i}"),
            *at,
            "hola",
        )
        .await;
        conversations.push((*at, id));
    }
    let mut newest_first = conversations.clone();
    newest_first.sort();
    newest_first.reverse();
    let newest_first: Vec<i64> = newest_first.into_iter().map(|(_, id)| id).collect();
    let mut oldest_first = conversations.clone();
    oldest_first.sort();
    let oldest_first: Vec<i64> = oldest_first.into_iter().map(|(_, id)| id).collect();

    for (view, expected) in [(View::All, newest_first), (View::Queue, oldest_first)] {
        let q = query(view, ana.id);
        assert_eq!(ids(store, &q).await, expected, "{view:?} in one page");
        let pages = all_pages(store, &q, 3).await;
        assert_eq!(
            pages.iter().map(Vec::len).collect::<Vec<_>>(),
            [3, 3, 1],
            "{view:?}: {pages:?}"
        );
        assert_eq!(
            pages.concat(),
            expected,
            "{view:?}: every row once, in order"
        );
    }
}

async fn lists_filter_by_label_and_assignee(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let luis = user(store, "luis@demo.local", Role::Agent).await;
    let (c1, _) = writes(store, "w.1", "34600000001", T, "uno").await;
    let (c2, _) = writes(store, "w.2", "34600000002", T + 1000, "dos").await;
    let (c3, _) = writes(store, "w.3", "34600000003", T + 2000, "tres").await;
    store
        .assign(c1, Some(ana.id), None, T)
        .await
        .expect("assign");
    store
        .assign(c3, Some(luis.id), None, T)
        .await
        .expect("assign");
    let vip = store
        .create_label(&label("vip", "amber"), T)
        .await
        .expect("label");
    let billing = store
        .create_label(&label("billing", "sky"), T)
        .await
        .expect("label");
    let unused = store
        .create_label(&label("unused", "red"), T)
        .await
        .expect("label");
    for c in [c1, c2] {
        store
            .label_conversation(c, vip.id, true, None, T)
            .await
            .expect("label");
    }
    store
        .label_conversation(c1, billing.id, true, None, T)
        .await
        .expect("label");

    let by = |label_id: Option<i64>, assignee: Option<AssigneeFilter>| {
        filtered(
            InboxFilter {
                view: View::All,
                label_id,
                assignee,
                search: None,
                window: None,
            },
            ana.id,
        )
    };
    assert_eq!(ids(store, &by(Some(vip.id), None)).await, [c2, c1]);
    assert_eq!(ids(store, &by(Some(billing.id), None)).await, [c1]);
    assert_eq!(
        ids(store, &by(Some(unused.id), None)).await,
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(store, &by(None, Some(AssigneeFilter::Nobody))).await,
        [c2]
    );
    assert_eq!(
        ids(store, &by(None, Some(AssigneeFilter::User(luis.id)))).await,
        [c3]
    );
    assert_eq!(
        ids(store, &by(Some(vip.id), Some(AssigneeFilter::User(ana.id)))).await,
        [c1]
    );
    assert_eq!(
        ids(
            store,
            &by(Some(vip.id), Some(AssigneeFilter::User(luis.id)))
        )
        .await,
        Vec::<i64>::new()
    );
    let rows = list(store, &by(None, None)).await;
    let labels_of = |id: i64| {
        rows.iter()
            .find(|r| r.id == id)
            .expect("row")
            .labels
            .clone()
    };
    assert_eq!(labels_of(c1), [billing.clone(), vip.clone()], "by name");
    assert_eq!(labels_of(c2), std::slice::from_ref(&vip));
    assert!(labels_of(c3).is_empty());
}

async fn search_finds_names_phones_and_words_literally(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let (lucia, _) = writes_as(store, "w.1", "34600111222", "Lucía Gómez", T, "hola").await;
    let (pedro, _) = writes_as(
        store,
        "w.2",
        "34911222333",
        "PEDRO Ruiz",
        T + 1000,
        "Quiero el 50% de DESCUENTO",
    )
    .await;
    let (marta, _) = writes_as(
        store,
        "w.3",
        "34700000003",
        "Marta",
        T + 2000,
        "Quiero el 500 de descuento",
    )
    .await;
    let (sara, _) = writes_as(store, "w.4", "34700000004", "Sara", T + 3000, "código A_B").await;
    let (tomas, _) = writes_as(store, "w.5", "34700000005", "Tomás", T + 4000, "código AxB").await;

    assert_eq!(ids(store, &search("lucía")).await, [lucia]);
    assert_eq!(ids(store, &search("LUCÍA")).await, [lucia], "any case");
    assert_eq!(ids(store, &search("pedro ruiz")).await, [pedro]);
    assert_eq!(ids(store, &search("  Gómez ")).await, [lucia], "trimmed");
    assert_eq!(
        ids(store, &search("911222")).await,
        [pedro],
        "part of a phone"
    );
    assert_eq!(ids(store, &search("descuento")).await, [marta, pedro]);
    assert_eq!(ids(store, &search("50%")).await, [pedro], "% is literal");
    assert_eq!(ids(store, &search("%")).await, [pedro]);
    assert_eq!(ids(store, &search("a_b")).await, [sara], "_ is literal");
    assert_eq!(ids(store, &search("_")).await, [sara]);
    assert_eq!(ids(store, &search("\\")).await, Vec::<i64>::new());
    assert_eq!(ids(store, &search("nadie")).await, Vec::<i64>::new());
    assert_eq!(
        ids(store, &search("   ")).await,
        [tomas, sara, marta, pedro, lucia],
        "a blank search filters nothing"
    );
    // Earlier conversations of the contact count too: the customer is who is searched.
    store
        .set_conversation_status(lucia, ConversationStatus::Resolved, None, None, T + 5000)
        .await
        .expect("resolve");
    let (again, _) = writes(store, "w.6", "34600111222", T + 6000, "otra cosa").await;
    assert_eq!(ids(store, &search("hola")).await, [again]);
    let mut resolved = search("hola");
    resolved.filter.view = View::Resolved;
    assert_eq!(ids(store, &resolved).await, [lucia]);
}

async fn restricted_agents_list_only_unassigned_and_their_own(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let luis = user(store, "luis@demo.local", Role::Agent).await;
    let (hers, _) = writes(store, "w.1", "34600000001", T, "uno").await;
    let (his, _) = writes(store, "w.2", "34600000002", T + 1000, "dos").await;
    let (free, _) = writes(store, "w.3", "34600000003", T + 2000, "tres").await;
    let (his_bot, _) = writes(store, "w.4", "34600000004", T + 3000, "cuatro").await;
    store
        .assign(hers, Some(ana.id), None, T)
        .await
        .expect("assign");
    store
        .assign(his, Some(luis.id), None, T)
        .await
        .expect("assign");
    store
        .assign(his_bot, Some(luis.id), None, T)
        .await
        .expect("assign");
    // Handed back to the bot: nobody's any more, so visible to restricted agents too.
    store
        .set_conversation_status(his_bot, ConversationStatus::Bot, None, None, T)
        .await
        .expect("bot");

    let restricted = |view: View| InboxQuery {
        restricted: true,
        ..query(view, ana.id)
    };
    assert_eq!(
        ids(store, &restricted(View::All)).await,
        [his_bot, free, hers]
    );
    assert_eq!(ids(store, &restricted(View::Mine)).await, [hers]);
    assert_eq!(ids(store, &restricted(View::Queue)).await, [free]);
    assert_eq!(ids(store, &restricted(View::Bot)).await, [his_bot]);
    let mut his_filter = restricted(View::All);
    his_filter.filter.assignee = Some(AssigneeFilter::User(luis.id));
    assert_eq!(
        ids(store, &his_filter).await,
        Vec::<i64>::new(),
        "Luis's own conversation stays hidden"
    );
    assert_eq!(
        ids(store, &query(View::All, ana.id)).await,
        [his_bot, free, his, hers],
        "unrestricted, everything"
    );
    let counts = store.inbox_counts(ana.id, true).await.expect("counts");
    assert_eq!(counts.all.total, 3);
    assert_eq!(counts.bot.total, 1);
    let counts = store.inbox_counts(ana.id, false).await.expect("counts");
    assert_eq!(counts.all.total, 4);
    assert_eq!(counts.bot.total, 1);
}

async fn counts_follow_the_views(db: Db) {
    use app::wire::inbox::{InboxCounts, ViewCount};
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let luis = user(store, "luis@demo.local", Role::Agent).await;
    let count = |total, unread| ViewCount { total, unread };
    assert_eq!(
        store.inbox_counts(ana.id, false).await.expect("counts"),
        InboxCounts::default(),
        "an empty inbox counts zero"
    );
    let mut made = Vec::new();
    for i in 1..=8i64 {
        let (c, _) = writes(
            store,
            &format!("w.{i}"),
            &format!("3460000000{i}"),
            T + i,
            "hola",
        )
        .await;
        made.push(c);
    }
    let [mine_unread, mine_read, _queue_unread, queue_read, bot, snoozed, resolved, his] = made[..]
    else {
        unreachable!()
    };
    for c in [mine_unread, mine_read] {
        store
            .assign(c, Some(ana.id), None, T)
            .await
            .expect("assign");
    }
    store
        .assign(his, Some(luis.id), None, T)
        .await
        .expect("assign");
    for c in [mine_read, queue_read] {
        store.mark_read(c).await.expect("read");
    }
    for (c, status) in [
        (bot, ConversationStatus::Bot),
        (snoozed, ConversationStatus::Snoozed),
        (resolved, ConversationStatus::Resolved),
    ] {
        store
            .set_conversation_status(c, status, None, None, T + 100)
            .await
            .expect("status");
    }

    let counts = store.inbox_counts(ana.id, false).await.expect("counts");
    assert_eq!(
        counts,
        InboxCounts {
            mine: count(2, 1),
            queue: count(2, 1),
            all: count(7, 5),
            bot: count(1, 1),
            snoozed: count(1, 1),
        }
    );
    assert_eq!(counts.attention(), 2);
    let counts = store.inbox_counts(luis.id, false).await.expect("counts");
    assert_eq!(counts.mine, count(1, 1));
    assert_eq!(counts.all, count(7, 5));
    let counts = store.inbox_counts(ana.id, true).await.expect("counts");
    assert_eq!(counts.all, count(6, 4), "not Luis's");
    assert_eq!(counts.mine, count(2, 1));
    // The counts agree with the lists.
    for view in [View::Mine, View::Queue, View::All, View::Bot, View::Snoozed] {
        let rows = list(store, &query(view, ana.id)).await;
        let full = store.inbox_counts(ana.id, false).await.expect("counts");
        assert_eq!(
            full.of(view),
            Some(count(
                rows.len() as u32,
                rows.iter().filter(|r| r.unread > 0).count() as u32
            )),
            "{view:?}"
        );
    }
}

async fn contact_history_pages_across_conversations(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let (first, contact) = writes(store, "w.1", "34600000001", T, "uno").await;
    writes(store, "w.2", "34600000001", T + 1000, "dos").await;
    writes(store, "w.3", "34600000001", T + 2000, "tres").await;
    writes(store, "w.other", "34600000009", T + 2500, "otro cliente").await;
    store
        .set_conversation_status(first, ConversationStatus::Resolved, None, None, T + 3000)
        .await
        .expect("resolve");
    let (second, _) = writes(store, "w.4", "34600000001", T + 10_000, "cuatro").await;
    writes(store, "w.5", "34600000001", T + 11_000, "cinco").await;
    assert_ne!(first, second, "a new conversation after resolving");

    let everything = store
        .contact_messages(contact, None, 100, None)
        .await
        .expect("history");
    assert_eq!(everything.len(), 6, "five messages and the resolved line");
    assert!(
        everything.windows(2).all(|w| w[0].id > w[1].id),
        "newest first"
    );
    assert!(everything.iter().all(|m| m.contact_id == contact));

    let page = store
        .contact_messages(contact, None, 4, None)
        .await
        .expect("page");
    let wamids: Vec<Option<&str>> = page.iter().map(|m| m.wamid.as_deref()).collect();
    assert_eq!(wamids, [Some("w.5"), Some("w.4"), None, Some("w.3")]);
    assert_eq!(
        page.iter().map(|m| m.conversation_id).collect::<Vec<_>>(),
        [second, second, first, first]
    );
    assert!(matches!(
        page[2].body,
        MessageBody::Activity {
            activity: Activity::Resolved,
            ..
        }
    ));
    let older = store
        .contact_messages(contact, Some(page[3].id), 4, None)
        .await
        .expect("page");
    let wamids: Vec<Option<&str>> = older.iter().map(|m| m.wamid.as_deref()).collect();
    assert_eq!(wamids, [Some("w.2"), Some("w.1")]);
    let none = store
        .contact_messages(contact, Some(older[1].id), 4, None)
        .await
        .expect("page");
    assert!(none.is_empty());
    assert!(store
        .contact_messages(999_999, None, 4, None)
        .await
        .expect("page")
        .is_empty());
}

async fn notes_stay_private_and_lead_the_list(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let (c, contact) = writes(store, "w.1", "34600000001", T, "hola").await;
    let note = store
        .insert_note(
            c,
            ana.id,
            "Llamar mañana 📞",
            Some("echo-1".into()),
            T + 1000,
        )
        .await
        .expect("note");
    assert_eq!(note.conversation_id, c);
    assert_eq!(note.contact_id, contact);
    assert_eq!(note.direction, Direction::Outbound);
    assert_eq!(note.sender, Sender::Agent);
    assert_eq!(note.sender_user_id, Some(ana.id));
    assert_eq!(note.sender_name.as_deref(), Some("ana"));
    assert_eq!(
        note.status, None,
        "a note is never sent: no delivery status"
    );
    assert_eq!(note.wamid, None);
    assert_eq!(note.echo_id.as_deref(), Some("echo-1"));
    assert_eq!(note.sent_at_ms, T + 1000);
    assert_eq!(
        note.body,
        MessageBody::Note {
            text: "Llamar mañana 📞".into()
        }
    );
    assert_eq!(
        store.message(note.id).await.expect("read"),
        Some(note.clone())
    );
    assert_eq!(thread(store, c).await.last(), Some(&note));

    let row = summary(store, c).await;
    assert_eq!(row.last_preview, "Llamar mañana 📞");
    assert_eq!(row.last_kind, "note");
    assert!(row.last_outbound);
    assert_eq!(row.last_status, None);
    assert_eq!(row.last_message_at_ms, T + 1000);
    assert_eq!(row.unread, 1, "a note reads nothing");
    assert_eq!(row.waiting_since_ms, Some(T), "a note answers nobody");

    let claimed = store
        .claim_outbound(T + DAY, T + DAY, 10)
        .await
        .expect("claim");
    assert!(claimed.is_empty(), "nothing to send: {claimed:?}");
    let missing = store.insert_note(999_999, ana.id, "?", None, T).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
}

async fn assigning_writes_an_activity_line(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let luis = user(store, "luis@demo.local", Role::Supervisor).await;
    let (c, _) = writes(store, "w.1", "34600000001", T, "hola").await;

    let record = store
        .assign(c, Some(ana.id), Some(luis.id), T + 1000)
        .await
        .expect("assign");
    assert_eq!(record.id, c);
    assert_eq!(record.assignee_id, Some(ana.id));
    let last = thread(store, c).await.pop().expect("a line");
    assert_eq!(
        last.body,
        MessageBody::Activity {
            activity: Activity::Assigned { to: "ana".into() },
            by: Some("luis".into()),
        }
    );
    assert_eq!(last.sender, Sender::System);
    assert_eq!(last.sender_user_id, Some(luis.id));
    assert_eq!(last.status, None);
    let row = summary(store, c).await;
    assert_eq!(row.assignee_id, Some(ana.id));
    assert_eq!(row.assignee_name.as_deref(), Some("ana"));

    // The same assignee again changes nothing.
    store
        .assign(c, Some(ana.id), Some(ana.id), T + 2000)
        .await
        .expect("again");
    assert_eq!(activities(store, c).await.len(), 1);

    let record = store
        .assign(c, None, Some(ana.id), T + 3000)
        .await
        .expect("unassign");
    assert_eq!(record.assignee_id, None);
    assert_eq!(
        activities(store, c).await,
        [
            (Activity::Assigned { to: "ana".into() }, Some("luis".into())),
            (Activity::Unassigned, Some("ana".into())),
        ]
    );

    let unknown_user = store.assign(c, Some(999_999), None, T + 4000).await;
    assert!(
        matches!(unknown_user, Err(StoreError::NotFound)),
        "{unknown_user:?}"
    );
    let record = store.conversation(c).await.expect("read").expect("found");
    assert_eq!(record.assignee_id, None, "nothing changed");
    assert_eq!(activities(store, c).await.len(), 2);
    let unknown = store.assign(999_999, Some(ana.id), None, T).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn status_changes_write_activity_lines_and_reopening_respects_the_newer_conversation(db: Db) {
    use ConversationStatus as S;
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let by_ana = Some("ana".to_string());
    let (old, contact) = writes(store, "w.1", "34600000001", T, "hola").await;

    let record = store
        .set_conversation_status(old, S::Resolved, None, Some(ana.id), T + 1000)
        .await
        .expect("resolve");
    assert_eq!(record.status(), S::Resolved);
    assert_eq!(summary(store, old).await.waiting_since_ms, None);
    let record = store
        .set_conversation_status(old, S::Open, None, Some(ana.id), T + 2000)
        .await
        .expect("reopen");
    assert_eq!(record.status(), S::Open);
    // The same status again writes nothing.
    store
        .set_conversation_status(old, S::Open, None, Some(ana.id), T + 2500)
        .await
        .expect("still open");
    assert_eq!(
        activities(store, old).await,
        [
            (Activity::Resolved, by_ana.clone()),
            (Activity::Reopened, by_ana.clone()),
        ]
    );

    store
        .set_conversation_status(old, S::Resolved, None, Some(ana.id), T + 3000)
        .await
        .expect("resolve");
    let (new, _) = writes(store, "w.2", "34600000001", T + 4000, "otra vez").await;
    assert_ne!(new, old);
    let lines_before = thread(store, old).await.len();
    // What earlier writes announced may still be on its way (PostgreSQL): read past it.
    let mut feed = store.changes();
    let flushed = Change::Typing {
        user_id: ana.id,
        conversation_id: old,
    };
    store.signal(flushed.clone()).await.expect("signal");
    expect_changes(&mut feed, &[flushed]).await;
    let reopen = store
        .set_conversation_status(old, S::Open, None, Some(ana.id), T + 5000)
        .await;
    assert!(matches!(reopen, Err(StoreError::Duplicate)), "{reopen:?}");
    assert_eq!(
        store
            .conversation(old)
            .await
            .expect("read")
            .expect("old")
            .status(),
        S::Resolved,
        "rolled back"
    );
    assert_eq!(thread(store, old).await.len(), lines_before, "no line");
    // Nothing was announced: the feed reaches this marker without a word about `old`.
    let marker = Change::Typing {
        user_id: ana.id,
        conversation_id: new,
    };
    store.signal(marker.clone()).await.expect("signal");
    loop {
        let change = tokio::time::timeout(Duration::from_secs(5), feed.recv())
            .await
            .expect("the marker arrives")
            .expect("feed");
        assert_ne!(
            change,
            Change::Conversation { id: old },
            "a rolled-back write"
        );
        if change == marker {
            break;
        }
    }
    let conversations = store.conversations_of_contact(contact).await.expect("read");
    assert_eq!(
        conversations.iter().map(|c| c.status()).collect::<Vec<_>>(),
        [S::Resolved, S::Open]
    );

    // Snoozed until a time, then woken by the customer.
    let record = store
        .set_conversation_status(new, S::Snoozed, Some(T + DAY), Some(ana.id), T + 6000)
        .await
        .expect("snooze");
    assert_eq!(record.status(), S::Snoozed);
    assert_eq!(summary(store, new).await.snoozed_until_ms, Some(T + DAY));
    writes(store, "w.3", "34600000001", T + 7000, "¿sigue ahí?").await;
    let row = summary(store, new).await;
    assert_eq!(
        row.status,
        S::Open,
        "the customer's message ends the snooze"
    );
    assert_eq!(row.snoozed_until_ms, None);

    store
        .set_conversation_status(new, S::Bot, None, None, T + 8000)
        .await
        .expect("to the bot");
    store
        .set_conversation_status(new, S::Open, None, Some(ana.id), T + 9000)
        .await
        .expect("take over");
    assert_eq!(
        activities(store, new).await,
        [
            (
                Activity::Snoozed {
                    until_ms: Some(T + DAY)
                },
                by_ana.clone()
            ),
            (Activity::HandedToBot, None),
            (Activity::TakenOver, by_ana.clone()),
        ]
    );
    let unknown = store
        .set_conversation_status(999_999, S::Resolved, None, None, T)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn opening_marks_read_once(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let (c, _) = writes(store, "w.1", "34600000001", T, "uno").await;
    writes(store, "w.2", "34600000001", T + 1000, "dos").await;
    assert_eq!(summary(store, c).await.unread, 2);
    assert_eq!(
        store.mark_read(c).await.expect("read").as_deref(),
        Some("w.2"),
        "the latest customer message"
    );
    assert_eq!(summary(store, c).await.unread, 0);
    assert_eq!(
        store.mark_read(c).await.expect("read"),
        None,
        "nothing unread: nothing to tell WhatsApp"
    );
    // Our own replies and notes are not what gets marked read.
    store
        .insert_note(
            c,
            user(store, "ana@demo.local", Role::Agent).await.id,
            "nota",
            None,
            T,
        )
        .await
        .expect("note");
    assert_eq!(store.mark_read(c).await.expect("read"), None);
    writes(store, "w.3", "34600000001", T + 2000, "tres").await;
    assert_eq!(summary(store, c).await.unread, 1);
    assert_eq!(
        store.mark_read(c).await.expect("read").as_deref(),
        Some("w.3")
    );
    let unknown = store.mark_read(999_999).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn contact_attributes_round_trip(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let (_, contact) = writes(store, "w.1", "34600000001", T, "hola").await;
    let read = || async {
        store
            .contact(ContactKey::Id(contact))
            .await
            .expect("read")
            .expect("contact")
            .attributes
    };
    assert!(read().await.is_empty());
    let attributes: BTreeMap<String, String> = [
        ("ciudad", "Málaga"),
        ("plan", "Premium ⭐"),
        ("nota \"interna\"", "línea 1\nlínea 2"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    store
        .set_contact_attributes(contact, &attributes, T)
        .await
        .expect("set");
    assert_eq!(read().await, attributes);
    let fewer: BTreeMap<String, String> = [("plan".to_string(), "Básico".to_string())].into();
    store
        .set_contact_attributes(contact, &fewer, T + 1)
        .await
        .expect("replace");
    assert_eq!(read().await, fewer, "replaced, not merged");
    let unknown = store.set_contact_attributes(999_999, &fewer, T).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn labels_are_listed_by_name_and_applied_once(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let (c, _) = writes(store, "w.1", "34600000001", T, "hola").await;
    assert!(store.labels().await.expect("labels").is_empty());
    let vip = store
        .create_label(&label("vip", "amber"), T)
        .await
        .expect("create");
    let billing = store
        .create_label(&label("billing", "sky"), T)
        .await
        .expect("create");
    let urgent = store
        .create_label(&label("urgent", "red"), T)
        .await
        .expect("create");
    assert_eq!((vip.name.as_str(), vip.color.as_str()), ("vip", "amber"));
    assert_eq!(
        store.labels().await.expect("labels"),
        [billing.clone(), urgent, vip.clone()]
    );
    let again = store.create_label(&label("vip", "red"), T).await;
    assert!(matches!(again, Err(StoreError::Duplicate)), "{again:?}");

    for _ in 0..2 {
        store
            .label_conversation(c, vip.id, true, Some(ana.id), T + 1)
            .await
            .expect("label");
    }
    assert_eq!(summary(store, c).await.labels, std::slice::from_ref(&vip));
    store
        .label_conversation(c, billing.id, true, Some(ana.id), T + 2)
        .await
        .expect("label");
    assert_eq!(
        summary(store, c).await.labels,
        [billing.clone(), vip.clone()]
    );
    for _ in 0..2 {
        store
            .label_conversation(c, vip.id, false, None, T + 3)
            .await
            .expect("unlabel");
    }
    assert_eq!(summary(store, c).await.labels, [billing]);
    assert_eq!(
        activities(store, c).await,
        [
            (
                Activity::Labelled {
                    label: "vip".into()
                },
                Some("ana".into())
            ),
            (
                Activity::Labelled {
                    label: "billing".into()
                },
                Some("ana".into())
            ),
            (
                Activity::Unlabelled {
                    label: "vip".into()
                },
                None
            ),
        ],
        "one line per actual change"
    );
    let unknown = store.label_conversation(c, 999_999, true, None, T).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn settings_are_upserted(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    assert_eq!(store.setting("agent_visibility").await.expect("read"), None);
    store
        .put_setting("agent_visibility", "own_and_unassigned", T)
        .await
        .expect("put");
    store
        .put_setting("greeting", "{\"es\":\"¡Hola!\"}", T)
        .await
        .expect("put");
    assert_eq!(
        store
            .setting("agent_visibility")
            .await
            .expect("read")
            .as_deref(),
        Some("own_and_unassigned")
    );
    store
        .put_setting("agent_visibility", "all", T + 1)
        .await
        .expect("update");
    assert_eq!(
        store
            .setting("agent_visibility")
            .await
            .expect("read")
            .as_deref(),
        Some("all")
    );
    assert_eq!(
        store.setting("greeting").await.expect("read").as_deref(),
        Some("{\"es\":\"¡Hola!\"}")
    );
}

async fn outbound_media_files_are_recorded(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let (c, _) = writes(store, "w.1", "34600000001", T, "¿me mandas el catálogo?").await;
    let sent = store
        .insert_outbound(
            NewOutbound {
                conversation_id: c,
                outbound: Outbound::Media {
                    kind: MediaKind::Document,
                    media_id: "meta-media-1".into(),
                    caption: Some("Catálogo".into()),
                    filename: Some("catalogo.pdf".into()),
                    voice: false,
                },
                sender_user_id: Some(ana.id),
                reply_to: None,
                echo_id: Some("echo-7".into()),
            },
            T + 1000,
        )
        .await
        .expect("outbound");
    assert_eq!(sent.media, None, "no file recorded yet");
    let media = Media {
        kind: MediaKind::Document,
        media_id: "meta-media-1".into(),
        mime_type: Some("application/pdf".into()),
        sha256: None,
        caption: Some("Catálogo".into()),
        filename: Some("catalogo.pdf".into()),
        voice: false,
        animated: false,
    };
    let sha = "a".repeat(64);
    for _ in 0..2 {
        store
            .attach_media(sent.id, &media, &sha, 48_213, T + 1000)
            .await
            .expect("attach, idempotently");
    }
    let record = store
        .media("meta-media-1")
        .await
        .expect("read")
        .expect("recorded");
    assert_eq!(record.message_id, sent.id);
    assert_eq!(record.kind, "document");
    assert_eq!(record.state, MediaState::Stored);
    assert_eq!(record.sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(record.size, Some(48_213));
    assert_eq!(record.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(record.filename.as_deref(), Some("catalogo.pdf"));
    assert_eq!(
        store
            .message(sent.id)
            .await
            .expect("read")
            .expect("message")
            .media,
        Some(MediaInfo {
            state: "stored".into(),
            size: Some(48_213),
            mime_type: Some("application/pdf".into()),
            error: None,
        })
    );
    assert!(
        store.media_due(T + DAY, 10).await.expect("due").is_empty(),
        "our own file is not fetched from Meta"
    );
}

async fn the_change_feed_reports_writes_after_they_commit(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let mut feed = store.changes();

    let report = store
        .ingest(&[text("w.1", "34600000001", "Lucía", T, "hola")], T)
        .await
        .expect("ingest");
    let (message, conversation) = (report.messages[0], report.conversations[0]);
    expect_changes(
        &mut feed,
        &[
            Change::Message { id: message },
            Change::Conversation { id: conversation },
        ],
    )
    .await;

    let note = store
        .insert_note(conversation, ana.id, "nota", None, T + 1)
        .await
        .expect("note");
    expect_changes(
        &mut feed,
        &[
            Change::Message { id: note.id },
            Change::Conversation { id: conversation },
        ],
    )
    .await;

    store
        .assign(conversation, Some(ana.id), Some(ana.id), T + 2)
        .await
        .expect("assign");
    let line = thread(store, conversation).await.pop().expect("line");
    expect_changes(
        &mut feed,
        &[
            Change::Message { id: line.id },
            Change::Conversation { id: conversation },
        ],
    )
    .await;

    store.mark_read(conversation).await.expect("read");
    expect_changes(&mut feed, &[Change::Conversation { id: conversation }]).await;

    store
        .put_setting("agent_visibility", "all", T)
        .await
        .expect("put");
    expect_changes(&mut feed, &[Change::Settings]).await;

    let typing = Change::Typing {
        user_id: ana.id,
        conversation_id: conversation,
    };
    store.signal(typing.clone()).await.expect("signal");
    expect_changes(&mut feed, &[typing]).await;
}

async fn lists_filter_by_window_closing_soon_and_closed(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    const H: i64 = 3_600_000;
    let now = T + 2 * DAY;
    // Windows closing in 10 min, 50 min and 3 h; one closed an hour ago; one exactly at the
    // deadline (closed).
    let (in_10, _) = writes(store, "w.10", "34600000010", now - DAY + 10 * 60_000, "a").await;
    let (in_50, _) = writes(store, "w.50", "34600000050", now - DAY + 50 * 60_000, "b").await;
    let (in_3h, _) = writes(store, "w.3h", "34600000003", now - DAY + 3 * H, "c").await;
    let (closed, _) = writes(store, "w.c", "34600000099", now - DAY - H, "d").await;
    let (deadline, _) = writes(store, "w.d", "34600000098", now - DAY, "e").await;
    let window_query = |w: WindowFilter, warning_ms: i64| InboxQuery {
        filter: InboxFilter {
            view: View::All,
            window: Some(w),
            ..InboxFilter::default()
        },
        now_ms: now,
        warning_ms,
        ..query(View::All, 0)
    };
    assert_eq!(
        ids(store, &window_query(WindowFilter::ClosingSoon, H)).await,
        [in_10, in_50],
        "closing within the hour, most urgent first"
    );
    assert_eq!(
        ids(store, &window_query(WindowFilter::ClosingSoon, 4 * H)).await,
        [in_10, in_50, in_3h],
        "a team that warns 4 hours ahead"
    );
    let mut closed_ids = ids(store, &window_query(WindowFilter::Closed, H)).await;
    closed_ids.sort_unstable();
    assert_eq!(closed_ids, [closed, deadline]);
    // The store agrees with the domain's rule on every row.
    for row in list(store, &query(View::All, 0)).await {
        for (w, warning) in [(WindowFilter::ClosingSoon, H), (WindowFilter::Closed, H)] {
            let listed = ids(store, &window_query(w, warning))
                .await
                .contains(&row.id);
            assert_eq!(
                listed,
                w.matches(row.last_inbound_at_ms, now, warning),
                "{w:?} {}",
                row.id
            );
        }
    }
    // Pages of "closing soon" continue where they ended.
    let pages = all_pages(store, &window_query(WindowFilter::ClosingSoon, 4 * H), 2).await;
    assert_eq!(pages, [vec![in_10, in_50], vec![in_3h]]);
}

async fn header_uploads_are_remembered_by_kind(db: Db) {
    let (store, _dir) = support::store(db).await;
    let ana = user(&*store, "ana@x.test", Role::Agent).await;
    let upload = |media_id: &str, kind: MediaKind| NewUpload {
        media_id: media_id.into(),
        kind,
        mime_type: if kind == MediaKind::Image {
            "image/png"
        } else {
            "application/pdf"
        }
        .into(),
        filename: format!("{media_id}.bin"),
        size: 1234,
        sha256: format!("{media_id:0>64}"),
        uploaded_by: Some(ana.id),
    };
    let old = store
        .record_upload(&upload("m-old", MediaKind::Image), T)
        .await
        .expect("record");
    let new = store
        .record_upload(&upload("m-new", MediaKind::Image), T + DAY)
        .await
        .expect("record");
    let pdf = store
        .record_upload(&upload("m-pdf", MediaKind::Document), T + DAY)
        .await
        .expect("record");
    assert_eq!(new.media_id, "m-new");
    assert_eq!(new.kind, MediaKind::Image);
    assert_eq!(new.uploaded_by, Some(ana.id));
    assert_eq!(new.uploaded_at_ms, T + DAY);
    assert_eq!(store.upload(pdf.id).await.expect("read"), Some(pdf.clone()));
    assert_eq!(store.upload(pdf.id + 100).await.expect("read"), None);
    let images = store
        .recent_uploads(ana.id, MediaKind::Image, T, 10)
        .await
        .expect("list");
    assert_eq!(
        images.iter().map(|u| u.id).collect::<Vec<_>>(),
        [new.id, old.id],
        "newest first, one kind"
    );
    let recent = store
        .recent_uploads(ana.id, MediaKind::Image, T + 1, 10)
        .await
        .expect("list");
    assert_eq!(
        recent,
        std::slice::from_ref(&new),
        "older ones are not offered"
    );
    let luis = user(&*store, "luis@x.test", Role::Agent).await;
    let mut his = upload("m-his", MediaKind::Image);
    his.uploaded_by = Some(luis.id);
    let his = store.record_upload(&his, T + DAY).await.expect("record");
    assert_eq!(
        store
            .recent_uploads(luis.id, MediaKind::Image, T, 10)
            .await
            .expect("list"),
        std::slice::from_ref(&his),
        "each agent's own files"
    );
    let limited = store
        .recent_uploads(ana.id, MediaKind::Image, 0, 1)
        .await
        .expect("list");
    assert_eq!(limited.len(), 1);
}

async fn claimed_messages_carry_the_customers_window(db: Db) {
    let (store, _dir) = support::store(db).await;
    let (conversation, _) = writes(&*store, "w.1", "34600000001", T, "hola").await;
    store
        .insert_outbound(
            NewOutbound {
                conversation_id: conversation,
                outbound: Outbound::Text {
                    body: "respuesta".into(),
                    preview_url: false,
                },
                sender_user_id: None,
                reply_to: None,
                echo_id: None,
            },
            T + 5,
        )
        .await
        .expect("queue");
    let jobs = store
        .claim_outbound(T + 10, T + 10 - 60_000, 10)
        .await
        .expect("claim");
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        jobs[0].last_inbound_at_ms,
        Some(T),
        "the window runs from the customer's message"
    );
}

/// The database keeps the "retry once" promise: a second retry of the same failed message, a
/// retry of one that did not fail, and both links read back.
async fn a_failed_message_is_retried_once_and_both_say_so(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = &*store;
    let ana = user(store, "ana@demo.local", Role::Agent).await;
    let (c, _) = writes(store, "w.1", "34600000001", T, "¿llegó?").await;
    let reply = |text: &str| NewOutbound {
        conversation_id: c,
        outbound: Outbound::Text {
            body: text.into(),
            preview_url: false,
        },
        sender_user_id: Some(ana.id),
        reply_to: None,
        echo_id: None,
    };
    let sent = store
        .insert_outbound(reply("sí"), T + 1000)
        .await
        .expect("queue");
    assert!(
        matches!(
            store.insert_retry(reply("sí"), sent.id, T + 1500).await,
            Err(StoreError::Duplicate)
        ),
        "only a failed message can be retried"
    );
    let error = app::domain::message::MetaError {
        code: 131026,
        title: "Message undeliverable".into(),
        details: None,
    };
    store
        .fail_outbound(sent.id, error, T + 2000)
        .await
        .expect("fail");
    let retry = store
        .insert_retry(reply("sí"), sent.id, T + 3000)
        .await
        .expect("the first retry");
    assert_eq!(retry.retry_of, Some(sent.id));
    assert_eq!(retry.retried_by, None);
    let old = store.message(sent.id).await.expect("read").expect("kept");
    assert_eq!(old.retried_by, Some(retry.id));
    assert!(matches!(
        store.insert_retry(reply("sí"), sent.id, T + 4000).await,
        Err(StoreError::Duplicate)
    ));
    let outbound = store
        .messages_of_conversation(c)
        .await
        .expect("read")
        .into_iter()
        .filter(|m| m.direction == Direction::Outbound)
        .count();
    assert_eq!(outbound, 2, "the refused retry stored nothing");
}
