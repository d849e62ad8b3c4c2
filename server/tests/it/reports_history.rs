//! A seeded history with known answers: two days of a desk in Madrid driven through the real
//! store operations, read back as the Reports screen reads it (`report_facts` + `compute`),
//! every figure checked exactly — on SQLite and PostgreSQL. The hand computation of each
//! figure is written next to it; the definitions are in docs/metrics.md.

use crate::support;

use app::domain::bot::engine::{BotState, TurnEnd};
use app::domain::bot::{HandoffReason, BOT_ENABLED_SETTING};
use app::domain::inbox::ConversationStatus as S;
use app::domain::labels::LabelDraft;
use app::domain::message::{DeliveryStatus, MetaError, Referral};
use app::domain::outbound::Outbound;
use app::domain::pricing::{Category, Estimate, Rate, RateCard, RateTable};
use app::domain::reports::{compute, Period};
use app::ssr::ingest::{ContactRef, IngestEvent, Pricing, StatusUpdate};
use app::ssr::{BotTurnWrite, Claim, Store};
use app::wire::reports::{
    AdFigures, AgentFigures, BotFigures, DayFigures, DeliveryFigures, Durations, LabelFigures,
    Report, Sender, TemplateCategoryFigures,
};
use support::reports::*;
use support::Db;

/// 2026-11-09 00:00 in Madrid (UTC+1): 2026-11-08T23:00Z. Local midnight is an hour before
/// UTC's, so an event at local 00:30 is on the previous day in UTC.
const S: i64 = 1_794_178_800_000;
const M: i64 = MINUTE;
const H: i64 = HOUR;
const MADRID: &str = "Europe/Madrid";

on_both_databases!(
    two_days_of_a_desk_add_up_to_the_figures_computed_by_hand,
    the_days_follow_the_business_time_zone,
);

async fn bot_on(store: &dyn Store, on: bool, at: i64) {
    let value = if on { "true" } else { "false" };
    store
        .put_setting(BOT_ENABLED_SETTING, value, at)
        .await
        .expect("setting");
}

async fn bot_turn(store: &dyn Store, id: i64, reply: &str, end: TurnEnd, at: i64) -> i64 {
    let seen = store
        .bot_conversation(id)
        .await
        .expect("read")
        .expect("with the bot");
    let write = BotTurnWrite {
        answering: None,
        conversation_id: id,
        expected_turn: seen.turn,
        state: BotState::default(),
        replies: vec![say(reply)],
        end: Some(end),
    };
    match store.bot_turn(write, at).await.expect("turn") {
        app::ssr::BotTurnOutcome::Written { messages } => messages[0],
        other => panic!("turn not written: {other:?}"),
    }
}

async fn claim(store: &dyn Store, id: i64, user: i64, at: i64) {
    let claim = store
        .claim(id, user, Some(user), false, at)
        .await
        .expect("claim");
    assert!(matches!(claim, Claim::Claimed(_)), "{claim:?}");
}

async fn assign(store: &dyn Store, id: i64, to: i64, by: i64, at: i64) {
    store
        .assign(id, Some(to), Some(by), at)
        .await
        .expect("assign");
}

async fn set_status(store: &dyn Store, id: i64, status: S, until: Option<i64>, by: i64, at: i64) {
    store
        .set_conversation_status(id, status, until, Some(by), at)
        .await
        .expect("status");
}

async fn label(store: &dyn Store, id: i64, label: i64, on: bool, by: i64, at: i64) {
    store
        .label_conversation(id, label, on, Some(by), at)
        .await
        .expect("label");
}

fn status(wamid: &str, status: DeliveryStatus, at: i64) -> StatusUpdate {
    StatusUpdate {
        wamid: wamid.into(),
        status,
        at_ms: at,
        error: None,
        recipient: ContactRef::default(),
        callback: None,
        pricing: None,
    }
}

fn priced(mut update: StatusUpdate, category: &str, billable: bool, kind: &str) -> StatusUpdate {
    update.pricing = Some(Pricing {
        billable: Some(billable),
        pricing_model: Some("PMP".into()),
        pricing_type: Some(kind.into()),
        category: Some(category.into()),
    });
    update
}

