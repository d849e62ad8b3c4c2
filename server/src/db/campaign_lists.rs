//! The SQL behind `app::ssr::CampaignListStore`: uploaded recipient lists. Written once with
//! `$n` parameters and stamped out per database by `campaign_list_queries!`.

use app::domain::campaigns::csv_list::{ListAddress, ListRow};
use app::ssr::StoreError;
use app::wire::campaigns::ListView;

pub(crate) const LIST_COLUMNS: &str =
    "id, name, columns, accepted, created, rejected_count, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct ListRowDb {
    id: i64,
    name: String,
    columns: String,
    accepted: i64,
    created: i64,
    rejected_count: i64,
    created_at: i64,
}

impl From<ListRowDb> for ListView {
    fn from(r: ListRowDb) -> ListView {
        ListView {
            id: r.id,
            name: r.name,
            columns: serde_json::from_str(&r.columns).unwrap_or_default(),
            accepted: r.accepted.max(0) as u64,
            created: r.created.max(0) as u64,
            rejected: r.rejected_count.max(0) as u64,
            created_at_ms: r.created_at,
        }
    }
}

/// The spellings a row's contact may be stored under, the row's own first.
pub(crate) fn spellings(row: &ListRow) -> (bool, Vec<String>) {
    match &row.address {
        ListAddress::Phone(wa_id) => {
            let mut all = vec![wa_id.clone()];
            all.extend(app::domain::phone::prefix_variants(wa_id));
            (true, all)
        }
        ListAddress::UserId(id) => (false, vec![id.clone()]),
    }
}

pub(crate) fn store_error_text(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(e.to_string())
}

macro_rules! campaign_list_queries {
    ($store:ident, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::CampaignListStore for $store {
            async fn create_list(
                &self,
                list: &app::ssr::campaign_list_store::NewList<'_>,
                now_ms: i64,
            ) -> Result<(app::wire::campaigns::ListView, Vec<app::domain::campaigns::csv_list::RejectedRow>), StoreError> {
                use app::domain::campaigns::csv_list::{rejected_csv, RejectedRow, RowProblem};
                use std::collections::HashMap;
                use $crate::db::campaign_lists::{spellings, ListRowDb, LIST_COLUMNS};
                let mut tx = self.begin_write().await?;
                let list_id: i64 = sqlx::query_scalar(
                    "INSERT INTO campaign_lists (name, columns, accepted, created, rejected_count, rejected, created_by, created_at)
                     VALUES ($1, $2, 0, 0, 0, '', $3, $4) RETURNING id",
                )
                .bind(list.name)
                .bind(to_json(&list.columns))
                .bind(list.created_by)
                .bind(now_ms)
                .fetch_one(&mut *tx)
                .await
                .map_err(store_error)?;
                let mut rejected: Vec<RejectedRow> = list.rejected.to_vec();
                // Contact → the line that brought it: a second row for them is a duplicate.
                let mut lines: HashMap<i64, usize> = HashMap::new();
                let (mut accepted, mut created) = (0_i64, 0_i64);
                for row in list.rows {
                    let (phone, names) = spellings(row);
                    let lookup = if phone {
                        "SELECT id FROM contacts WHERE wa_id = $1"
                    } else {
                        "SELECT id FROM contacts WHERE user_id = $1"
                    };
                    let mut found = None;
                    for name in &names {
                        found = sqlx::query_scalar::<_, i64>(lookup)
                            .bind(name)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(store_error)?;
                        if found.is_some() {
                            break;
                        }
                    }
                    let contact_id = match found {
                        Some(id) => {
                            // The file's name for someone WhatsApp has not named yet.
                            sqlx::query("UPDATE contacts SET profile_name = $2 WHERE id = $1 AND profile_name IS NULL AND $2 IS NOT NULL")
                                .bind(id)
                                .bind(&row.name)
                                .execute(&mut *tx)
                                .await
                                .map_err(store_error)?;
                            id
                        }
                        None => {
                            let insert = if phone {
                                "INSERT INTO contacts (wa_id, profile_name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id"
                            } else {
                                "INSERT INTO contacts (user_id, profile_name, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id"
                            };
                            created += 1;
                            sqlx::query_scalar::<_, i64>(insert)
                                .bind(&names[0])
                                .bind(&row.name)
                                .bind(now_ms)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(store_error)?
                        }
                    };
                    if let Some(first) = lines.get(&contact_id) {
                        rejected.push(RejectedRow {
                            line: row.line,
                            fields: row.fields.clone(),
                            problem: RowProblem::Duplicate { line: *first },
                        });
                        continue;
                    }
                    lines.insert(contact_id, row.line);
                    accepted += 1;
                    sqlx::query(
                        "INSERT INTO campaign_list_members (list_id, contact_id, line, name, columns) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(list_id)
                    .bind(contact_id)
                    .bind(row.line as i64)
                    .bind(&row.name)
                    .bind(to_json(&row.values))
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                    if let Some(change) = &list.opt_in {
                        let applied = sqlx::query(
                            "UPDATE contacts SET marketing = $2, marketing_changed_at = $3 WHERE id = $1 AND marketing = 'unknown'",
                        )
                        .bind(contact_id)
                        .bind(change.consent.as_str())
                        .bind(change.at_ms)
                        .execute(&mut *tx)
                        .await
                        .map_err(store_error)?
                        .rows_affected()
                            > 0;
                        if applied {
                            consent_event(&mut tx, contact_id, change).await?;
                        }
                    }
                }
                rejected.sort_by_key(|r| r.line);
                sqlx::query(
                    "UPDATE campaign_lists SET accepted = $2, created = $3, rejected_count = $4, rejected = $5 WHERE id = $1",
                )
                .bind(list_id)
                .bind(accepted)
                .bind(created)
                .bind(rejected.len() as i64)
                .bind(rejected_csv(list.header, &rejected))
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                let row: ListRowDb = sqlx::query_as(&format!("SELECT {LIST_COLUMNS} FROM campaign_lists WHERE id = $1"))
                    .bind(list_id)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(store_error)?;
                tx.commit().await.map_err(store_error)?;
                Ok((row.into(), rejected))
            }

            async fn lists(&self, limit: u32) -> Result<Vec<app::wire::campaigns::ListView>, StoreError> {
                use $crate::db::campaign_lists::{ListRowDb, LIST_COLUMNS};
                let rows: Vec<ListRowDb> = sqlx::query_as(&format!(
                    "SELECT {LIST_COLUMNS} FROM campaign_lists ORDER BY id DESC LIMIT $1"
                ))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn list(&self, id: i64) -> Result<Option<app::wire::campaigns::ListView>, StoreError> {
                use $crate::db::campaign_lists::{ListRowDb, LIST_COLUMNS};
                let row: Option<ListRowDb> = sqlx::query_as(&format!(
                    "SELECT {LIST_COLUMNS} FROM campaign_lists WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(row.map(Into::into))
            }

            async fn list_rejected(&self, id: i64) -> Result<Option<String>, StoreError> {
                sqlx::query_scalar("SELECT rejected FROM campaign_lists WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)
            }

            async fn list_members(
                &self,
                id: i64,
            ) -> Result<std::collections::HashMap<i64, app::ssr::campaign_list_store::ListMember>, StoreError> {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT contact_id, columns FROM campaign_list_members WHERE list_id = $1",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                rows.into_iter()
                    .map(|(contact_id, columns)| {
                        let columns = serde_json::from_str(&columns)
                            .map_err($crate::db::campaign_lists::store_error_text)?;
                        Ok((contact_id, columns))
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use campaign_list_queries;
