//! The shared inbox's rules: conversation states, the list's views, who may see which
//! conversation, presence, and the send guard. The server filters lists and live events with
//! these functions; the browser uses the same ones to place live updates in the open view.

use super::roles::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationStatus {
    /// The bot is handling it.
    Bot,
    /// Humans handle it; unassigned means waiting in the queue.
    Open,
    /// Put aside until a time or the customer's next message.
    Snoozed,
    Resolved,
}

impl ConversationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationStatus::Bot => "bot",
            ConversationStatus::Open => "open",
            ConversationStatus::Snoozed => "snoozed",
            ConversationStatus::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<ConversationStatus> {
        match s {
            "bot" => Some(ConversationStatus::Bot),
            "open" => Some(ConversationStatus::Open),
            "snoozed" => Some(ConversationStatus::Snoozed),
            "resolved" => Some(ConversationStatus::Resolved),
            _ => None,
        }
    }
}

/// The conversation list's views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// Open conversations assigned to me.
    #[default]
    Mine,
    /// Open and unassigned: waiting for someone to take them, oldest wait first.
    Queue,
    /// Everything not resolved.
    All,
    Bot,
    Snoozed,
    Resolved,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Mine,
        View::Queue,
        View::All,
        View::Bot,
        View::Snoozed,
        View::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            View::Mine => "mine",
            View::Queue => "queue",
            View::All => "all",
            View::Bot => "bot",
            View::Snoozed => "snoozed",
            View::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether a conversation in `status`, assigned to `assignee`, belongs in this view for
    /// user `me`. The store's SQL says the same thing.
    pub fn contains(self, status: ConversationStatus, assignee: Option<i64>, me: i64) -> bool {
        use ConversationStatus as S;
        match self {
            View::Mine => status == S::Open && assignee == Some(me),
            View::Queue => status == S::Open && assignee.is_none(),
            View::All => status != S::Resolved,
            View::Bot => status == S::Bot,
            View::Snoozed => status == S::Snoozed,
            View::Resolved => status == S::Resolved,
        }
    }

    /// The queue is served oldest wait first; every other view shows the latest activity first.
    pub fn oldest_wait_first(self) -> bool {
        self == View::Queue
    }
}

/// Whom agents may see. Supervisors and admins always see every conversation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentVisibility {
    /// Agents see every conversation of the number (a fully shared inbox).
    #[default]
    All,
    /// Agents see unassigned conversations and their own, not their colleagues'.
    OwnAndUnassigned,
}

impl AgentVisibility {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentVisibility::All => "all",
            AgentVisibility::OwnAndUnassigned => "own_and_unassigned",
        }
    }

    pub fn parse(s: &str) -> Option<AgentVisibility> {
        match s {
            "all" => Some(AgentVisibility::All),
            "own_and_unassigned" => Some(AgentVisibility::OwnAndUnassigned),
            _ => None,
        }
    }
}

/// Who is looking, for permission checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: i64,
    pub role: Role,
}

impl Viewer {
    /// Whether this viewer only sees unassigned conversations and their own.
    pub fn restricted(self, policy: AgentVisibility) -> bool {
        self.role == Role::Agent && policy == AgentVisibility::OwnAndUnassigned
    }

    /// Whether this viewer may see (load, receive live events about) a conversation assigned to
    /// `assignee`. Used by every server function and by the websocket for every event.
    pub fn can_see(self, policy: AgentVisibility, assignee: Option<i64>) -> bool {
        !self.restricted(policy) || assignee.is_none() || assignee == Some(self.user_id)
    }
}

/// An agent's availability, shown to colleagues.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Online,
    Away,
    #[default]
    Offline,
}

impl Presence {
    /// What someone's presence becomes when `next` is signalled and they were `current`
    /// (`None`: never seen). Only someone at the desk can be away: a supervisor's "set away"
    /// for a colleague who just left does not bring them back from offline.
    pub fn after(current: Option<Presence>, next: Presence) -> Presence {
        match (current, next) {
            (None | Some(Presence::Offline), Presence::Away) => Presence::Offline,
            (_, next) => next,
        }
    }
}

/// After this long without keyboard or mouse the console marks its agent away.
pub const AUTO_AWAY_MS: i64 = 5 * 60 * 1000;
/// "Ana is typing" stays up this long after her last keystroke signal.
pub const TYPING_SHOWN_MS: i64 = 6_000;
/// A typing console repeats its signal this often.
pub const TYPING_REPEAT_MS: i64 = 3_000;