/// Meta accepts message `id` as `wamid` at `at`, then tells `updates`.
async fn meta_says(store: &dyn Store, id: i64, wamid: &str, at: i64, updates: Vec<StatusUpdate>) {
    store.mark_sent(id, wamid, at).await.expect("sent");
    for update in updates {
        let at = update.at_ms;
        deliver(store, IngestEvent::Status(update), at).await;
    }
}

fn promo() -> Outbound {
    Outbound::Template {
        name: "promo_noviembre".into(),
        language: "es".into(),
        header: vec![],
        body: vec![],
        buttons: vec![],
        header_media: None,
        rendered: None,
    }
}

/// Spain's card in euros: marketing 0.0615, utility 0.02.
fn prices() -> RateTable {
    let rate = |category, price_micros| Rate {
        market: "Spain".into(),
        category,
        price_micros,
    };
    RateTable {
        currency: "EUR".into(),
        source: "test".into(),
        cards: vec![RateCard {
            effective_from: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            rates: vec![
                rate(Category::Marketing, 61_500),
                rate(Category::Utility, 20_000),
            ],
        }],
    }
}

fn durations(count: u64, median_min: i64, p90_min: i64) -> Durations {
    Durations {
        count,
        median_ms: Some(median_min * M),
        p90_ms: Some(p90_min * M),
    }
}

struct Desk {
    ana: i64,
    luis: i64,
    soporte: i64,
    ventas: i64,
}

