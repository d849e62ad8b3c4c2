//! The SQL behind `app::ssr::CampaignStore`: segments, campaigns and their recipients.
//! Written once with `$n` parameters and stamped out per database by `campaign_queries!`;
//! a segment's filter becomes SQL in `segment_sql`.

use app::domain::campaigns::audience::Exclusion;
use app::domain::campaigns::funnel::Step;
use app::domain::campaigns::{CampaignState, RecipientState, StopReason};
use app::domain::contacts::MarketingConsent;
use app::domain::message::MetaError;
use app::ssr::campaign_store::{AudienceRow, CampaignRecord};
use app::ssr::StoreError;
use app::wire::campaigns::RecipientView;
use std::collections::BTreeMap;

pub(crate) const CAMPAIGN_COLUMNS: &str = "k.id, k.name, k.state, k.stop_reason, k.template_name, k.template_language,
    k.template_category, k.composition, k.audience, k.replies_to, k.buttons, k.start_at, k.quiet_hours,
    k.rate_per_second, k.estimated_micros, k.currency, k.created_by, u.name AS created_by_name, k.created_at,
    k.finished_at";
pub(crate) const CAMPAIGN_FROM: &str = "campaigns k LEFT JOIN users u ON u.id = k.created_by";

#[derive(sqlx::FromRow)]
pub(crate) struct CampaignRow {
    id: i64,
    name: String,
    state: String,
    stop_reason: Option<String>,
    template_name: String,
    template_language: String,
    template_category: Option<String>,
    composition: String,
    audience: String,
    replies_to: String,
    buttons: String,
    start_at: i64,
    quiet_hours: Option<String>,
    rate_per_second: i64,
    estimated_micros: Option<i64>,
    currency: Option<String>,
    created_by: Option<i64>,
    created_by_name: Option<String>,
    created_at: i64,
    finished_at: Option<i64>,
}

impl TryFrom<CampaignRow> for CampaignRecord {
    type Error = StoreError;

