//! The SQL behind webhook ingestion (`app::ssr::ingest::IngestTx`). The statements are
//! written once with `$n` parameters, which both SQLite and PostgreSQL accept; the macro
//! stamps out one implementation per database over that database's transaction.

/// `x` raised to at least `$n`, in SQL both databases speak.
macro_rules! at_least {
    ($column:literal, $param:literal) => {
        concat!(
            "CASE WHEN ",
            $column,
            " IS NULL OR ",
            $column,
            " < ",
            $param,
            " THEN ",
            $param,
            " ELSE ",
            $column,
            " END"
        )
    };
}

macro_rules! ingest_ops {
    ($ops:ident, $db:ty, $store:ident) => {
        /// Ingestion's operations inside one open transaction.
        pub struct $ops {
            pub tx: sqlx::Transaction<'static, $db>,
        }

        #[async_trait::async_trait]
        impl app::ssr::ingest::IngestTx for $ops {
            async fn contact_by_wa_id(&mut self, wa_id: &str) -> Result<Option<i64>, StoreError> {
                sqlx::query_scalar("SELECT id FROM contacts WHERE wa_id = $1")
                    .bind(wa_id)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err(store_error)
            }

            async fn contact_by_user_id(&mut self, user_id: &str) -> Result<Option<i64>, StoreError> {
                sqlx::query_scalar("SELECT id FROM contacts WHERE user_id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err(store_error)
            }

            async fn insert_contact(&mut self, who: &ContactRef, now_ms: i64) -> Result<i64, StoreError> {
                sqlx::query_scalar(
                    "INSERT INTO contacts (wa_id, user_id, parent_user_id, profile_name, username, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                )
                .bind(&who.wa_id)
                .bind(&who.user_id)
                .bind(&who.parent_user_id)
                .bind(&who.name)
                .bind(&who.username)
                .bind(now_ms)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(store_error)
            }

            async fn update_contact(&mut self, id: i64, who: &ContactRef, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE contacts SET wa_id = COALESCE(wa_id, $2), user_id = COALESCE(user_id, $3),
                        parent_user_id = COALESCE($4, parent_user_id), profile_name = COALESCE($5, profile_name),
                        username = COALESCE($6, username), updated_at = $7
                     WHERE id = $1",
                )
                .bind(id)
                .bind(&who.wa_id)
                .bind(&who.user_id)
                .bind(&who.parent_user_id)
                .bind(&who.name)
                .bind(&who.username)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn merge_contacts(&mut self, keep: i64, absorb: i64, now_ms: i64) -> Result<(), StoreError> {
                let open = "SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'";
                let kept: Option<i64> = sqlx::query_scalar(open).bind(keep).fetch_optional(&mut *self.tx).await.map_err(store_error)?;
                let absorbed: Option<i64> = sqlx::query_scalar(open).bind(absorb).fetch_optional(&mut *self.tx).await.map_err(store_error)?;
                if let (Some(kept), Some(absorbed)) = (kept, absorbed) {
                    // One person, one unresolved conversation: join the two. Its history joins
                    // too, but one conversation was created, not two.
                    sqlx::query("UPDATE messages SET conversation_id = $1 WHERE conversation_id = $2")
                        .bind(kept).bind(absorbed).execute(&mut *self.tx).await.map_err(store_error)?;
                    sqlx::query("DELETE FROM events WHERE conversation_id = $1 AND kind = 'created'")
                        .bind(absorbed).execute(&mut *self.tx).await.map_err(store_error)?;
                    sqlx::query("UPDATE events SET conversation_id = $1 WHERE conversation_id = $2")
                        .bind(kept).bind(absorbed).execute(&mut *self.tx).await.map_err(store_error)?;
                    sqlx::query("DELETE FROM conversations WHERE id = $1")
                        .bind(absorbed).execute(&mut *self.tx).await.map_err(store_error)?;
                }
                for table in ["conversations", "messages", "consent_events"] {
                    sqlx::query(&format!("UPDATE {table} SET contact_id = $1 WHERE contact_id = $2"))
                        .bind(keep).bind(absorb).execute(&mut *self.tx).await.map_err(store_error)?;
                }
                let row: Option<(Option<String>, Option<String>, Option<String>, Option<i64>)> = sqlx::query_as(
                    "DELETE FROM contacts WHERE id = $1 RETURNING wa_id, user_id, parent_user_id, last_inbound_at",
                )
                .bind(absorb)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(store_error)?;
                if let Some((wa_id, user_id, parent, last_inbound)) = row {
                    sqlx::query(concat!(
                        "UPDATE contacts SET wa_id = COALESCE(wa_id, $2), user_id = COALESCE(user_id, $3),
                            parent_user_id = COALESCE(parent_user_id, $4), last_inbound_at = ",
                        at_least!("last_inbound_at", "$5"),
                        ", updated_at = $6 WHERE id = $1"
                    ))
                    .bind(keep)
                    .bind(wa_id)
                    .bind(user_id)
                    .bind(parent)
                    .bind(last_inbound)
                    .bind(now_ms)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                }
                Ok(())
            }

            async fn change_wa_id(&mut self, id: i64, wa_id: &str, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE contacts SET wa_id = $2, updated_at = $3
                     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM contacts WHERE wa_id = $2)",
                )
                .bind(id)
                .bind(wa_id)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn change_user_id(&mut self, id: i64, user_id: &str, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE contacts SET user_id = $2, updated_at = $3
                     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM contacts WHERE user_id = $2)",
                )
                .bind(id)
                .bind(user_id)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn message_by_wamid(&mut self, wamid: &str) -> Result<Option<KnownMessage>, StoreError> {
                let row: Option<(i64, i64, Option<String>)> =
                    sqlx::query_as("SELECT id, conversation_id, status FROM messages WHERE wamid = $1")
                        .bind(wamid)
                        .fetch_optional(&mut *self.tx)
                        .await
                        .map_err(store_error)?;
                Ok(row.map(|(id, conversation_id, status)| KnownMessage {
                    id,
                    conversation_id,
                    status: status.as_deref().and_then(DeliveryStatus::parse),
                }))
            }

            async fn unresolved_conversation(&mut self, contact_id: i64) -> Result<Option<i64>, StoreError> {
                sqlx::query_scalar("SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'")
                    .bind(contact_id)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err(store_error)
            }

            async fn insert_conversation(
                &mut self,
                contact_id: i64,
                referral: Option<&Referral>,
                to_people: bool,
                now_ms: i64,
            ) -> Result<i64, StoreError> {
                // With the bot switched on, a new conversation starts with it (unless a
                // campaign's answer goes to people).
                let (id, status): (i64, String) = sqlx::query_as(
                    "INSERT INTO conversations (contact_id, status, bot_started_at, referral, last_message_at, created_at, updated_at)
                     SELECT $1, CASE WHEN bot THEN 'bot' ELSE 'open' END, CASE WHEN bot THEN $3 END, $2, $3, $3, $3
                     FROM (SELECT ($5 = 0 AND EXISTS (SELECT 1 FROM settings WHERE key = $4 AND value = 'true')) AS bot) s
                     RETURNING id, status",
                )
                .bind(contact_id)
                .bind(referral.map(to_json))
                .bind(now_ms)
                .bind(app::domain::bot::BOT_ENABLED_SETTING)
                .bind(i64::from(to_people))
                .fetch_one(&mut *self.tx)
                .await
                .map_err(store_error)?;
                let start = if status == "bot" { "bot" } else { "people" };
                let created = $crate::db::events::NewEvent {
                    detail: Some(start),
                    ..$crate::db::events::NewEvent::new(id, now_ms, app::domain::reports::EventKind::Created)
                };
                write_event(&mut *self.tx, created).await?;
                Ok(id)
            }

            async fn insert_inbound(&mut self, new: NewInbound<'_>) -> Result<i64, StoreError> {
                let m = new.message;
                let context = (m.context != MessageContext::default()).then(|| to_json(&m.context));
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO messages (conversation_id, contact_id, wamid, direction, sender, kind, body,
                        context, referral, raw, sent_at, created_at, preview)
                     VALUES ($1, $2, $3, 'inbound', 'contact', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                )
                .bind(new.conversation_id)
                .bind(new.contact_id)
                .bind(&m.wamid)
                .bind(body_kind(&m.body))
                .bind(to_json(&m.body))
                .bind(context)
                .bind(m.referral.as_ref().map(to_json))
                .bind(&m.raw)
                .bind(m.sent_at_ms)
                .bind(new.now_ms)
                .bind(m.body.preview())
                .fetch_one(&mut *self.tx)
                .await
                .map_err(store_error)?;
                // Only a new row gets here: a repeated webhook is a duplicate before this.
                if $crate::db::events::customer_wrote(&m.body) {
                    let event = $crate::db::events::NewEvent::new(new.conversation_id, m.sent_at_ms, app::domain::reports::EventKind::CustomerMessage);
                    write_event(&mut *self.tx, event).await?;
                }
                Ok(id)
            }

            async fn note_media(&mut self, message_id: i64, media: &app::domain::message::Media, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO media (media_id, message_id, kind, mime_type, filename, state, next_attempt_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) ON CONFLICT (media_id) DO NOTHING",
                )
                .bind(&media.media_id)
                .bind(message_id)
                .bind(media.kind.as_str())
                .bind(&media.mime_type)
                .bind(&media.filename)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn note_inbound(
                &mut self,
                contact_id: i64,
                conversation_id: i64,
                message_id: i64,
                at_ms: i64,
                from_customer: bool,
            ) -> Result<(), StoreError> {
                if from_customer {
                    // Writing proves the number is on WhatsApp.
                    sqlx::query(concat!(
                        "UPDATE contacts SET unreachable_at = NULL, unreachable_code = NULL, last_inbound_at = ",
                        at_least!("last_inbound_at", "$2"),
                        " WHERE id = $1"
                    ))
                    .bind(contact_id)
                    .bind(at_ms)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                }
                // The customer writing again ends a snooze (logged as the conversation waking)
                // and starts (or continues) a wait.
                if from_customer {
                    let woke = sqlx::query("UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE id = $1 AND status = 'snoozed'")
                        .bind(conversation_id)
                        .execute(&mut *self.tx)
                        .await
                        .map_err(store_error)?
                        .rows_affected();
                    if woke > 0 {
                        let event = $crate::db::events::NewEvent::new(conversation_id, at_ms, app::domain::reports::EventKind::Woke);
                        write_event(&mut *self.tx, event).await?;
                    }
                }
                // The bot answers what customers write to it: durable work, written now.
                if from_customer {
                    sqlx::query(
                        "INSERT INTO bot_inbox (message_id, conversation_id, due_at)
                         SELECT $1, $2, $3 WHERE EXISTS
                            (SELECT 1 FROM conversations WHERE id = $2 AND status = 'bot')",
                    )
                    .bind(message_id)
                    .bind(conversation_id)
                    .bind(at_ms)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                }
                sqlx::query(concat!(
                    "UPDATE conversations SET last_message_at = ",
                    at_least!("last_message_at", "$2"),
                    ", last_message_id = CASE WHEN last_message_id IS NULL OR last_message_id < $3 THEN $3 ELSE last_message_id END,
                      unread = unread + 1,
                      waiting_since = CASE WHEN $4 = 1 THEN COALESCE(waiting_since, $2) ELSE waiting_since END,
                      status = CASE WHEN $4 = 1 AND status = 'snoozed' THEN 'open' ELSE status END,
                      snoozed_until = CASE WHEN $4 = 1 THEN NULL ELSE snoozed_until END
                     WHERE id = $1"
                ))
                .bind(conversation_id)
                .bind(at_ms)
                .bind(message_id)
                .bind(i64::from(from_customer))
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn note_language(&mut self, contact_id: i64, language: app::i18n::Lang, now_ms: i64) -> Result<(), StoreError> {
                sqlx::query("UPDATE contacts SET language = $2, updated_at = $3 WHERE id = $1 AND language IS DISTINCT FROM $2")
                    .bind(contact_id)
                    .bind(language.code())
                    .bind(now_ms)
                    .execute(&mut *self.tx)
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }

            async fn set_status(&mut self, message_id: i64, update: &StatusUpdate) -> Result<(), StoreError> {
                let error = update.error.as_ref();
                sqlx::query(
                    "UPDATE messages SET status = $2, status_rank = $3, status_at = $4,
                        error_code = $5, error_title = $6, error_details = $7
                     WHERE id = $1 AND (status_rank IS NULL OR status_rank < $3)",
                )
                .bind(message_id)
                .bind(update.status.as_str())
                .bind(update.status.rank())
                .bind(update.at_ms)
                .bind(error.map(|e| e.code))
                .bind(error.map(|e| e.title.clone()))
                .bind(error.and_then(|e| e.details.clone()))
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
                // A message reached them: the number is on WhatsApp after all.
                if update.status == app::domain::message::DeliveryStatus::Delivered {
                    sqlx::query(
                        "UPDATE contacts SET unreachable_at = NULL, unreachable_code = NULL
                         WHERE id = (SELECT contact_id FROM messages WHERE id = $1) AND unreachable_at IS NOT NULL",
                    )
                    .bind(message_id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                }
                Ok(())
            }

            async fn backlog_status(&mut self, update: &StatusUpdate) -> Result<(), StoreError> {
                let error = update.error.as_ref();
                let pricing = update.pricing.as_ref();
                sqlx::query(
                    "INSERT INTO status_backlog (wamid, status, status_rank, at, error_code, error_title, error_details,
                        pricing_category, pricing_billable, pricing_type)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (wamid, status) DO NOTHING",
                )
                .bind(&update.wamid)
                .bind(update.status.as_str())
                .bind(update.status.rank())
                .bind(update.at_ms)
                .bind(error.map(|e| e.code))
                .bind(error.map(|e| e.title.clone()))
                .bind(error.and_then(|e| e.details.clone()))
                .bind(pricing.and_then(|p| p.category.clone()))
                .bind(pricing.and_then(|p| p.billable))
                .bind(pricing.and_then(|p| p.pricing_type.clone()))
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn set_pricing(&mut self, message_id: i64, pricing: &app::ssr::ingest::Pricing) -> Result<(), StoreError> {
                sqlx::query($crate::db::ingest::KEEP_FIRST_PRICING)
                    .bind(message_id)
                    .bind(&pricing.category)
                    .bind(pricing.billable)
                    .bind(&pricing.pricing_type)
                    .execute(&mut *self.tx)
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }

            async fn adopt_wamid(&mut self, message_id: i64, wamid: &str) -> Result<Option<KnownMessage>, StoreError> {
                let updated = sqlx::query(
                    "UPDATE messages SET wamid = $2, send_started_at = NULL
                     WHERE id = $1 AND direction = 'outbound' AND wamid IS NULL",
                )
                .bind(message_id)
                .bind(wamid)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
                if updated.rows_affected() == 0 {
                    return Ok(None);
                }
                self.message_by_wamid(wamid).await
            }

            async fn set_marketing(
                &mut self,
                contact_id: i64,
                change: &app::ssr::ingest::ConsentChange,
            ) -> Result<bool, StoreError> {
                record_consent(&mut self.tx, contact_id, change).await
            }

            async fn contact_of_message(&mut self, message_id: i64) -> Result<Option<i64>, StoreError> {
                sqlx::query_scalar("SELECT contact_id FROM messages WHERE id = $1")
                    .bind(message_id)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err(store_error)
            }

            async fn mark_unreachable(&mut self, contact_id: i64, code: i64, at_ms: i64) -> Result<(), StoreError> {
                sqlx::query("UPDATE contacts SET unreachable_at = $2, unreachable_code = $3, updated_at = $2 WHERE id = $1")
                    .bind(contact_id)
                    .bind(at_ms)
                    .bind(code)
                    .execute(&mut *self.tx)
                    .await
                    .map(|_| ())
                    .map_err(store_error)
            }

            async fn contact_language(&mut self, contact_id: i64) -> Result<Option<app::i18n::Lang>, StoreError> {
                let code: Option<Option<String>> = sqlx::query_scalar("SELECT language FROM contacts WHERE id = $1")
                    .bind(contact_id)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err(store_error)?;
                Ok(code.flatten().as_deref().and_then(app::i18n::Lang::parse))
            }

            async fn setting(&mut self, key: &str) -> Result<Option<String>, StoreError> {
                sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(&mut *self.tx)
                    .await
                    .map_err(store_error)
            }

            async fn queue_desk_text(&mut self, conversation_id: i64, text: &str, now_ms: i64) -> Result<i64, StoreError> {
                let new = app::ssr::NewOutbound {
                    conversation_id,
                    outbound: app::domain::outbound::Outbound::Text { body: text.to_string(), preview_url: false },
                    sender_user_id: None,
                    reply_to: None,
                    echo_id: None,
                };
                $store::queue_outbound(&mut self.tx, &new, now_ms).await
            }

            async fn apply_template_event(&mut self, event: &TemplateEvent, now_ms: i64) -> Result<(), StoreError> {
                // A template not synced yet gets a row now; the next sync fills in the rest.
                let (status, reason, quality, category, update) = match &event.change {
                    TemplateChange::Status { status, reason } => (
                        status.as_str(), reason.as_deref(), None, None,
                        "status = excluded.status, status_reason = excluded.status_reason",
                    ),
                    TemplateChange::Quality { score } => {
                        ("UNKNOWN", None, Some(score.as_str()), None, "quality = excluded.quality")
                    }
                    TemplateChange::Category { category } => {
                        ("UNKNOWN", None, None, Some(category.as_str()), "category = excluded.category")
                    }
                };
                sqlx::query(&format!(
                    "INSERT INTO templates (meta_id, name, language, status, status_reason, quality, category, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (meta_id) DO UPDATE SET {update}, updated_at = excluded.updated_at"
                ))
                .bind(&event.template_id)
                .bind(&event.name)
                .bind(&event.language)
                .bind(status)
                .bind(reason)
                .bind(quality)
                .bind(category)
                .bind(now_ms)
                .execute(&mut *self.tx)
                .await
                .map(|_| ())
                .map_err(store_error)
            }
        }
    };
}

/// Gives outbound message `$1` the pricing `$2..$4`, keeping what it was told first.
pub(crate) const KEEP_FIRST_PRICING: &str = "UPDATE messages SET
        pricing_category = COALESCE(pricing_category, $2),
        pricing_billable = COALESCE(pricing_billable, $3),
        pricing_type = COALESCE(pricing_type, $4)
     WHERE id = $1 AND direction = 'outbound'";

pub(crate) use at_least;
pub(crate) use ingest_ops;

/// The `kind` column: the body's tag, for filtering without parsing JSON.
pub(crate) fn body_kind(body: &app::domain::message::MessageBody) -> String {
    use app::domain::message::MessageBody as B;
    match body {
        B::Text { .. } => "text".into(),
        B::Media(m) => m.kind.as_str().into(),
        B::Location(_) => "location".into(),
        B::Contacts { .. } => "contacts".into(),
        B::InteractiveReply { .. } => "interactive".into(),
        B::TemplateButton { .. } => "button".into(),
        B::Reaction { .. } => "reaction".into(),
        B::Order { .. } => "order".into(),
        B::System { .. } => "system".into(),
        B::Outbound { sent } => match sent.as_ref() {
            app::domain::outbound::Outbound::Template { .. } => "template".into(),
            _ => "interactive".into(),
        },
        B::Unsupported { .. } => "unsupported".into(),
        B::Note { .. } => "note".into(),
        B::Activity { .. } => "activity".into(),
        B::Removed { .. } => "removed".into(),
    }
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serialising our own plain data types cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}
