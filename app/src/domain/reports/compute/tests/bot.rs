//! The bot's figures: starts, ends, outcomes and handoff reasons.

use super::*;
use crate::domain::bot::HandoffReason;
use crate::domain::reports::EventKind as K;

#[test]
fn bot_starts_ends_outcomes_and_reasons() {
    // Started in the period with the bot: #1 #2 #3 #4 #5 #6 #9 #10 #12 = 9 (#8 started
    // before it, #7 with people).
    // Ended in the period: handed off #1 #2 #6 #8 #10 = 5; resolved #3 (confirmed) #4
    // (quiet); taken over #5 and #12 (an agent resolved it straight from the bot) = 2;
    // #6's take-over after its handoff is not a bot ending; #9 is still with the bot.
    // Ended 5 + 2 + 2 = 9. Reasons: asked 1, button 1, media 1, window_closed 1 (#10's
    // unknown reason counts as a handoff under no reason).
    let r = report(vec![
        event(1, at(0, 9, 0), K::Created).detail("bot"),
        event(1, at(0, 9, 5), K::HandedOff).detail("asked"),
        event(2, at(0, 9, 0), K::Created).detail("bot"),
        event(2, at(0, 9, 5), K::HandedOff).detail("media"),
        event(3, at(0, 9, 0), K::Created).detail("bot"),
        event(3, at(0, 9, 5), K::BotResolved).detail("confirmed"),
        event(4, at(0, 9, 0), K::Created).detail("bot"),
        event(4, at(1, 9, 5), K::BotResolved).detail("quiet"),
        event(5, at(0, 9, 0), K::Created).detail("bot"),
        event(5, at(0, 9, 5), K::TakenOver).by(1),
        event(5, at(0, 9, 5), K::Assigned).by(1).to(1),
        event(6, at(0, 9, 0), K::Created).detail("bot"),
        event(6, at(0, 9, 5), K::HandedOff).detail("button"),
        event(6, at(0, 9, 7), K::TakenOver).by(2),
        event(7, at(0, 9, 0), K::Created).detail("people"),
        event(8, at(-1, 9, 0), K::Created).detail("bot"),
        event(8, at(0, 9, 5), K::HandedOff).detail("window_closed"),
        event(9, at(6, 9, 0), K::Created).detail("bot"),
        event(10, at(0, 9, 0), K::Created).detail("bot"),
        event(10, at(0, 9, 5), K::HandedOff).detail("something_new"),
        event(12, at(0, 9, 0), K::Created).detail("bot"),
        event(12, at(0, 9, 5), K::Resolved).by(3),
    ]);
    let b = &r.bot;
    assert_eq!((b.started, b.ended), (9, 9));
    assert_eq!((b.handed_off, b.taken_over), (5, 2));
    assert_eq!((b.resolved_confirmed, b.resolved_quiet), (1, 1));
    assert_eq!(
        b.reasons,
        vec![
            (HandoffReason::Asked, 1),
            (HandoffReason::Button, 1),
            (HandoffReason::Misunderstood, 0),
            (HandoffReason::Media, 1),
            (HandoffReason::BotDisabled, 0),
            (HandoffReason::WindowClosed, 1),
        ]
    );
    assert_eq!(r.bot_resolved, 2);
}

#[test]
fn a_conversation_handed_back_to_the_bot_ends_a_second_bot_part() {
    // People's conversation handed to the bot at 9:10, which hands it off again at 9:20:
    // one bot ending, no bot start. Before the period, a bot part that ended is not counted.
    let r = report(vec![
        event(1, at(-1, 9, 0), K::Created).detail("bot"),
        event(1, at(-1, 9, 5), K::HandedOff).detail("asked"),
        event(1, at(0, 9, 10), K::HandedToBot).by(1),
        event(1, at(0, 9, 20), K::HandedOff).detail("misunderstood"),
    ]);
    assert_eq!((r.bot.started, r.bot.ended, r.bot.handed_off), (0, 1, 1));
    assert_eq!(r.bot.reasons[2], (HandoffReason::Misunderstood, 1));
    assert_eq!(r.bot.reasons[0], (HandoffReason::Asked, 0));
}

#[test]
fn an_agent_replying_in_a_bot_conversation_takes_it_over() {
    // Without a `taken_over` event, Ana's reply still ends the bot part, and the message the
    // customer wrote to the bot is not waiting for her.
    let r = report(vec![
        event(1, at(0, 9, 0), K::Created).detail("bot"),
        event(1, at(0, 9, 0), K::CustomerMessage),
        event(1, at(0, 9, 3), K::AgentReply).by(1),
    ]);
    assert_eq!((r.bot.ended, r.bot.taken_over), (1, 1));
    assert_eq!(r.reply_time.count, 0);
}