/// The history. Times are from S (Monday 2026-11-09 00:00 in Madrid).
async fn seed(store: &dyn Store) -> Desk {
    let ana = user(store, "Ana", 5, S - 10 * H).await.id;
    let luis = user(store, "Luis", 5, S - 10 * H).await.id;
    let ventas = LabelDraft::new("Ventas", "emerald", "").expect("label");
    let ventas = store
        .create_label(&ventas, S - 10 * H)
        .await
        .expect("label")
        .id;
    let soporte = LabelDraft::new("Soporte", "sky", "").expect("label");
    let soporte = store
        .create_label(&soporte, S - 10 * H)
        .await
        .expect("label")
        .id;
    bot_on(store, false, S - 10 * H).await;

    // C0 starts the evening before the period and is answered and resolved inside it.
    let c0 = customer_writes(store, 0, 0, S - 2 * H).await;
    claim(store, c0, ana, S - 110 * M).await;
    let c0_reply = send(store, c0, Some(ana), say("Buenos días"), S + 30 * M).await;
    set_status(store, c0, S::Resolved, None, ana, S + 60 * M).await;
    meta_says(
        store,
        c0_reply,
        "wamid.out.c0",
        S + 31 * M,
        vec![
            priced(
                status("wamid.out.c0", DeliveryStatus::Sent, S + 31 * M),
                "service",
                false,
                "free_customer_service",
            ),
            status("wamid.out.c0", DeliveryStatus::Delivered, S + 32 * M),
        ],
    )
    .await;

    // C1: two messages, two replies, a label, resolved, reopened and resolved again.
    let c1 = customer_writes(store, 1, 0, S + H).await;
    customer_writes(store, 1, 1, S + H + 5 * M).await;
    claim(store, c1, luis, S + 70 * M).await;
    let c1_reply = send(store, c1, Some(luis), say("Hola"), S + 80 * M).await;
    customer_writes(store, 1, 2, S + 2 * H).await;
    send(store, c1, Some(luis), say("Claro"), S + 130 * M).await;
    label(store, c1, ventas, true, luis, S + 135 * M).await;
    set_status(store, c1, S::Resolved, None, luis, S + 150 * M).await;
    set_status(store, c1, S::Open, None, luis, S + 3 * H).await;
    let c1_promo = send(store, c1, Some(ana), promo(), S + 3 * H + 30 * M).await;
    // As the send gate does: the estimate is kept with the message.
    let estimate = Estimate {
        category: Category::Marketing,
        free: None,
        blocked: None,
        market: "Spain".into(),
        price_micros: Some(61_500),
    };
    store
        .note_estimate(c1_promo, &estimate, "EUR")
        .await
        .expect("estimate");
    set_status(store, c1, S::Resolved, None, ana, S + 4 * H).await;
    let mut failed = status("wamid.out.c1", DeliveryStatus::Failed, S + 82 * M);
    failed.error = Some(MetaError {
        code: 131_047,
        title: "Re-engagement message".into(),
        details: None,
    });
    meta_says(store, c1_reply, "wamid.out.c1", S + 81 * M, vec![failed]).await;
    meta_says(
        store,
        c1_promo,
        "wamid.out.promo",
        S + 3 * H + 31 * M,
        vec![
            priced(
                status("wamid.out.promo", DeliveryStatus::Sent, S + 3 * H + 31 * M),
                "marketing",
                true,
                "regular",
            ),
            status(
                "wamid.out.promo",
                DeliveryStatus::Delivered,
                S + 3 * H + 32 * M,
            ),
            status("wamid.out.promo", DeliveryStatus::Read, S + 3 * H + 33 * M),
        ],
    )
    .await;

    // C2 starts at 00:30 on Tuesday in Madrid (still Monday in UTC): assigned, answered,
    // labelled, snoozed, woken, transferred, answered again. Left open.
    let c2 = customer_writes(store, 2, 0, S + 24 * H + 30 * M).await;
    assign(store, c2, ana, luis, S + 24 * H + 35 * M).await;
    send(store, c2, Some(ana), say("Te ayudo"), S + 24 * H + 50 * M).await;
    set_status(store, c2, S::Snoozed, Some(S + 26 * H), ana, S + 25 * H).await;
    label(store, c2, soporte, true, ana, S + 25 * H).await;
    label(store, c2, ventas, true, ana, S + 25 * H + M).await;
    label(store, c2, ventas, false, ana, S + 25 * H + 2 * M).await;
    let woken = store.wake_snoozed(S + 26 * H, 10).await.expect("wake");
    assert_eq!(woken, [c2]);
    assign(store, c2, luis, ana, S + 26 * H + 10 * M).await;
    customer_writes(store, 2, 1, S + 26 * H + 20 * M).await;
    send(store, c2, Some(luis), say("Ya está"), S + 26 * H + 50 * M).await;

    // C3 comes from an ad and waits in the queue.
    let referral = Referral {
        source_type: Some("ad".into()),
        source_id: Some("120000111".into()),
        headline: Some("Zapatillas -20%".into()),
        source_url: Some("https://fb.me/zapatillas".into()),
        ..Referral::default()
    };
    customer_writes_from_ad(store, 3, S + 30 * H, referral).await;

    // C4: the bot hands it off; Ana answers 10 minutes after the handoff and resolves.
    bot_on(store, true, S + 31 * H).await;
    let c4 = customer_writes(store, 4, 0, S + 32 * H).await;
    let handoff = TurnEnd::HandOff {
        reason: HandoffReason::Asked,
    };
    bot_turn(
        store,
        c4,
        "Te paso con una persona",
        handoff,
        S + 32 * H + M,
    )
    .await;
    claim(store, c4, ana, S + 32 * H + 5 * M).await;
    send(store, c4, Some(ana), say("Soy Ana"), S + 32 * H + 11 * M).await;
    set_status(store, c4, S::Resolved, None, ana, S + 33 * H).await;

    // C5: the bot answers and the customer says they are done.
    let c5 = customer_writes(store, 5, 0, S + 34 * H).await;
    bot_turn(store, c5, "¡Gracias!", TurnEnd::Resolved, S + 34 * H + M).await;

    // C6: Luis takes it from the bot; the customer writes again and Luis answers.
    let c6 = customer_writes(store, 6, 0, S + 35 * H).await;
    claim(store, c6, luis, S + 35 * H + 2 * M).await;
    customer_writes(store, 6, 1, S + 35 * H + 4 * M).await;
    send(store, c6, Some(luis), say("Dime"), S + 35 * H + 6 * M).await;

    Desk {
        ana,
        luis,
        soporte,
        ventas,
    }
}

async fn report(store: &dyn Store, from: &str, to: &str, zone: &str) -> Report {
    let period = Period::new(from, to, zone).expect("period");
    let facts = store
        .report_facts(period.since_ms, period.until_ms)
        .await
        .expect("facts");
    compute(&facts, &period, &prices())
}

