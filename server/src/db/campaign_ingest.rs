//! The SQL behind `app::ssr::campaign_ingest::CampaignTx`: campaigns' part of filing a
//! webhook delivery, inside ingestion's transaction.

macro_rules! campaign_ingest_ops {
    ($ops:ident) => {
        #[async_trait::async_trait]
        impl app::ssr::campaign_ingest::CampaignTx for $ops {
            async fn recipient_by_wamid(&mut self, wamid: &str) -> Result<Option<app::ssr::campaign_ingest::KnownRecipient>, StoreError> {
                let row: Option<(i64, i64, i64, String)> = sqlx::query_as(
                    "SELECT id, campaign_id, contact_id, state FROM campaign_recipients WHERE wamid = $1",
                )
                .bind(wamid)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(store_error)?;
                Ok(row.map(|(id, campaign_id, contact_id, state)| app::ssr::campaign_ingest::KnownRecipient {
                    id,
                    campaign_id,
                    contact_id,
                    state: app::domain::campaigns::RecipientState::parse(&state)
                        .unwrap_or(app::domain::campaigns::RecipientState::Sent),
                }))
            }

            async fn adopt_recipient_wamid(&mut self, id: i64, wamid: &str) -> Result<Option<app::ssr::campaign_ingest::KnownRecipient>, StoreError> {
                let adopted = sqlx::query(
                    "UPDATE campaign_recipients SET wamid = $2, send_started_at = NULL,
                        sent_at = COALESCE(sent_at, updated_at),
                        state = CASE WHEN state_rank < 2 THEN 'sent' ELSE state END,
                        state_rank = CASE WHEN state_rank < 2 THEN 2 ELSE state_rank END
                     WHERE id = $1 AND wamid IS NULL",
                )
                .bind(id)
                .bind(wamid)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                if adopted == 0 {
                    return Ok(None);
                }
                app::ssr::campaign_ingest::CampaignTx::recipient_by_wamid(self, wamid).await
            }

            async fn recipient_status(&mut self, id: i64, state: app::domain::campaigns::RecipientState, at_ms: i64, error: Option<&app::domain::message::MetaError>, pricing: Option<&app::ssr::ingest::Pricing>) -> Result<bool, StoreError> {
                use app::domain::campaigns::RecipientState as S;
                if let Some(p) = pricing {
                    // The first pricing Meta gives is what it charged.
                    sqlx::query(
                        "UPDATE campaign_recipients SET charged_category = $2, charged_billable = $3
                         WHERE id = $1 AND charged_category IS NULL",
                    )
                    .bind(id)
                    .bind(&p.category)
                    .bind(p.billable.map(i64::from))
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                }
                // Each step's time, and the earlier steps' when a status skipped them (a
                // `read` arriving first means it was delivered and sent too).
                let (sent, delivered, read, replied, failed) = match state {
                    S::Sent => (true, false, false, false, false),
                    S::Delivered => (true, true, false, false, false),
                    S::Read => (true, true, true, false, false),
                    S::Replied => (false, false, false, true, false),
                    S::Failed | S::Limited | S::OptedOut | S::Skipped => (false, false, false, false, true),
                    S::Queued | S::Sending => (false, false, false, false, false),
                };
                let moved = sqlx::query(
                    "UPDATE campaign_recipients SET
                        sent_at = CASE WHEN $4 = 1 THEN COALESCE(sent_at, $3) ELSE sent_at END,
                        delivered_at = CASE WHEN $5 = 1 THEN COALESCE(delivered_at, $3) ELSE delivered_at END,
                        read_at = CASE WHEN $6 = 1 THEN COALESCE(read_at, $3) ELSE read_at END,
                        replied_at = CASE WHEN $7 = 1 THEN COALESCE(replied_at, $3) ELSE replied_at END,
                        failed_at = CASE WHEN $8 = 1 AND state_rank < $9 THEN $3 ELSE failed_at END,
                        error_code = CASE WHEN $8 = 1 AND state_rank < $9 THEN $10 ELSE error_code END,
                        error_title = CASE WHEN $8 = 1 AND state_rank < $9 THEN $11 ELSE error_title END,
                        error_details = CASE WHEN $8 = 1 AND state_rank < $9 THEN $12 ELSE error_details END,
                        state = CASE WHEN state_rank < $9 THEN $2 ELSE state END,
                        state_rank = CASE WHEN state_rank < $9 THEN $9 ELSE state_rank END,
                        send_started_at = NULL, updated_at = $3
                     WHERE id = $1 AND state_rank < $9",
                )
                .bind(id)
                .bind(state.as_str())
                .bind(at_ms)
                .bind(i64::from(sent))
                .bind(i64::from(delivered))
                .bind(i64::from(read))
                .bind(i64::from(replied))
                .bind(i64::from(failed))
                .bind(i64::from(state.rank()))
                .bind(error.map(|e| e.code))
                .bind(error.map(|e| e.title.clone()))
                .bind(error.and_then(|e| e.details.clone()))
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                if moved == 0 && (delivered || read) {
                    // A late step still fills in its time (a `delivered` after `read`).
                    sqlx::query(
                        "UPDATE campaign_recipients SET sent_at = COALESCE(sent_at, $2),
                            delivered_at = CASE WHEN $3 = 1 THEN COALESCE(delivered_at, $2) ELSE delivered_at END
                         WHERE id = $1",
                    )
                    .bind(id)
                    .bind(at_ms)
                    .bind(i64::from(delivered))
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                }
                Ok(moved > 0)
            }

            async fn campaign_reply(&mut self, contact_id: i64, since_ms: i64) -> Result<Option<app::ssr::campaign_ingest::CampaignReply>, StoreError> {
                let row: Option<(i64, i64, String, Option<i64>)> = sqlx::query_as(
                    "SELECT r.id, r.campaign_id, k.replies_to, r.message_id
                     FROM campaign_recipients r JOIN campaigns k ON k.id = r.campaign_id
                     WHERE r.contact_id = $1 AND r.sent_at >= $2 AND r.wamid IS NOT NULL
                       AND r.state IN ('sent', 'delivered', 'read', 'replied')
                     ORDER BY r.sent_at DESC, r.id DESC LIMIT 1",
                )
                .bind(contact_id)
                .bind(since_ms)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(store_error)?;
                Ok(row.map(|(recipient_id, campaign_id, replies_to, message_id)| app::ssr::campaign_ingest::CampaignReply {
                    recipient_id,
                    campaign_id,
                    replies_to,
                    shown: message_id.is_some(),
                }))
            }

            async fn show_campaign_message(&mut self, recipient_id: i64, conversation_id: i64, now_ms: i64) -> Result<Option<i64>, StoreError> {
                use app::domain::message::{DeliveryStatus, MessageBody};
                let row: Option<(i64, i64, Option<String>, Option<String>, String, Option<i64>, String, String)> = sqlx::query_as(
                    "SELECT r.contact_id, r.campaign_id, r.body, r.wamid, r.state, r.sent_at, k.template_name, k.template_language
                     FROM campaign_recipients r JOIN campaigns k ON k.id = r.campaign_id
                     WHERE r.id = $1 AND r.message_id IS NULL",
                )
                .bind(recipient_id)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(store_error)?;
                let Some((contact_id, campaign_id, body, wamid, state, sent_at, name, language)) = row else {
                    return Ok(None);
                };
                // Sent but its answer lost (a status named it): the template is all we know.
                let parsed = body
                    .as_deref()
                    .and_then(|b| serde_json::from_str::<MessageBody>(b).ok())
                    .unwrap_or_else(|| MessageBody::Outbound {
                        sent: Box::new(app::domain::outbound::Outbound::Template {
                            name,
                            language,
                            header: Vec::new(),
                            body: Vec::new(),
                            buttons: Vec::new(),
                            header_media: None,
                            rendered: None,
                        }),
                    });
                let body = to_json(&parsed);
                let status = match app::domain::campaigns::RecipientState::parse(&state) {
                    Some(app::domain::campaigns::RecipientState::Delivered) => DeliveryStatus::Delivered,
                    Some(app::domain::campaigns::RecipientState::Read | app::domain::campaigns::RecipientState::Replied) => DeliveryStatus::Read,
                    _ => DeliveryStatus::Sent,
                };
                // The wamid stays with the recipient (statuses move both); the bubble keeps it
                // too, so its ticks move like any message's.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO messages (conversation_id, contact_id, wamid, direction, sender, kind, body, status,
                        status_rank, status_at, sent_at, created_at, preview, campaign_id)
                     VALUES ($1, $2, $3, 'outbound', 'system', $4, $5, $6, $7, $8, $8, $9, $10, $11) RETURNING id",
                )
                .bind(conversation_id)
                .bind(contact_id)
                .bind(wamid)
                .bind($crate::db::ingest::body_kind(&parsed))
                .bind(&body)
                .bind(status.as_str())
                .bind(status.rank())
                .bind(sent_at.unwrap_or(now_ms))
                .bind(now_ms)
                .bind(parsed.preview())
                .bind(campaign_id)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(store_error)?;
                sqlx::query("UPDATE campaign_recipients SET message_id = $2 WHERE id = $1")
                    .bind(recipient_id)
                    .bind(id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                Ok(Some(id))
            }

            async fn to_people(&mut self, conversation_id: i64, now_ms: i64) -> Result<bool, StoreError> {
                let moved = sqlx::query(
                    "UPDATE conversations SET status = 'open', updated_at = $2, bot_ended_at = $2,
                        bot_outcome = 'handed_off', bot_reason = 'button', waiting_since = $2
                     WHERE id = $1 AND status = 'bot'",
                )
                .bind(conversation_id)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                Ok(moved > 0)
            }

            async fn add_label(&mut self, conversation_id: i64, label_id: i64, now_ms: i64) -> Result<(), StoreError> {
                // A label deleted since the campaign was launched is simply not applied.
                sqlx::query(
                    "INSERT INTO conversation_labels (conversation_id, label_id, created_at)
                     SELECT $1, id, $3 FROM labels WHERE id = $2
                     ON CONFLICT (conversation_id, label_id) DO NOTHING",
                )
                .bind(conversation_id)
                .bind(label_id)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn stop_campaigns_of_template(&mut self, name: &str, status: &str, now_ms: i64) -> Result<Vec<i64>, StoreError> {
                let reason = app::domain::campaigns::StopReason::Template { status: status.to_string() };
                sqlx::query_scalar(
                    "UPDATE campaigns SET state = 'stopped', stop_reason = $2, updated_at = $3
                     WHERE template_name = $1 AND state IN ('scheduled', 'running') RETURNING id",
                )
                .bind(name)
                .bind(to_json(&reason))
                .bind(now_ms)
                .fetch_all(&mut *self.tx)
                .await
                .map_err(store_error)
            }

            async fn stop_campaign(&mut self, id: i64, reason: &app::domain::campaigns::StopReason, now_ms: i64) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE campaigns SET state = 'stopped', stop_reason = $2, updated_at = $3
                     WHERE id = $1 AND state IN ('scheduled', 'running')",
                )
                .bind(id)
                .bind(to_json(reason))
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                Ok(done > 0)
            }
        }
    };
}
pub(crate) use campaign_ingest_ops;
