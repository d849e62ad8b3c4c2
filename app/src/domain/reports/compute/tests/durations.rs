//! First response, reply and resolution times, and the percentiles.

use super::*;
use crate::domain::reports::compute::{durations, nearest_rank};
use crate::domain::reports::EventKind as K;
use crate::wire::reports::Durations;

fn minutes(values: &[i64]) -> Vec<i64> {
    values.iter().map(|m| m * MINUTE).collect()
}

/// The durations of these minute values, through the same percentile code.
fn of_minutes(values: &[i64]) -> Durations {
    durations(&minutes(values))
}

#[test]
fn nearest_rank_percentiles_take_the_lower_middle_for_even_counts() {
    // 1..=10: median rank ceil(0.5·10) = 5 → 5, p90 rank ceil(0.9·10) = 9 → 9.
    let ten = durations(&[7, 1, 10, 3, 2, 9, 4, 8, 6, 5]);
    assert_eq!(
        (ten.count, ten.median_ms, ten.p90_ms),
        (10, Some(5), Some(9))
    );
    // Four values: median rank 2 (the lower middle), p90 rank ceil(3.6) = 4.
    let four = durations(&[40, 10, 30, 20]);
    assert_eq!((four.median_ms, four.p90_ms), (Some(20), Some(40)));
    let one = durations(&[42]);
    assert_eq!(
        (one.count, one.median_ms, one.p90_ms),
        (1, Some(42), Some(42))
    );
    assert_eq!(durations(&[]), Durations::default());
    assert_eq!(nearest_rank(&[1, 2, 3], 100), Some(3));
    assert_eq!(nearest_rank(&[1, 2, 3], 0), Some(1));
}

#[test]
fn first_response_and_reply_time_of_a_people_conversation() {
    // Customer writes 9:00 (creation) and 9:03; Ana replies 9:10: first response and reply
    // time 10 min (from the first unanswered message). Customer 9:20, Bruno replies 9:25:
    // reply time 5. Reply times [5, 10]: median 5 (lower middle), p90 10.
    let r = report(vec![
        event(1, at(0, 9, 0), K::Created).detail("people"),
        event(1, at(0, 9, 0), K::CustomerMessage),
        event(1, at(0, 9, 3), K::CustomerMessage),
        event(1, at(0, 9, 10), K::AgentReply).by(1),
        event(1, at(0, 9, 20), K::CustomerMessage),
        event(1, at(0, 9, 25), K::AgentReply).by(2),
    ]);
    assert_eq!(r.first_response, of_minutes(&[10]));
    assert_eq!(r.reply_time, of_minutes(&[5, 10]));
    assert_eq!(r.reply_time.median_ms, Some(5 * MINUTE));
    assert_eq!(agent(&r, 1).first_response, of_minutes(&[10]));
    assert_eq!(agent(&r, 1).reply_time, of_minutes(&[10]));
    assert_eq!(agent(&r, 2).first_response, of_minutes(&[]));
    assert_eq!(agent(&r, 2).reply_time, of_minutes(&[5]));
}

#[test]
fn a_bot_conversation_is_measured_from_the_handoff() {
    // The customer writes to the bot at 9:00 and 9:02 (the bot's to answer), the bot hands
    // off at 9:04, Ana replies 9:10: first response and reply time 6 min, not 10.
    let r = report(vec![
        event(2, at(0, 9, 0), K::Created).detail("bot"),
        event(2, at(0, 9, 0), K::CustomerMessage),
        event(2, at(0, 9, 2), K::CustomerMessage),
        event(2, at(0, 9, 4), K::HandedOff).detail("asked"),
        event(2, at(0, 9, 10), K::AgentReply).by(1),
    ]);
    assert_eq!(r.first_response, of_minutes(&[6]));
    assert_eq!(r.reply_time, of_minutes(&[6]));
}

#[test]
fn after_a_take_over_the_clock_waits_for_the_customer() {
    // Bruno takes #3 from the bot at 9:05 and writes at 9:06 (nobody waiting: not measured).
    // The customer answers 9:10, Bruno replies 9:14: first response and reply time 4 min.
    let r = report(vec![
        event(3, at(0, 9, 0), K::Created).detail("bot"),
        event(3, at(0, 9, 0), K::CustomerMessage),
        event(3, at(0, 9, 5), K::TakenOver).by(2),
        event(3, at(0, 9, 5), K::Assigned).by(2).to(2),
        event(3, at(0, 9, 6), K::AgentReply).by(2),
        event(3, at(0, 9, 10), K::CustomerMessage),
        event(3, at(0, 9, 14), K::AgentReply).by(2),
    ]);
    assert_eq!(r.first_response, of_minutes(&[4]));
    assert_eq!(r.reply_time, of_minutes(&[4]));
    assert_eq!(agent(&r, 2).replies, 2);
}