async fn two_days_of_a_desk_add_up_to_the_figures_computed_by_hand(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    let desk = seed(store).await;
    let r = report(store, "2026-11-09", "2026-11-10", MADRID).await;

    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("2026-11-09", "2026-11-10")
    );
    assert_eq!(
        (r.timezone.as_str(), r.costs.currency.as_str()),
        (MADRID, "EUR")
    );
    // C1 to C6; C0 was created the evening before.
    assert_eq!(r.created, 6);
    // C0, C1 twice, C4.
    assert_eq!(r.resolved, 4);
    assert_eq!(r.bot_resolved, 1);
    assert_eq!(r.reopened, 1);
    let day = |date: &str, created, resolved, bot_resolved, customer_messages, agent_replies| {
        DayFigures {
            date: date.into(),
            created,
            resolved,
            bot_resolved,
            customer_messages,
            agent_replies,
        }
    };
    assert_eq!(
        r.days,
        [
            // Monday: C1 created; C0, C1, C1 resolved; C1's three messages; C0's reply, C1's
            // two replies and the promotion.
            day("2026-11-09", 1, 3, 0, 3, 4),
            // Tuesday: C2 (00:30) to C6; C4 resolved, C5 by the bot; C2 ×2, C3, C4, C5,
            // C6 ×2 wrote; C2 ×2, C4 and C6 answered.
            day("2026-11-10", 5, 1, 1, 7, 4),
        ]
    );

    // First responses: C0 150 min (from 22:00 the day before), C1 20, C2 20, C4 10 (from
    // the handoff), C6 2 (after the take-over, from the customer's next message).
    // Sorted 2, 10, 20, 20, 150: median rank 3 = 20, p90 rank ⌈4.5⌉ = 5 = 150.
    assert_eq!(r.first_response, durations(5, 20, 150));
    // Replies to waiting customers: those five, plus C1's second (10) and C2's second (30).
    // Sorted 2, 10, 10, 20, 20, 30, 150: median rank 4 = 20, p90 rank ⌈6.3⌉ = 7 = 150.
    assert_eq!(r.reply_time, durations(7, 20, 150));
    // Resolutions: C0 180 (from its creation), C1 90, C1 60 (from the reopening), C4 60.
    // Sorted 60, 60, 90, 180: median rank 2 = 60, p90 rank ⌈3.6⌉ = 4 = 180.
    assert_eq!(r.resolution_time, durations(4, 60, 180));

    assert_eq!(
        r.agents,
        [
            AgentFigures {
                user_id: desk.ana,
                name: "Ana".into(),
                // C2 (from Luis) and C4; C0's claim was before the period.
                assigned: 2,
                // C0, C2, C4 and the promotion in C1.
                replies: 4,
                // C0 150, C2 20, C4 10: median rank 2 = 20, p90 rank 3 = 150.
                first_response: durations(3, 20, 150),
                reply_time: durations(3, 20, 150),
                // C0, C1's second resolution, C4.
                resolved: 3,
                // 180, 60, 60: median 60, p90 180.
                resolution_time: durations(3, 60, 180),
            },
            AgentFigures {
                user_id: desk.luis,
                name: "Luis".into(),
                // C1, C2 (from Ana), C6 (taken from the bot).
                assigned: 3,
                // C1 ×2, C2, C6.
                replies: 4,
                // C1 20, C6 2: median rank 1 = 2, p90 rank 2 = 20.
                first_response: durations(2, 2, 20),
                // C1 20 and 10, C2 30, C6 2: sorted 2, 10, 20, 30: median 10, p90 30.
                reply_time: durations(4, 10, 30),
                resolved: 1,
                resolution_time: durations(1, 90, 90),
            },
        ]
    );

    assert_eq!(
        r.labels,
        [
            LabelFigures {
                label_id: desk.soporte,
                name: "Soporte".into(),
                color: "sky".into(),
                conversations: 1,
            },
            // C1 and C2; taking it off C2 later does not undo that it was put on.
            LabelFigures {
                label_id: desk.ventas,
                name: "Ventas".into(),
                color: "emerald".into(),
                conversations: 2,
            },
        ]
    );

    let reasons = HandoffReason::ALL
        .into_iter()
        .map(|reason| (reason, u64::from(reason == HandoffReason::Asked)))
        .collect();
    assert_eq!(
        r.bot,
        BotFigures {
            started: 3,
            ended: 3,
            resolved_confirmed: 1,
            resolved_quiet: 0,
            handed_off: 1,
            taken_over: 1,
            reasons,
        }
    );

    // Eight agent messages and the bot's two; C1's first reply failed, the promotion was
    // read, C0's reply delivered, the rest never left.
    assert_eq!(
        r.delivery,
        DeliveryFigures {
            total: 10,
            pending: 7,
            sent: 0,
            delivered: 1,
            read: 1,
            failed: 1,
            limited: 0,
        }
    );
    assert_eq!(
        r.templates,
        [TemplateCategoryFigures {
            category: "marketing".into(),
            sent: 1,
            billable: 1,
            estimated: 0,
        }]
    );
    // Costs: only the promotion was estimated and priced (marketing in Spain, 0.0615 €),
    // sent by Ana in C1, which carries Ventas. The other nine were never estimated; of them
    // the failed reply and C0's free reply cost nothing and the seven pending have no pricing
    // from Meta.
    let costs = &r.costs;
    assert_eq!(costs.currency, "EUR");
    let t = &costs.total;
    assert_eq!(
        (t.messages, t.billed, t.estimated_micros, t.unestimated),
        (10, 1, 61_500, 9)
    );
    assert_eq!((t.charged_micros, t.awaiting, t.no_rate), (61_500, 7, 0));
    let marketing = costs.categories.iter().find(|c| c.key == "marketing");
    assert_eq!(
        marketing.map(|c| (c.messages, c.estimated_micros, c.charged_micros)),
        Some((1, 61_500, 61_500))
    );
    let by_ana = costs
        .agents
        .iter()
        .find(|a| a.sender == Some(Sender::Agent) && a.name == "Ana");
    assert_eq!(by_ana.map(|a| a.charged_micros), Some(61_500));
    let ventas = costs.labels.iter().find(|l| l.name == "Ventas");
    assert_eq!(ventas.map(|l| l.charged_micros), Some(61_500));
    let monday = costs.days.iter().find(|d| d.key == "2026-11-09");
    assert_eq!(monday.map(|d| d.charged_micros), Some(61_500));
    assert_eq!(
        r.ads,
        [AdFigures {
            source_type: "ad".into(),
            source_id: "120000111".into(),
            headline: Some("Zapatillas -20%".into()),
            source_url: Some("https://fb.me/zapatillas".into()),
            conversations: 1,
            reached_people: 0,
            resolved: 0,
        }]
    );
}

