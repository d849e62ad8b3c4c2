//! Reports: a period's figures (the Reports screen's) and the live dashboard. Computed by
//! the same functions as the console (`app::ssr::reports`); every figure is defined in
//! docs/metrics.md. Durations are in milliseconds, rates are fractions from 0 to 1.

use super::auth::Caller;
use super::error::{ApiError, ErrorBody};
use super::extract::Params;
use crate::http::AppState;
use app::domain::integrations::tokens::Scope;
use app::ssr::{now_ms, reports};
use app::wire::reports::{
    AdFigures, AgentFigures, BotFigures, CostRow, DayFigures, DeliveryFigures, Durations,
    LabelFigures, Report, TemplateCategoryFigures,
};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(summary))
        .routes(utoipa_axum::routes!(dashboard))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// The first day, `YYYY-MM-DD`, in the business's time zone. Give both days or neither
    /// (the last 7 whole days before today).
    pub from: Option<String>,
    /// The last day, included, `YYYY-MM-DD`; at most 366 days after `from`.
    pub to: Option<String>,
}

/// How many durations were measured, their median and 90th percentile (nearest rank); the
/// two are null when nothing was measured.
#[derive(Debug, Serialize, ToSchema)]
pub struct DurationSummary {
    pub count: u64,
    pub median_ms: Option<i64>,
    pub p90_ms: Option<i64>,
}

impl From<Durations> for DurationSummary {
    fn from(d: Durations) -> Self {
        DurationSummary {
            count: d.count,
            median_ms: d.median_ms,
            p90_ms: d.p90_ms,
        }
    }
}

/// Counts of conversation events in the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationCounts {
    pub created: u64,
    /// Resolutions by people (each one: resolved, reopened and resolved again counts 2).
    pub resolved: u64,
    pub bot_resolved: u64,
    /// Resolved conversations opened again.
    pub reopened: u64,
}

/// The built-in or external bot's part.
#[derive(Debug, Serialize, ToSchema)]
pub struct BotSummary {
    /// Conversations created with the bot.
    pub started: u64,
    /// Bot parts that ended: resolved by the bot, handed off or taken over.
    pub ended: u64,
    pub resolved_confirmed: u64,
    pub resolved_quiet: u64,
    pub handed_off: u64,
    pub taken_over: u64,
    /// (resolved_confirmed + resolved_quiet) / ended; null when nothing ended.
    pub containment_rate: Option<f64>,
    /// handed_off / ended; null when nothing ended.
    pub handoff_rate: Option<f64>,
    /// Handoffs per reason, every reason present (zeros too): `asked`, `button`,
    /// `misunderstood`, `media`, `bot_disabled`, `window_closed`.
    pub handoff_reasons: BTreeMap<String, u64>,
}

/// Outbound messages created in the period, by their latest status.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliverySummary {
    pub total: u64,
    /// Not accepted by WhatsApp yet.
    pub pending: u64,
    pub sent: u64,
    pub delivered: u64,
    /// Read (not counted in `delivered` too).
    pub read: u64,
    pub failed: u64,
    /// (delivered + read) / total; null without messages.
    pub delivery_rate: Option<f64>,
    /// read / total; null without messages.
    pub read_rate: Option<f64>,
}

/// One person's figures (everyone who was assigned, replied or resolved in the period).
#[derive(Debug, Serialize, ToSchema)]
pub struct AgentSummary {
    pub user_id: i64,
    pub name: String,
    pub assigned: u64,
    pub replies: u64,
    pub first_response: DurationSummary,
    pub reply_time: DurationSummary,
    pub resolved: u64,
    pub resolution_time: DurationSummary,
}

/// One label (every label, zeros too).
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelSummary {
    pub label_id: i64,
    pub name: String,
    /// Distinct conversations the label was put on in the period.
    pub conversations: u64,
}

/// One day of the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct DaySummary {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub created: u64,
    pub resolved: u64,
    pub bot_resolved: u64,
    pub customer_messages: u64,
    pub agent_replies: u64,
}

/// Template messages of one pricing category.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateCategorySummary {
    /// The pricing category, as Meta names it.
    pub category: String,
    pub sent: u64,
    pub billable: u64,
    /// Messages Meta has not priced yet, counted as billable in the template's category.
    pub estimated: u64,
}

