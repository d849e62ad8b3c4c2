//! The bot's FAQ and catalog, and its conversations' turns, handoffs and outcomes.
//! Written once with `$n` parameters and stamped out per database by `bot_queries!`.
//!
//! A conversation's bot columns (migration 0006): `bot_state` (JSON `BotState`), `bot_turn`
//! (bumped by every write that changes whose it is, so a turn computed earlier is refused),
//! `bot_started_at`, and for reports `bot_ended_at`, `bot_outcome` and `bot_reason`.

use app::domain::bot::{FaqEntry, HandoffReason, Product};
use app::domain::message::Activity;

#[derive(sqlx::FromRow)]
pub(crate) struct FaqRow {
    id: i64,
    title: String,
    phrasings: String,
    answer: String,
    updated_at: i64,
}

impl From<FaqRow> for FaqEntry {
    fn from(r: FaqRow) -> Self {
        FaqEntry {
            // Written only by us as a JSON array of strings; anything else reads as none.
            phrasings: serde_json::from_str(&r.phrasings).unwrap_or_default(),
            id: r.id,
            title: r.title,
            answer: r.answer,
            updated_at_ms: r.updated_at,
        }
    }
}

pub(crate) const FAQ_COLUMNS: &str = "id, title, phrasings, answer, updated_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ProductRow {
    id: i64,
    sku: Option<String>,
    name: String,
    description: String,
    price: Option<String>,
    link: Option<String>,
    image_url: Option<String>,
    updated_at: i64,
}

impl From<ProductRow> for Product {
    fn from(r: ProductRow) -> Self {
        Product {
            id: r.id,
            sku: r.sku,
            name: r.name,
            description: r.description,
            price: r.price,
            link: r.link,
            image_url: r.image_url,
            updated_at_ms: r.updated_at,
        }
    }
}

pub(crate) const PRODUCT_COLUMNS: &str =
    "id, sku, name, description, price, link, image_url, updated_at";

/// By title, ignoring case (in Rust: the databases' collations differ), then by id.
pub(crate) fn faq_by_title(rows: Vec<FaqRow>) -> Vec<FaqEntry> {
    let mut entries: Vec<FaqEntry> = rows.into_iter().map(Into::into).collect();
    entries.sort_by_cached_key(|e| (e.title.to_lowercase(), e.id));
    entries
}

/// By name, ignoring case, then by id.
pub(crate) fn products_by_name(rows: Vec<ProductRow>) -> Vec<Product> {
    let mut products: Vec<Product> = rows.into_iter().map(Into::into).collect();
    products.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
    products
}

/// How the bot's part of a conversation ends.
#[derive(Clone, Copy, Debug)]
pub(crate) enum BotEnd {
    /// To people: open, in the queue, waiting since now.
    HandOff(HandoffReason),
    /// The customer said they were done.
    Confirmed,
    /// The customer went quiet after the bot's last message (older than `silent_since_ms`).
    Quiet { silent_since_ms: i64 },
}

impl BotEnd {
    /// The status it leaves, the outcome and reason recorded for reports, the line written.
    pub(crate) fn columns(self) -> (&'static str, &'static str, &'static str, Activity) {
        match self {
            BotEnd::HandOff(reason) => (
                "open",
                "handed_off",
                reason.as_str(),
                Activity::HandedOff { reason },
            ),
            BotEnd::Confirmed => (
                "resolved",
                "resolved",
                "confirmed",
                Activity::BotResolved { quiet: false },
            ),
            BotEnd::Quiet { .. } => (
                "resolved",
                "resolved",
                "quiet",
                Activity::BotResolved { quiet: true },
            ),
        }
    }

    /// Only a conversation still silent since then (a quiet resolution re-checks it).
    pub(crate) fn silent_since(self) -> Option<i64> {
        match self {
            BotEnd::Quiet { silent_since_ms } => Some(silent_since_ms),
            _ => None,
        }
    }
}

