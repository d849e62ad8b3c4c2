//! Reading contacts, conversations, messages and templates, and recording outbound messages.
//! Written once with `$n` parameters (both databases accept them) and stamped out per
//! database by `conversation_queries!`.

use app::domain::contacts::MarketingConsent;
use app::domain::message::{DeliveryStatus, MessageBody, MessageContext, MetaError};
use app::ssr::{
    ContactRecord, ConversationRecord, Direction, MessageRecord, StoreError, TemplateRecord,
};
use app::wire::inbox::{MediaInfo, Sender};

#[derive(sqlx::FromRow)]
pub(crate) struct ContactRow {
    id: i64,
    wa_id: Option<String>,
    user_id: Option<String>,
    parent_user_id: Option<String>,
    profile_name: Option<String>,
    username: Option<String>,
    marketing: String,
    last_inbound_at: Option<i64>,
    attributes: String,
    language: Option<String>,
    unreachable_at: Option<i64>,
    unreachable_code: Option<i64>,
    created_at: i64,
    blocked_at: Option<i64>,
}

impl From<ContactRow> for ContactRecord {
    fn from(r: ContactRow) -> Self {
        ContactRecord {
            // Written only by us as a JSON object of strings; anything else reads as empty.
            attributes: serde_json::from_str(&r.attributes).unwrap_or_default(),
            id: r.id,
            wa_id: r.wa_id,
            user_id: r.user_id,
            parent_user_id: r.parent_user_id,
            profile_name: r.profile_name,
            username: r.username,
            marketing: MarketingConsent::parse(&r.marketing),
            last_inbound_at_ms: r.last_inbound_at,
            language: r.language.as_deref().and_then(app::i18n::Lang::parse),
            unreachable: r.unreachable_at.zip(r.unreachable_code),
            created_at_ms: r.created_at,
            blocked_at_ms: r.blocked_at,
        }
    }
}

pub(crate) const CONTACT_COLUMNS: &str =
    "id, wa_id, user_id, parent_user_id, profile_name, username, marketing, last_inbound_at, attributes, language,
     unreachable_at, unreachable_code, created_at, blocked_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ConversationRow {
    id: i64,
    contact_id: i64,
    status: String,
    assignee_id: Option<i64>,
    referral: Option<String>,
    last_message_at: i64,
    created_at: i64,
}

impl TryFrom<ConversationRow> for ConversationRecord {
    type Error = StoreError;
    fn try_from(r: ConversationRow) -> Result<Self, StoreError> {
        Ok(ConversationRecord {
            id: r.id,
            contact_id: r.contact_id,
            status: r.status,
            assignee_id: r.assignee_id,
            referral: from_json_opt(r.referral.as_deref())?,
            last_message_at_ms: r.last_message_at,
            created_at_ms: r.created_at,
        })
    }
}

pub(crate) const CONVERSATION_COLUMNS: &str =
    "id, contact_id, status, assignee_id, referral, last_message_at, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: i64,
    conversation_id: i64,
    contact_id: i64,
    wamid: Option<String>,
    direction: String,
    body: String,
    context: Option<String>,
    referral: Option<String>,
    status: Option<String>,
    error_code: Option<i64>,
    error_title: Option<String>,
    error_details: Option<String>,
    sent_at: i64,
    sender: String,
    sender_user_id: Option<i64>,
    sender_name: Option<String>,
    echo_id: Option<String>,
    retry_of: Option<i64>,
    retried_by: Option<i64>,
    media_state: Option<String>,
    media_size: Option<i64>,
    media_mime: Option<String>,
    media_error: Option<String>,
    estimated_category: Option<String>,
    estimated_micros: Option<i64>,
    estimated_currency: Option<String>,
    market: Option<String>,
    pricing_category: Option<String>,
    pricing_type: Option<String>,
    campaign_name: Option<String>,
}