/// What a group of messages cost, in micro-units (millionths) of the report's currency.
#[derive(Debug, Serialize, ToSchema)]
pub struct CostRowSummary {
    /// The day (`YYYY-MM-DD`), the pricing category (`marketing`, `utility`,
    /// `authentication`, `authentication_international`, `service`), `agent:{id}`, `bot` or
    /// `desk`, or the label's id.
    pub key: String,
    /// The person's or label's name (empty for the bot and the desk).
    pub name: String,
    pub messages: u64,
    /// Messages Meta charged for.
    pub billed: u64,
    /// The desk's estimates when the messages were queued.
    pub estimated_micros: i64,
    /// Messages without an estimate (no rate card then, or one in another currency).
    pub unestimated: u64,
    /// Meta's pricing (status webhooks) priced with the rate card of each message's day and
    /// market.
    pub charged_micros: i64,
    /// Messages Meta has not priced yet.
    pub awaiting: u64,
    /// Messages Meta priced that the rate card has no price for.
    pub no_rate: u64,
}

/// The period's costs: the total, and by day, category, sender and label (a message counts
/// under every label its conversation carries now).
#[derive(Debug, Serialize, ToSchema)]
pub struct CostSummary {
    /// The rate card's currency (ISO 4217; Settings → Costs).
    pub currency: String,
    pub total: CostRowSummary,
    pub days: Vec<CostRowSummary>,
    pub categories: Vec<CostRowSummary>,
    pub senders: Vec<CostRowSummary>,
    pub labels: Vec<CostRowSummary>,
}

/// Templates sent, by pricing category (what they cost is in `costs`).
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateSummary {
    pub categories: Vec<TemplateCategorySummary>,
}

/// Conversations started from one click-to-WhatsApp ad or post.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdSummary {
    /// `ad` or `post`.
    pub source_type: String,
    pub source_id: String,
    pub headline: Option<String>,
    pub source_url: Option<String>,
    pub conversations: u64,
    /// Of those, how many reached people.
    pub reached_people: u64,
    /// Of those, how many were resolved by the end of the period.
    pub resolved: u64,
}

/// A period's figures, as the Reports screen shows them (definitions: docs/metrics.md).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSummary {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// The IANA time zone the days are counted in (Reports settings).
    pub timezone: String,
    pub conversations: ConversationCounts,
    /// From the customer's first message (or the bot's handoff) to the first reply.
    pub first_response: DurationSummary,
    /// From a waiting customer's first unanswered message to the reply.
    pub reply_time: DurationSummary,
    /// From creation (or reopening) to resolution by people.
    pub resolution_time: DurationSummary,
    pub bot: BotSummary,
    pub delivery: DeliverySummary,
    pub agents: Vec<AgentSummary>,
    pub labels: Vec<LabelSummary>,
    pub days: Vec<DaySummary>,
    pub templates: TemplateSummary,
    pub costs: CostSummary,
    pub ads: Vec<AdSummary>,
}

impl From<BotFigures> for BotSummary {
    fn from(b: BotFigures) -> Self {
        BotSummary {
            containment_rate: b.containment().fraction(),
            handoff_rate: b.handoff().fraction(),
            handoff_reasons: b
                .reasons
                .iter()
                .map(|(reason, n)| (reason.as_str().to_string(), *n))
                .collect(),
            started: b.started,
            ended: b.ended,
            resolved_confirmed: b.resolved_confirmed,
            resolved_quiet: b.resolved_quiet,
            handed_off: b.handed_off,
            taken_over: b.taken_over,
        }
    }
}

impl From<DeliveryFigures> for DeliverySummary {
    fn from(d: DeliveryFigures) -> Self {
        DeliverySummary {
            delivery_rate: d.delivered_share().fraction(),
            read_rate: d.read_share().fraction(),
            total: d.total,
            pending: d.pending,
            sent: d.sent,
            delivered: d.delivered,
            read: d.read,
            failed: d.failed,
        }
    }
}

impl From<AgentFigures> for AgentSummary {
    fn from(a: AgentFigures) -> Self {
        AgentSummary {
            user_id: a.user_id,
            name: a.name,
            assigned: a.assigned,
            replies: a.replies,
            first_response: a.first_response.into(),
            reply_time: a.reply_time.into(),
            resolved: a.resolved,
            resolution_time: a.resolution_time.into(),
        }
    }
}

impl From<LabelFigures> for LabelSummary {
    fn from(l: LabelFigures) -> Self {
        LabelSummary {
            label_id: l.label_id,
            name: l.name,
            conversations: l.conversations,
        }
    }
}

