//! The supervisor dashboard's figures at one moment. Written once with `$n` parameters and
//! stamped out per database by `dashboard_queries!`.
//!
//! Choices (see also `wire::reports::DashboardSnapshot`):
//! - the queue is open, unassigned conversations, longest wait first (`waiting_since`, else
//!   their last message), the same order as the inbox's queue;
//! - an agent's open conversations are their open and snoozed ones; their last reply is their
//!   latest `agent_reply` event;
//! - resolved today counts distinct conversations with a `resolved` or `bot_resolved` event
//!   since midnight (the event log, like the reports), whatever they became since;
//! - windows closing: unresolved conversations whose customer last wrote in the query's
//!   range, soonest first, at most [`CLOSING_LIMIT`];
//! - failures: sends whose status turned `failed` in `[since, now)`, by error code;
//! - per minute: messages by their `sent_at` in minutes counted from `since` (integer
//!   division, the same in both databases); inbound rows and real sends (not notes, not
//!   activity lines).

use app::domain::inbox::ConversationStatus;
use app::domain::phone::shown_name;
use app::domain::roles::Role;
use app::wire::reports::{AgentDesk, DeskConversation, FailureCount, MinuteCount};

/// The queue shows this many, longest wait first.
pub(crate) const QUEUE_SHOWN: i64 = 20;
/// Windows closing within the hour listed at most.
pub(crate) const CLOSING_LIMIT: i64 = 100;
pub(crate) const MINUTE_MS: i64 = 60_000;

#[derive(sqlx::FromRow)]
pub(crate) struct DeskRow {
    id: i64,
    name: String,
    role: String,
    capacity: i64,
    open: i64,
    last_reply_at: Option<i64>,
}

/// Agents with their open and snoozed conversations (`(assignee, id, contact, status)`).
pub(crate) fn desks(
    rows: Vec<DeskRow>,
    conversations: Vec<(i64, i64, String, String)>,
) -> Vec<AgentDesk> {
    let mut desks: Vec<AgentDesk> = rows
        .into_iter()
        .map(|r| AgentDesk {
            user_id: r.id,
            name: r.name,
            role: Role::parse(&r.role).unwrap_or(Role::Agent),
            capacity: u32::try_from(r.capacity).unwrap_or(0),
            open: u32::try_from(r.open).unwrap_or(u32::MAX),
            last_reply_at_ms: r.last_reply_at,
            conversations: Vec::new(),
        })
        .collect();
    for (assignee, id, contact_name, status) in conversations {
        if let Some(desk) = desks.iter_mut().find(|d| d.user_id == assignee) {
            desk.conversations.push(DeskConversation {
                id,
                contact_name: shown_name(&contact_name),
                status: ConversationStatus::parse(&status).unwrap_or(ConversationStatus::Open),
            });
        }
    }
    desks
}

/// Most frequent first, then by code (no code last), the same on both databases.
pub(crate) fn failures(rows: Vec<(Option<i64>, Option<String>, i64)>) -> Vec<FailureCount> {
    let mut failures: Vec<FailureCount> = rows
        .into_iter()
        .map(|(code, title, count)| FailureCount {
            code,
            title,
            count: u64::try_from(count).unwrap_or(0),
        })
        .collect();
    failures.sort_by_key(|f| (std::cmp::Reverse(f.count), f.code.is_none(), f.code));
    failures
}

/// Every minute of `[since_ms, now_ms)`, oldest first, from `(minute index, in, out)` rows.
pub(crate) fn per_minute(since_ms: i64, now_ms: i64, rows: &[(i64, i64, i64)]) -> Vec<MinuteCount> {
    let minutes = (now_ms - since_ms + MINUTE_MS - 1).max(0) / MINUTE_MS;
    (0..minutes)
        .map(|i| {
            let (inbound, outbound) = rows
                .iter()
                .find(|(m, _, _)| *m == i)
                .map(|(_, a, b)| (*a, *b))
                .unwrap_or((0, 0));
            MinuteCount {
                minute_ms: since_ms + i * MINUTE_MS,
                inbound: u64::try_from(inbound).unwrap_or(0),
                outbound: u64::try_from(outbound).unwrap_or(0),
            }
        })
        .collect()
}

pub(crate) fn count(n: Option<i64>) -> u64 {
    u64::try_from(n.unwrap_or(0)).unwrap_or(0)
}