#[test]
fn bot_only_conversations_and_bot_parts_measure_nothing() {
    // #4 never reaches people. #5 is handed back to the bot after its first response: what
    // the customer then writes is the bot's, and the bot resolves it.
    let r = report(vec![
        event(4, at(0, 9, 0), K::Created).detail("bot"),
        event(4, at(0, 9, 0), K::CustomerMessage),
        event(4, at(0, 9, 9), K::BotResolved).detail("confirmed"),
        event(5, at(0, 9, 0), K::Created).detail("people"),
        event(5, at(0, 9, 0), K::CustomerMessage),
        event(5, at(0, 9, 1), K::AgentReply).by(1),
        event(5, at(0, 9, 2), K::HandedToBot).by(1),
        event(5, at(0, 9, 3), K::CustomerMessage),
        event(5, at(0, 9, 8), K::BotResolved).detail("quiet"),
    ]);
    assert_eq!(r.first_response, of_minutes(&[1]));
    assert_eq!(r.reply_time, of_minutes(&[1]));
    assert_eq!(r.resolution_time, of_minutes(&[]));
}

#[test]
fn a_conversation_people_start_waits_for_the_customer() {
    // Ana opens #6 with a template at 9:00: nobody waiting. The customer answers 11:00, Ana
    // replies 11:30: first response 30 min.
    let r = report(vec![
        event(6, at(0, 9, 0), K::Created).detail("people"),
        event(6, at(0, 9, 0), K::AgentReply).by(1),
        event(6, at(0, 11, 0), K::CustomerMessage),
        event(6, at(0, 11, 30), K::AgentReply).by(1),
    ]);
    assert_eq!(r.first_response, of_minutes(&[30]));
    assert_eq!(agent(&r, 1).replies, 2);
}

#[test]
fn a_reopened_conversation_gets_reply_times_not_a_second_first_response() {
    // First response 5 min (9:00 → 9:05), resolved 9:10, reopened 10:00, the customer
    // writes 10:10 and Ana answers 10:30: a reply time of 20, no second first response.
    let r = report(vec![
        event(7, at(0, 9, 0), K::Created).detail("people"),
        event(7, at(0, 9, 0), K::CustomerMessage),
        event(7, at(0, 9, 5), K::AgentReply).by(1),
        event(7, at(0, 9, 10), K::Resolved).by(1),
        event(7, at(0, 10, 0), K::Reopened).by(1),
        event(7, at(0, 10, 10), K::CustomerMessage),
        event(7, at(0, 10, 30), K::AgentReply).by(1),
    ]);
    assert_eq!(r.first_response, of_minutes(&[5]));
    assert_eq!(r.reply_time, of_minutes(&[5, 20]));
}

#[test]
fn replies_count_in_the_period_they_are_sent() {
    // #8: the customer wrote 23:50 the day before the period, Ana replied 00:20 on its first
    // day: a first response of 30 min in the period. #9: first response before the period
    // (not counted); in the period a wait of 2 min is a reply time only.
    let r = report(vec![
        event(8, at(-1, 23, 50), K::Created).detail("people"),
        event(8, at(-1, 23, 50), K::CustomerMessage),
        event(8, at(0, 0, 20), K::AgentReply).by(1),
        event(9, at(-1, 9, 0), K::Created).detail("people"),
        event(9, at(-1, 9, 0), K::CustomerMessage),
        event(9, at(-1, 9, 5), K::AgentReply).by(1),
        event(9, at(0, 9, 0), K::CustomerMessage),
        event(9, at(0, 9, 2), K::AgentReply).by(1),
    ]);
    assert_eq!(r.first_response, of_minutes(&[30]));
    assert_eq!(r.reply_time, of_minutes(&[2, 30]));
}

#[test]
fn a_transferred_conversation_credits_whoever_replies() {
    // Ana has it 9:01–9:20, Bruno from 9:20 answers 9:30: 30 min, Bruno's; Ana has none.
    let r = report(vec![
        event(10, at(0, 9, 0), K::Created).detail("people"),
        event(10, at(0, 9, 0), K::CustomerMessage),
        event(10, at(0, 9, 1), K::Assigned).to(1),
        event(10, at(0, 9, 20), K::Assigned).by(3).to(2),
        event(10, at(0, 9, 30), K::AgentReply).by(2),
    ]);
    assert_eq!(agent(&r, 2).first_response, of_minutes(&[30]));
    assert_eq!(agent(&r, 1).first_response.count, 0);
    assert_eq!((agent(&r, 1).assigned, agent(&r, 2).assigned), (1, 1));
}

