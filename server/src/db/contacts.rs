//! The SQL behind `app::ssr::ContactStore`: the contacts list (the segment filter's clause,
//! a search and keyset paging over one index per order), what the contact page shows beside
//! the contact, and blocking. Stamped out per database by `contact_queries!`.

use super::segment_sql::{Arg, Dialect};
use app::domain::contacts::directory::{
    search_terms, BlockedFilter, ContactCursor, ContactQuery, ContactSort, SortKey,
};
use app::domain::contacts::MarketingConsent;
use app::ssr::contact_store::ContactListRow;
use app::wire::inbox::LabelView;

/// Each order's key over `contacts c`: the expressions the indexes of migration 0016 hold.
pub(crate) fn sort_key(sort: ContactSort, dialect: Dialect) -> &'static str {
    match (sort, dialect) {
        (ContactSort::LastContact, _) => "COALESCE(c.last_inbound_at, 0)",
        (ContactSort::Newest, _) => "c.created_at",
        (ContactSort::Name, Dialect::Sqlite) => {
            "COALESCE(NULLIF(c.profile_name, ''), NULLIF(c.username, ''), c.wa_id, c.user_id, '')"
        }
        (ContactSort::Name, Dialect::Postgres) => {
            "(COALESCE(NULLIF(c.profile_name, ''), NULLIF(c.username, ''), c.wa_id, c.user_id, '') COLLATE \"C\")"
        }
    }
}