/// Implements `app::ssr::BotStore` for one database.
macro_rules! bot_queries {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Ends the bot's part of a conversation still with the bot, with its activity
            /// line; `None` (nothing written) when it is not the bot's any more.
            async fn end_bot_in(&self, tx: &mut sqlx::Transaction<'_, $db>, id: i64, end: $crate::db::bot::BotEnd, now_ms: i64) -> Result<Option<i64>, StoreError> {
                let (status, outcome, reason, activity) = end.columns();
                let ended = sqlx::query(
                    "UPDATE conversations SET status = $2, updated_at = $3, bot_ended_at = $3, bot_outcome = $4, bot_reason = $5,
                        waiting_since = CASE WHEN $2 = 'open' THEN $3 ELSE NULL END,
                        resolved_at = CASE WHEN $2 = 'resolved' THEN $3 ELSE resolved_at END
                     WHERE id = $1 AND status = 'bot'
                       AND ($6 IS NULL OR (last_message_at < $6
                            AND (SELECT m.direction FROM messages m WHERE m.id = conversations.last_message_id) = 'outbound'))",
                )
                .bind(id)
                .bind(status)
                .bind(now_ms)
                .bind(outcome)
                .bind(reason)
                .bind(end.silent_since())
                .execute(&mut **tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                if ended == 0 {
                    return Ok(None);
                }
                self.add_activity(tx, id, None, activity, None, now_ms).await.map(Some)
            }

            /// Ends each of `ids` that is still the bot's; returns those it ended.
            async fn end_bot_many(&self, ids: Vec<i64>, end: $crate::db::bot::BotEnd, now_ms: i64) -> Result<Vec<i64>, StoreError> {
                if ids.is_empty() {
                    return Ok(ids);
                }
                let mut tx = self.begin_write().await?;
                let mut ended = Vec::new();
                let mut changes = Vec::new();
                for id in ids {
                    if let Some(line) = self.end_bot_in(&mut tx, id, end, now_ms).await? {
                        ended.push(id);
                        changes.push(app::ssr::Change::Conversation { id });
                        changes.push(app::ssr::Change::Message { id: line });
                    }
                }
                self.commit_announcing(tx, &changes).await?;
                Ok(ended)
            }

            async fn write_product_in(&self, tx: &mut sqlx::Transaction<'_, $db>, id: Option<i64>, draft: &app::domain::bot::ProductDraft, now_ms: i64) -> Result<Option<app::domain::bot::Product>, StoreError> {
                use $crate::db::bot::{ProductRow, PRODUCT_COLUMNS};
                let sql = match id {
                    Some(_) => format!(
                        "UPDATE bot_products SET sku = $2, name = $3, description = $4, price = $5, link = $6, image_url = $7,
                            updated_at = $8 WHERE id = $1 RETURNING {PRODUCT_COLUMNS}"
                    ),
                    None => format!(
                        "INSERT INTO bot_products (sku, name, description, price, link, image_url, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {PRODUCT_COLUMNS}"
                    ),
                };
                let mut query = sqlx::query_as::<_, ProductRow>(&sql);
                if let Some(id) = id {
                    query = query.bind(id);
                }
                let row = query
                    .bind(&draft.sku)
                    .bind(&draft.name)
                    .bind(&draft.description)
                    .bind(&draft.price)
                    .bind(&draft.link)
                    .bind(&draft.image_url)
                    .bind(now_ms)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store_error)?;
                Ok(row.map(Into::into))
            }
        }

        #[async_trait::async_trait]
        impl app::ssr::BotStore for $store {
            async fn claim_bot_work(&self, now_ms: i64, lease_until_ms: i64, limit: u32) -> Result<Vec<app::ssr::BotJob>, StoreError> {
                let candidates: Vec<i64> = sqlx::query_scalar(
                    "SELECT b.message_id FROM bot_inbox b
                     WHERE b.due_at <= $1
                       AND NOT EXISTS (SELECT 1 FROM bot_inbox e
                                       WHERE e.conversation_id = b.conversation_id AND e.message_id < b.message_id)
                       AND (b.claimed_until IS NULL OR b.claimed_until < $1)
                     ORDER BY b.message_id LIMIT $2",
                )
                .bind(now_ms)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                let mut jobs = Vec::with_capacity(candidates.len());
                for id in candidates {
                    // Another worker may have claimed it since: the condition decides.
                    let row: Option<(i64, i64, i64)> = sqlx::query_as(
                        "UPDATE bot_inbox SET claimed_until = $2
                         WHERE message_id = $1 AND (claimed_until IS NULL OR claimed_until < $3)
                         RETURNING message_id, conversation_id, attempts",
                    )
                    .bind(id)
                    .bind(lease_until_ms)
                    .bind(now_ms)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                    if let Some((message_id, conversation_id, attempts)) = row {
                        jobs.push(app::ssr::BotJob {
                            message_id,
                            conversation_id,
                            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                        });
                    }
                }
                Ok(jobs)
            }

            async fn finish_bot_work(&self, message_id: i64) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM bot_inbox WHERE message_id = $1")
                    .bind(message_id)
                    .execute(&self.pool)
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }

            async fn postpone_bot_work(&self, message_id: i64, due_at_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE bot_inbox SET due_at = $2, claimed_until = NULL, attempts = attempts + 1
                     WHERE message_id = $1",
                )
                .bind(message_id)
                .bind(due_at_ms)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn faq_entries(&self) -> Result<Vec<app::domain::bot::FaqEntry>, StoreError> {
                use $crate::db::bot::{FaqRow, FAQ_COLUMNS};
                let rows: Vec<FaqRow> = sqlx::query_as(&format!("SELECT {FAQ_COLUMNS} FROM bot_faq"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok($crate::db::bot::faq_by_title(rows))
            }

            async fn create_faq_entry(&self, draft: &app::domain::bot::FaqDraft, now_ms: i64) -> Result<app::domain::bot::FaqEntry, StoreError> {
                use $crate::db::bot::{FaqRow, FAQ_COLUMNS};
                let row: FaqRow = sqlx::query_as(&format!(
                    "INSERT INTO bot_faq (title, phrasings, answer, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $4) RETURNING {FAQ_COLUMNS}"
                ))
                .bind(&draft.title)
                .bind($crate::db::ingest::to_json(&draft.phrasings))
                .bind(&draft.answer)
                .bind(now_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(row.into())
            }

            async fn update_faq_entry(&self, id: i64, draft: &app::domain::bot::FaqDraft, now_ms: i64) -> Result<app::domain::bot::FaqEntry, StoreError> {
                use $crate::db::bot::{FaqRow, FAQ_COLUMNS};
                let row: Option<FaqRow> = sqlx::query_as(&format!(
                    "UPDATE bot_faq SET title = $2, phrasings = $3, answer = $4, updated_at = $5
                     WHERE id = $1 RETURNING {FAQ_COLUMNS}"
                ))
                .bind(id)
                .bind(&draft.title)
                .bind($crate::db::ingest::to_json(&draft.phrasings))
                .bind(&draft.answer)
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                row.map(Into::into).ok_or(StoreError::NotFound)
            }

            async fn delete_faq_entry(&self, id: i64) -> Result<(), StoreError> {
                let deleted = sqlx::query("DELETE FROM bot_faq WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(store_error)?
                    .rows_affected();
                $crate::db::inbox::not_found_if_zero(deleted)
            }

            async fn products(&self) -> Result<Vec<app::domain::bot::Product>, StoreError> {
                use $crate::db::bot::{ProductRow, PRODUCT_COLUMNS};
                let rows: Vec<ProductRow> = sqlx::query_as(&format!("SELECT {PRODUCT_COLUMNS} FROM bot_products"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok($crate::db::bot::products_by_name(rows))
            }

            async fn create_product(&self, draft: &app::domain::bot::ProductDraft, now_ms: i64) -> Result<app::domain::bot::Product, StoreError> {
                let mut tx = self.begin_write().await?;
                let product = self.write_product_in(&mut tx, None, draft, now_ms).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(store_error)?;
                Ok(product)
            }

            async fn update_product(&self, id: i64, draft: &app::domain::bot::ProductDraft, now_ms: i64) -> Result<app::domain::bot::Product, StoreError> {
                let mut tx = self.begin_write().await?;
                let product = self.write_product_in(&mut tx, Some(id), draft, now_ms).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await.map_err(store_error)?;
                Ok(product)
            }

            async fn delete_product(&self, id: i64) -> Result<(), StoreError> {
                let deleted = sqlx::query("DELETE FROM bot_products WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(store_error)?
                    .rows_affected();
                $crate::db::inbox::not_found_if_zero(deleted)
            }

            async fn import_products(&self, drafts: &[app::domain::bot::ProductDraft], now_ms: i64) -> Result<app::ssr::ImportCounts, StoreError> {
                let mut tx = self.begin_write().await?;
                let mut counts = app::ssr::ImportCounts::default();
                for draft in drafts {
                    let existing: Option<i64> = match &draft.sku {
                        Some(sku) => sqlx::query_scalar("SELECT id FROM bot_products WHERE sku = $1")
                            .bind(sku)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(store_error)?,
                        None => None,
                    };
                    self.write_product_in(&mut tx, existing, draft, now_ms).await?.ok_or(StoreError::NotFound)?;
                    match existing {
                        Some(_) => counts.updated += 1,
                        None => counts.created += 1,
                    }
                }
                tx.commit().await.map_err(store_error)?;
                Ok(counts)
            }

            async fn bot_conversation(&self, id: i64) -> Result<Option<app::ssr::BotConversation>, StoreError> {
                use app::domain::inbox::ConversationStatus;
                let row: Option<(i64, i64, String, Option<String>, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT id, contact_id, status, bot_state, bot_turn, bot_started_at FROM conversations WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(row.map(|(id, contact_id, status, state, turn, started_at_ms)| app::ssr::BotConversation {
                    id,
                    contact_id,
                    status: ConversationStatus::parse(&status).unwrap_or(ConversationStatus::Open),
                    // A missing or unreadable state starts the conversation afresh.
                    state: state.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default(),
                    turn,
                    started_at_ms,
                }))
            }

            async fn bot_turn(&self, write: app::ssr::BotTurnWrite, now_ms: i64) -> Result<app::ssr::BotTurnOutcome, StoreError> {
                use app::domain::bot::engine::TurnEnd;
                use app::ssr::{BotTurnOutcome, Change, NewOutbound};
                use $crate::db::bot::BotEnd;
                let id = write.conversation_id;
                let mut tx = self.begin_write().await?;
                // First, so that the turn holds the row: an agent's claim or a newer turn waits
                // for it or made it refuse.
                let current = sqlx::query(
                    "UPDATE conversations SET bot_state = $2, bot_turn = bot_turn + 1, updated_at = $3
                     WHERE id = $1 AND status = 'bot' AND bot_turn = $4",
                )
                .bind(id)
                .bind($crate::db::ingest::to_json(&write.state))
                .bind(now_ms)
                .bind(write.expected_turn)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                if current == 0 {
                    tx.rollback().await.map_err(store_error)?;
                    return Ok(BotTurnOutcome::Superseded);
                }
                // The job goes with the answer: answered once, even by two workers.
                if let Some(message_id) = write.answering {
                    let job = sqlx::query("DELETE FROM bot_inbox WHERE message_id = $1")
                        .bind(message_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(store_error)?
                        .rows_affected();
                    if job == 0 {
                        tx.rollback().await.map_err(store_error)?;
                        return Ok(BotTurnOutcome::AlreadyAnswered);
                    }
                }
                let mut messages = Vec::with_capacity(write.replies.len());
                let mut changes = vec![Change::Conversation { id }];
                for outbound in write.replies {
                    let reply = NewOutbound { conversation_id: id, outbound, sender_user_id: None, reply_to: None, echo_id: None };
                    let message = Self::queue_outbound(&mut tx, &reply, now_ms).await?;
                    messages.push(message);
                    changes.push(Change::Message { id: message });
                }
                let end = write.end.map(|end| match end {
                    TurnEnd::HandOff { reason } => BotEnd::HandOff(reason),
                    TurnEnd::Resolved => BotEnd::Confirmed,
                });
                if let Some(end) = end {
                    if let Some(line) = self.end_bot_in(&mut tx, id, end, now_ms).await? {
                        changes.push(Change::Message { id: line });
                    }
                }
                self.commit_announcing(tx, &changes).await?;
                Ok(BotTurnOutcome::Written { messages })
            }

            async fn resolve_quiet_bot(&self, silent_since_ms: i64, now_ms: i64, limit: u32) -> Result<Vec<i64>, StoreError> {
                // Asked every minute or so: only take the write lock when something is due.
                let due: Vec<i64> = sqlx::query_scalar(
                    "SELECT cv.id FROM conversations cv JOIN messages m ON m.id = cv.last_message_id
                     WHERE cv.status = 'bot' AND cv.last_message_at < $1 AND m.direction = 'outbound'
                     ORDER BY cv.last_message_at, cv.id LIMIT $2",
                )
                .bind(silent_since_ms)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                self.end_bot_many(due, $crate::db::bot::BotEnd::Quiet { silent_since_ms }, now_ms).await
            }

            async fn hand_off_all_bot(&self, reason: app::domain::bot::HandoffReason, now_ms: i64) -> Result<Vec<i64>, StoreError> {
                let with_bot: Vec<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE status = 'bot' ORDER BY id")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                self.end_bot_many(with_bot, $crate::db::bot::BotEnd::HandOff(reason), now_ms).await
            }

            async fn return_to_bot(&self, id: i64, actor: Option<i64>, now_ms: i64) -> Result<app::ssr::ConversationRecord, StoreError> {
                use app::domain::message::Activity;
                let mut tx = self.begin_write().await?;
                let moved = sqlx::query(
                    "UPDATE conversations SET status = 'bot', assignee_id = NULL, bot_state = NULL, bot_turn = bot_turn + 1,
                        bot_started_at = COALESCE(bot_started_at, $2), bot_ended_at = NULL, bot_outcome = NULL, bot_reason = NULL,
                        waiting_since = NULL, snoozed_until = NULL, updated_at = $2
                     WHERE id = $1 AND status NOT IN ('bot', 'resolved')",
                )
                .bind(id)
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                let mut changes = vec![app::ssr::Change::Conversation { id }];
                if moved == 0 {
                    // Already the bot's (nothing to do), resolved (reopen it first) or missing.
                    let record = self.find_conversation_in(&mut tx, id).await?;
                    tx.rollback().await.map_err(store_error)?;
                    return match record.status() {
                        app::domain::inbox::ConversationStatus::Bot => Ok(record),
                        _ => Err(StoreError::Duplicate),
                    };
                }
                let line = self.add_activity(&mut tx, id, actor, Activity::HandedToBot, None, now_ms).await?;
                changes.push(app::ssr::Change::Message { id: line });
                let record = self.find_conversation_in(&mut tx, id).await?;
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            async fn bot_report(&self, since_ms: i64, until_ms: i64) -> Result<app::ssr::BotReport, StoreError> {
                use app::domain::bot::HandoffReason;
                let count = |n: Option<i64>| u64::try_from(n.unwrap_or(0)).unwrap_or(0);
                let totals: (i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>) = sqlx::query_as(
                    "SELECT COUNT(*),
                        SUM(CASE WHEN status = 'bot' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN bot_outcome = 'resolved' AND bot_reason = 'confirmed' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN bot_outcome = 'resolved' AND bot_reason = 'quiet' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN bot_outcome = 'taken_over' THEN 1 ELSE 0 END)
                     FROM conversations WHERE bot_started_at >= $1 AND bot_started_at < $2",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                // The mean is taken in Rust from an integer sum: PostgreSQL's AVG is numeric
                // and SQLite's is real, and they would round differently.
                let handoffs: Vec<(Option<String>, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT bot_reason, COUNT(*), CAST(SUM(bot_ended_at - bot_started_at) AS BIGINT)
                     FROM conversations
                     WHERE bot_started_at >= $1 AND bot_started_at < $2 AND bot_outcome = 'handed_off'
                     GROUP BY bot_reason",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                let handed_off = HandoffReason::ALL
                    .into_iter()
                    .map(|reason| {
                        let n: i64 = handoffs.iter().filter(|(r, _, _)| r.as_deref() == Some(reason.as_str())).map(|(_, n, _)| *n).sum();
                        (reason, count(Some(n)))
                    })
                    .collect();
                let (handed, total_ms) = handoffs.iter().fold((0_i64, 0_i64), |(n, ms), (_, k, sum)| (n + k, ms + sum.unwrap_or(0)));
                Ok(app::ssr::BotReport {
                    handled: count(Some(totals.0)),
                    with_bot: count(totals.1),
                    resolved_confirmed: count(totals.2),
                    resolved_quiet: count(totals.3),
                    handed_off,
                    taken_over: count(totals.4),
                    mean_time_to_handoff_ms: (handed > 0).then(|| total_ms / handed),
                })
            }
        }
    };
}

pub(crate) use bot_queries;
