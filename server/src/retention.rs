//! The retention policy's daily run (Settings → Contact data): every minute this instance
//! asks whether a run is due; `app::ssr::contacts::run_retention` claims it through the
//! settings row, so one instance runs it a day, and a run that died is tried again the next
//! day (what it removed stays removed).

use app::ssr::ServerState;
use std::time::Duration;

const CHECK_EVERY: Duration = Duration::from_secs(60);

pub fn spawn(state: ServerState) {
    tokio::spawn(async move {
        loop {
            match app::ssr::contacts::run_retention(&state, app::ssr::now_ms()).await {
                Ok(Some(run)) => tracing::info!(
                    messages = run.messages,
                    media = run.media,
                    "retention: old messages removed"
                ),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "retention run failed"),
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}
