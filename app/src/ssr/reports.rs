//! The Reports screen and the supervisor dashboard, for the console's server functions and
//! the REST API alike, and the Reports settings as stored (the `reports` setting, JSON).

use super::state::ServerState;
use super::{DashboardQuery, Store, StoreError, UserRecord};
use crate::domain::reports::{Period, ReportSettings, REPORT_SETTINGS};
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::wire::reports::{DashboardSnapshot, ReportScreen};

/// The saved settings; before an admin saves any, UTC (or the bot's business-hours time zone
/// when the bot was configured).
pub async fn settings(store: &dyn Store) -> Result<ReportSettings, StoreError> {
    if let Some(json) = store.setting(REPORT_SETTINGS).await? {
        match serde_json::from_str(&json) {
            Ok(settings) => return Ok(settings),
            Err(e) => {
                tracing::warn!(error = %e, "the saved report settings cannot be read; using defaults")
            }
        }
    }
    let mut settings = ReportSettings::default();
    if store
        .setting(crate::domain::bot::BOT_SETTING)
        .await?
        .is_some()
    {
        settings.timezone = super::bot::config(store).await?.hours.timezone;
    }
    Ok(settings)
}

/// The supervisor dashboard's figures at `now` (supervisors and admins).
pub async fn dashboard(
    state: &ServerState,
    viewer: &UserRecord,
    now: i64,
) -> Result<DashboardSnapshot, AppError> {
    use crate::api::reports::DASHBOARD_SPAN_MS;
    use crate::domain::window::WindowFilter;
    supervisor(viewer)?;
    let store = state.store.as_ref();
    let settings = settings(store).await?;
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

/// The Reports screen for the days `from` to `to` (`YYYY-MM-DD`, both included, in the
/// business's time zone); without both dates, the last [`DEFAULT_DAYS`] whole days before
/// `now` (supervisors and admins).
///
/// [`DEFAULT_DAYS`]: crate::api::reports::DEFAULT_DAYS
pub async fn report_screen(
    state: &ServerState,
    viewer: &UserRecord,
    from: Option<&str>,
    to: Option<&str>,
    now: i64,
) -> Result<ReportScreen, AppError> {
    use crate::api::reports::DEFAULT_DAYS;
    use crate::domain::reports::compute;
    supervisor(viewer)?;
    let store = state.store.as_ref();
    let settings = settings(store).await?;
    let period = match (from, to) {
        (Some(from), Some(to)) => Period::new(from.trim(), to.trim(), &settings.timezone),
        _ => Period::last_days(now, DEFAULT_DAYS, &settings.timezone),
    }
    .map_err(|problem| AppError::Period { problem })?;
    let facts = store.report_facts(period.since_ms, period.until_ms).await?;
    let pricing = super::pricing::settings(state).await?;
    // Yesterday is the last of "the last 1 day"; today follows it.
    let today = Period::last_days(now, 1, &settings.timezone)
        .ok()
        .and_then(|p| crate::domain::calendar::add_days(&p.from, 1))
        .unwrap_or_default();
    Ok(ReportScreen {
        today,
        report: compute(&facts, &period, &pricing.table),
        settings,
        may_edit_settings: viewer.role.at_least(Role::Admin),
    })
}

fn supervisor(viewer: &UserRecord) -> Result<(), AppError> {
    if viewer.role.at_least(Role::Supervisor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
