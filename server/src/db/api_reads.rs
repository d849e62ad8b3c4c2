//! The integration API's reads beyond the console's: contacts and conversations page by page
//! (by id, newest first, the cursor being the last id seen), a conversation's messages after a
//! point. Written once with `$n`
//! parameters (or `QueryBuilder`) and stamped out per database by `api_read_queries!`; the
//! `IntegrationStore` implementation in `db::integrations` calls these.
//!
//! Rows reuse the console's decoding (`db::conversations`) and search patterns (`db::inbox`).

/// Adds the API's read methods to one database's store.
macro_rules! api_read_queries {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn api_contacts(&self, search: Option<&str>, before_id: Option<i64>, limit: u32) -> Result<Vec<app::ssr::ContactRecord>, StoreError> {
                use $crate::db::conversations::{ContactRow, CONTACT_COLUMNS};
                use $crate::db::inbox::{like_pattern, like_pattern_as_typed};
                let mut qb = sqlx::QueryBuilder::<$db>::new(format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id < "));
                qb.push_bind(before_id.unwrap_or(i64::MAX));
                if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
                    let pattern = like_pattern(search);
                    // As the inbox search: LOWER() folds ASCII only in SQLite, so a name with
                    // an accented capital also matches as typed.
                    qb.push(" AND (COALESCE(profile_name, '') LIKE ").push_bind(like_pattern_as_typed(search)).push(" ESCAPE '\\'")
                        .push(" OR LOWER(COALESCE(profile_name, '')) LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'")
                        .push(" OR LOWER(COALESCE(wa_id, '')) LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'")
                        .push(" OR LOWER(COALESCE(username, '')) LIKE ").push_bind(pattern).push(" ESCAPE '\\')");
                }
                qb.push(" ORDER BY id DESC LIMIT ").push_bind(i64::from(limit));
                let rows: Vec<ContactRow> = qb.build_query_as().fetch_all(&self.pool).await.map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn api_conversations(&self, query: &app::ssr::ConversationQuery) -> Result<Vec<app::ssr::ConversationRow>, StoreError> {
                use $crate::db::conversations::CONVERSATION_COLUMNS;
                let mut qb = sqlx::QueryBuilder::<$db>::new(format!("SELECT {CONVERSATION_COLUMNS} FROM conversations cv WHERE cv.id < "));
                qb.push_bind(query.before_id.unwrap_or(i64::MAX));
                if let Some(status) = query.status {
                    qb.push(" AND cv.status = ").push_bind(status.as_str());
                }
                match query.assignee {
                    Some(Some(user)) => { qb.push(" AND cv.assignee_id = ").push_bind(user); }
                    Some(None) => { qb.push(" AND cv.assignee_id IS NULL"); }
                    None => {}
                }
                if let Some(label) = query.label_id {
                    qb.push(" AND EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = cv.id AND cl.label_id = ")
                        .push_bind(label)
                        .push(")");
                }
                if let Some(contact) = query.contact_id {
                    qb.push(" AND cv.contact_id = ").push_bind(contact);
                }
                qb.push(" ORDER BY cv.id DESC LIMIT ").push_bind(i64::from(query.limit));
                // One snapshot for the page, its contacts and its labels.
                let mut tx = self.pool.begin().await.map_err(store_error)?;
                let rows: Vec<$crate::db::conversations::ConversationRow> = qb.build_query_as().fetch_all(&mut *tx).await.map_err(store_error)?;
                let records = rows.into_iter().map(TryInto::try_into).collect::<Result<Vec<_>, _>>()?;
                let page = Self::api_rows(&mut tx, records).await?;
                tx.commit().await.map_err(store_error)?;
                Ok(page)
            }

            async fn api_conversation(&self, id: i64) -> Result<Option<app::ssr::ConversationRow>, StoreError> {
                use $crate::db::conversations::{ConversationRow, CONVERSATION_COLUMNS};
                let mut tx = self.pool.begin().await.map_err(store_error)?;
                let row: Option<ConversationRow> = sqlx::query_as(&format!("SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let mut rows = Self::api_rows(&mut tx, vec![row.try_into()?]).await?;
                tx.commit().await.map_err(store_error)?;
                Ok(rows.pop())
            }

            /// The conversations with their contacts and label names: one query for the
            /// contacts of all of them, one for their labels.
            async fn api_rows(conn: &mut <$db as sqlx::Database>::Connection, records: Vec<app::ssr::ConversationRecord>) -> Result<Vec<app::ssr::ConversationRow>, StoreError> {
                use $crate::db::conversations::{ContactRow, CONTACT_COLUMNS};
                use $crate::db::inbox::LabelRow;
                if records.is_empty() {
                    return Ok(Vec::new());
                }
                let mut qb = sqlx::QueryBuilder::<$db>::new(format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id IN ("));
                let mut ids = qb.separated(", ");
                for r in &records {
                    ids.push_bind(r.contact_id);
                }
                qb.push(")");
                let contacts: Vec<ContactRow> = qb.build_query_as().fetch_all(&mut *conn).await.map_err(store_error)?;
                let contacts: Vec<app::ssr::ContactRecord> = contacts.into_iter().map(Into::into).collect();
                let mut qb = sqlx::QueryBuilder::<$db>::new(
                    "SELECT cl.conversation_id, l.id, l.name, l.color FROM conversation_labels cl
                     JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id IN (",
                );
                let mut ids = qb.separated(", ");
                for r in &records {
                    ids.push_bind(r.id);
                }
                qb.push(") ORDER BY l.name_key, l.id");
                let labels: Vec<LabelRow> = qb.build_query_as().fetch_all(&mut *conn).await.map_err(store_error)?;
                records
                    .into_iter()
                    .map(|conversation| {
                        let contact = contacts
                            .iter()
                            .find(|c| c.id == conversation.contact_id)
                            .cloned()
                            .ok_or_else(|| StoreError::Other(format!("conversation {} has no contact", conversation.id)))?;
                        let labels = labels.iter().filter(|l| l.conversation_id == conversation.id).map(|l| l.name.clone()).collect();
                        Ok(app::ssr::ConversationRow { conversation, contact, labels })
                    })
                    .collect()
            }

            async fn api_messages(&self, conversation_id: i64, after_id: Option<i64>, limit: u32) -> Result<Vec<app::ssr::MessageRecord>, StoreError> {
                use $crate::db::conversations::{MessageRow, MESSAGE_COLUMNS};
                let rows: Vec<MessageRow> = sqlx::query_as(&format!(
                    "SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND id > $2 ORDER BY id LIMIT $3"
                ))
                .bind(conversation_id)
                .bind(after_id.unwrap_or(0))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                $crate::db::conversations::messages_of(rows)
            }
        }
    };
}

pub(crate) use api_read_queries;
