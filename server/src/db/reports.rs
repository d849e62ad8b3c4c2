//! The event log's reads: the Reports screen's facts and the live dashboard's figures.
//! Written once with `$n` parameters and stamped out per database by `report_queries!` (the
//! dashboard's queries are in `db::dashboard`).
//!
//! The facts of a period `[since, until)`:
//! - events: every event before `until` of each conversation with at least one event in the
//!   period, ordered by conversation, time and id;
//! - outbound: real sends (rows with something to send: not notes, not activity lines)
//!   created (`sent_at`) in the period, with their latest status, error code and pricing; a
//!   template's category is the one the `templates` table lists for its name and language
//!   (the template's own name and language are read from the message's `outbound` JSON);
//!   with the desk's estimate, the sender and the labels its conversation carries now;
//! - ads: conversations created in the period with a referral, as the first message carried
//!   it (a referral without a source type or id reads as empty strings);
//! - agents: every user (disabled ones too), so every actor in the events has a name;
//! - labels: every label (a deleted label's events keep their id and have no name).

use app::domain::outbound::Outbound;
use app::domain::reports::{AdFact, AgentRef, Event, EventKind, LabelRef, OutboundFact};

#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: i64,
    conversation_id: i64,
    at: i64,
    kind: String,
    actor_id: Option<i64>,
    assignee_id: Option<i64>,
    label_id: Option<i64>,
    detail: Option<String>,
}

pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.conversation_id, e.at, e.kind, e.actor_id, e.assignee_id, e.label_id, e.detail";