/// What the composer must tell the agent before sending, because the conversation moved on
/// since they started writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendWarning {
    /// The customer wrote `count` more messages.
    CustomerWrote { count: usize },
    /// Colleagues replied meanwhile.
    ColleagueReplied { names: Vec<String> },
}

/// A message of the open thread as the send guard sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardMessage {
    pub id: i64,
    pub inbound: bool,
    /// The agent who wrote it, for outbound messages written by agents.
    pub agent: Option<(i64, String)>,
}

/// Messages that arrived after `seen_up_to` (the newest message id the agent had when they
/// started typing) and should stop a send until acknowledged.
pub fn send_warnings(messages: &[GuardMessage], seen_up_to: i64, me: i64) -> Vec<SendWarning> {
    let newer = messages.iter().filter(|m| m.id > seen_up_to);
    let mut customer = 0;
    let mut names: Vec<String> = Vec::new();
    for m in newer {
        if m.inbound {
            customer += 1;
        } else if let Some((id, name)) = &m.agent {
            if *id != me && !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let mut warnings = Vec::new();
    if customer > 0 {
        warnings.push(SendWarning::CustomerWrote { count: customer });
    }
    if !names.is_empty() {
        warnings.push(SendWarning::ColleagueReplied { names });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConversationStatus as S;

    #[test]
    fn only_someone_at_the_desk_can_be_set_away() {
        use Presence::*;
        assert_eq!(Presence::after(Some(Online), Away), Away);
        assert_eq!(Presence::after(Some(Away), Online), Online);
        assert_eq!(Presence::after(Some(Offline), Away), Offline);
        assert_eq!(Presence::after(None, Away), Offline);
        assert_eq!(Presence::after(None, Online), Online);
        assert_eq!(Presence::after(Some(Online), Offline), Offline);
    }

    #[test]
    fn views_partition_conversations_as_agents_expect() {
        let me = 7;
        assert!(View::Mine.contains(S::Open, Some(me), me));
        assert!(!View::Mine.contains(S::Open, Some(8), me));
        assert!(!View::Mine.contains(S::Resolved, Some(me), me));
        assert!(View::Queue.contains(S::Open, None, me));
        assert!(
            !View::Queue.contains(S::Bot, None, me),
            "the bot's are not waiting"
        );
        assert!(View::All.contains(S::Bot, None, me));
        assert!(View::All.contains(S::Snoozed, Some(8), me));
        assert!(!View::All.contains(S::Resolved, None, me));
        assert!(View::Resolved.contains(S::Resolved, Some(8), me));
        for v in View::ALL {
            assert_eq!(View::parse(v.as_str()), Some(v));
        }
    }

    #[test]
    fn restricted_agents_see_only_unassigned_and_their_own() {
        let agent = Viewer {
            user_id: 1,
            role: Role::Agent,
        };
        let supervisor = Viewer {
            user_id: 2,
            role: Role::Supervisor,
        };
        let strict = AgentVisibility::OwnAndUnassigned;
        assert!(agent.can_see(strict, None));
        assert!(agent.can_see(strict, Some(1)));
        assert!(!agent.can_see(strict, Some(3)));
        assert!(supervisor.can_see(strict, Some(3)));
        assert!(agent.can_see(AgentVisibility::All, Some(3)));
    }

    #[test]
    fn the_send_guard_names_what_happened_since_typing_began() {
        let msgs = vec![
            GuardMessage {
                id: 10,
                inbound: true,
                agent: None,
            },
            GuardMessage {
                id: 11,
                inbound: true,
                agent: None,
            },
            GuardMessage {
                id: 12,
                inbound: false,
                agent: Some((2, "Ana".into())),
            },
            GuardMessage {
                id: 13,
                inbound: false,
                agent: Some((1, "Me".into())),
            },
        ];
        assert_eq!(send_warnings(&msgs, 13, 1), vec![]);
        assert_eq!(
            send_warnings(&msgs, 9, 1),
            vec![
                SendWarning::CustomerWrote { count: 2 },
                SendWarning::ColleagueReplied {
                    names: vec!["Ana".into()]
                }
            ]
        );
        assert_eq!(
            send_warnings(&msgs, 11, 1),
            vec![SendWarning::ColleagueReplied {
                names: vec!["Ana".into()]
            }]
        );
        assert_eq!(
            send_warnings(&msgs, 12, 1),
            vec![],
            "my own reply is no surprise"
        );
    }
}