async fn the_days_follow_the_business_time_zone(db: Db) {
    let (store, _dir) = support::store(db).await;
    let store = store.as_ref();
    seed(store).await;

    // Tuesday alone in Madrid starts with C2 at 00:30.
    let tuesday = report(store, "2026-11-10", "2026-11-10", MADRID).await;
    assert_eq!((tuesday.created, tuesday.resolved), (5, 1));
    // C0's first response on Monday at 00:30 is not Tuesday's; C2's, C4's and C6's are.
    assert_eq!(tuesday.first_response, durations(3, 10, 20));

    // Monday alone: C1; C0's reply at 00:30 counts, though it was Sunday in UTC.
    let monday = report(store, "2026-11-09", "2026-11-09", MADRID).await;
    assert_eq!(
        (monday.created, monday.resolved, monday.reopened),
        (1, 3, 1)
    );
    assert_eq!(monday.first_response, durations(2, 20, 150));

    // The same history read in UTC: Monday runs 01:00 to 01:00 Madrid time, so it holds C1
    // and C2 (23:30 UTC) with their first responses, and C0's reply (23:30 UTC on Sunday)
    // falls out.
    let utc = report(store, "2026-11-09", "2026-11-09", "UTC").await;
    assert_eq!(utc.created, 2);
    assert_eq!(utc.first_response, durations(2, 20, 20));
}