/// Events with a kind this version knows (a newer version's kinds are left out).
pub(crate) fn events(rows: Vec<EventRow>) -> Vec<Event> {
    rows.into_iter()
        .filter_map(|r| {
            let Some(kind) = EventKind::parse(&r.kind) else {
                tracing::warn!(event = r.id, kind = %r.kind, "event of an unknown kind left out");
                return None;
            };
            Some(Event {
                id: r.id,
                conversation_id: r.conversation_id,
                at_ms: r.at,
                kind,
                actor_id: r.actor_id,
                assignee_id: r.assignee_id,
                label_id: r.label_id,
                detail: r.detail,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub(crate) struct OutboundRow {
    id: i64,
    sent_at: i64,
    sender: String,
    status: Option<String>,
    error_code: Option<i64>,
    kind: String,
    outbound: Option<String>,
    pricing_category: Option<String>,
    pricing_billable: Option<bool>,
    pricing_type: Option<String>,
    conversation_id: i64,
    sender_user_id: Option<i64>,
    estimated_category: Option<String>,
    estimated_micros: Option<i64>,
    estimated_currency: Option<String>,
    market: Option<String>,
}

/// A listed template: name, language, category.
pub(crate) type TemplateKey = (String, String, Option<String>);

/// `rows` with their template's category and their conversation's labels (`labelled`:
/// (conversation, label) pairs, sorted).
pub(crate) fn outbound_facts(
    rows: Vec<OutboundRow>,
    templates: &[TemplateKey],
    labelled: &[(i64, i64)],
) -> Vec<OutboundFact> {
    rows.into_iter()
        .map(|r| {
            let template = (r.kind == "template")
                .then_some(r.outbound.as_deref())
                .flatten()
                .and_then(|json| serde_json::from_str::<Outbound>(json).ok())
                .and_then(|sent| match sent {
                    Outbound::Template { name, language, .. } => Some((name, language)),
                    _ => None,
                });
            // The category of that name in that language, else of that name in any language.
            let template_category = template.as_ref().and_then(|(name, language)| {
                let listed = |same_language: bool| {
                    templates
                        .iter()
                        .find(|(n, l, c)| {
                            n == name && (!same_language || l == language) && c.is_some()
                        })
                        .and_then(|(_, _, c)| c.clone())
                };
                listed(true).or_else(|| listed(false))
            });
            OutboundFact {
                message_id: r.id,
                at_ms: r.sent_at,
                sender: r.sender,
                status: r.status.unwrap_or_else(|| "pending".into()),
                error_code: r.error_code,
                template: template.map(|(name, _)| name),
                template_category,
                pricing_category: r.pricing_category,
                pricing_billable: r.pricing_billable,
                pricing_type: r.pricing_type,
                sender_user_id: r.sender_user_id,
                label_ids: labels_of(labelled, r.conversation_id),
                estimated_category: r.estimated_category,
                estimated_micros: r.estimated_micros,
                estimated_currency: r.estimated_currency,
                market: r.market,
            }
        })
        .collect()
}

fn labels_of(labelled: &[(i64, i64)], conversation_id: i64) -> Vec<i64> {
    let first = labelled.partition_point(|(c, _)| *c < conversation_id);
    labelled[first..]
        .iter()
        .take_while(|(c, _)| *c == conversation_id)
        .map(|(_, label)| *label)
        .collect()
}

/// Conversations with a readable referral; an unreadable one is logged and left out.
pub(crate) fn ad_facts(rows: Vec<(i64, i64, String)>) -> Vec<AdFact> {
    rows.into_iter()
        .filter_map(|(id, created_at, json)| {
            let referral: app::domain::message::Referral = match serde_json::from_str(&json) {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!(conversation = id, error = %e, "unreadable referral left out of reports");
                    return None;
                }
            };
            Some(AdFact {
                conversation_id: id,
                created_at_ms: created_at,
                source_type: referral.source_type.unwrap_or_default(),
                source_id: referral.source_id.unwrap_or_default(),
                headline: referral.headline,
                source_url: referral.source_url,
            })
        })
        .collect()
}

pub(crate) fn agents(rows: Vec<(i64, String)>) -> Vec<AgentRef> {
    rows.into_iter()
        .map(|(id, name)| AgentRef { id, name })
        .collect()
}

pub(crate) fn labels(rows: Vec<(i64, String, String)>) -> Vec<LabelRef> {
    rows.into_iter()
        .map(|(id, name, color)| LabelRef { id, name, color })
        .collect()
}

macro_rules! report_queries {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::ReportStore for $store {
            async fn report_facts(
                &self,
                since_ms: i64,
                until_ms: i64,
            ) -> Result<app::domain::reports::ReportFacts, StoreError> {
                use $crate::db::reports::{EventRow, OutboundRow, TemplateKey, EVENT_COLUMNS};
                // One transaction, one connection for the whole read.
                let mut tx = self.pool.begin().await.map_err(store_error)?;
                let events: Vec<EventRow> = sqlx::query_as(&format!(
                    "SELECT {EVENT_COLUMNS} FROM events e
                     WHERE e.at < $2 AND e.conversation_id IN (SELECT p.conversation_id FROM events p WHERE p.at >= $1 AND p.at < $2)
                     ORDER BY e.conversation_id, e.at, e.id"
                ))
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let outbound: Vec<OutboundRow> = sqlx::query_as(
                    "SELECT id, sent_at, sender, status, error_code, kind, outbound, pricing_category, pricing_billable, pricing_type,
                            conversation_id, sender_user_id, estimated_category, estimated_micros, estimated_currency, market
                     FROM messages
                     WHERE sent_at >= $1 AND sent_at < $2 AND direction = 'outbound' AND outbound IS NOT NULL
                     ORDER BY sent_at, id",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let labelled: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT l.conversation_id, l.label_id FROM conversation_labels l
                     WHERE l.conversation_id IN (SELECT m.conversation_id FROM messages m
                         WHERE m.sent_at >= $1 AND m.sent_at < $2 AND m.direction = 'outbound' AND m.outbound IS NOT NULL)
                     ORDER BY l.conversation_id, l.label_id",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let templates: Vec<TemplateKey> = sqlx::query_as("SELECT name, language, category FROM templates ORDER BY name, language, id")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let ads: Vec<(i64, i64, String)> = sqlx::query_as(
                    "SELECT id, created_at, referral FROM conversations
                     WHERE created_at >= $1 AND created_at < $2 AND referral IS NOT NULL
                     ORDER BY created_at, id",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let agents: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM users ORDER BY id")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let labels: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, name, color FROM labels ORDER BY name, id")
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(store_error)?;
                let campaigns: Vec<$crate::db::reports::CampaignFactRow> = sqlx::query_as(
                    "SELECT k.id, k.name, k.template_name, k.start_at, k.currency,
                        CAST(SUM(CASE WHEN r.sent_at >= $1 AND r.sent_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS sent,
                        CAST(SUM(CASE WHEN r.delivered_at >= $1 AND r.delivered_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS delivered,
                        CAST(SUM(CASE WHEN r.read_at >= $1 AND r.read_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS read,
                        CAST(SUM(CASE WHEN r.replied_at >= $1 AND r.replied_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS replied,
                        CAST(SUM(CASE WHEN r.state = 'failed' AND r.failed_at >= $1 AND r.failed_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS failed,
                        CAST(SUM(CASE WHEN r.state = 'limited' AND r.failed_at >= $1 AND r.failed_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS limited,
                        CAST(SUM(CASE WHEN r.state = 'opted_out' AND r.failed_at >= $1 AND r.failed_at < $2 THEN 1 ELSE 0 END) AS BIGINT) AS opted_out,
                        CAST(SUM(CASE WHEN r.sent_at >= $1 AND r.sent_at < $2 THEN COALESCE(r.estimated_micros, 0) ELSE 0 END) AS BIGINT) AS estimated
                     FROM campaigns k JOIN campaign_recipients r ON r.campaign_id = k.id
                     WHERE k.start_at < $2 AND r.updated_at >= $1
                     GROUP BY k.id, k.name, k.template_name, k.start_at, k.currency
                     ORDER BY k.start_at, k.id",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                let charged: Vec<(i64, String, String, i64)> = sqlx::query_as(
                    "SELECT campaign_id, charged_category, COALESCE(market, ''), COUNT(*) FROM campaign_recipients
                     WHERE sent_at >= $1 AND sent_at < $2 AND charged_billable = 1 AND charged_category IS NOT NULL
                     GROUP BY campaign_id, charged_category, COALESCE(market, '')",
                )
                .bind(since_ms)
                .bind(until_ms)
                .fetch_all(&mut *tx)
                .await
                .map_err(store_error)?;
                tx.commit().await.map_err(store_error)?;
                Ok(app::domain::reports::ReportFacts {
                    campaigns: $crate::db::reports::campaign_facts(campaigns, charged),
                    events: $crate::db::reports::events(events),
                    outbound: $crate::db::reports::outbound_facts(outbound, &templates, &labelled),
                    ads: $crate::db::reports::ad_facts(ads),
                    agents: $crate::db::reports::agents(agents),
                    labels: $crate::db::reports::labels(labels),
                })
            }

            async fn dashboard(
                &self,
                query: app::ssr::DashboardQuery,
            ) -> Result<app::wire::reports::DashboardSnapshot, StoreError> {
                self.dashboard_at(query).await
            }
        }
    };
}

pub(crate) use report_queries;

#[derive(sqlx::FromRow)]
pub(crate) struct CampaignFactRow {
    id: i64,
    name: String,
    template_name: String,
    start_at: i64,
    currency: Option<String>,
    sent: i64,
    delivered: i64,
    read: i64,
    replied: i64,
    failed: i64,
    limited: i64,
    opted_out: i64,
    estimated: i64,
}

/// Campaigns that moved in the period, with their billable sends by category and market;
/// campaigns whose rows changed only outside the period's steps are left out.
pub(crate) fn campaign_facts(
    rows: Vec<CampaignFactRow>,
    charged: Vec<(i64, String, String, i64)>,
) -> Vec<app::domain::reports::CampaignFact> {
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    rows.into_iter()
        .map(|r| app::domain::reports::CampaignFact {
            campaign_id: r.id,
            charged: charged
                .iter()
                .filter(|(id, ..)| *id == r.id)
                .map(|(_, category, market, count)| (category.clone(), market.clone(), n(*count)))
                .collect(),
            name: r.name,
            template: r.template_name,
            start_at_ms: r.start_at,
            sent: n(r.sent),
            delivered: n(r.delivered),
            read: n(r.read),
            replied: n(r.replied),
            failed: n(r.failed),
            limited: n(r.limited),
            opted_out: n(r.opted_out),
            estimated_micros: r.estimated,
            currency: r.currency,
        })
        .filter(|f| {
            f.sent + f.delivered + f.read + f.replied + f.failed + f.limited + f.opted_out > 0
        })
        .collect()
}
