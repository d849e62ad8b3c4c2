//! Quick replies, shared and personal.
//! Written once with `$n` parameters and stamped out per database by `quick_reply_queries!`.
//! A shortcut is unique within its list (the shared one, or one user's own): the unique index
//! on `(COALESCE(owner_id, 0), shortcut)` refuses a second one, which surfaces as
//! `StoreError::Duplicate`.

use app::domain::quick_replies::QuickReply;

pub(crate) const COLUMNS: &str = "id, owner_id, shortcut, title, body, updated_at";

#[derive(sqlx::FromRow)]
pub(crate) struct QuickReplyRow {
    id: i64,
    owner_id: Option<i64>,
    shortcut: String,
    title: String,
    body: String,
    updated_at: i64,
}

impl From<QuickReplyRow> for QuickReply {
    fn from(r: QuickReplyRow) -> Self {
        QuickReply {
            id: r.id,
            owner_id: r.owner_id,
            shortcut: r.shortcut,
            title: r.title,
            body: r.body,
            updated_at_ms: r.updated_at,
        }
    }
}

/// Sorted here rather than in SQL: the databases' collations order punctuation differently.
pub(crate) fn by_shortcut(rows: Vec<QuickReplyRow>) -> Vec<QuickReply> {
    let mut replies: Vec<QuickReply> = rows.into_iter().map(Into::into).collect();
    replies.sort_by(|a, b| {
        (&a.shortcut, a.is_shared(), a.id).cmp(&(&b.shortcut, b.is_shared(), b.id))
    });
    replies
}

/// Implements `app::ssr::QuickReplyStore` for one database.
macro_rules! quick_reply_queries {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::QuickReplyStore for $store {
            async fn quick_replies(&self, user_id: i64) -> Result<Vec<app::domain::quick_replies::QuickReply>, StoreError> {
                use $crate::db::quick_replies::{QuickReplyRow, COLUMNS};
                use $crate::db::quick_replies::by_shortcut;
                let rows: Vec<QuickReplyRow> = sqlx::query_as(&format!(
                    "SELECT {COLUMNS} FROM quick_replies WHERE owner_id IS NULL OR owner_id = $1"
                ))
                .bind(user_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(by_shortcut(rows))
            }

            async fn quick_reply(&self, id: i64) -> Result<Option<app::domain::quick_replies::QuickReply>, StoreError> {
                use $crate::db::quick_replies::{QuickReplyRow, COLUMNS};
                let row: Option<QuickReplyRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM quick_replies WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(row.map(Into::into))
            }

            async fn create_quick_reply(
                &self,
                owner_id: Option<i64>,
                fields: &app::domain::quick_replies::QuickReplyFields,
                now_ms: i64,
            ) -> Result<app::domain::quick_replies::QuickReply, StoreError> {
                use $crate::db::quick_replies::{QuickReplyRow, COLUMNS};
                let row: QuickReplyRow = sqlx::query_as(&format!(
                    "INSERT INTO quick_replies (owner_id, shortcut, title, body, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $5) RETURNING {COLUMNS}"
                ))
                .bind(owner_id)
                .bind(&fields.shortcut)
                .bind(&fields.title)
                .bind(&fields.body)
                .bind(now_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(row.into())
            }

            async fn update_quick_reply(
                &self,
                id: i64,
                fields: &app::domain::quick_replies::QuickReplyFields,
                now_ms: i64,
            ) -> Result<app::domain::quick_replies::QuickReply, StoreError> {
                use $crate::db::quick_replies::{QuickReplyRow, COLUMNS};
                let row: Option<QuickReplyRow> = sqlx::query_as(&format!(
                    "UPDATE quick_replies SET shortcut = $2, title = $3, body = $4, updated_at = $5
                     WHERE id = $1 RETURNING {COLUMNS}"
                ))
                .bind(id)
                .bind(&fields.shortcut)
                .bind(&fields.title)
                .bind(&fields.body)
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                row.map(Into::into).ok_or(StoreError::NotFound)
            }

            async fn delete_quick_reply(&self, id: i64) -> Result<(), StoreError> {
                let deleted = sqlx::query("DELETE FROM quick_replies WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(store_error)?
                    .rows_affected();
                if deleted == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }
        }
    };
}

pub(crate) use quick_reply_queries;
