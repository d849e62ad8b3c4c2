//! Who handles which conversation: taking, assigning, auto-assignment from the queue, who may
//! write to the customer, and snoozes. The server decides with these functions; the console
//! uses the same ones to show what a button will do.

use super::inbox::{Presence, Viewer};
use super::roles::Role;
use serde::{Deserialize, Serialize};

/// Team setting: how queued conversations are given to agents.
pub const AUTO_ASSIGN_SETTING: &str = "auto_assign";
/// Team setting: an assignee who goes offline gives their open conversations back to the queue.
pub const RETURN_ON_OFFLINE_SETTING: &str = "return_on_offline";
/// Team setting: only the assignee (or a supervisor) may write to the customer.
pub const OWNER_ONLY_REPLIES_SETTING: &str = "owner_only_replies";
/// How long an assignee may stay offline (a reload, a lost connection) before their
/// conversations return to the queue, when the team asks for that.
pub const OFFLINE_GRACE_MS: i64 = 2 * 60 * 1000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoAssign {
    /// Conversations wait in the queue until someone takes them.
    #[default]
    Off,
    /// The next conversation goes to the available agent who was given one longest ago.
    RoundRobin,
    /// The next conversation goes to the available agent with the fewest open conversations.
    LeastLoaded,
}

impl AutoAssign {
    pub const ALL: [AutoAssign; 3] = [
        AutoAssign::Off,
        AutoAssign::RoundRobin,
        AutoAssign::LeastLoaded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AutoAssign::Off => "off",
            AutoAssign::RoundRobin => "round_robin",
            AutoAssign::LeastLoaded => "least_loaded",
        }
    }

    pub fn parse(s: &str) -> Option<AutoAssign> {
        AutoAssign::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Team setting: a conversation the desk starts is assigned to whoever wrote first (`true`,
/// the default: they carry on with the customer) or waits in the queue (`false`).
pub const NEW_CONVERSATIONS_TO_SENDER_SETTING: &str = "new_conversations_to_sender";

/// A boolean team setting as stored ("true" / "false"), with its default when unset.
pub fn flag(stored: Option<&str>, default: bool) -> bool {
    match stored {
        Some("true") => true,
        Some("false") => false,
        _ => default,
    }
}

/// A colleague as assignment sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: i64,
    pub role: Role,
    pub presence: Presence,
    /// Open conversations assigned to them now.
    pub load: u32,
    pub capacity: u32,
    pub last_assigned_at_ms: Option<i64>,
}

impl Candidate {
    /// Whether auto-assignment may give them another conversation: an online agent under
    /// their capacity. Supervisors and admins take conversations by hand.
    pub fn available(&self) -> bool {
        self.role == Role::Agent && self.presence == Presence::Online && self.load < self.capacity
    }
}

/// Whom auto-assignment gives the next conversation to, if anyone is available.
pub fn pick(mode: AutoAssign, candidates: &[Candidate]) -> Option<i64> {
    let available = candidates.iter().filter(|c| c.available());
    // Never assigned sorts first (None < Some); the user id breaks ties, so it is stable.
    let chosen = match mode {
        AutoAssign::Off => None,
        AutoAssign::RoundRobin => available.min_by_key(|c| (c.last_assigned_at_ms, c.user_id)),
        AutoAssign::LeastLoaded => {
            available.min_by_key(|c| (c.load, c.last_assigned_at_ms, c.user_id))
        }
    };
    chosen.map(|c| c.user_id)
}

/// The assignments that drain the queue (`queue` oldest wait first) under `mode`: each
/// conversation in turn to whoever [`pick`] names, until nobody has room.
pub fn plan(
    mode: AutoAssign,
    queue: &[i64],
    mut candidates: Vec<Candidate>,
    now_ms: i64,
) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for (n, conversation) in queue.iter().enumerate() {
        let Some(user) = pick(mode, &candidates) else {
            break;
        };
        if let Some(c) = candidates.iter_mut().find(|c| c.user_id == user) {
            c.load += 1;
            // Later in this same pass than anyone assigned before it.
            c.last_assigned_at_ms = Some(now_ms + n as i64);
        }
        out.push((*conversation, user));
    }
    out
}

/// Whether `viewer` may write to the customer (reply, send a file or a template) in a
/// conversation assigned to `assignee`. Notes are always allowed.
pub fn may_write(viewer: Viewer, assignee: Option<i64>, owner_only: bool) -> bool {
    !owner_only
        || assignee.is_none_or(|a| a == viewer.user_id)
        || viewer.role.at_least(Role::Supervisor)
}

