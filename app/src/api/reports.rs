//! Server functions of the supervisor dashboard and the Reports screen. Reassigning and
//! taking from the queue reuse the inbox's own (`assign_conversation`, `assign_to_me`).

use crate::domain::reports::ReportSettings;
use crate::error::AppError;
use crate::wire::reports::{DashboardSnapshot, ReportScreen};
use leptos::prelude::*;

/// The Reports screen opens on this many whole days before today.
pub const DEFAULT_DAYS: i64 = 7;
/// The dashboard's "soon" and "recent": windows closing within the hour, failures and
/// messages of the last hour.
pub const DASHBOARD_SPAN_MS: i64 = 60 * 60 * 1000;

/// The dashboard's figures now.
#[server(name = LoadDashboard, prefix = "/api", endpoint = "reports/dashboard")]
pub async fn dashboard() -> Result<DashboardSnapshot, AppError> {
    use crate::domain::reports::Period;
    use crate::domain::roles::Role;
    use crate::domain::window::WindowFilter;
    use crate::ssr::{auth, now_ms, reports, state::respond, DashboardQuery};

    respond(
        async {
            let (state, _) = auth::require(Role::Supervisor).await?;
            let store = state.store.as_ref();
            let now = now_ms();
            let settings = reports::settings(store).await?;
            // A time zone saved before it was renamed upstream still gives a dashboard.
            let today_start_ms = Period::start_of_day(now, &settings.timezone)
                .or_else(|_| Period::start_of_day(now, "UTC"))
                .map_err(|problem| AppError::Period { problem })?;
            let (closing_from_ms, closing_until_ms) =
                WindowFilter::closing_soon_range(now, DASHBOARD_SPAN_MS);
            let query = DashboardQuery {
                now_ms: now,
                closing_from_ms,
                closing_until_ms,
                today_start_ms,
                since_ms: now - DASHBOARD_SPAN_MS,
            };
            Ok(store.dashboard(query).await?)
        }
        .await,
    )
}

/// The report for the days `from` to `to` (`YYYY-MM-DD`, both included, in the business's
/// time zone); without dates, the last [`DEFAULT_DAYS`] whole days.
#[server(name = LoadReport, prefix = "/api", endpoint = "reports/report")]
pub async fn report_screen(
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportScreen, AppError> {
    use crate::domain::reports::{compute, Period};
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, reports, state::respond};

    respond(
        async {
            let (state, viewer) = auth::require(Role::Supervisor).await?;
            let store = state.store.as_ref();
            let settings = reports::settings(store).await?;
            let period = match (from.as_deref(), to.as_deref()) {
                (Some(from), Some(to)) => Period::new(from.trim(), to.trim(), &settings.timezone),
                _ => Period::last_days(now_ms(), DEFAULT_DAYS, &settings.timezone),
            }
            .map_err(|problem| AppError::Period { problem })?;
            let facts = store.report_facts(period.since_ms, period.until_ms).await?;
            // Yesterday is the last of "the last 1 day"; today follows it.
            let today = Period::last_days(now_ms(), 1, &settings.timezone)
                .ok()
                .and_then(|p| crate::domain::calendar::add_days(&p.from, 1))
                .unwrap_or_default();
            Ok(ReportScreen {
                today,
                report: compute(&facts, &period, &settings.prices),
                settings,
                may_edit_settings: viewer.role.at_least(Role::Admin),
            })
        }
        .await,
    )
}

/// Saves the time zone, currency and price table (admins).
#[server(prefix = "/api", endpoint = "reports/settings", input = leptos::server_fn::codec::Json)]
pub async fn save_report_settings(settings: ReportSettings) -> Result<ReportSettings, AppError> {
    use crate::domain::bot::hours::known_timezone;
    use crate::domain::report_settings::normalized;
    use crate::domain::reports::REPORT_SETTINGS;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, state::respond};

    respond(
        async {
            let (state, admin) = auth::require(Role::Admin).await?;
            let settings = normalized(settings, known_timezone)
                .map_err(|problem| AppError::ReportSettings { problem })?;
            let json = serde_json::to_string(&settings).map_err(|e| {
                tracing::error!(error = %e, "the report settings cannot be written as JSON");
                AppError::Internal
            })?;
            state
                .store
                .put_setting(REPORT_SETTINGS, &json, now_ms())
                .await?;
            tracing::info!(by = admin.id, timezone = %settings.timezone, "report settings saved");
            Ok(settings)
        }
        .await,
    )
}

/// Marks a colleague away (supervisors): every console and dashboard shows it, new
/// conversations are not auto-assigned to them, and it lasts until they come back themselves.
/// Someone offline stays offline.
#[server(prefix = "/api", endpoint = "reports/away")]
pub async fn set_agent_away(user_id: i64) -> Result<(), AppError> {
    use crate::domain::inbox::Presence;
    use crate::domain::roles::Role;
    use crate::ssr::{auth, state::respond, Change};

    respond(
        async {
            let (state, supervisor) = auth::require(Role::Supervisor).await?;
            let user = state
                .store
                .user_by_id(user_id)
                .await?
                .filter(|u| !u.disabled)
                .ok_or(AppError::NotFound)?;
            state
                .store
                .signal(Change::Presence {
                    user_id: user.id,
                    presence: Presence::Away,
                })
                .await?;
            tracing::info!(
                by = supervisor.id,
                user = user.id,
                "set away by a supervisor"
            );
            Ok(())
        }
        .await,
    )
}
