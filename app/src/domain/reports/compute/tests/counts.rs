//! Counts: created, resolved, reopened, days, agents and labels.

use super::*;
use crate::domain::reports::EventKind as K;

#[test]
fn counts_each_resolution_and_reopening_in_the_period_only() {
    // #1 created before the period, resolved before it, reopened and resolved twice in it:
    //    created 0, resolved 2, reopened 2.
    // #2 created in the period, resolved by the bot: created 1, bot_resolved 1.
    // #3 created on the last day, resolved just after the period: created 1, resolved 0.
    let r = report(vec![
        event(1, at(-3, 9, 0), K::Created).detail("people"),
        event(1, at(-2, 9, 0), K::Resolved).by(1),
        event(1, at(0, 9, 0), K::Reopened).by(1),
        event(1, at(0, 10, 0), K::Resolved).by(1),
        event(1, at(1, 9, 0), K::Reopened).by(2),
        event(1, at(1, 10, 0), K::Resolved).by(2),
        event(2, at(2, 9, 0), K::Created).detail("bot"),
        event(2, at(2, 9, 5), K::BotResolved).detail("confirmed"),
        event(3, at(6, 23, 0), K::Created).detail("people"),
        event(3, at(7, 0, 0), K::Resolved).by(1),
    ]);
    assert_eq!(
        (r.created, r.resolved, r.bot_resolved, r.reopened),
        (2, 2, 1, 2)
    );
}

#[test]
fn days_follow_the_business_time_zone() {
    // Madrid is UTC+1 in November. 22:30 UTC on the 9th is 23:30 local on the 9th: day 0.
    // 23:30 UTC on the 9th is 00:30 local on the 10th: day 1 (in UTC it would be day 0).
    // 23:10 UTC on the 8th is 00:10 local on the 9th: inside the period, day 0.
    let period = Period::new("2026-11-09", "2026-11-10", "Europe/Madrid").unwrap();
    let events = vec![
        event(1, at(-1, 23, 10), K::Created).detail("people"),
        event(1, at(-1, 23, 10), K::CustomerMessage),
        event(1, at(0, 22, 30), K::AgentReply).by(1),
        event(1, at(0, 22, 30), K::Resolved).by(1),
        event(2, at(0, 23, 30), K::Created).detail("bot"),
        event(2, at(0, 23, 30), K::CustomerMessage),
        event(2, at(0, 23, 40), K::BotResolved).detail("quiet"),
    ];
    let r = compute(&facts(events), &period, &no_cards());
    let day = |n: usize| {
        let d = &r.days[n];
        (
            d.created,
            d.resolved,
            d.bot_resolved,
            d.customer_messages,
            d.agent_replies,
        )
    };
    assert_eq!(r.days.len(), 2);
    assert_eq!(
        (r.days[0].date.as_str(), r.days[1].date.as_str()),
        ("2026-11-09", "2026-11-10")
    );
    assert_eq!(day(0), (1, 1, 0, 1, 1));
    assert_eq!(day(1), (1, 0, 1, 1, 0));
    assert_eq!(
        (r.from.as_str(), r.to.as_str(), r.timezone.as_str()),
        ("2026-11-09", "2026-11-10", "Europe/Madrid")
    );
}

#[test]
fn agents_are_everyone_active_in_the_period_by_name() {
    // Carla (3) is assigned #1 (auto-assignment: no actor) and resolves it; Bruno (2) takes
    // #2 from the bot, which writes `taken_over` and `assigned` (one assignment, not two),
    // then replies; user 9 (unknown to the facts) replies in #1. Ana (1) only acted before
    // the period: no row.
    let r = report(vec![
        event(1, at(-1, 8, 0), K::Created).detail("people"),
        event(1, at(-1, 8, 0), K::Assigned).by(1).to(1),
        event(1, at(0, 8, 0), K::Assigned).to(3),
        event(1, at(0, 9, 0), K::AgentReply).by(9).to(3),
        event(1, at(0, 10, 0), K::Resolved).by(3).to(3),
        event(2, at(1, 8, 0), K::Created).detail("bot"),
        event(2, at(1, 8, 5), K::TakenOver).by(2),
        event(2, at(1, 8, 5), K::Assigned).by(2).to(2),
        event(2, at(1, 8, 6), K::AgentReply).by(2).to(2),
        event(2, at(1, 8, 7), K::AgentReply).by(2).to(2),
    ]);
    let rows: Vec<(i64, &str, u64, u64, u64)> = r
        .agents
        .iter()
        .map(|a| {
            (
                a.user_id,
                a.name.as_str(),
                a.assigned,
                a.replies,
                a.resolved,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (2, "Bruno", 1, 2, 0),
            (3, "Carla", 1, 0, 1),
            (9, "User #9", 0, 1, 0)
        ]
    );
}

#[test]
fn labels_count_distinct_conversations_labelled_in_the_period() {
    // urgent (10): #1 twice (labelled, unlabelled, labelled again) and #2: 2 conversations.
    // Billing (11): only before the period: 0. sales (12): #3 on the last day: 1.
    // Every label is listed, by name ignoring case: Billing, sales, urgent.
    let r = report(vec![
        event(1, at(0, 9, 0), K::Labelled).label(10),
        event(1, at(0, 9, 5), K::Unlabelled).label(10),
        event(1, at(0, 9, 10), K::Labelled).label(10),
        event(2, at(-1, 9, 0), K::Labelled).label(11),
        event(2, at(3, 9, 0), K::Labelled).label(10),
        event(3, at(6, 23, 59), K::Labelled).label(12),
        event(4, at(7, 0, 0), K::Labelled).label(12),
    ]);
    let rows: Vec<(&str, u64)> = r
        .labels
        .iter()
        .map(|l| (l.name.as_str(), l.conversations))
        .collect();
    assert_eq!(rows, vec![("Billing", 0), ("sales", 1), ("urgent", 2)]);
}

#[test]
fn events_are_read_in_time_order_whatever_order_they_come_in() {
    // Created 9:00, message 9:01, reply 9:07 (first response 6 minutes), given newest first.
    let mut events = vec![
        event(1, at(0, 9, 0), K::Created).detail("people"),
        event(1, at(0, 9, 1), K::CustomerMessage),
        event(1, at(0, 9, 7), K::AgentReply).by(1),
    ];
    let in_order = report(events.clone());
    events.reverse();
    let reversed = report(events);
    assert_eq!(reversed.first_response.median_ms, Some(6 * MINUTE));
    assert_eq!(reversed, in_order);
}

#[test]
fn an_evening_event_west_of_utc_stays_on_its_local_day() {
    // Santiago is UTC−3 in November: 23:30 local on the 9th is 02:30 UTC on the 10th. The
    // conversation created then is the 9th's; one created 00:30 local on the 10th (03:30
    // UTC) is the 10th's.
    let period = Period::new("2026-11-09", "2026-11-10", "America/Santiago").unwrap();
    let events = vec![
        event(1, at(1, 2, 30), K::Created).detail("people"),
        event(2, at(1, 3, 30), K::Created).detail("people"),
    ];
    let r = compute(&facts(events), &period, &no_cards());
    let created: Vec<u64> = r.days.iter().map(|d| d.created).collect();
    assert_eq!(created, vec![1, 1]);
    assert_eq!(r.created, 2);
}