/// Whether `viewer` may move a conversation assigned to `current` to `to` (`None`: back to
/// the queue). Supervisors assign anything; agents take unassigned conversations for
/// themselves and hand on or give back their own.
pub fn may_assign(viewer: Viewer, current: Option<i64>, to: Option<i64>) -> bool {
    if viewer.role.at_least(Role::Supervisor) {
        return true;
    }
    match current {
        Some(owner) => owner == viewer.user_id,
        None => to == Some(viewer.user_id),
    }
}

/// Whether `viewer` may give a conversation (in `status`, assigned to `assignee`) back to
/// the bot: an open or snoozed one, their own or unassigned — any, for supervisors.
pub fn may_return_to_bot(
    viewer: Viewer,
    assignee: Option<i64>,
    status: crate::domain::inbox::ConversationStatus,
) -> bool {
    use crate::domain::inbox::ConversationStatus as S;
    matches!(status, S::Open | S::Snoozed)
        && (viewer.role.at_least(Role::Supervisor) || assignee.is_none_or(|a| a == viewer.user_id))
}

/// The longest a snooze may last.
pub const MAX_SNOOZE_MS: i64 = 366 * 24 * 3_600_000;

/// When a snooze to `until_ms` is acceptable: in the future (a minute at least) and within a
/// year. `None` (until the customer writes) is always fine.
pub fn snooze_ok(until_ms: Option<i64>, now_ms: i64) -> bool {
    until_ms.is_none_or(|t| t >= now_ms + 60_000 && t <= now_ms + MAX_SNOOZE_MS)
}

/// The snooze menu's choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnoozeChoice {
    Hours(i64),
    /// 9:00 tomorrow, local time.
    TomorrowMorning,
    /// 9:00 next Monday, local time.
    NextWeek,
    /// No time: the customer's next message wakes it.
    UntilCustomerWrites,
}