    fn try_from(r: CampaignRow) -> Result<Self, StoreError> {
        let state = CampaignState::parse(&r.state).ok_or_else(|| {
            StoreError::Other(format!("campaign {} in state {:?}", r.id, r.state))
        })?;
        Ok(CampaignRecord {
            id: r.id,
            name: r.name,
            state,
            stop_reason: r
                .stop_reason
                .as_deref()
                .and_then(|s| serde_json::from_str::<StopReason>(s).ok()),
            template_name: r.template_name,
            template_language: r.template_language,
            template_category: r.template_category,
            composition: r.composition,
            audience: r.audience,
            replies_to: r.replies_to,
            buttons: r.buttons,
            start_at_ms: r.start_at,
            quiet_hours: r.quiet_hours,
            rate_per_second: u32::try_from(r.rate_per_second).unwrap_or(1),
            estimated_micros: r.estimated_micros,
            currency: r.currency,
            created_by: r.created_by,
            created_by_name: r.created_by_name,
            created_at_ms: r.created_at,
            finished_at_ms: r.finished_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AudienceSqlRow {
    id: i64,
    profile_name: Option<String>,
    wa_id: Option<String>,
    user_id: Option<String>,
    marketing: String,
    unreachable_at: Option<i64>,
    attributes: String,
    last_message_marketing: Option<i64>,
    last_campaign_marketing: Option<i64>,
    country: Option<String>,
}

impl From<AudienceSqlRow> for AudienceRow {
    fn from(r: AudienceSqlRow) -> Self {
        AudienceRow {
            contact_id: r.id,
            name: r.profile_name,
            wa_id: r.wa_id,
            user_id: r.user_id,
            consent: MarketingConsent::parse(&r.marketing),
            unreachable: r.unreachable_at.is_some(),
            last_marketing_at_ms: r.last_message_marketing.max(r.last_campaign_marketing),
            attributes: attributes(&r.attributes),
            country: r.country.filter(|c| !c.is_empty()),
        }
    }
}

pub(crate) fn attributes(json: &str) -> BTreeMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

#[derive(sqlx::FromRow)]
pub(crate) struct RecipientRow {
    id: i64,
    contact_id: i64,
    profile_name: Option<String>,
    wa_id: Option<String>,
    state: String,
    skip_reason: Option<String>,
    error_code: Option<i64>,
    error_title: Option<String>,
    error_details: Option<String>,
    sent_at: Option<i64>,
    updated_at: i64,
}

impl From<RecipientRow> for RecipientView {
    fn from(r: RecipientRow) -> Self {
        RecipientView {
            id: r.id,
            contact_id: r.contact_id,
            name: r.profile_name,
            phone: r.wa_id.as_deref().map(app::domain::phone::for_people),
            state: RecipientState::parse(&r.state).unwrap_or(RecipientState::Queued),
            skip_reason: r.skip_reason.as_deref().and_then(Exclusion::parse),
            error: r.error_code.map(|code| MetaError {
                code,
                title: r.error_title.unwrap_or_default(),
                details: r.error_details,
            }),
            sent_at_ms: r.sent_at,
            updated_at_ms: r.updated_at,
        }
    }
}

/// The condition selecting a funnel step's recipients (`r`).
pub(crate) fn step_condition(step: Step) -> &'static str {
    match step {
        Step::Targeted => "r.state <> 'skipped'",
        Step::Queued => "r.state IN ('queued', 'sending')",
        Step::Sent => "r.sent_at IS NOT NULL",
        Step::Delivered => "r.delivered_at IS NOT NULL",
        Step::Read => "r.read_at IS NOT NULL",
        Step::Replied => "r.replied_at IS NOT NULL",
        Step::Failed => "r.state = 'failed'",
        Step::Limited => "r.state = 'limited'",
        Step::OptedOut => "r.state = 'opted_out'",
        Step::Skipped => "r.state = 'skipped'",
    }
}

/// Rows written per INSERT (SQLite allows 32,766 parameters a statement).
pub(crate) const RECIPIENTS_PER_INSERT: usize = 2_000;

macro_rules! campaign_queries {
    ($store:ident, $db:ty, $dialect:expr) => {
        impl $store {
            /// Fills `contacts.country` where it is missing: the rule is Rust's (libphonenumber).
            async fn fill_countries(&self) -> Result<(), StoreError> {
                loop {
                    let rows: Vec<(i64, String)> = sqlx::query_as(
                        "SELECT id, wa_id FROM contacts WHERE country IS NULL AND wa_id IS NOT NULL LIMIT 5000",
                    )
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                    if rows.is_empty() {
                        return Ok(());
                    }
                    let mut tx = self.begin_write().await?;
                    for (id, wa_id) in rows {
                        let country = app::domain::phone::country(&wa_id).unwrap_or_default();
                        sqlx::query("UPDATE contacts SET country = $2 WHERE id = $1")
                            .bind(id)
                            .bind(country)
                            .execute(&mut *tx)
                            .await
                            .map_err(store_error)?;
                    }
                    tx.commit().await.map_err(store_error)?;
                }
            }

            async fn campaign_announced(&self, id: i64) -> Result<(), StoreError> {
                self.signal(app::ssr::Change::Campaign { id }).await
            }
        }

        #[async_trait::async_trait]
        impl app::ssr::CampaignStore for $store {
            async fn count_segment(&self, filter: &app::domain::campaigns::segment::SegmentFilter, now_ms: i64) -> Result<u64, StoreError> {
                use $crate::db::segment_sql::{bind_args, clause};
                if !filter.countries.is_empty() {
                    self.fill_countries().await?;
                }
                let c = clause(filter, now_ms, $dialect, 0);
                let sql = format!("SELECT COUNT(*) FROM contacts c WHERE {}", c.sql);
                let n: i64 = bind_args!(sqlx::query_scalar(&sql), &c.args)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn audience(&self, filter: &app::domain::campaigns::segment::SegmentFilter, now_ms: i64, marketing_since_ms: i64) -> Result<Vec<app::ssr::campaign_store::AudienceRow>, StoreError> {
                use $crate::db::segment_sql::{bind_args, clause};
                // Costs are estimated by country.
                self.fill_countries().await?;
                let c = clause(filter, now_ms, $dialect, 1);
                let sql = format!(
                    "SELECT c.id, c.profile_name, c.wa_id, c.user_id, c.marketing, c.unreachable_at, c.attributes, c.country,
                        (SELECT MAX(m.sent_at) FROM messages m WHERE m.contact_id = c.id AND m.direction = 'outbound'
                            AND m.estimated_category = 'marketing' AND m.sent_at >= $1
                            AND (m.status IS NULL OR m.status <> 'failed')) AS last_message_marketing,
                        (SELECT MAX(r.sent_at) FROM campaign_recipients r JOIN campaigns k ON k.id = r.campaign_id
                            WHERE r.contact_id = c.id AND r.sent_at >= $1 AND upper(k.template_category) = 'MARKETING'
                              AND r.state NOT IN ('failed', 'limited', 'opted_out')) AS last_campaign_marketing
                     FROM contacts c WHERE {} ORDER BY c.id",
                    c.sql
                );
                let q = sqlx::query_as::<_, $crate::db::campaigns::AudienceSqlRow>(&sql).bind(marketing_since_ms);
                let rows = bind_args!(q, &c.args)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn reached_since(&self, since_ms: i64) -> Result<u64, StoreError> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM (
                        SELECT contact_id FROM messages WHERE direction = 'outbound' AND kind = 'template'
                            AND sent_at >= $1 AND (status IS NULL OR status <> 'failed')
                        UNION
                        SELECT contact_id FROM campaign_recipients WHERE sent_at >= $1
                            AND state NOT IN ('failed', 'limited', 'opted_out')
                     ) reached",
                )
                .bind(since_ms)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn attribute_keys(&self) -> Result<Vec<String>, StoreError> {
                let sql = match $dialect {
                    $crate::db::segment_sql::Dialect::Sqlite => {
                        "SELECT DISTINCT j.key FROM contacts c, json_each(c.attributes) j ORDER BY j.key LIMIT 500"
                    }
                    $crate::db::segment_sql::Dialect::Postgres => {
                        "SELECT DISTINCT k FROM (SELECT jsonb_object_keys(attributes::jsonb) AS k FROM contacts) keys ORDER BY k LIMIT 500"
                    }
                };
                sqlx::query_scalar(sql)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)
            }

            async fn segments(&self) -> Result<Vec<app::wire::campaigns::SegmentView>, StoreError> {
                let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
                    "SELECT id, name, filter, updated_at FROM segments ORDER BY lower(name), id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, name, filter, updated_at_ms)| app::wire::campaigns::SegmentView {
                        id,
                        name,
                        filter: serde_json::from_str(&filter).unwrap_or_default(),
                        updated_at_ms,
                    })
                    .collect())
            }

            async fn save_segment(&self, id: Option<i64>, name: &str, filter: &app::domain::campaigns::segment::SegmentFilter, by: i64, now_ms: i64) -> Result<app::wire::campaigns::SegmentView, StoreError> {
                let json = to_json(filter);
                let id: Option<i64> = match id {
                    None => Some(
                        sqlx::query_scalar(
                            "INSERT INTO segments (name, filter, created_by, created_at, updated_at)
                             VALUES ($1, $2, $3, $4, $4) RETURNING id",
                        )
                        .bind(name)
                        .bind(&json)
                        .bind(by)
                        .bind(now_ms)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(store_error)?,
                    ),
                    Some(id) => sqlx::query_scalar(
                        "UPDATE segments SET name = $2, filter = $3, updated_at = $4 WHERE id = $1 RETURNING id",
                    )
                    .bind(id)
                    .bind(name)
                    .bind(&json)
                    .bind(now_ms)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(store_error)?,
                };
                let id = id.ok_or(StoreError::NotFound)?;
                Ok(app::wire::campaigns::SegmentView {
                    id,
                    name: name.to_string(),
                    filter: filter.clone(),
                    updated_at_ms: now_ms,
                })
            }

            async fn delete_segment(&self, id: i64) -> Result<bool, StoreError> {
                let done = sqlx::query("DELETE FROM segments WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(done.rows_affected() > 0)
            }

            async fn create_campaign(&self, c: &app::ssr::campaign_store::NewCampaign, recipients: &[app::ssr::campaign_store::NewRecipient], now_ms: i64) -> Result<i64, StoreError> {
                use app::domain::campaigns::RecipientState;
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO campaigns (name, state, template_name, template_language, template_category, composition,
                        audience, replies_to, buttons, start_at, quiet_hours, rate_per_second, estimated_micros, currency,
                        created_by, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
                )
                .bind(&c.name)
                .bind(c.state.as_str())
                .bind(&c.template_name)
                .bind(&c.template_language)
                .bind(&c.template_category)
                .bind(&c.composition)
                .bind(&c.audience)
                .bind(&c.replies_to)
                .bind(&c.buttons)
                .bind(c.start_at_ms)
                .bind(&c.quiet_hours)
                .bind(i64::from(c.rate_per_second))
                .bind(c.estimated_micros)
                .bind(&c.currency)
                .bind(c.created_by)
                .bind(now_ms)
                .fetch_one(&mut *tx)
                .await
                .map_err(store_error)?;
                for chunk in recipients.chunks($crate::db::campaigns::RECIPIENTS_PER_INSERT) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO campaign_recipients (campaign_id, contact_id, columns, state, state_rank, skip_reason,
                            due_at, estimated_category, estimated_micros, market, updated_at) ",
                    );
                    q.push_values(chunk, |mut row, r| {
                        let state = if r.skip.is_some() { RecipientState::Skipped } else { RecipientState::Queued };
                        let (category, micros, market) = match &r.estimate {
                            Some((c, m, k)) => (Some(c.clone()), *m, Some(k.clone())),
                            None => (None, None, None),
                        };
                        row.push_bind(id)
                            .push_bind(r.contact_id)
                            .push_bind(r.columns.as_ref().map(to_json))
                            .push_bind(state.as_str())
                            .push_bind(i64::from(state.rank()))
                            .push_bind(r.skip.map(|s| s.as_str()))
                            .push_bind(r.due_at_ms)
                            .push_bind(category)
                            .push_bind(micros)
                            .push_bind(market)
                            .push_bind(now_ms);
                    });
                    q.build().execute(&mut *tx).await.map_err(store_error)?;
                }
                self.commit_announcing(tx, &[app::ssr::Change::Campaign { id }]).await?;
                Ok(id)
            }

            async fn campaigns(&self) -> Result<Vec<app::ssr::campaign_store::CampaignRecord>, StoreError> {
                use $crate::db::campaigns::{CampaignRow, CAMPAIGN_COLUMNS, CAMPAIGN_FROM};
                let rows: Vec<CampaignRow> = sqlx::query_as(&format!(
                    "SELECT {CAMPAIGN_COLUMNS} FROM {CAMPAIGN_FROM} ORDER BY k.id DESC"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn campaign(&self, id: i64) -> Result<Option<app::ssr::campaign_store::CampaignRecord>, StoreError> {
                use $crate::db::campaigns::{CampaignRow, CAMPAIGN_COLUMNS, CAMPAIGN_FROM};
                let row: Option<CampaignRow> = sqlx::query_as(&format!(
                    "SELECT {CAMPAIGN_COLUMNS} FROM {CAMPAIGN_FROM} WHERE k.id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                row.map(TryInto::try_into).transpose()
            }

            async fn funnel(&self, id: i64) -> Result<app::domain::campaigns::funnel::Funnel, StoreError> {
                let n = |v: i64| u64::try_from(v).unwrap_or(0);
                let (total, skipped, queued, sent, delivered, read, replied, failed, limited, opted_out): (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
                    "SELECT COUNT(*),
                        COALESCE(SUM(CASE WHEN state = 'skipped' THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN state IN ('queued', 'sending') THEN 1 ELSE 0 END), 0),
                        COUNT(sent_at), COUNT(delivered_at), COUNT(read_at), COUNT(replied_at),
                        COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN state = 'limited' THEN 1 ELSE 0 END), 0),
                        COALESCE(SUM(CASE WHEN state = 'opted_out' THEN 1 ELSE 0 END), 0)
                     FROM campaign_recipients WHERE campaign_id = $1",
                )
                .bind(id)
                .fetch_one(&self.pool)
                .await
                .map_err(store_error)?;
                let by_code: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT COALESCE(error_code, 0) AS code, COUNT(*) AS n FROM campaign_recipients
                     WHERE campaign_id = $1 AND state = 'failed' GROUP BY COALESCE(error_code, 0) ORDER BY n DESC, code",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                let by_reason: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT COALESCE(skip_reason, '') AS reason, COUNT(*) AS n FROM campaign_recipients
                     WHERE campaign_id = $1 AND state = 'skipped' GROUP BY COALESCE(skip_reason, '') ORDER BY n DESC, reason",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(app::domain::campaigns::funnel::Funnel {
                    targeted: n(total - skipped),
                    queued: n(queued),
                    sent: n(sent),
                    delivered: n(delivered),
                    read: n(read),
                    replied: n(replied),
                    failed: n(failed),
                    limited: n(limited),
                    opted_out: n(opted_out),
                    skipped: n(skipped),
                    failed_by_code: by_code.into_iter().map(|(c, k)| (c, n(k))).collect(),
                    skipped_by_reason: by_reason.into_iter().map(|(r, k)| (r, n(k))).collect(),
                })
            }

            async fn charged(&self, id: i64) -> Result<Vec<(String, String, u64)>, StoreError> {
                let rows: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT charged_category, COALESCE(market, ''), COUNT(*) FROM campaign_recipients
                     WHERE campaign_id = $1 AND charged_billable = 1 AND charged_category IS NOT NULL
                     GROUP BY charged_category, COALESCE(market, '')",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows.into_iter().map(|(c, m, n)| (c, m, u64::try_from(n).unwrap_or(0))).collect())
            }

            async fn recipients(&self, id: i64, step: app::domain::campaigns::funnel::Step, after_id: i64, limit: u32) -> Result<Vec<app::wire::campaigns::RecipientView>, StoreError> {
                let sql = format!(
                    "SELECT r.id, r.contact_id, c.profile_name, c.wa_id, r.state, r.skip_reason, r.error_code, r.error_title,
                        r.error_details, r.sent_at, r.updated_at
                     FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
                     WHERE r.campaign_id = $1 AND r.id > $2 AND {} ORDER BY r.id LIMIT $3",
                    $crate::db::campaigns::step_condition(step)
                );
                let rows: Vec<$crate::db::campaigns::RecipientRow> = sqlx::query_as(&sql)
                    .bind(id)
                    .bind(after_id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn recipients_changed(&self, id: i64, after: (i64, i64), limit: u32) -> Result<Vec<app::wire::campaigns::RecipientView>, StoreError> {
                let rows: Vec<$crate::db::campaigns::RecipientRow> = sqlx::query_as(
                    "SELECT r.id, r.contact_id, c.profile_name, c.wa_id, r.state, r.skip_reason, r.error_code, r.error_title,
                        r.error_details, r.sent_at, r.updated_at
                     FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
                     WHERE r.campaign_id = $1 AND (r.updated_at > $2 OR (r.updated_at = $2 AND r.id > $3))
                     ORDER BY r.updated_at, r.id LIMIT $4",
                )
                .bind(id)
                .bind(after.0)
                .bind(after.1)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn set_campaign_state(&self, id: i64, from: &[app::domain::campaigns::CampaignState], to: app::domain::campaigns::CampaignState, reason: Option<&app::domain::campaigns::StopReason>, now_ms: i64) -> Result<bool, StoreError> {
                use app::domain::campaigns::CampaignState;
                let mut tx = self.begin_write().await?;
                let current: Option<String> = sqlx::query_scalar("SELECT state FROM campaigns WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let Some(current) = current.as_deref().and_then(CampaignState::parse) else {
                    return Ok(false);
                };
                if !from.contains(&current) {
                    return Ok(false);
                }
                let ended = matches!(to, CampaignState::Cancelled | CampaignState::Finished);
                sqlx::query(
                    "UPDATE campaigns SET state = $2, stop_reason = $3, updated_at = $4,
                        finished_at = CASE WHEN $5 = 1 THEN $4 ELSE finished_at END
                     WHERE id = $1",
                )
                .bind(id)
                .bind(to.as_str())
                .bind(reason.map(to_json))
                .bind(now_ms)
                .bind(i64::from(ended))
                .execute(&mut *tx)
                .await
                .map_err(store_error)?;
                if to == CampaignState::Cancelled {
                    // Nothing of a cancelled campaign goes out; a send already handed to
                    // WhatsApp ('sending') is left to its status.
                    sqlx::query(
                        "UPDATE campaign_recipients SET state = 'skipped', state_rank = $3, skip_reason = 'cancelled', updated_at = $2
                         WHERE campaign_id = $1 AND state = 'queued'",
                    )
                    .bind(id)
                    .bind(now_ms)
                    .bind(i64::from(app::domain::campaigns::RecipientState::Skipped.rank()))
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                }
                self.commit_announcing(tx, &[app::ssr::Change::Campaign { id }]).await?;
                Ok(true)
            }

            async fn requeue_limited(&self, id: i64, due_at_ms: i64, now_ms: i64) -> Result<u64, StoreError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE campaign_recipients SET state = 'queued', state_rank = 0, requeued = 1, due_at = $2,
                        wamid = NULL, send_started_at = NULL, error_code = NULL, error_title = NULL, error_details = NULL,
                        sent_at = NULL, failed_at = NULL, updated_at = $3
                     WHERE campaign_id = $1 AND state = 'limited' AND requeued = 0",
                )
                .bind(id)
                .bind(due_at_ms)
                .bind(now_ms)
                .execute(&mut *tx)
                .await
                .map_err(store_error)?
                .rows_affected();
                if done > 0 {
                    sqlx::query(
                        "UPDATE campaigns SET state = 'running', finished_at = NULL, stop_reason = NULL, updated_at = $2
                         WHERE id = $1 AND state = 'finished'",
                    )
                    .bind(id)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await
                    .map_err(store_error)?;
                }
                self.commit_announcing(tx, &[app::ssr::Change::Campaign { id }]).await?;
                Ok(done)
            }

            async fn sending_campaigns(&self, now_ms: i64) -> Result<Vec<app::ssr::campaign_store::CampaignRecord>, StoreError> {
                use $crate::db::campaigns::{CampaignRow, CAMPAIGN_COLUMNS, CAMPAIGN_FROM};
                let rows: Vec<CampaignRow> = sqlx::query_as(&format!(
                    "SELECT {CAMPAIGN_COLUMNS} FROM {CAMPAIGN_FROM}
                     WHERE k.state IN ('scheduled', 'running') AND k.start_at <= $1 ORDER BY k.id"
                ))
                .bind(now_ms)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn claim_recipients(&self, campaign_id: i64, now_ms: i64, in_doubt_before_ms: i64, limit: u32) -> Result<Vec<app::ssr::campaign_store::RecipientJob>, StoreError> {
                let due: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM campaign_recipients
                     WHERE ((state = 'queued' AND due_at <= $2) OR (state = 'sending' AND send_started_at < $3))
                       AND campaign_id = $1
                     ORDER BY due_at, id LIMIT $4",
                )
                .bind(campaign_id)
                .bind(now_ms)
                .bind(in_doubt_before_ms)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                if due.is_empty() {
                    return Ok(Vec::new());
                }
                let mut jobs = Vec::with_capacity(due.len());
                let mut tx = self.begin_write().await?;
                for id in due {
                    // Another worker (another instance) may have taken it meanwhile.
                    let row: Option<(i64, Option<String>, i64, Option<String>, Option<String>, Option<String>, String, String)> = sqlx::query_as(
                        "UPDATE campaign_recipients SET state = 'sending', state_rank = 1, send_started_at = $2,
                            attempts = attempts + 1, updated_at = $2
                         WHERE id = $1 AND ((state = 'queued' AND due_at <= $2) OR (state = 'sending' AND send_started_at < $3))
                         RETURNING contact_id, columns, attempts,
                            (SELECT wa_id FROM contacts c WHERE c.id = campaign_recipients.contact_id),
                            (SELECT user_id FROM contacts c WHERE c.id = campaign_recipients.contact_id),
                            (SELECT profile_name FROM contacts c WHERE c.id = campaign_recipients.contact_id),
                            (SELECT attributes FROM contacts c WHERE c.id = campaign_recipients.contact_id),
                            (SELECT marketing FROM contacts c WHERE c.id = campaign_recipients.contact_id)",
                    )
                    .bind(id)
                    .bind(now_ms)
                    .bind(in_doubt_before_ms)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                    let Some((contact_id, columns, attempts, wa_id, user_id, name, attrs, marketing)) = row else {
                        continue;
                    };
                    jobs.push(app::ssr::campaign_store::RecipientJob {
                        recipient_id: id,
                        campaign_id,
                        contact_id,
                        wa_id,
                        user_id,
                        name,
                        attributes: $crate::db::campaigns::attributes(&attrs),
                        columns: columns.as_deref().map($crate::db::campaigns::attributes).unwrap_or_default(),
                        consent: app::domain::contacts::MarketingConsent::parse(&marketing),
                        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                    });
                }
                tx.commit().await.map_err(store_error)?;
                Ok(jobs)
            }

            async fn recipients_sent(&self, sent: &[(i64, String, app::domain::message::MessageBody)], now_ms: i64) -> Result<(), StoreError> {
                let mut tx = self.begin_write().await?;
                let mut campaigns = std::collections::BTreeSet::new();
                for (recipient_id, wamid, body) in sent {
                    // A status carrying our callback data may have come first and moved it on.
                    let campaign: Option<i64> = sqlx::query_scalar(
                        "UPDATE campaign_recipients SET wamid = COALESCE(wamid, $2), sent_at = COALESCE(sent_at, $3), body = $4,
                            state = CASE WHEN state_rank < 2 THEN 'sent' ELSE state END,
                            state_rank = CASE WHEN state_rank < 2 THEN 2 ELSE state_rank END,
                            send_started_at = NULL, updated_at = $3,
                            error_code = CASE WHEN state_rank <= 2 THEN NULL ELSE error_code END,
                            error_title = CASE WHEN state_rank <= 2 THEN NULL ELSE error_title END,
                            error_details = CASE WHEN state_rank <= 2 THEN NULL ELSE error_details END
                         WHERE id = $1 RETURNING campaign_id",
                    )
                    .bind(recipient_id)
                    .bind(wamid)
                    .bind(now_ms)
                    .bind(to_json(body))
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(store_error)?;
                    campaigns.extend(campaign);
                }
                tx.commit().await.map_err(store_error)?;
                for id in campaigns {
                    self.campaign_announced(id).await?;
                }
                Ok(())
            }

            async fn recipient_ended(&self, recipient_id: i64, state: app::domain::campaigns::RecipientState, error: Option<&app::domain::message::MetaError>, skip: Option<app::domain::campaigns::audience::Exclusion>, now_ms: i64) -> Result<(), StoreError> {
                let campaign: Option<i64> = sqlx::query_scalar(
                    "UPDATE campaign_recipients SET state = $2, state_rank = $3, error_code = $4, error_title = $5,
                        error_details = $6, skip_reason = $7, failed_at = $8, send_started_at = NULL, updated_at = $8
                     WHERE id = $1 AND state_rank < $3 RETURNING campaign_id",
                )
                .bind(recipient_id)
                .bind(state.as_str())
                .bind(i64::from(state.rank()))
                .bind(error.map(|e| e.code))
                .bind(error.map(|e| e.title.clone()))
                .bind(error.and_then(|e| e.details.clone()))
                .bind(skip.map(|s| s.as_str()))
                .bind(now_ms)
                .fetch_optional(&self.pool)
                .await
                .map_err(store_error)?;
                if let Some(id) = campaign {
                    self.campaign_announced(id).await?;
                }
                Ok(())
            }

            async fn recipient_retry(&self, recipient_id: i64, due_at_ms: i64, refund: bool, error: Option<&app::domain::message::MetaError>) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE campaign_recipients SET state = 'queued', state_rank = 0, due_at = $2, send_started_at = NULL,
                        attempts = attempts - $3, error_code = $4, error_title = $5, error_details = $6
                     WHERE id = $1 AND state = 'sending'",
                )
                .bind(recipient_id)
                .bind(due_at_ms)
                .bind(i64::from(refund))
                .bind(error.map(|e| e.code))
                .bind(error.map(|e| e.title.clone()))
                .bind(error.and_then(|e| e.details.clone()))
                .execute(&self.pool)
                .await
                .map_err(store_error)?;
                Ok(())
            }

            async fn finish_if_done(&self, id: i64, now_ms: i64) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE campaigns SET state = 'finished', finished_at = $2, updated_at = $2
                     WHERE id = $1 AND state IN ('scheduled', 'running')
                       AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = $1 AND r.state IN ('queued', 'sending'))",
                )
                .bind(id)
                .bind(now_ms)
                .execute(&self.pool)
                .await
                .map_err(store_error)?
                .rows_affected()
                    > 0;
                if done {
                    self.campaign_announced(id).await?;
                }
                Ok(done)
            }

            async fn stop_campaigns_of_template(&self, name: &str, reason: &app::domain::campaigns::StopReason, now_ms: i64) -> Result<Vec<i64>, StoreError> {
                let ids: Vec<i64> = sqlx::query_scalar(
                    "UPDATE campaigns SET state = 'stopped', stop_reason = $2, updated_at = $3
                     WHERE template_name = $1 AND state IN ('scheduled', 'running') RETURNING id",
                )
                .bind(name)
                .bind(to_json(reason))
                .bind(now_ms)
                .fetch_all(&self.pool)
                .await
                .map_err(store_error)?;
                for id in &ids {
                    self.campaign_announced(*id).await?;
                }
                Ok(ids)
            }
        }
    };
}
pub(crate) use campaign_queries;
