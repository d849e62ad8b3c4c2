//! One pass over each conversation's events in order: the counts, the durations and the
//! bot's figures. Definitions: docs/metrics.md.

use crate::domain::bot::HandoffReason;
use crate::domain::reports::{Event, EventKind, Period};
use crate::wire::reports::{BotFigures, DayFigures};
use std::collections::{BTreeMap, BTreeSet};

/// One agent's counts and durations (milliseconds) in the period.
#[derive(Debug, Default)]
pub(super) struct AgentTally {
    pub assigned: u64,
    pub replies: u64,
    pub resolved: u64,
    pub first_response: Vec<i64>,
    pub reply_time: Vec<i64>,
    pub resolution_time: Vec<i64>,
}

#[derive(Debug)]
pub(super) struct Walk {
    pub created: u64,
    pub resolved: u64,
    pub bot_resolved: u64,
    pub reopened: u64,
    pub days: Vec<DayFigures>,
    pub first_response: Vec<i64>,
    pub reply_time: Vec<i64>,
    pub resolution_time: Vec<i64>,
    pub agents: BTreeMap<i64, AgentTally>,
    /// (label, conversation) pairs labelled in the period.
    pub labelled: BTreeSet<(i64, i64)>,
    pub bot: BotFigures,
}

/// Who is responsible for a conversation at a point of its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Its log does not start with `created` (it is older than the log): read as people's,
    /// but a take-over still ends a bot part.
    Unknown,
    Bot,
    People,
    /// Resolved, by people or by the bot.
    Closed,
}

/// What the walk remembers of one conversation.
struct Conversation {
    phase: Phase,
    /// The first customer message people have not answered yet (or the handoff).
    waiting_since: Option<i64>,
    /// Its first response has been measured (or can no longer be: its start is unknown).
    first_response_done: bool,
    /// When the current resolution cycle started: creation or the latest reopening.
    cycle_start: Option<i64>,
    /// Snoozed and not woken yet: a `reopened` now only ends the snooze.
    snoozed: bool,
}

pub(super) fn walk(events: &[Event], period: &Period) -> Walk {
    let mut walk = Walk {
        created: 0,
        resolved: 0,
        bot_resolved: 0,
        reopened: 0,
        days: period
            .days
            .iter()
            .map(|(date, _)| DayFigures {
                date: date.clone(),
                ..DayFigures::default()
            })
            .collect(),
        first_response: Vec::new(),
        reply_time: Vec::new(),
        resolution_time: Vec::new(),
        agents: BTreeMap::new(),
        labelled: BTreeSet::new(),
        bot: BotFigures {
            reasons: HandoffReason::ALL.iter().map(|r| (*r, 0)).collect(),
            ..BotFigures::default()
        },
    };
    let mut ordered: Vec<&Event> = events.iter().collect();
    // `created` first: the customer's first message carries WhatsApp's own timestamp, which
    // can be a little earlier than the moment the conversation was filed.
    ordered.sort_by_key(|e| {
        (
            e.conversation_id,
            e.kind != EventKind::Created,
            e.at_ms,
            e.id,
        )
    });
    for history in ordered.chunk_by(|a, b| a.conversation_id == b.conversation_id) {
        let known_start = history[0].kind == EventKind::Created;
        let mut conversation = Conversation {
            phase: Phase::Unknown,
            waiting_since: None,
            first_response_done: !known_start,
            cycle_start: None,
            snoozed: false,
        };
        for event in history {
            walk.step(&mut conversation, event, period);
        }
    }
    walk
}

