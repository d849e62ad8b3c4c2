//! Label definitions for the Labels screen.
//! Written once with `$n` parameters and stamped out per database by `label_queries!`.
//!
//! Every write announces one `Change::Labels`, whatever the number of conversations carrying
//! the label: consoles reload what they show instead of hearing about each conversation.

use app::wire::inbox::LabelDefinition;

#[derive(sqlx::FromRow)]
pub(crate) struct DefinitionRow {
    id: i64,
    name: String,
    color: String,
    description: String,
    conversations: i64,
}

impl From<DefinitionRow> for LabelDefinition {
    fn from(r: DefinitionRow) -> Self {
        LabelDefinition {
            id: r.id,
            name: r.name,
            color: r.color,
            description: r.description,
            conversations: u64::try_from(r.conversations).unwrap_or(0),
        }
    }
}

/// Implements `app::ssr::LabelStore` for one database.
macro_rules! label_queries {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::LabelStore for $store {
            async fn label_definitions(&self) -> Result<Vec<app::wire::inbox::LabelDefinition>, StoreError> {
                // The count walks `conversation_labels_by_label`, one range per label.
                let rows: Vec<$crate::db::labels::DefinitionRow> = sqlx::query_as(
                    "SELECT l.id, l.name, l.color, l.description,
                        (SELECT COUNT(*) FROM conversation_labels cl WHERE cl.label_id = l.id) AS conversations
                     FROM labels l ORDER BY l.name_key, l.id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn create_label(&self, label: &app::domain::labels::LabelDraft, now_ms: i64) -> Result<app::wire::inbox::LabelView, StoreError> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO labels (name, name_key, color, description, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                )
                .bind(label.name())
                .bind(label.key())
                .bind(label.color())
                .bind(label.description())
                .bind(now_ms)
                .fetch_one(&mut *tx)
                .await
                .map_err(store_error)?;
                self.commit_announcing(tx, &[app::ssr::Change::Labels]).await?;
                Ok(app::wire::inbox::LabelView { id, name: label.name().to_string(), color: label.color().to_string() })
            }

            async fn update_label(&self, id: i64, label: &app::domain::labels::LabelDraft, now_ms: i64) -> Result<app::wire::inbox::LabelView, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE labels SET name = $2, name_key = $3, color = $4, description = $5, updated_at = $6
                     WHERE id = $1",
                )
                .bind(id)
                .bind(label.name())
                .bind(label.key())
                .bind(label.color())
                .bind(label.description())
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                $crate::db::inbox::not_found_if_zero(done.rows_affected())?;
                self.commit_announcing(tx, &[app::ssr::Change::Labels]).await?;
                Ok(app::wire::inbox::LabelView { id, name: label.name().to_string(), color: label.color().to_string() })
            }

            async fn delete_label(&self, id: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                // Before the label row: its foreign key would cascade, and then nobody could
                // say how many conversations carried it.
                let carried = sqlx::query("DELETE FROM conversation_labels WHERE label_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?
                    .rows_affected();
                let done = sqlx::query("DELETE FROM labels WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                // An unknown id rolls back (there was nothing to take off anyway).
                $crate::db::inbox::not_found_if_zero(done.rows_affected())?;
                self.commit_announcing(tx, &[app::ssr::Change::Labels]).await?;
                Ok(carried)
            }
        }
    };
}

pub(crate) use label_queries;
