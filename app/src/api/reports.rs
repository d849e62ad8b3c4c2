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
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, reports, state::respond};

    respond(
        async {
            let (state, viewer) = auth::require(Role::Supervisor).await?;
            reports::dashboard(&state, &viewer, now_ms()).await
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
    use crate::domain::roles::Role;
    use crate::ssr::{auth, now_ms, reports, state::respond};

    respond(
        async {
            let (state, viewer) = auth::require(Role::Supervisor).await?;
            reports::report_screen(&state, &viewer, from.as_deref(), to.as_deref(), now_ms()).await
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