impl From<DayFigures> for DaySummary {
    fn from(d: DayFigures) -> Self {
        DaySummary {
            date: d.date,
            created: d.created,
            resolved: d.resolved,
            bot_resolved: d.bot_resolved,
            customer_messages: d.customer_messages,
            agent_replies: d.agent_replies,
        }
    }
}

impl From<TemplateCategoryFigures> for TemplateCategorySummary {
    fn from(t: TemplateCategoryFigures) -> Self {
        TemplateCategorySummary {
            category: t.category,
            sent: t.sent,
            billable: t.billable,
            estimated: t.estimated,
        }
    }
}

impl From<CostRow> for CostRowSummary {
    fn from(r: CostRow) -> Self {
        CostRowSummary {
            key: r.key,
            name: r.name,
            messages: r.messages,
            billed: r.billed,
            estimated_micros: r.estimated_micros,
            unestimated: r.unestimated,
            charged_micros: r.charged_micros,
            awaiting: r.awaiting,
            no_rate: r.no_rate,
        }
    }
}

impl From<AdFigures> for AdSummary {
    fn from(a: AdFigures) -> Self {
        AdSummary {
            source_type: a.source_type,
            source_id: a.source_id,
            headline: a.headline,
            source_url: a.source_url,
            conversations: a.conversations,
            reached_people: a.reached_people,
            resolved: a.resolved,
        }
    }
}

impl From<Report> for ReportSummary {
    fn from(r: Report) -> Self {
        fn all<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
            items.into_iter().map(B::from).collect()
        }
        ReportSummary {
            from: r.from,
            to: r.to,
            timezone: r.timezone,
            conversations: ConversationCounts {
                created: r.created,
                resolved: r.resolved,
                bot_resolved: r.bot_resolved,
                reopened: r.reopened,
            },
            first_response: r.first_response.into(),
            reply_time: r.reply_time.into(),
            resolution_time: r.resolution_time.into(),
            bot: r.bot.into(),
            delivery: r.delivery.into(),
            agents: all(r.agents),
            labels: all(r.labels),
            days: all(r.days),
            templates: TemplateSummary {
                categories: all(r.templates),
            },
            costs: CostSummary {
                currency: r.costs.currency,
                total: r.costs.total.into(),
                days: all(r.costs.days),
                categories: all(r.costs.categories),
                senders: all(r.costs.agents),
                labels: all(r.costs.labels),
            },
            ads: all(r.ads),
        }
    }
}

/// A period's report: conversations, response and resolution times, the bot, delivery,
/// people, labels, days, templates, costs and ads.
#[utoipa::path(
    get,
    path = "/reports/summary",
    tag = "reports",
    params(PeriodParams),
    responses(
        (status = 200, description = "The period's figures", body = ReportSummary),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is no longer a supervisor or admin", body = ErrorBody),
        (status = 422, description = "A malformed date, only one of the two, `to` before `from`, or more than 366 days", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn summary(
    caller: Caller,
    Params(period): Params<PeriodParams>,
) -> Result<Json<ReportSummary>, ApiError> {
    caller.need(Scope::Read)?;
    if period.from.is_some() != period.to.is_some() {
        return Err(ApiError::unreadable(
            "Give both from and to (YYYY-MM-DD), or neither for the last 7 days.",
        ));
    }
    let screen = reports::report_screen(
        caller.state(),
        &caller.asker.user,
        period.from.as_deref(),
        period.to.as_deref(),
        now_ms(),
    )
    .await?;
    Ok(Json(screen.report.into()))
}

/// The supervisor dashboard now: the queue, each person's desk, conversations by status,
/// windows closing within the hour, the last hour's failures and messages per minute.
/// Times are unix milliseconds (`*_ms`); the shape follows the dashboard screen and may gain
/// fields.
#[utoipa::path(
    get,
    path = "/reports/dashboard",
    tag = "reports",
    responses(
        (status = 200, description = "The dashboard's snapshot", body = Object),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is no longer a supervisor or admin", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn dashboard(caller: Caller) -> Result<Json<serde_json::Value>, ApiError> {
    caller.need(Scope::Read)?;
    let snapshot = reports::dashboard(caller.state(), &caller.asker.user, now_ms()).await?;
    serde_json::to_value(&snapshot).map(Json).map_err(|e| {
        tracing::error!(error = %e, "the dashboard cannot be written as JSON");
        ApiError::from(app::error::AppError::Internal)
    })
}