impl TryFrom<MessageRow> for MessageRecord {
    type Error = StoreError;
    fn try_from(r: MessageRow) -> Result<Self, StoreError> {
        let body: MessageBody = serde_json::from_str(&r.body)
            .map_err(|e| StoreError::Other(format!("message {} body: {e}", r.id)))?;
        Ok(MessageRecord {
            id: r.id,
            conversation_id: r.conversation_id,
            contact_id: r.contact_id,
            wamid: r.wamid,
            direction: if r.direction == "outbound" {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            body,
            context: from_json_opt::<MessageContext>(r.context.as_deref())?.unwrap_or_default(),
            referral: from_json_opt(r.referral.as_deref())?,
            status: r.status.as_deref().and_then(DeliveryStatus::parse),
            error: r.error_code.map(|code| MetaError {
                code,
                title: r.error_title.unwrap_or_default(),
                details: r.error_details,
            }),
            sent_at_ms: r.sent_at,
            sender: match r.sender.as_str() {
                "contact" => Sender::Contact,
                "agent" => Sender::Agent,
                "bot" => Sender::Bot,
                _ => Sender::System,
            },
            sender_user_id: r.sender_user_id,
            sender_name: r.sender_name,
            echo_id: r.echo_id,
            retry_of: r.retry_of,
            retried_by: r.retried_by,
            media: r.media_state.map(|state| MediaInfo {
                state,
                size: r.media_size,
                mime_type: r.media_mime,
                error: r.media_error,
            }),
            cost: (r.estimated_category.is_some() || r.pricing_category.is_some()).then_some({
                app::wire::inbox::MessageCost {
                    estimated_category: r.estimated_category,
                    estimated_micros: r.estimated_micros,
                    currency: r.estimated_currency,
                    market: r.market,
                    charged_category: r.pricing_category,
                    charged_type: r.pricing_type,
                }
            }),
            campaign: r.campaign_name,
        })
    }
}

/// Selects a message row from `messages` (unaliased) with its author's name and its media.
pub(crate) const MESSAGE_COLUMNS: &str = "id, conversation_id, contact_id, wamid, direction, body, context, referral, status, error_code, error_title, error_details, sent_at, sender, sender_user_id, echo_id, retry_of,
    estimated_category, estimated_micros, estimated_currency, market, pricing_category, pricing_type,
    (SELECT r.id FROM messages r WHERE r.retry_of = messages.id) AS retried_by,
    (SELECT u.name FROM users u WHERE u.id = messages.sender_user_id) AS sender_name,
    (SELECT md.state FROM media md WHERE md.message_id = messages.id LIMIT 1) AS media_state,
    (SELECT md.size FROM media md WHERE md.message_id = messages.id LIMIT 1) AS media_size,
    (SELECT md.mime_type FROM media md WHERE md.message_id = messages.id LIMIT 1) AS media_mime,
    (SELECT md.error FROM media md WHERE md.message_id = messages.id LIMIT 1) AS media_error,
    (SELECT k.name FROM campaigns k WHERE k.id = messages.campaign_id) AS campaign_name";

#[derive(sqlx::FromRow)]
pub(crate) struct TemplateRow {
    meta_id: String,
    name: String,
    language: String,
    status: String,
    status_reason: Option<String>,
    category: Option<String>,
    quality: Option<String>,
    components: String,
    updated_at: i64,
}

impl TryFrom<TemplateRow> for TemplateRecord {
    type Error = StoreError;
    fn try_from(r: TemplateRow) -> Result<Self, StoreError> {
        Ok(TemplateRecord {
            content: serde_json::from_str(&r.components)
                .map_err(|e| StoreError::Other(format!("template {} content: {e}", r.meta_id)))?,
            meta_id: r.meta_id,
            name: r.name,
            language: r.language,
            status: r.status,
            status_reason: r.status_reason,
            category: r.category,
            quality: r.quality,
            updated_at_ms: r.updated_at,
        })
    }
}

pub(crate) const TEMPLATE_COLUMNS: &str =
    "meta_id, name, language, status, status_reason, category, quality, components, updated_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MediaRow {
    media_id: String,
    message_id: i64,
    kind: String,
    mime_type: Option<String>,
    filename: Option<String>,
    sha256: Option<String>,
    size: Option<i64>,
    state: String,
    attempts: i64,
    error: Option<String>,
}

impl From<MediaRow> for app::ssr::MediaRecord {
    fn from(r: MediaRow) -> Self {
        use app::ssr::MediaState;
        app::ssr::MediaRecord {
            media_id: r.media_id,
            message_id: r.message_id,
            kind: r.kind,
            mime_type: r.mime_type,
            filename: r.filename,
            sha256: r.sha256,
            size: r.size,
            state: match r.state.as_str() {
                "stored" => MediaState::Stored,
                "failed" => MediaState::Failed,
                _ => MediaState::Pending,
            },
            attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
            error: r.error,
        }
    }
}

