//! The SQL behind `app::ssr::ProtectionStore`: erasing a contact, removing old messages'
//! contents, the media purge queue and the settings compare-and-set. Stamped out per database
//! by `protection_queries!`.

use app::domain::message::{MessageBody, Removal};

/// What a message's content becomes.
pub(crate) fn removed_body(why: Removal) -> String {
    super::ingest::to_json(&MessageBody::Removed { why })
}

macro_rules! protection_queries {
    ($store:ident, $db:ty) => {
        impl $store {
            /// Removes the messages' contents and media (queuing their files) inside `tx`;
            /// returns the media rows deleted.
            async fn clear_messages(
                tx: &mut sqlx::Transaction<'_, $db>,
                ids: &[i64],
                why: app::domain::message::Removal,
                now_ms: i64,
            ) -> Result<u64, StoreError> {
                use $crate::db::protection::removed_body;
                if ids.is_empty() {
                    return Ok(0);
                }
                let list = |qb: &mut sqlx::QueryBuilder<'_, $db>| {
                    let mut s = qb.separated(", ");
                    for id in ids {
                        s.push_bind(*id);
                    }
                };
                let mut qb = sqlx::QueryBuilder::<$db>::new("INSERT INTO media_purge (sha256, queued_at) SELECT DISTINCT sha256, ");
                qb.push_bind(now_ms);
                qb.push(" FROM media WHERE sha256 IS NOT NULL AND message_id IN (");
                list(&mut qb);
                qb.push(") ON CONFLICT (sha256) DO NOTHING");
                qb.build().execute(&mut **tx).await.map_err(store_error)?;
                let mut qb = sqlx::QueryBuilder::<$db>::new("DELETE FROM media WHERE message_id IN (");
                list(&mut qb);
                qb.push(")");
                let media = qb.build().execute(&mut **tx).await.map_err(store_error)?.rows_affected();
                // The content and everything WhatsApp sent go; what reports count stays.
                let mut qb = sqlx::QueryBuilder::<$db>::new("UPDATE messages SET kind = 'removed', body = ");
                qb.push_bind(removed_body(why));
                qb.push(
                    ", preview = '', raw = NULL, context = NULL, referral = NULL, outbound = NULL,
                     reply_to = NULL, error_details = NULL, echo_id = NULL WHERE id IN (",
                );
                list(&mut qb);
                qb.push(")");
                qb.build().execute(&mut **tx).await.map_err(store_error)?;
                Ok(media)
            }
        }

        #[async_trait::async_trait]
        impl app::ssr::ProtectionStore for $store {
            async fn erase_contact(&self, contact_id: i64, now_ms: i64) -> Result<app::ssr::ErasureReport, StoreError> {
                use app::domain::message::Removal;
                let mut tx = self.begin_write().await?;
                let wa_id: Option<Option<String>> = sqlx::query_scalar("SELECT wa_id FROM contacts WHERE id = $1 AND erased_at IS NULL")
                    .bind(contact_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let Some(wa_id) = wa_id else {
                    return Err(StoreError::NotFound);
                };
                let queued_dropped = sqlx::query(
                    "UPDATE messages SET status = 'failed', error_title = 'erased', next_attempt_at = NULL
                     WHERE contact_id = $1 AND status = 'pending' AND wamid IS NULL",
                )
                .bind(contact_id)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM messages WHERE contact_id = $1 AND kind <> 'removed'")
                    .bind(contact_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let media = Self::clear_messages(&mut tx, &ids, Removal::Erasure, now_ms).await?;
                let recipients_dropped = sqlx::query(
                    "UPDATE campaign_recipients SET state = 'skipped', skip_reason = 'erased', updated_at = $2
                     WHERE contact_id = $1 AND state = 'queued'",
                )
                .bind(contact_id)
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                for sql in [
                    "DELETE FROM consent_events WHERE contact_id = $1",
                    "DELETE FROM campaign_list_members WHERE contact_id = $1",
                    "DELETE FROM bot_inbox WHERE conversation_id IN (SELECT id FROM conversations WHERE contact_id = $1)",
                ] {
                    sqlx::query(sql).bind(contact_id).execute(&mut *tx).await.map_err(store_error)?;
                }
                let conversations: Vec<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE contact_id = $1")
                    .bind(contact_id)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                sqlx::query(
                    "UPDATE conversations SET status = 'resolved', resolved_at = COALESCE(resolved_at, $2), referral = NULL, updated_at = $2
                     WHERE contact_id = $1",
                )
                .bind(contact_id)
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                if let Some(wa_id) = wa_id.as_deref().filter(|w| w.len() >= 6) {
                    // Outgoing webhook payloads carry the number; deliveries naming it go too.
                    sqlx::query("DELETE FROM webhook_deliveries WHERE payload LIKE $1")
                        .bind(format!("%\"{wa_id}\"%"))
                        .execute(&mut *tx)
                        .await
                        .map_err(store_error)?;
                }
                sqlx::query(
                    "UPDATE contacts SET wa_id = NULL, user_id = NULL, parent_user_id = NULL, profile_name = NULL, username = NULL,
                        attributes = '{}', language = NULL, marketing = 'unknown', marketing_changed_at = NULL,
                        unreachable_at = NULL, unreachable_code = NULL, blocked_at = NULL, blocked_by = NULL,
                        erased_at = $2, updated_at = $2
                     WHERE id = $1",
                )
                .bind(contact_id)
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                tx.commit().await.map_err(store_error)?;
                for id in &conversations {
                    self.signal(app::ssr::Change::Conversation { id: *id }).await?;
                }
                Ok(app::ssr::ErasureReport {
                    messages: ids.len() as u64,
                    media,
                    conversations: conversations.len() as u64,
                    queued_dropped,
                    recipients_dropped,
                })
            }

            async fn remove_messages_before(&self, cutoff_ms: i64, limit: u32, now_ms: i64) -> Result<(u64, u64), StoreError> {
                use app::domain::message::Removal;
                let mut tx = self.begin_write().await?;
                let ids: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM messages WHERE sent_at < $1 AND kind NOT IN ('removed', 'activity')
                        AND NOT (status = 'pending' AND wamid IS NULL)
                     ORDER BY sent_at, id LIMIT $2",
                )
                .bind(cutoff_ms)
                .bind(i64::from(limit))
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let media = Self::clear_messages(&mut tx, &ids, Removal::Retention, now_ms).await?;
                tx.commit().await.map_err(store_error)?;
                Ok((ids.len() as u64, media))
            }

            async fn media_to_purge(&self, limit: u32) -> Result<Vec<String>, StoreError> {
                sqlx::query_scalar(
                    "SELECT p.sha256 FROM media_purge p
                     WHERE NOT EXISTS (SELECT 1 FROM media m WHERE m.sha256 = p.sha256)
                       AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.sha256 = p.sha256)
                     ORDER BY p.queued_at LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)
            }

            async fn media_purged(&self, sha256: &[String]) -> Result<(), StoreError> {
                if sha256.is_empty() {
                    return Ok(());
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new("DELETE FROM media_purge WHERE sha256 IN (");
                let mut s = qb.separated(", ");
                for sha in sha256 {
                    s.push_bind(sha.clone());
                }
                qb.push(")");
                qb.build().execute(&self.pool).await.map_err(store_error)?;
                Ok(())
            }

            async fn swap_setting(&self, key: &str, expected: Option<&str>, new: &str, now_ms: i64) -> Result<bool, StoreError> {
                let done = match expected {
                    Some(old) => sqlx::query("UPDATE settings SET value = $3, updated_at = $4 WHERE key = $1 AND value = $2")
                        .bind(key)
                        .bind(old)
                        .bind(new)
                        .bind(now_ms)
                        .execute(&self.pool)
                        .await
                        .map_err(store_error)?
                        .rows_affected(),
                    None => sqlx::query("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING")
                        .bind(key)
                        .bind(new)
                        .bind(now_ms)
                        .execute(&self.pool)
                        .await
                        .map_err(store_error)?
                        .rows_affected(),
                };
                Ok(done == 1)
            }
        }
    };
}
pub(crate) use protection_queries;
