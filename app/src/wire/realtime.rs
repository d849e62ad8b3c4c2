//! The websocket protocol between the console and the server (`/ws`). JSON frames tagged by
//! `type`. Frames that change stored data carry a sequence number; a reconnecting console sends
//! the last one it saw (`/ws?resume=<epoch>:<seq>`) and gets what it missed, or `resync`.

use super::inbox::{ConversationSummary, MessageView};
use crate::domain::inbox::Presence;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ServerFrame {
    /// First frame of every connection.
    Hello {
        /// Identifies this server process: sequence numbers only mean something within it.
        epoch: String,
        /// The latest sequence number.
        seq: u64,
        /// Whether the frames missed since `resume` follow; if not, reload what is on screen.
        resumed: bool,
        presence: Vec<PresenceEntry>,
        viewing: Vec<ViewingEntry>,
        /// The server's clock: the console counts windows down on it, not on the browser's.
        #[serde(default)]
        server_time_ms: i64,
    },
    /// A conversation appeared or changed (new message, status, assignee, labels, window).
    Conversation {
        seq: u64,
        conversation: Box<ConversationSummary>,
    },
    /// A conversation this user may no longer see (assigned to a colleague).
    ConversationHidden {
        seq: u64,
        id: i64,
    },
    /// A message was stored or changed (a status, a failure, media downloaded).
    Message {
        seq: u64,
        message: Box<MessageView>,
    },
    Presence(PresenceEntry),
    /// Someone is typing in a conversation.
    Typing {
        conversation_id: i64,
        user_id: i64,
        name: String,
    },
    Viewing(ViewingEntry),
    /// A label was created, renamed, recoloured or deleted: reload the labels, and the rows
    /// and thread that show them.
    Labels {
        seq: u64,
    },
    /// A campaign's figures changed (supervisors and admins only).
    Campaign {
        id: i64,
    },
    /// Too much was missed: reload the list and the open thread.
    Resync,
    Pong,
}

impl ServerFrame {
    pub fn seq(&self) -> Option<u64> {
        match self {
            ServerFrame::Conversation { seq, .. }
            | ServerFrame::ConversationHidden { seq, .. }
            | ServerFrame::Message { seq, .. }
            | ServerFrame::Labels { seq } => Some(*seq),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceEntry {
    pub user_id: i64,
    pub name: String,
    pub presence: Presence,
}

/// Which conversation a user has open (`None`: none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewingEntry {
    pub user_id: i64,
    pub name: String,
    pub conversation_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ClientFrame {
    /// The conversation on screen (`None`: none).
    Focus {
        conversation_id: Option<i64>,
    },
    Typing {
        conversation_id: i64,
    },
    /// Online or away, chosen by the agent or by the idle timer.
    Presence {
        presence: Presence,
    },
    Ping,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_tagged_json() {
        let f = ClientFrame::Focus {
            conversation_id: Some(3),
        };
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"type":"focus","conversation_id":3}"#
        );
        let back: ServerFrame = serde_json::from_str(r#"{"type":"resync"}"#).unwrap();
        assert_eq!(back, ServerFrame::Resync);
        let p: ServerFrame = serde_json::from_str(
            r#"{"type":"presence","user_id":1,"name":"Ana","presence":"away"}"#,
        )
        .unwrap();
        assert_eq!(p.seq(), None);
    }

    #[test]
    fn label_frames_are_numbered() {
        let f = ServerFrame::Labels { seq: 7 };
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"type":"labels","seq":7}"#
        );
        assert_eq!(f.seq(), Some(7));
    }
}