/// The list's query: `SELECT … FROM contacts c WHERE <filter, search, blocked, cursor>
/// ORDER BY <key, id> LIMIT $n`, with its arguments in order.
pub(crate) fn page_sql(
    query: &ContactQuery,
    now_ms: i64,
    limit: u32,
    dialect: Dialect,
) -> (String, Vec<Arg>) {
    let filter = super::segment_sql::clause(&query.filter, now_ms, dialect, 0);
    let mut args = filter.args;
    let arg = |a: Arg, args: &mut Vec<Arg>| {
        args.push(a);
        format!("${}", args.len())
    };
    let mut parts = vec![filter.sql];
    let (text, digits) = search_terms(&query.search);
    if !text.is_empty() {
        let s = arg(Arg::Text(text.to_lowercase()), &mut args);
        let contains = |col: &str| match dialect {
            Dialect::Sqlite => format!("instr(lower({col}), {s}) > 0"),
            Dialect::Postgres => format!("strpos(lower({col}), {s}) > 0"),
        };
        let attribute = match dialect {
            Dialect::Sqlite => format!(
                "EXISTS (SELECT 1 FROM json_each(c.attributes) j WHERE {})",
                contains("j.value")
            ),
            Dialect::Postgres => format!(
                "EXISTS (SELECT 1 FROM jsonb_each_text(c.attributes::jsonb) j WHERE {})",
                contains("j.value")
            ),
        };
        let mut any = vec![
            contains("COALESCE(c.profile_name, '')"),
            contains("COALESCE(c.username, '')"),
            format!("lower(COALESCE(c.user_id, '')) = {s}"),
            attribute,
        ];
        if let Some(d) = digits {
            let d = arg(Arg::Text(d), &mut args);
            any.push(match dialect {
                Dialect::Sqlite => format!("instr(COALESCE(c.wa_id, ''), {d}) > 0"),
                Dialect::Postgres => format!("strpos(COALESCE(c.wa_id, ''), {d}) > 0"),
            });
        }
        parts.push(format!("({})", any.join(" OR ")));
    }
    // (Erased contacts are excluded by the segment clause.)
    match query.blocked {
        BlockedFilter::Any => {}
        BlockedFilter::Only => parts.push("c.blocked_at IS NOT NULL".into()),
        BlockedFilter::Hidden => parts.push("c.blocked_at IS NULL".into()),
    }
    let key = sort_key(query.sort, dialect);
    let (cmp, dir) = if query.sort.descending() {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    if let Some(after) = &query.after {
        let k = match &after.key {
            SortKey::Number(n) => arg(Arg::Int(*n), &mut args),
            SortKey::Text(t) => arg(Arg::Text(t.clone()), &mut args),
        };
        let id = arg(Arg::Int(after.id), &mut args);
        parts.push(format!("({key}, c.id) {cmp} ({k}, {id})"));
    }
    let limit = arg(Arg::Int(i64::from(limit)), &mut args);
    let sql = format!(
        "SELECT c.id, c.wa_id, c.user_id, c.profile_name, c.username, c.marketing, c.country,
                c.last_inbound_at, c.created_at, c.blocked_at, c.attributes
         FROM contacts c WHERE {} ORDER BY {key} {dir}, c.id {dir} LIMIT {limit}",
        parts.join(" AND ")
    );
    (sql, args)
}

#[derive(sqlx::FromRow)]
pub(crate) struct ListSqlRow {
    id: i64,
    wa_id: Option<String>,
    user_id: Option<String>,
    profile_name: Option<String>,
    username: Option<String>,
    marketing: String,
    country: Option<String>,
    last_inbound_at: Option<i64>,
    created_at: i64,
    blocked_at: Option<i64>,
    attributes: String,
}

impl From<ListSqlRow> for ContactListRow {
    fn from(r: ListSqlRow) -> Self {
        ContactListRow {
            id: r.id,
            wa_id: r.wa_id,
            user_id: r.user_id,
            profile_name: r.profile_name,
            username: r.username,
            marketing: MarketingConsent::parse(&r.marketing),
            country: r.country,
            last_inbound_at_ms: r.last_inbound_at,
            created_at_ms: r.created_at,
            blocked_at_ms: r.blocked_at,
            attributes: serde_json::from_str(&r.attributes).unwrap_or_default(),
            labels: Vec::new(),
        }
    }
}

/// The cursor after the last row of a full page.
pub(crate) fn next_cursor(
    rows: &[ContactListRow],
    sort: ContactSort,
    limit: u32,
) -> Option<ContactCursor> {
    use app::domain::contacts::directory::SortFacts;
    if rows.len() < limit as usize {
        return None;
    }
    let last = rows.last()?;
    let key = sort.key(&SortFacts {
        last_inbound_at_ms: last.last_inbound_at_ms,
        created_at_ms: last.created_at_ms,
        profile_name: last.profile_name.as_deref(),
        username: last.username.as_deref(),
        wa_id: last.wa_id.as_deref(),
        user_id: last.user_id.as_deref(),
    });
    Some(ContactCursor { key, id: last.id })
}

/// Labels of the contacts' conversations, attached to their rows.
pub(crate) fn attach_labels(rows: &mut [ContactListRow], labels: Vec<(i64, i64, String, String)>) {
    for (contact_id, id, name, color) in labels {
        if let Some(row) = rows.iter_mut().find(|r| r.id == contact_id) {
            if !row.labels.iter().any(|l| l.id == id) {
                row.labels.push(LabelView { id, name, color });
            }
        }
    }
}

macro_rules! contact_queries {
    ($store:ident, $db:ty, $dialect:expr) => {
        #[async_trait::async_trait]
        impl app::ssr::ContactStore for $store {
            async fn contact_page(
                &self,
                query: &app::domain::contacts::directory::ContactQuery,
                now_ms: i64,
                limit: u32,
            ) -> Result<(Vec<app::ssr::contact_store::ContactListRow>, Option<app::domain::contacts::directory::ContactCursor>), StoreError> {
                use $crate::db::contacts::{attach_labels, next_cursor, page_sql, ListSqlRow};
                use $crate::db::segment_sql::bind_args;
                if !query.filter.countries.is_empty() {
                    self.fill_countries().await?;
                }
                let (sql, args) = page_sql(query, now_ms, limit, $dialect);
                let rows: Vec<ListSqlRow> = bind_args!(sqlx::query_as::<_, ListSqlRow>(&sql), &args)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                let mut rows: Vec<app::ssr::contact_store::ContactListRow> = rows.into_iter().map(Into::into).collect();
                if !rows.is_empty() {
                    let mut qb = sqlx::QueryBuilder::<$db>::new(
                        "SELECT DISTINCT v.contact_id, l.id, l.name, l.color FROM conversation_labels cl
                         JOIN conversations v ON v.id = cl.conversation_id JOIN labels l ON l.id = cl.label_id
                         WHERE v.contact_id IN (",
                    );
                    let mut ids = qb.separated(", ");
                    for r in &rows {
                        ids.push_bind(r.id);
                    }
                    qb.push(") ORDER BY l.name");
                    let labels: Vec<(i64, i64, String, String)> = qb
                        .build_query_as()
                        .fetch_all(&self.pool)
                        .await
                        .map_err(store_error)?;
                    attach_labels(&mut rows, labels);
                }
                let next = next_cursor(&rows, query.sort, limit);
                Ok((rows, next))
            }

            async fn contact_conversations(&self, contact_id: i64) -> Result<Vec<app::wire::contacts::ContactConversation>, StoreError> {
                use app::domain::inbox::ConversationStatus;
                let rows: Vec<(i64, String, Option<String>, i64, i64, i64)> = sqlx::query_as(
                    "SELECT v.id, v.status, u.name, v.created_at, v.last_message_at,
                        (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = v.id)
                     FROM conversations v LEFT JOIN users u ON u.id = v.assignee_id
                     WHERE v.contact_id = $1 ORDER BY v.id DESC",
                )
                .bind(contact_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                let labels: Vec<(i64, i64, String, String)> = sqlx::query_as(
                    "SELECT cl.conversation_id, l.id, l.name, l.color FROM conversation_labels cl
                     JOIN conversations v ON v.id = cl.conversation_id JOIN labels l ON l.id = cl.label_id
                     WHERE v.contact_id = $1 ORDER BY l.name",
                )
                .bind(contact_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, status, assignee, created, last, messages)| app::wire::contacts::ContactConversation {
                        id,
                        status: ConversationStatus::parse(&status).unwrap_or(ConversationStatus::Open),
                        assignee,
                        started_at_ms: created,
                        last_message_at_ms: last,
                        messages: u64::try_from(messages).unwrap_or(0),
                        labels: labels
                            .iter()
                            .filter(|l| l.0 == id)
                            .map(|(_, id, name, color)| app::wire::inbox::LabelView { id: *id, name: name.clone(), color: color.clone() })
                            .collect(),
                    })
                    .collect())
            }

            async fn contact_campaigns(&self, contact_id: i64) -> Result<Vec<app::wire::contacts::ContactCampaign>, StoreError> {
                use app::domain::campaigns::RecipientState;
                let rows: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
                    "SELECT k.id, k.name, r.state, r.sent_at FROM campaign_recipients r
                     JOIN campaigns k ON k.id = r.campaign_id WHERE r.contact_id = $1 ORDER BY k.id DESC",
                )
                .bind(contact_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(campaign_id, name, state, sent_at)| {
                        Some(app::wire::contacts::ContactCampaign {
                            campaign_id,
                            name,
                            state: RecipientState::parse(&state)?,
                            sent_at_ms: sent_at,
                        })
                    })
                    .collect())
            }

            async fn set_blocked(&self, contact_id: i64, blocked: bool, by: Option<i64>, now_ms: i64) -> Result<(), StoreError> {
                let done = if blocked {
                    sqlx::query(
                        "UPDATE contacts SET blocked_at = COALESCE(blocked_at, $2), blocked_by = COALESCE(blocked_by, $3), updated_at = $2 WHERE id = $1",
                    )
                    .bind(contact_id)
                    .bind(now_ms)
                    .bind(by)
                } else {
                    sqlx::query(
                        "UPDATE contacts SET blocked_at = NULL, blocked_by = NULL, updated_at = $2 WHERE id = $1",
                    )
                    .bind(contact_id)
                    .bind(now_ms)
                }
                .execute(&self.pool)
                .await
                .map_err(store_error)?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                // Consoles show or hide the conversation in their queues.
                let open: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM conversations WHERE contact_id = $1 AND status <> 'resolved'",
                )
                .bind(contact_id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                for id in open {
                    self.signal(app::ssr::Change::Conversation { id }).await?;
                }
                Ok(())
            }

            async fn blocked_by(&self, contact_id: i64) -> Result<Option<String>, StoreError> {
                let name: Option<Option<String>> = sqlx::query_scalar(
                    "SELECT u.name FROM contacts c LEFT JOIN users u ON u.id = c.blocked_by WHERE c.id = $1",
                )
                .bind(contact_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(name.flatten())
            }
        }
    };
}
pub(crate) use contact_queries;