pub(crate) const MEDIA_COLUMNS: &str =
    "media_id, message_id, kind, mime_type, filename, sha256, size, state, attempts, error";

fn from_json_opt<T: serde::de::DeserializeOwned>(
    text: Option<&str>,
) -> Result<Option<T>, StoreError> {
    text.map(|t| {
        serde_json::from_str(t).map_err(|e| StoreError::Other(format!("stored JSON: {e}")))
    })
    .transpose()
}

pub(crate) fn messages_of(rows: Vec<MessageRow>) -> Result<Vec<MessageRecord>, StoreError> {
    rows.into_iter().map(MessageRecord::try_from).collect()
}

/// Implements the conversation part of `Store` for one database's pool type.
macro_rules! conversation_queries {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn find_contact(&self, key: app::ssr::ContactKey<'_>) -> Result<Option<app::ssr::ContactRecord>, StoreError> {
                use app::ssr::ContactKey;
                use $crate::db::conversations::{ContactRow, CONTACT_COLUMNS};
                let (column, text, id) = match key {
                    ContactKey::Id(id) => ("id", None, Some(id)),
                    ContactKey::WaId(w) => ("wa_id", Some(w), None),
                    ContactKey::UserId(u) => ("user_id", Some(u), None),
                };
                let sql = format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE {column} = $1");
                let query = sqlx::query_as::<_, ContactRow>(&sql);
                let query = match (text, id) {
                    (Some(t), _) => query.bind(t.to_string()),
                    (None, id) => query.bind(id),
                };
                let row = query.fetch_optional(&self.pool).await.map_err(store_error)?;
                Ok(row.map(Into::into))
            }

            async fn find_conversations_of_contact(&self, contact_id: i64) -> Result<Vec<app::ssr::ConversationRecord>, StoreError> {
                use $crate::db::conversations::{ConversationRow, CONVERSATION_COLUMNS};
                let rows: Vec<ConversationRow> = sqlx::query_as(&format!(
                    "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE contact_id = $1 ORDER BY id"
                ))
                .bind(contact_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn find_messages_of_conversation(&self, conversation_id: i64) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                use $crate::db::conversations::{MessageRow, MESSAGE_COLUMNS};
                let rows: Vec<MessageRow> = sqlx::query_as(&format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 ORDER BY id"
                ))
                .bind(conversation_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                $crate::db::conversations::messages_of(rows)
            }

            async fn find_message_by_wamid(&self, wamid: &str) -> Result<Option<app::ssr::MessageRecord>, StoreError> {
                use $crate::db::conversations::{MessageRow, MESSAGE_COLUMNS};
                let row: Option<MessageRow> =
                    sqlx::query_as(&format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE wamid = $1"))
                        .bind(wamid)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(store_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn find_template(&self, meta_id: &str) -> Result<Option<app::ssr::TemplateRecord>, StoreError> {
                use $crate::db::conversations::{TemplateRow, TEMPLATE_COLUMNS};
                let row: Option<TemplateRow> = sqlx::query_as(&format!("SELECT {TEMPLATE_COLUMNS} FROM templates WHERE meta_id = $1"))
                    .bind(meta_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn find_media(&self, media_id: &str) -> Result<Option<app::ssr::MediaRecord>, StoreError> {
                use $crate::db::conversations::{MediaRow, MEDIA_COLUMNS};
                let row: Option<MediaRow> = sqlx::query_as(&format!("SELECT {MEDIA_COLUMNS} FROM media WHERE media_id = $1"))
                    .bind(media_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(row.map(Into::into))
            }

            async fn due_media(&self, now_ms: i64, limit: u32) -> Result<Vec<app::ssr::MediaRecord>, StoreError> {
                use $crate::db::conversations::{MediaRow, MEDIA_COLUMNS};
                let rows: Vec<MediaRow> = sqlx::query_as(&format!(
                    "SELECT {MEDIA_COLUMNS} FROM media WHERE state = 'pending' AND next_attempt_at <= $1
                     ORDER BY next_attempt_at, media_id LIMIT $2"
                ))
                .bind(now_ms)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn set_media_stored(&self, media_id: &str, sha256: &str, mime_type: &str, size: i64, now_ms: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                let message: Option<i64> = sqlx::query_scalar(
                    "UPDATE media SET state = 'stored', sha256 = $2, mime_type = $3, size = $4, error = NULL,
                        attempts = attempts + 1, updated_at = $5 WHERE media_id = $1 RETURNING message_id",
                )
                .bind(media_id)
                .bind(sha256)
                .bind(mime_type)
                .bind(size)
                .bind(now_ms)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                self.media_changed(tx, message).await
            }

            /// The thread shows the download's progress: tell the consoles.
            async fn media_changed(&self, tx: sqlx::Transaction<'_, $db>, message: Option<i64>) -> Result<(), StoreError> {
                let changes: Vec<app::ssr::Change> = message.map(|id| app::ssr::Change::Message { id }).into_iter().collect();
                self.commit_announcing(tx, &changes).await?;
                Ok(())
            }

            async fn set_media_failed(&self, media_id: &str, next_attempt_ms: Option<i64>, error: &str, now_ms: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                let message: Option<i64> = sqlx::query_scalar(
                    "UPDATE media SET attempts = attempts + 1, error = $3, updated_at = $4,
                        state = CASE WHEN $2 IS NULL THEN 'failed' ELSE 'pending' END,
                        next_attempt_at = COALESCE($2, next_attempt_at)
                     WHERE media_id = $1 RETURNING message_id",
                )
                .bind(media_id)
                .bind(next_attempt_ms)
                .bind(error)
                .bind(now_ms)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                // Only giving up changes what the thread shows.
                self.media_changed(tx, message.filter(|_| next_attempt_ms.is_none())).await
            }

            async fn all_templates(&self) -> Result<Vec<app::ssr::TemplateRecord>, StoreError> {
                use $crate::db::conversations::{TemplateRow, TEMPLATE_COLUMNS};
                let rows: Vec<TemplateRow> = sqlx::query_as(&format!("SELECT {TEMPLATE_COLUMNS} FROM templates ORDER BY name, language"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn replace_templates(&self, templates: Vec<app::ssr::SyncedTemplate>, now_ms: i64) -> Result<app::ssr::SyncReport, StoreError> {
                use $crate::db::ingest::to_json;
                let mut tx = self.begin_write().await?;
                let count = templates.len();
                for t in templates {
                    sqlx::query(
                        "INSERT INTO templates (meta_id, name, language, status, status_reason, category, quality, components, synced_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
                         ON CONFLICT (meta_id) DO UPDATE SET name = excluded.name, language = excluded.language,
                            status = excluded.status, status_reason = excluded.status_reason, category = excluded.category,
                            quality = excluded.quality, components = excluded.components, synced_at = excluded.synced_at,
                            updated_at = excluded.updated_at",
                    )
                    .bind(&t.meta_id)
                    .bind(&t.name)
                    .bind(&t.language)
                    .bind(&t.status)
                    .bind(&t.status_reason)
                    .bind(&t.category)
                    .bind(&t.quality)
                    .bind(to_json(&t.content))
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                }
                let removed = sqlx::query(
                    "UPDATE templates SET status = 'DELETED', updated_at = $1
                     WHERE (synced_at IS NULL OR synced_at < $1) AND status <> 'DELETED'",
                )
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                tx.commit().await.map_err(store_error)?;
                Ok(app::ssr::SyncReport {
                    templates: u32::try_from(count).unwrap_or(u32::MAX),
                    removed: u32::try_from(removed).unwrap_or(u32::MAX),
                })
            }

            async fn message_by_id(&self, executor: &mut <$db as sqlx::Database>::Connection, id: i64) -> Result<app::ssr::MessageRecord, StoreError> {
                use $crate::db::conversations::{MessageRow, MESSAGE_COLUMNS};
                let row: Option<MessageRow> =
                    sqlx::query_as(&format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&mut *executor)
                        .await
                        .map_err(store_error)?;
                row.ok_or(StoreError::NotFound)?.try_into()
            }

            async fn add_outbound(&self, new: app::ssr::NewOutbound, now_ms: i64) -> Result<app::ssr::MessageRecord, StoreError> {
                let mut tx = self.begin_write().await?;
                let id = Self::queue_outbound(&mut tx, &new, now_ms).await?;
                let record = self.message_by_id(&mut tx, id).await?;
                let changes = [
                    app::ssr::Change::Message { id },
                    app::ssr::Change::Conversation { id: new.conversation_id },
                ];
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            async fn add_retry(&self, new: app::ssr::NewOutbound, failed_id: i64, now_ms: i64) -> Result<app::ssr::MessageRecord, StoreError> {
                use app::domain::message::DeliveryStatus;
                let mut tx = self.begin_write().await?;
                let failed: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM messages WHERE id = $1 AND status = $2 AND direction = 'outbound'",
                )
                .bind(failed_id)
                .bind(DeliveryStatus::Failed.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                if failed.is_none() {
                    return Err(StoreError::Duplicate);
                }
                let id = Self::queue_outbound(&mut tx, &new, now_ms).await?;
                // The unique index refuses a second retry of the same message.
                sqlx::query("UPDATE messages SET retry_of = $2 WHERE id = $1")
                    .bind(id)
                    .bind(failed_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let record = self.message_by_id(&mut tx, id).await?;
                let changes = [
                    app::ssr::Change::Message { id: failed_id },
                    app::ssr::Change::Message { id },
                    app::ssr::Change::Conversation { id: new.conversation_id },
                ];
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            /// Queues a reply (`pending`, due now) inside an open transaction and makes it the
            /// conversation's latest message. Sender `bot` when no user wrote it.
            pub(crate) async fn queue_outbound(tx: &mut sqlx::Transaction<'_, $db>, new: &app::ssr::NewOutbound, now_ms: i64) -> Result<i64, StoreError> {
                use app::domain::message::{DeliveryStatus, MessageContext};
                use $crate::db::ingest::{body_kind, to_json};
                let contact_id: i64 = sqlx::query_scalar("SELECT contact_id FROM conversations WHERE id = $1")
                    .bind(new.conversation_id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(store_error)?
                    .ok_or(StoreError::NotFound)?;
                let context = new.reply_to.as_ref().map(|quoted| {
                    to_json(&MessageContext { quoted_wamid: Some(quoted.clone()), ..MessageContext::default() })
                });
                let sender = if new.sender_user_id.is_some() { "agent" } else { "bot" };
                let body = new.outbound.to_body();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO messages (conversation_id, contact_id, direction, sender, sender_user_id, kind, body,
                        context, status, status_rank, status_at, sent_at, created_at, outbound, reply_to, next_attempt_at,
                        preview, echo_id)
                     VALUES ($1, $2, 'outbound', $3, $4, $5, $6, $7, $8, $9, $10, $10, $10, $11, $12, $10, $13, $14) RETURNING id",
                )
                .bind(new.conversation_id)
                .bind(contact_id)
                .bind(sender)
                .bind(new.sender_user_id)
                .bind(body_kind(&body))
                .bind(to_json(&body))
                .bind(context)
                .bind(DeliveryStatus::Pending.as_str())
                .bind(DeliveryStatus::Pending.rank())
                .bind(now_ms)
                .bind(to_json(&new.outbound))
                .bind(&new.reply_to)
                .bind(body.preview())
                .bind(&new.echo_id)
                .fetch_one(&mut **tx)
                .await
                .map_err(store_error)?;
                // A reply answers whoever was waiting.
                sqlx::query(
                    "UPDATE conversations SET last_message_at = $2, updated_at = $2, last_message_id = $3,
                        waiting_since = NULL WHERE id = $1",
                )
                .bind(new.conversation_id)
                .bind(now_ms)
                .bind(id)
                .execute(&mut **tx)
                .await
                .map_err(store_error)?;
                if let Some(agent) = new.sender_user_id {
                    let reply = $crate::db::events::NewEvent {
                        actor_id: Some(agent),
                        ..$crate::db::events::NewEvent::new(new.conversation_id, now_ms, app::domain::reports::EventKind::AgentReply)
                    };
                    write_event(&mut **tx, reply).await?;
                }
                Ok(id)
            }

            async fn find_message(&self, id: i64) -> Result<Option<app::ssr::MessageRecord>, StoreError> {
                let mut conn = self.pool.acquire().await.map_err(store_error)?;
                match self.message_by_id(&mut conn, id).await {
                    Ok(m) => Ok(Some(m)),
                    Err(StoreError::NotFound) => Ok(None),
                    Err(e) => Err(e),
                }
            }

            async fn phone_conversation(&self, wa_id: &str, now_ms: i64) -> Result<i64, StoreError> {
                let mut tx = self.begin_write().await?;
                let contact: Option<i64> = sqlx::query_scalar("SELECT id FROM contacts WHERE wa_id = $1")
                    .bind(wa_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let contact = match contact {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id",
                    )
                    .bind(wa_id)
                    .bind(now_ms)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(store_error)?,
                };
                let open: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'",
                )
                .bind(contact)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                let conversation = match open {
                    Some(id) => id,
                    None => {
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO conversations (contact_id, status, last_message_at, created_at, updated_at)
                             VALUES ($1, 'open', $2, $2, $2) RETURNING id",
                        )
                        .bind(contact)
                        .bind(now_ms)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(store_error)?;
                        // The business writes first: people have it from the start.
                        let created = $crate::db::events::NewEvent {
                            detail: Some("people"),
                            ..$crate::db::events::NewEvent::new(id, now_ms, app::domain::reports::EventKind::Created)
                        };
                        write_event(&mut *tx, created).await?;
                        id
                    }
                };
                tx.commit().await.map_err(store_error)?;
                Ok(conversation)
            }

            async fn claim_jobs(&self, now_ms: i64, in_doubt_before_ms: i64, limit: u32) -> Result<Vec<app::ssr::OutboundJob>, StoreError> {
                // Due, not in doubt, and the oldest pending message of its customer.
                let candidates: Vec<i64> = sqlx::query_scalar(
                    "SELECT m.id FROM messages m
                     WHERE m.status = 'pending' AND m.wamid IS NULL AND m.next_attempt_at <= $1
                       AND (m.send_started_at IS NULL OR m.send_started_at < $2)
                       AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.contact_id = m.contact_id
                                       AND e.status = 'pending' AND e.wamid IS NULL AND e.id < m.id)
                     ORDER BY m.id LIMIT $3",
                )
                .bind(now_ms)
                .bind(in_doubt_before_ms)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                let mut jobs = Vec::with_capacity(candidates.len());
                for id in candidates {
                    // Another worker (another instance) may have taken it meanwhile.
                    let row: Option<(i64, Option<String>, Option<String>, Option<String>, Option<String>, i64, Option<i64>)> = sqlx::query_as(
                        "UPDATE messages SET send_started_at = $2, attempts = attempts + 1
                         WHERE id = $1 AND status = 'pending' AND wamid IS NULL
                           AND (send_started_at IS NULL OR send_started_at < $3)
                         RETURNING contact_id,
                            (SELECT wa_id FROM contacts c WHERE c.id = messages.contact_id),
                            (SELECT user_id FROM contacts c WHERE c.id = messages.contact_id),
                            outbound, reply_to, attempts,
                            (SELECT last_inbound_at FROM contacts c WHERE c.id = messages.contact_id)",
                    )
                    .bind(id)
                    .bind(now_ms)
                    .bind(in_doubt_before_ms)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                    let Some((contact_id, wa_id, user_id, outbound, reply_to, attempts, last_inbound_at_ms)) = row else {
                        continue;
                    };
                    let outbound = outbound
                        .as_deref()
                        .map(serde_json::from_str)
                        .transpose()
                        .map_err(|e| StoreError::Other(format!("message {id} outbound: {e}")))?
                        .ok_or_else(|| StoreError::Other(format!("message {id} has nothing to send")))?;
                    jobs.push(app::ssr::OutboundJob {
                        message_id: id,
                        contact_id,
                        wa_id,
                        user_id,
                        outbound,
                        reply_to,
                        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                        last_inbound_at_ms,
                    });
                }
                Ok(jobs)
            }

            async fn retry_job(&self, message_id: i64, next_attempt_ms: i64, why: app::ssr::Retry, error: Option<app::domain::message::MetaError>) -> Result<(), StoreError> {
                use app::ssr::Retry;
                let (keep_doubt, refund) = match why {
                    Retry::Paced => (0_i64, 1_i64),
                    Retry::Refused => (0, 0),
                    Retry::InDoubt => (1, 0),
                };
                sqlx::query(
                    "UPDATE messages SET next_attempt_at = $2, attempts = attempts - $7,
                        send_started_at = CASE WHEN $6 = 1 THEN send_started_at ELSE NULL END,
                        error_code = $3, error_title = $4, error_details = $5
                     WHERE id = $1 AND status = 'pending' AND wamid IS NULL",
                )
                .bind(message_id)
                .bind(next_attempt_ms)
                .bind(error.as_ref().map(|e| e.code))
                .bind(error.as_ref().map(|e| e.title.clone()))
                .bind(error.as_ref().and_then(|e| e.details.clone()))
                .bind(keep_doubt)
                .bind(refund)
                .execute(&self.pool)
                .await
                .map(|_| ())
                .map_err(store_error)
            }

            async fn fail_job(&self, message_id: i64, error: app::domain::message::MetaError, at_ms: i64) -> Result<app::ssr::MessageRecord, StoreError> {
                use app::domain::message::DeliveryStatus;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE messages SET status = $2, status_rank = $3, status_at = $4, send_started_at = NULL,
                        error_code = $5, error_title = $6, error_details = $7
                     WHERE id = $1 AND status_rank < $3",
                )
                .bind(message_id)
                .bind(DeliveryStatus::Failed.as_str())
                .bind(DeliveryStatus::Failed.rank())
                .bind(at_ms)
                .bind(error.code)
                .bind(&error.title)
                .bind(&error.details)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                let record = self.message_by_id(&mut tx, message_id).await?;
                let changes = [
                    app::ssr::Change::Message { id: message_id },
                    app::ssr::Change::Conversation { id: record.conversation_id },
                ];
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }

            async fn record_sent(&self, message_id: i64, wamid: &str, at_ms: i64) -> Result<app::ssr::MessageRecord, StoreError> {
                use app::domain::message::DeliveryStatus;
                let mut tx = self.begin_write().await?;
                let updated = sqlx::query(
                    "UPDATE messages SET wamid = $2, send_started_at = NULL,
                        error_code = NULL, error_title = NULL, error_details = NULL,
                        status = CASE WHEN status_rank < $4 THEN $3 ELSE status END,
                        status_at = CASE WHEN status_rank < $4 THEN $5 ELSE status_at END,
                        status_rank = CASE WHEN status_rank < $4 THEN $4 ELSE status_rank END
                     WHERE id = $1 AND direction = 'outbound'",
                )
                .bind(message_id)
                .bind(wamid)
                .bind(DeliveryStatus::Sent.as_str())
                .bind(DeliveryStatus::Sent.rank())
                .bind(at_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                if updated.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                // Statuses that overtook the send: the most advanced one wins.
                let backlog: Option<(String, i64, i64, Option<i64>, Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT status, status_rank, at, error_code, error_title, error_details FROM status_backlog
                     WHERE wamid = $1 ORDER BY status_rank DESC LIMIT 1",
                )
                .bind(wamid)
                .fetch_optional(&mut *tx)
                .await
                .map_err(store_error)?;
                let backlogged = backlog.is_some();
                if let Some((status, rank, at, code, title, details)) = backlog {
                    sqlx::query(
                        "UPDATE messages SET status = $2, status_rank = $3, status_at = $4,
                            error_code = $5, error_title = $6, error_details = $7
                         WHERE id = $1 AND status_rank < $3",
                    )
                    .bind(message_id)
                    .bind(status)
                    .bind(rank)
                    .bind(at)
                    .bind(code)
                    .bind(title)
                    .bind(details)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                }
                if backlogged {
                    // Its pricing, from the earliest status that carried one.
                    let pricing: Option<(Option<String>, Option<bool>, Option<String>)> = sqlx::query_as(
                        "SELECT pricing_category, pricing_billable, pricing_type FROM status_backlog
                         WHERE wamid = $1 AND (pricing_category IS NOT NULL OR pricing_billable IS NOT NULL OR pricing_type IS NOT NULL)
                         ORDER BY status_rank LIMIT 1",
                    )
                    .bind(wamid)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                    if let Some((category, billable, kind)) = pricing {
                        sqlx::query($crate::db::ingest::KEEP_FIRST_PRICING)
                            .bind(message_id)
                            .bind(category)
                            .bind(billable)
                            .bind(kind)
                            .execute(&mut *tx)
                            .await
                            .map_err(store_error)?;
                    }
                    sqlx::query("DELETE FROM status_backlog WHERE wamid = $1")
                        .bind(wamid)
                        .execute(&mut *tx)
                        .await
                        .map_err(store_error)?;
                }
                let record = self.message_by_id(&mut tx, message_id).await?;
                let changes = [
                    app::ssr::Change::Message { id: message_id },
                    app::ssr::Change::Conversation { id: record.conversation_id },
                ];
                self.commit_announcing(tx, &changes).await?;
                Ok(record)
            }
        }
    };
}

pub(crate) use conversation_queries;
