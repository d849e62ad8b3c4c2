//! The Reports settings as stored (the `reports` setting, JSON).

use super::{Store, StoreError};
use crate::domain::reports::{ReportSettings, REPORT_SETTINGS};

/// The saved settings; before an admin saves any, UTC (or the bot's business-hours time zone
/// when the bot was configured) and an empty price table.
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
