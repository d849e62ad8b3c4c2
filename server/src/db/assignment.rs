//! Claiming, the queue, agents' load and snoozes that end.
//! Written once with `$n` parameters and stamped out per database by `assignment_queries!`.
//!
//! Every write here starts with its UPDATE: SQLite then takes the write lock at once (and
//! waits its busy timeout for it) instead of failing to upgrade a read transaction, and
//! PostgreSQL re-checks the row's WHERE after waiting for a concurrent writer — which is what
//! makes a claim atomic on both.

use app::domain::roles::Role;
use app::ssr::AgentLoad;

#[derive(sqlx::FromRow)]
pub(crate) struct AgentLoadRow {
    id: i64,
    name: String,
    role: String,
    capacity: i64,
    last_assigned_at: Option<i64>,
    open: i64,
}

impl From<AgentLoadRow> for AgentLoad {
    fn from(r: AgentLoadRow) -> Self {
        AgentLoad {
            user_id: r.id,
            name: r.name,
            role: Role::parse(&r.role).unwrap_or(Role::Agent),
            capacity: u32::try_from(r.capacity).unwrap_or(0),
            open: u32::try_from(r.open).unwrap_or(u32::MAX),
            last_assigned_at_ms: r.last_assigned_at,
        }
    }
}

pub(crate) fn loads(rows: Vec<AgentLoadRow>) -> Vec<AgentLoad> {
    rows.into_iter().map(Into::into).collect()
}