macro_rules! dashboard_queries {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn dashboard_at(&self, query: app::ssr::DashboardQuery) -> Result<app::wire::reports::DashboardSnapshot, StoreError> {
                use app::wire::reports::{ClosingWindow, DashboardSnapshot, QueuedConversation, StatusCounts};
                use $crate::db::dashboard::{count, DeskRow, CLOSING_LIMIT, MINUTE_MS, QUEUE_SHOWN};
                use $crate::db::inbox::contact_name;
                let mut tx = self.pool.begin().await.map_err(store_error)?;
                let queue: Vec<(i64, String, i64, String)> = sqlx::query_as(concat!(
                    "SELECT cv.id, ", contact_name!(), ", COALESCE(cv.waiting_since, cv.last_message_at), COALESCE(m.preview, '')
                     FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
                     LEFT JOIN messages m ON m.id = cv.last_message_id
                     WHERE cv.status = 'open' AND cv.assignee_id IS NULL
                     ORDER BY COALESCE(cv.waiting_since, cv.last_message_at), cv.id LIMIT $1"
                ))
                .bind(QUEUE_SHOWN)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let statuses: (Option<i64>, Option<i64>, Option<i64>, Option<i64>) = sqlx::query_as(
                    "SELECT SUM(CASE WHEN status = 'bot' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'open' AND assignee_id IS NULL THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'open' AND assignee_id IS NOT NULL THEN 1 ELSE 0 END),
                        SUM(CASE WHEN status = 'snoozed' THEN 1 ELSE 0 END)
                     FROM conversations WHERE status <> 'resolved'",
                )
                .fetch_one(&mut *tx)
                .await
                .map_err(store_error)?;
                let resolved_today: i64 = sqlx::query_scalar(
                    "SELECT COUNT(DISTINCT conversation_id) FROM events WHERE at >= $1 AND kind IN ('resolved', 'bot_resolved')",
                )
                .bind(query.today_start_ms)
                .fetch_one(&mut *tx)
                .await
                .map_err(store_error)?;
                let desks: Vec<DeskRow> = sqlx::query_as(
                    "SELECT u.id, u.name, u.role, u.capacity,
                        (SELECT COUNT(*) FROM conversations cv WHERE cv.assignee_id = u.id AND cv.status IN ('open', 'snoozed')) AS open,
                        (SELECT MAX(e.at) FROM events e WHERE e.actor_id = u.id AND e.kind = 'agent_reply') AS last_reply_at
                     FROM users u WHERE NOT u.disabled ORDER BY u.name, u.id",
                )
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let on_desks: Vec<(i64, i64, String, String)> = sqlx::query_as(concat!(
                    "SELECT cv.assignee_id, cv.id, ", contact_name!(), ", cv.status
                     FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
                     WHERE cv.assignee_id IS NOT NULL AND cv.status IN ('open', 'snoozed')
                     ORDER BY cv.last_message_at DESC, cv.id DESC"
                ))
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let closing: Vec<(i64, String, Option<String>, i64)> = sqlx::query_as(concat!(
                    "SELECT cv.id, ", contact_name!(), ", u.name, c.last_inbound_at
                     FROM conversations cv JOIN contacts c ON c.id = cv.contact_id
                     LEFT JOIN users u ON u.id = cv.assignee_id
                     WHERE cv.status <> 'resolved' AND c.last_inbound_at >= $1 AND c.last_inbound_at < $2
                     ORDER BY c.last_inbound_at, cv.id LIMIT $3"
                ))
                .bind(query.closing_from_ms)
                .bind(query.closing_until_ms)
                .bind(CLOSING_LIMIT)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let failures: Vec<(Option<i64>, Option<String>, i64)> = sqlx::query_as(
                    "SELECT error_code, MIN(error_title), COUNT(*) FROM messages
                     WHERE status = 'failed' AND status_at >= $1 AND status_at < $2 AND direction = 'outbound'
                     GROUP BY error_code",
                )
                .bind(query.since_ms)
                .bind(query.now_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let minutes: Vec<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
                    "SELECT (sent_at - $1) / $3,
                        SUM(CASE WHEN direction = 'inbound' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN direction = 'outbound' THEN 1 ELSE 0 END)
                     FROM messages
                     WHERE sent_at >= $1 AND sent_at < $2 AND (direction = 'inbound' OR outbound IS NOT NULL)
                     GROUP BY 1",
                )
                .bind(query.since_ms)
                .bind(query.now_ms)
                .bind(MINUTE_MS)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                tx.commit().await.map_err(store_error)?;
                let minutes: Vec<(i64, i64, i64)> = minutes.into_iter().map(|(m, i, o)| (m, i.unwrap_or(0), o.unwrap_or(0))).collect();
                Ok(DashboardSnapshot {
                    now_ms: query.now_ms,
                    queue_length: count(statuses.1),
                    queue: queue
                        .into_iter()
                        .map(|(id, contact_name, waiting_since_ms, preview)| QueuedConversation { id, contact_name: app::domain::phone::shown_name(&contact_name), waiting_since_ms, preview })
                        .collect(),
                    agents: $crate::db::dashboard::desks(desks, on_desks),
                    by_status: StatusCounts {
                        bot: count(statuses.0),
                        queued: count(statuses.1),
                        assigned: count(statuses.2),
                        snoozed: count(statuses.3),
                        resolved_today: count(Some(resolved_today)),
                    },
                    closing: closing
                        .into_iter()
                        .map(|(id, contact_name, assignee_name, last_inbound)| ClosingWindow {
                            id,
                            contact_name: app::domain::phone::shown_name(&contact_name),
                            assignee_name,
                            closes_at_ms: last_inbound + app::domain::window::WINDOW_MS,
                        })
                        .collect(),
                    failures: $crate::db::dashboard::failures(failures),
                    per_minute: $crate::db::dashboard::per_minute(query.since_ms, query.now_ms, &minutes),
                })
            }
        }
    };
}

pub(crate) use dashboard_queries;
