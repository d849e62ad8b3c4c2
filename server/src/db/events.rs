//! The event log's writes (`events`, migration 0007): one row per thing that happened to a
//! conversation, inserted by the store in the same transaction as the change itself.
//!
//! Where each kind is written:
//! - `created`: where conversations are inserted (ingestion, a business-initiated message);
//!   `detail` is `bot` when it starts with the bot, else `people`.
//! - `customer_message`: ingestion, once per inbound row actually inserted (a repeated webhook
//!   writes nothing), at the message's own WhatsApp timestamp; reactions and WhatsApp's system
//!   notices (number changes) are not the customer writing and are left out.
//! - `agent_reply`: every outbound message queued with an author (sender `agent`, templates
//!   included); bot replies and notes are not replies.
//! - `woke`: also when a customer's message ends a snooze (ingestion; no activity line), at
//!   the message's time, right after its `customer_message`.
//! - every other kind: with the conversation's activity line (`add_activity`), mapped by
//!   [`activity_event`]. A take-over by assignment or claim writes `taken_over` then
//!   `assigned`.
//! - Merging two contacts joins their unresolved conversations: the absorbed one's events
//!   move to the kept one, without its `created`.
//!
//! `created` is written before the first message's `customer_message`, at the moment we
//! stored it; that message keeps Meta's timestamp, which may be a little earlier.
//!
//! `assignee_id` is read from the conversation row inside the same statement, so it is the
//! assignee right after the change.

use app::domain::message::{Activity, MessageBody};
use app::domain::reports::EventKind;

/// One event to record; `at_ms`, who did it, and what it is about.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NewEvent<'a> {
    pub conversation_id: i64,
    pub at_ms: i64,
    pub kind: EventKind,
    pub actor_id: Option<i64>,
    pub label_id: Option<i64>,
    pub detail: Option<&'a str>,
}

impl<'a> NewEvent<'a> {
    pub(crate) fn new(conversation_id: i64, at_ms: i64, kind: EventKind) -> NewEvent<'a> {
        NewEvent {
            conversation_id,
            at_ms,
            kind,
            actor_id: None,
            label_id: None,
            detail: None,
        }
    }
}

/// The event an activity line stands for, and its detail.
pub(crate) fn activity_event(activity: &Activity) -> Option<(EventKind, Option<&'static str>)> {
    Some(match activity {
        Activity::Assigned { .. } | Activity::AutoAssigned { .. } => (EventKind::Assigned, None),
        Activity::Unassigned => (EventKind::Unassigned, None),
        Activity::Resolved => (EventKind::Resolved, None),
        Activity::Reopened => (EventKind::Reopened, None),
        Activity::Snoozed { .. } => (EventKind::Snoozed, None),
        Activity::SnoozeEnded => (EventKind::Woke, None),
        Activity::Labelled { .. } => (EventKind::Labelled, None),
        Activity::Unlabelled { .. } => (EventKind::Unlabelled, None),
        Activity::HandedToBot => (EventKind::HandedToBot, None),
        Activity::TakenOver => (EventKind::TakenOver, None),
        Activity::HandedOff { reason } => (EventKind::HandedOff, Some(reason.as_str())),
        Activity::BotResolved { quiet } => (
            EventKind::BotResolved,
            Some(if *quiet { "quiet" } else { "confirmed" }),
        ),
        Activity::ReturnedToQueue { .. } => (EventKind::ReturnedToQueue, None),
        // Consent changes are the contact's, not the conversation's work: no report event. A
        // desk-started conversation has its `created` event already.
        Activity::ConsentChanged { .. } | Activity::StartedByDesk => return None,
    })
}

/// Whether an inbound message is the customer writing: not a reaction, not one of
/// WhatsApp's system notices.
pub(crate) fn customer_wrote(body: &MessageBody) -> bool {
    !matches!(
        body,
        MessageBody::Reaction { .. } | MessageBody::System { .. }
    )
}

/// Stamps out `write_event` for one database, next to the store that calls it.
macro_rules! event_writer {
    ($db:ty) => {
        /// Appends one event inside the caller's transaction.
        pub(crate) async fn write_event(
            conn: &mut <$db as sqlx::Database>::Connection,
            event: $crate::db::events::NewEvent<'_>,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO events (at, conversation_id, kind, actor_id, assignee_id, label_id, detail)
                 SELECT $1, id, $3, $4, assignee_id, $5, $6 FROM conversations WHERE id = $2",
            )
            .bind(event.at_ms)
            .bind(event.conversation_id)
            .bind(event.kind.as_str())
            .bind(event.actor_id)
            .bind(event.label_id)
            .bind(event.detail)
            .execute(&mut *conn)
            .await
            .map(|_| ())
            .map_err(store_error)
        }
    };
}

pub(crate) use event_writer;

#[cfg(test)]
mod tests {
    use super::activity_event;
    use app::domain::bot::HandoffReason;
    use app::domain::message::Activity;
    use app::domain::reports::EventKind;

    #[test]
    fn bot_outcomes_keep_their_reason_in_the_detail() {
        let handoff = Activity::HandedOff {
            reason: HandoffReason::ALL[0],
        };
        assert_eq!(
            activity_event(&handoff),
            Some((EventKind::HandedOff, Some(HandoffReason::ALL[0].as_str())))
        );
        assert_eq!(
            activity_event(&Activity::BotResolved { quiet: true }),
            Some((EventKind::BotResolved, Some("quiet")))
        );
        assert_eq!(
            activity_event(&Activity::AutoAssigned { to: "Ana".into() }),
            Some((EventKind::Assigned, None))
        );
    }
}