impl Walk {
    fn step(&mut self, c: &mut Conversation, e: &Event, period: &Period) {
        let day = period.day_of(e.at_ms);
        let counted = day.is_some();
        // An agent acting on a conversation the bot has takes it over (the store writes a
        // `taken_over` first; a log without one is read the same way).
        let agent_acts = matches!(e.kind, EventKind::AgentReply | EventKind::Resolved)
            || (e.kind == EventKind::Assigned && e.assignee_id.is_some());
        if agent_acts && c.phase == Phase::Bot {
            self.take_from_bot(c, counted);
        }
        match e.kind {
            EventKind::Created => {
                let with_bot = e.detail.as_deref() == Some("bot");
                c.phase = if with_bot { Phase::Bot } else { Phase::People };
                c.cycle_start = Some(e.at_ms);
                c.waiting_since = None;
                if let Some(d) = day {
                    self.created += 1;
                    self.days[d].created += 1;
                    self.bot.started += u64::from(with_bot);
                }
            }
            EventKind::CustomerMessage => {
                c.snoozed = false;
                if matches!(c.phase, Phase::People | Phase::Unknown) && c.waiting_since.is_none() {
                    c.waiting_since = Some(e.at_ms);
                }
                if let Some(d) = day {
                    self.days[d].customer_messages += 1;
                }
            }
            EventKind::AgentReply => self.agent_reply(c, e, day),
            EventKind::Assigned => {
                if let Some(agent) = self.agent(e.assignee_id.filter(|_| counted)) {
                    agent.assigned += 1;
                }
            }
            EventKind::TakenOver => {
                if matches!(c.phase, Phase::Bot | Phase::Unknown) {
                    self.take_from_bot(c, counted);
                }
            }
            EventKind::HandedOff => {
                // The queue counts the customer as waiting from the handoff: so do we.
                c.phase = Phase::People;
                c.waiting_since = Some(e.at_ms);
                if counted {
                    self.bot.handed_off += 1;
                    self.bot.ended += 1;
                    let reason = e.detail.as_deref().and_then(HandoffReason::parse);
                    if let Some(slot) = self
                        .bot
                        .reasons
                        .iter_mut()
                        .find(|(r, _)| Some(*r) == reason)
                    {
                        slot.1 += 1;
                    }
                }
            }
            EventKind::BotResolved => {
                c.phase = Phase::Closed;
                c.waiting_since = None;
                if let Some(d) = day {
                    self.bot_resolved += 1;
                    self.days[d].bot_resolved += 1;
                    self.bot.ended += 1;
                    match e.detail.as_deref() {
                        Some("confirmed") => self.bot.resolved_confirmed += 1,
                        Some("quiet") => self.bot.resolved_quiet += 1,
                        _ => {}
                    }
                }
            }
            EventKind::HandedToBot => {
                c.phase = Phase::Bot;
                c.waiting_since = None;
            }
            EventKind::Resolved => self.resolved(c, e, day),
            EventKind::Reopened => {
                // Ending a snooze by hand is recorded as `reopened` too: only a resolved
                // conversation (or one whose state before the log is unknown) reopens.
                let reopening =
                    c.phase == Phase::Closed || (c.phase == Phase::Unknown && !c.snoozed);
                c.snoozed = false;
                if reopening {
                    c.phase = Phase::People;
                    c.waiting_since = None;
                    c.cycle_start = Some(e.at_ms);
                    self.reopened += u64::from(counted);
                }
            }
            EventKind::Snoozed => c.snoozed = true,
            EventKind::Woke => c.snoozed = false,
            EventKind::Labelled => {
                if let (Some(label), true) = (e.label_id, counted) {
                    self.labelled.insert((label, e.conversation_id));
                }
            }
            // Snoozed time is not subtracted; unassigning keeps people responsible.
            EventKind::Unassigned | EventKind::ReturnedToQueue | EventKind::Unlabelled => {}
        }
    }

    /// The bot's part ends because an agent took the conversation.
    fn take_from_bot(&mut self, c: &mut Conversation, counted: bool) {
        c.phase = Phase::People;
        // What the customer wrote to the bot was the bot's to answer.
        c.waiting_since = None;
        if counted {
            self.bot.taken_over += 1;
            self.bot.ended += 1;
        }
    }

    fn agent_reply(&mut self, c: &mut Conversation, e: &Event, day: Option<usize>) {
        if let Some(d) = day {
            self.days[d].agent_replies += 1;
            if let Some(agent) = self.agent(e.actor_id) {
                agent.replies += 1;
            }
        }
        let people = matches!(c.phase, Phase::People | Phase::Unknown);
        let Some(since) = c.waiting_since.filter(|_| people) else {
            return;
        };
        c.waiting_since = None;
        let waited = e.at_ms - since;
        let first = !c.first_response_done;
        c.first_response_done = true;
        if day.is_none() {
            return;
        }
        self.reply_time.push(waited);
        if first {
            self.first_response.push(waited);
        }
        if let Some(agent) = self.agent(e.actor_id) {
            agent.reply_time.push(waited);
            if first {
                agent.first_response.push(waited);
            }
        }
    }

    fn resolved(&mut self, c: &mut Conversation, e: &Event, day: Option<usize>) {
        c.phase = Phase::Closed;
        c.waiting_since = None;
        c.snoozed = false;
        let Some(d) = day else {
            return;
        };
        self.resolved += 1;
        self.days[d].resolved += 1;
        let took = c.cycle_start.map(|start| e.at_ms - start);
        if let Some(took) = took {
            self.resolution_time.push(took);
        }
        if let Some(agent) = self.agent(e.actor_id) {
            agent.resolved += 1;
            agent.resolution_time.extend(took);
        }
    }

    fn agent(&mut self, id: Option<i64>) -> Option<&mut AgentTally> {
        id.map(|id| self.agents.entry(id).or_default())
    }
}