#[test]
fn snoozed_time_is_not_subtracted() {
    // Snoozed 9:01 to 12:00, answered 12:10: 190 min from the customer's 9:00 message.
    let r = report(vec![
        event(11, at(0, 9, 0), K::Created).detail("people"),
        event(11, at(0, 9, 0), K::CustomerMessage),
        event(11, at(0, 9, 1), K::Snoozed).by(1),
        event(11, at(0, 12, 0), K::Woke),
        event(11, at(0, 12, 10), K::AgentReply).by(1),
    ]);
    assert_eq!(r.first_response, of_minutes(&[190]));
}

#[test]
fn a_reply_nobody_waits_for_is_not_measured() {
    // 9:05 answers the 9:00 message; 9:06 follows up with nothing waiting.
    let r = report(vec![
        event(12, at(0, 9, 0), K::Created).detail("people"),
        event(12, at(0, 9, 0), K::CustomerMessage),
        event(12, at(0, 9, 5), K::AgentReply).by(1),
        event(12, at(0, 9, 6), K::AgentReply).by(1),
    ]);
    assert_eq!(r.reply_time, of_minutes(&[5]));
    assert_eq!(agent(&r, 1).replies, 2);
}

#[test]
fn resolution_time_runs_from_creation_or_the_latest_reopening() {
    // #13: created 9:00, Ana resolves 10:00 (60); Bruno reopens 11:00, resolves 11:30 (30).
    // #14: created the day before at 9:00, Ana resolves 9:00 on day 0 (1440).
    // All [30, 60, 1440]: median rank 2 → 60, p90 rank 3 → 1440. Ana [60, 1440]: median 60.
    let r = report(vec![
        event(13, at(0, 9, 0), K::Created).detail("people"),
        event(13, at(0, 10, 0), K::Resolved).by(1),
        event(13, at(0, 11, 0), K::Reopened).by(2),
        event(13, at(0, 11, 30), K::Resolved).by(2),
        event(14, at(-1, 9, 0), K::Created).detail("people"),
        event(14, at(0, 9, 0), K::Resolved).by(1),
    ]);
    assert_eq!(r.resolution_time, of_minutes(&[30, 60, 1440]));
    assert_eq!(r.resolution_time.median_ms, Some(60 * MINUTE));
    assert_eq!(agent(&r, 1).resolution_time, of_minutes(&[60, 1440]));
    assert_eq!((agent(&r, 1).resolved, agent(&r, 2).resolved), (2, 1));
    assert_eq!(agent(&r, 2).resolution_time, of_minutes(&[30]));
}

#[test]
fn a_conversation_older_than_the_log_has_reply_times_only() {
    // #15's log starts with a customer message (it was created before events were kept):
    // its reply of 30 min counts as a reply time, not as a first response; its resolution
    // counts, with no known start to measure from.
    let r = report(vec![
        event(15, at(0, 8, 0), K::CustomerMessage),
        event(15, at(0, 8, 30), K::AgentReply).by(3),
        event(15, at(0, 9, 0), K::Resolved).by(3),
    ]);
    assert_eq!(r.reply_time, of_minutes(&[30]));
    assert_eq!(r.first_response.count, 0);
    assert_eq!((r.resolved, r.resolution_time.count), (1, 0));
    assert_eq!(agent(&r, 3).resolved, 1);
}

#[test]
fn a_first_message_stamped_before_the_conversation_was_filed_still_starts_the_clock() {
    // WhatsApp stamped the message 9:00, the conversation was filed 9:01; Ana answers 9:05:
    // first response 5 min, and the resolution at 9:31 took 30 (from filing).
    let r = report(vec![
        event(16, at(0, 9, 0), K::CustomerMessage),
        event(16, at(0, 9, 1), K::Created).detail("people"),
        event(16, at(0, 9, 5), K::AgentReply).by(1),
        event(16, at(0, 9, 31), K::Resolved).by(1),
    ]);
    assert_eq!(r.first_response, of_minutes(&[5]));
    assert_eq!(r.resolution_time, of_minutes(&[30]));
}

#[test]
fn ending_a_snooze_by_hand_is_not_a_reopening() {
    // Snoozed 9:10, woken by hand 10:00 (recorded as `reopened`), resolved 11:00: no
    // reopening, and the resolution took 120 min from creation. A real reopening at 12:00
    // then a resolution at 12:15: one reopening, 15 min.
    let r = report(vec![
        event(17, at(0, 9, 0), K::Created).detail("people"),
        event(17, at(0, 9, 10), K::Snoozed).by(1),
        event(17, at(0, 10, 0), K::Reopened).by(1),
        event(17, at(0, 11, 0), K::Resolved).by(1),
        event(17, at(0, 12, 0), K::Reopened).by(1),
        event(17, at(0, 12, 15), K::Resolved).by(1),
    ]);
    assert_eq!(r.reopened, 1);
    assert_eq!(r.resolution_time, of_minutes(&[15, 120]));
}