/// Implements `app::ssr::AssignmentStore` for one database.
macro_rules! assignment_queries {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::AssignmentStore for $store {
            async fn claim(&self, conversation_id: i64, user_id: i64, actor: Option<i64>, within_capacity: bool, now_ms: i64) -> Result<app::ssr::Claim, StoreError> {
                use app::domain::message::Activity;
                use app::ssr::Claim;
                let mut tx = self.begin_write().await?;
                // SET sees the old row: taking it from the bot records the takeover for reports.
                let claimed: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
                    "UPDATE conversations SET assignee_id = $2, updated_at = $3,
                        status = CASE WHEN status IN ('bot', 'snoozed') THEN 'open' ELSE status END,
                        snoozed_until = CASE WHEN status = 'snoozed' THEN NULL ELSE snoozed_until END,
                        bot_outcome = CASE WHEN status = 'bot' THEN 'taken_over' ELSE bot_outcome END,
                        bot_ended_at = CASE WHEN status = 'bot' THEN $3 ELSE bot_ended_at END,
                        bot_reason = CASE WHEN status = 'bot' THEN NULL ELSE bot_reason END
                     WHERE id = $1 AND assignee_id IS NULL AND status <> 'resolved'
                       AND ($4 = 0 OR (SELECT COUNT(*) FROM conversations o WHERE o.assignee_id = $2 AND o.status = 'open')
                                      < (SELECT u.capacity FROM users u WHERE u.id = $2))
                     RETURNING bot_outcome, bot_ended_at",
                )
                .bind(conversation_id)
                .bind(user_id)
                .bind(now_ms)
                .bind(i64::from(within_capacity))
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                let Some((bot_outcome, bot_ended_at)) = claimed else {
                    let row: Option<(Option<i64>, String)> = sqlx::query_as("SELECT assignee_id, status FROM conversations WHERE id = $1")
                        .bind(conversation_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(store_error)?;
                    return match row {
                        None => Err(StoreError::NotFound),
                        Some((Some(owner), _)) => Ok(Claim::Taken { by: self.user_name(&mut tx, Some(owner)).await? }),
                        Some((None, status)) if status == "resolved" => Ok(Claim::Resolved),
                        Some((None, _)) => Ok(Claim::Full),
                    };
                };
                let from_bot = bot_outcome.as_deref() == Some("taken_over") && bot_ended_at == Some(now_ms);
                let to = self.user_name(&mut tx, Some(user_id)).await?.ok_or(StoreError::NotFound)?;
                sqlx::query("UPDATE users SET last_assigned_at = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let activity = match actor {
                    Some(_) => Activity::Assigned { to },
                    None => Activity::AutoAssigned { to },
                };
                let mut changes = vec![app::ssr::Change::Conversation { id: conversation_id }];
                if from_bot {
                    let line = self.add_activity(&mut tx, conversation_id, actor, Activity::TakenOver, None, now_ms).await?;
                    changes.push(app::ssr::Change::Message { id: line });
                }
                let line = self.add_activity(&mut tx, conversation_id, actor, activity, None, now_ms).await?;
                changes.push(app::ssr::Change::Message { id: line });
                let record = self.find_conversation_in(&mut tx, conversation_id).await?;
                self.commit_announcing(tx, &changes).await?;
                Ok(Claim::Claimed(Box::new(record)))
            }

            async fn agent_loads(&self) -> Result<Vec<app::ssr::AgentLoad>, StoreError> {
                let rows: Vec<$crate::db::assignment::AgentLoadRow> = sqlx::query_as(
                    "SELECT u.id, u.name, u.role, u.capacity, u.last_assigned_at,
                        (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'open') AS open
                     FROM users u WHERE NOT u.disabled ORDER BY u.name, u.id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok($crate::db::assignment::loads(rows))
            }

            async fn queued(&self, limit: u32) -> Result<Vec<i64>, StoreError> {
                sqlx::query_scalar(
                    // Blocked customers are not handed to anyone.
                    "SELECT id FROM conversations WHERE status = 'open' AND assignee_id IS NULL
                        AND contact_id NOT IN (SELECT id FROM contacts WHERE blocked_at IS NOT NULL)
                     ORDER BY COALESCE(waiting_since, last_message_at), id LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)
            }

            async fn return_to_queue(&self, user_id: i64, now_ms: i64) -> Result<Vec<i64>, StoreError> {
                use app::domain::message::Activity;
                let mut tx = self.begin_write().await?;
                let mut ids: Vec<i64> = sqlx::query_scalar(
                    "UPDATE conversations SET assignee_id = NULL, updated_at = $2
                     WHERE assignee_id = $1 AND status = 'open' RETURNING id",
                )
                .bind(user_id)
                .bind(now_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                ids.sort_unstable();
                let from = self.user_name(&mut tx, Some(user_id)).await?.unwrap_or_default();
                let mut changes = Vec::new();
                for id in &ids {
                    let activity = Activity::ReturnedToQueue { from: from.clone() };
                    let line = self.add_activity(&mut tx, *id, None, activity, None, now_ms).await?;
                    changes.push(app::ssr::Change::Conversation { id: *id });
                    changes.push(app::ssr::Change::Message { id: line });
                }
                self.commit_announcing(tx, &changes).await?;
                Ok(ids)
            }

            async fn wake_snoozed(&self, now_ms: i64, limit: u32) -> Result<Vec<i64>, StoreError> {
                use app::domain::message::Activity;
                // Asked every few seconds: only take the write lock when something is due.
                let due: Option<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= $1 LIMIT 1")
                    .bind(now_ms)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                if due.is_none() {
                    return Ok(Vec::new());
                }
                let mut tx = self.begin_write().await?;
                let mut ids: Vec<i64> = sqlx::query_scalar(
                    "UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = $1
                     WHERE id IN (SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= $1
                                  ORDER BY snoozed_until, id LIMIT $2)
                     RETURNING id",
                )
                .bind(now_ms)
                .bind(i64::from(limit))
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                ids.sort_unstable();
                let mut changes = Vec::new();
                for id in &ids {
                    let line = self.add_activity(&mut tx, *id, None, Activity::SnoozeEnded, None, now_ms).await?;
                    changes.push(app::ssr::Change::Conversation { id: *id });
                    changes.push(app::ssr::Change::Message { id: line });
                }
                self.commit_announcing(tx, &changes).await?;
                Ok(ids)
            }
        }
    };
}

pub(crate) use assignment_queries;
