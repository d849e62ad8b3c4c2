//! Hand-built event logs whose figures are worked out by hand in each test's comments.

mod bot;
mod campaigns;
mod costs;
mod counts;
mod durations;
mod outbound;

use crate::domain::reports::{compute, AgentRef, Event, EventKind, LabelRef, Period, ReportFacts};
use crate::wire::reports::Report;
use chrono::{TimeZone, Utc};

pub(super) const MINUTE: i64 = 60_000;

/// The week every test reports on unless it says otherwise: 2026-11-09 to 2026-11-15, UTC.
pub(super) fn week() -> Period {
    Period::new("2026-11-09", "2026-11-15", "UTC").unwrap()
}

/// `h:m` UTC on day `n` of the week (day 0 is 2026-11-09; -1 is the day before the period).
pub(super) fn at(n: i64, h: u32, m: u32) -> i64 {
    Utc.with_ymd_and_hms(2026, 11, 9, h, m, 0)
        .unwrap()
        .timestamp_millis()
        + n * 86_400_000
}

/// An event of conversation `conversation` at `at_ms`; the builder methods fill the rest.
pub(super) fn event(conversation: i64, at_ms: i64, kind: EventKind) -> Event {
    Event {
        id: 0,
        conversation_id: conversation,
        at_ms,
        kind,
        actor_id: None,
        assignee_id: None,
        label_id: None,
        detail: None,
    }
}

pub(super) trait Build {
    fn by(self, actor: i64) -> Self;
    fn to(self, assignee: i64) -> Self;
    fn detail(self, detail: &str) -> Self;
    fn label(self, label: i64) -> Self;
}

impl Build for Event {
    fn by(mut self, actor: i64) -> Self {
        self.actor_id = Some(actor);
        self
    }
    fn to(mut self, assignee: i64) -> Self {
        self.assignee_id = Some(assignee);
        self
    }
    fn detail(mut self, detail: &str) -> Self {
        self.detail = Some(detail.into());
        self
    }
    fn label(mut self, label: i64) -> Self {
        self.label_id = Some(label);
        self
    }
}

/// Ana (1), Bruno (2) and Carla (3).
pub(super) fn agents() -> Vec<AgentRef> {
    [(1, "Ana"), (2, "Bruno"), (3, "Carla")]
        .into_iter()
        .map(|(id, name)| AgentRef {
            id,
            name: name.into(),
        })
        .collect()
}

pub(super) fn labels() -> Vec<LabelRef> {
    [
        (10, "urgent", "red"),
        (11, "Billing", "blue"),
        (12, "sales", "green"),
    ]
    .into_iter()
    .map(|(id, name, color)| LabelRef {
        id,
        name: name.into(),
        color: color.into(),
    })
    .collect()
}

/// Facts with these events (ids in the given order), the three agents and labels.
pub(super) fn facts(events: Vec<Event>) -> ReportFacts {
    ReportFacts {
        events: events
            .into_iter()
            .enumerate()
            .map(|(n, e)| Event {
                id: n as i64 + 1,
                ..e
            })
            .collect(),
        agents: agents(),
        labels: labels(),
        ..ReportFacts::default()
    }
}

/// No rate card: what the team has before importing one.
pub(super) fn no_cards() -> crate::domain::pricing::RateTable {
    crate::domain::pricing::PricingSettings::default().table
}

/// The report of the test week over `events`.
pub(super) fn report(events: Vec<Event>) -> Report {
    compute(&facts(events), &week(), &no_cards())
}

/// (user id, figures) of one agent's row.
pub(super) fn agent(report: &Report, user_id: i64) -> &crate::wire::reports::AgentFigures {
    report
        .agents
        .iter()
        .find(|a| a.user_id == user_id)
        .unwrap_or_else(|| panic!("no row for user {user_id}"))
}
