//! Campaigns, read-only: each campaign with its funnel, and the recipients of a step. Built
//! by the same functions as the Campaigns screen (`app::ssr::campaigns`); launching stays in
//! the console, where the review is shown before anything goes out.

use super::auth::Caller;
use super::directory::no_cursor;
use super::error::{ApiError, ErrorBody};
use super::extract::{Id, Params};
use super::types::{next_cursor, rfc3339, PageParams};
use crate::http::AppState;
use app::domain::campaigns::funnel::Step;
use app::domain::integrations::tokens::Scope;
use app::domain::roles::Role;
use app::error::AppError;
use app::wire::campaigns::{CampaignView, RecipientView};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(utoipa_axum::routes!(list_campaigns))
        .routes(utoipa_axum::routes!(get_campaign))
        .routes(utoipa_axum::routes!(list_recipients))
}

/// How many recipients reached each step. Steps are cumulative (a read message was also
/// delivered and sent); failed, limited, opted out and skipped are counted beside.
#[derive(Debug, Serialize, ToSchema)]
pub struct Funnel {
    pub targeted: u64,
    /// Still waiting to go.
    pub queued: u64,
    pub sent: u64,
    pub delivered: u64,
    pub read: u64,
    /// Answered within 72 hours.
    pub replied: u64,
    pub failed: u64,
    /// Meta chose not to deliver (131049).
    pub limited: u64,
    pub opted_out: u64,
    /// Left out before sending (see each recipient's `skip_reason`).
    pub skipped: u64,
}

/// A campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    /// `scheduled`, `running`, `paused`, `stopped`, `cancelled` or `finished`.
    pub state: String,
    /// Why the desk stopped it (`template`, `quality`, `meta_limit`), while stopped.
    pub stop_reason: Option<String>,
    pub template_name: String,
    pub template_language: String,
    pub template_category: Option<String>,
    /// RFC 3339.
    pub start_at: String,
    pub created_at: String,
    pub finished_at: Option<String>,
    /// Messages a second at most.
    pub rate_per_second: u32,
    /// The estimate at launch and what WhatsApp charged so far, in micro-units of `currency`.
    pub estimated_micros: Option<i64>,
    pub charged_micros: i64,
    pub currency: Option<String>,
    pub funnel: Funnel,
}

impl Campaign {
    pub(crate) fn of(c: CampaignView) -> Campaign {
        let f = c.funnel;
        Campaign {
            id: c.id,
            name: c.name,
            state: c.state.as_str().to_string(),
            stop_reason: c.stop_reason.map(|r| {
                serde_json::to_value(&r)
                    .ok()
                    .and_then(|v| v["why"].as_str().map(str::to_string))
                    .unwrap_or_default()
            }),
            template_name: c.template_name,
            template_language: c.template_language,
            template_category: c.template_category,
            start_at: rfc3339(c.start_at_ms),
            created_at: rfc3339(c.created_at_ms),
            finished_at: c.finished_at_ms.map(rfc3339),
            rate_per_second: c.rate_per_second,
            estimated_micros: c.estimated_micros,
            charged_micros: c.charged_micros,
            currency: c.currency,
            funnel: Funnel {
                targeted: f.targeted,
                queued: f.queued,
                sent: f.sent,
                delivered: f.delivered,
                read: f.read,
                replied: f.replied,
                failed: f.failed,
                limited: f.limited,
                opted_out: f.opted_out,
                skipped: f.skipped,
            },
        }
    }
}

/// Every campaign, newest first (never paged: `next_cursor` is always null).
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignList {
    pub data: Vec<Campaign>,
    pub next_cursor: Option<String>,
}