/// When `choice` ends, for someone whose local time is UTC + `utc_offset_min` minutes.
/// `None`: until the customer writes.
pub fn snooze_until(choice: SnoozeChoice, now_ms: i64, utc_offset_min: i64) -> Option<i64> {
    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;
    let offset = utc_offset_min * 60_000;
    let local = now_ms + offset;
    let local_midnight = local.div_euclid(DAY) * DAY;
    let nine = 9 * HOUR;
    match choice {
        SnoozeChoice::Hours(h) => Some(now_ms + h * HOUR),
        SnoozeChoice::TomorrowMorning => Some(local_midnight + DAY + nine - offset),
        SnoozeChoice::NextWeek => {
            // 1970-01-01 was a Thursday: day 0 → weekday 3 counting from Monday = 0.
            let weekday = (local.div_euclid(DAY) + 3).rem_euclid(7);
            let days = 7 - weekday;
            Some(local_midnight + days * DAY + nine - offset)
        }
        SnoozeChoice::UntilCustomerWrites => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(
        id: i64,
        presence: Presence,
        load: u32,
        capacity: u32,
        last: Option<i64>,
    ) -> Candidate {
        Candidate {
            user_id: id,
            role: Role::Agent,
            presence,
            load,
            capacity,
            last_assigned_at_ms: last,
        }
    }

    #[test]
    fn who_may_hand_back_to_the_bot() {
        use crate::domain::inbox::ConversationStatus as S;
        let ana = Viewer {
            user_id: 1,
            role: Role::Agent,
        };
        let sofia = Viewer {
            user_id: 9,
            role: Role::Supervisor,
        };
        assert!(may_return_to_bot(ana, Some(1), S::Open));
        assert!(may_return_to_bot(ana, None, S::Snoozed));
        assert!(!may_return_to_bot(ana, Some(2), S::Open), "a colleague's");
        assert!(may_return_to_bot(sofia, Some(2), S::Open));
        assert!(!may_return_to_bot(sofia, None, S::Bot), "already the bot's");
        assert!(!may_return_to_bot(sofia, None, S::Resolved));
    }

    #[test]
    fn round_robin_takes_turns_among_online_agents_with_room() {
        let team = vec![
            agent(1, Presence::Online, 0, 5, Some(300)),
            agent(2, Presence::Online, 4, 5, Some(100)),
            agent(3, Presence::Away, 0, 5, None),
            agent(4, Presence::Online, 5, 5, None),
            agent(5, Presence::Offline, 0, 5, None),
        ];
        assert_eq!(
            pick(AutoAssign::RoundRobin, &team),
            Some(2),
            "longest since"
        );
        assert_eq!(pick(AutoAssign::LeastLoaded, &team), Some(1), "fewest open");
        assert_eq!(pick(AutoAssign::Off, &team), None);
        assert_eq!(
            plan(
                AutoAssign::RoundRobin,
                &[10, 11, 12, 13],
                team.clone(),
                1_000
            ),
            vec![(10, 2), (11, 1), (12, 1), (13, 1)],
            "agent 2 fills up at 5, then only agent 1 has room"
        );
        assert_eq!(
            plan(
                AutoAssign::RoundRobin,
                &[10, 11, 12, 13, 14, 15, 16, 17],
                team,
                1_000
            )
            .len(),
            6,
            "one place left for agent 2, five for agent 1; the rest wait"
        );
    }

    #[test]
    fn never_assigned_agents_come_first_and_supervisors_are_not_picked() {
        let mut supervisor = agent(9, Presence::Online, 0, 5, None);
        supervisor.role = Role::Supervisor;
        let team = vec![supervisor, agent(3, Presence::Online, 2, 5, Some(1))];
        assert_eq!(pick(AutoAssign::RoundRobin, &team), Some(3));
        let team = vec![
            agent(3, Presence::Online, 2, 5, Some(1)),
            agent(7, Presence::Online, 2, 5, None),
        ];
        assert_eq!(pick(AutoAssign::RoundRobin, &team), Some(7));
        assert_eq!(pick(AutoAssign::LeastLoaded, &team), Some(7), "tie on load");
        let zero = vec![agent(1, Presence::Online, 0, 0, None)];
        assert_eq!(
            pick(AutoAssign::LeastLoaded, &zero),
            None,
            "capacity 0: never"
        );
    }

    #[test]
    fn least_loaded_balances_the_queue() {
        let team = vec![
            agent(1, Presence::Online, 3, 5, None),
            agent(2, Presence::Online, 0, 5, None),
        ];
        assert_eq!(
            plan(AutoAssign::LeastLoaded, &[1, 2, 3, 4, 5], team, 0),
            vec![(1, 2), (2, 2), (3, 2), (4, 1), (5, 2)]
        );
    }

    #[test]
    fn only_the_assignee_or_a_supervisor_writes_when_the_team_says_so() {
        let ana = Viewer {
            user_id: 1,
            role: Role::Agent,
        };
        let boss = Viewer {
            user_id: 9,
            role: Role::Supervisor,
        };
        assert!(may_write(ana, None, true));
        assert!(may_write(ana, Some(1), true));
        assert!(!may_write(ana, Some(2), true));
        assert!(may_write(ana, Some(2), false));
        assert!(may_write(boss, Some(2), true));
    }

    #[test]
    fn agents_assign_only_their_own() {
        let ana = Viewer {
            user_id: 1,
            role: Role::Agent,
        };
        let boss = Viewer {
            user_id: 9,
            role: Role::Supervisor,
        };
        assert!(may_assign(ana, None, Some(1)), "take");
        assert!(!may_assign(ana, None, Some(2)), "not for a colleague");
        assert!(may_assign(ana, Some(1), Some(2)), "hand on her own");
        assert!(may_assign(ana, Some(1), None), "give back");
        assert!(!may_assign(ana, Some(2), Some(1)), "not someone else's");
        assert!(may_assign(boss, Some(2), Some(3)));
    }

    #[test]
    fn snoozes_end_in_the_future_within_a_year() {
        let now = 1_767_225_600_000; // Thursday 2026-01-01 00:00 UTC
        assert!(snooze_ok(None, now));
        assert!(snooze_ok(Some(now + 3_600_000), now));
        assert!(!snooze_ok(Some(now), now));
        assert!(!snooze_ok(Some(now + MAX_SNOOZE_MS + 1), now));
        assert_eq!(
            snooze_until(SnoozeChoice::Hours(3), now, 0),
            Some(now + 3 * 3_600_000)
        );
        let hour = 3_600_000;
        assert_eq!(
            snooze_until(SnoozeChoice::TomorrowMorning, now, 0),
            Some(now + 33 * hour),
            "Friday 09:00 UTC"
        );
        assert_eq!(
            snooze_until(SnoozeChoice::TomorrowMorning, now, 60),
            Some(now + 32 * hour),
            "Friday 09:00 in Madrid is 08:00 UTC"
        );
        assert_eq!(
            snooze_until(SnoozeChoice::NextWeek, now, 0),
            Some(now + 4 * 24 * hour + 9 * hour),
            "Monday 2026-01-05 09:00"
        );
        assert_eq!(
            snooze_until(SnoozeChoice::UntilCustomerWrites, now, 0),
            None
        );
    }
}