/// Campaigns are the supervisors' and admins': a token acts as its owner.
fn supervisor(caller: &Caller) -> Result<(), ApiError> {
    caller.need(Scope::Read)?;
    if caller.asker.user.role.at_least(Role::Supervisor) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

/// Lists the campaigns with their funnels.
#[utoipa::path(
    get,
    path = "/campaigns",
    tag = "campaigns",
    responses(
        (status = 200, description = "Every campaign", body = CampaignList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is not a supervisor or admin", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_campaigns(caller: Caller) -> Result<Json<CampaignList>, ApiError> {
    supervisor(&caller)?;
    let state = caller.state();
    let mut data = Vec::new();
    for record in state.store.campaigns().await.map_err(AppError::from)? {
        data.push(Campaign::of(
            app::ssr::campaigns::view(state, record).await?,
        ));
    }
    Ok(Json(CampaignList {
        data,
        next_cursor: no_cursor(),
    }))
}

/// Reads one campaign.
#[utoipa::path(
    get,
    path = "/campaigns/{id}",
    tag = "campaigns",
    params(("id" = i64, Path, description = "The campaign's id")),
    responses(
        (status = 200, description = "The campaign", body = Campaign),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is not a supervisor or admin", body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn get_campaign(caller: Caller, Id(id): Id<i64>) -> Result<Json<Campaign>, ApiError> {
    supervisor(&caller)?;
    let state = caller.state();
    let record = state
        .store
        .campaign(id)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    Ok(Json(Campaign::of(
        app::ssr::campaigns::view(state, record).await?,
    )))
}

/// A recipient of a campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recipient {
    pub id: i64,
    pub contact_id: i64,
    pub name: Option<String>,
    /// E.164 without `+`, when the contact has a number.
    pub phone: Option<String>,
    /// `queued`, `sending`, `sent`, `delivered`, `read`, `replied`, `failed`, `skipped`,
    /// `limited` or `opted_out`.
    pub state: String,
    /// Why it was left out (`opted_out`, `needs_opt_in`, `frequency_cap`, `unreachable`,
    /// `no_address`, `duplicate`, `variables`, `cancelled`).
    pub skip_reason: Option<String>,
    /// Meta's error code and title, when WhatsApp refused it.
    pub error_code: Option<i64>,
    pub error_title: Option<String>,
    pub sent_at: Option<String>,
}

impl Recipient {
    pub(crate) fn of(r: RecipientView) -> Recipient {
        Recipient {
            id: r.id,
            contact_id: r.contact_id,
            name: r.name,
            phone: r
                .phone
                .map(|p| p.chars().filter(char::is_ascii_digit).collect()),
            state: r.state.as_str().to_string(),
            skip_reason: r.skip_reason.map(|s| s.as_str().to_string()),
            error_code: r.error.as_ref().map(|e| e.code),
            error_title: r.error.map(|e| e.title),
            sent_at: r.sent_at_ms.map(rfc3339),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecipientList {
    pub data: Vec<Recipient>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StepParams {
    /// `targeted` (default), `queued`, `sent`, `delivered`, `read`, `replied`, `failed`,
    /// `limited`, `opted_out` or `skipped`.
    pub step: Option<String>,
    /// Rows per page, 1 to 100 (default 25).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Lists a campaign's recipients at one step of its funnel, by id.
#[utoipa::path(
    get,
    path = "/campaigns/{id}/recipients",
    tag = "campaigns",
    params(("id" = i64, Path, description = "The campaign's id"), StepParams),
    responses(
        (status = 200, description = "A page of recipients", body = RecipientList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's owner is not a supervisor or admin", body = ErrorBody),
        (status = 404, description = "No such campaign", body = ErrorBody),
        (status = 422, description = "Unknown step, bad limit or cursor", body = ErrorBody),
        (status = 429, description = "Rate limited: see Retry-After", body = ErrorBody),
        (status = 503, description = "The database is busy", body = ErrorBody),
    )
)]
pub async fn list_recipients(
    caller: Caller,
    Id(id): Id<i64>,
    Params(params): Params<StepParams>,
) -> Result<Json<RecipientList>, ApiError> {
    supervisor(&caller)?;
    let step = match params.step.as_deref() {
        None | Some("") => Step::Targeted,
        Some(s) => Step::parse(s).ok_or_else(|| {
            ApiError::unreadable("step must be one of targeted, queued, sent, delivered, read, replied, failed, limited, opted_out, skipped.")
        })?,
    };
    let page = PageParams {
        limit: params.limit,
        cursor: params.cursor,
    };
    let limit = page.limit()?;
    let after = page.cursor()?.unwrap_or(0);
    let store = &caller.state().store;
    store
        .campaign(id)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let rows = store
        .recipients(id, step, after, limit)
        .await
        .map_err(AppError::from)?;
    let cursor = next_cursor(rows.last().map(|r| r.id), rows.len(), limit);
    Ok(Json(RecipientList {
        data: rows.into_iter().map(Recipient::of).collect(),
        next_cursor: cursor,
    }))
}
