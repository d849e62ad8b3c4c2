//! The bot's worker: answers the customers' messages waiting in the bot inbox. Each job was
//! written with its message (in the webhook's transaction) and is deleted with the bot's
//! answer (in the turn's transaction), so a crash at any point loses nothing and answers
//! nothing twice: an unfinished job is claimed again when its lease runs out, by this
//! instance after a restart or by another one. Jobs of one conversation go one at a time, in
//! order. Tested in `server/tests/it/bot_durable.rs`.

use app::domain::pacing::retry_delay_ms;
use app::ssr::{now_ms, ServerState, StoreError};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How long a claimed job is ours before another worker may take it.
pub const LEASE_MS: i64 = 60_000;
/// Errors (database, panics) before a job is given up on and logged.
pub const MAX_ATTEMPTS: u32 = 5;
const BATCH: u32 = 20;

/// Works the due jobs once; returns how many were handled.
pub async fn work_due(state: &ServerState, now_ms: i64) -> Result<usize, StoreError> {
    let store = state.store.as_ref();
    let jobs = store
        .claim_bot_work(now_ms, now_ms + LEASE_MS, BATCH)
        .await?;
    for job in &jobs {
        match app::ssr::bot::answer(state, job.message_id, now_ms).await {
            // A turn deleted its job; when none was needed the job ends here.
            Ok(_) => store.finish_bot_work(job.message_id).await?,
            Err(error) if job.attempts + 1 < MAX_ATTEMPTS => {
                let wait = retry_delay_ms(job.attempts, None, rand::random::<f64>());
                tracing::warn!(message = job.message_id, %error, "the bot could not answer; will try again");
                store
                    .postpone_bot_work(job.message_id, now_ms + wait)
                    .await?;
            }
            Err(error) => {
                tracing::error!(message = job.message_id, %error, "the bot gave up answering this message");
                store.finish_bot_work(job.message_id).await?;
            }
        }
    }
    Ok(jobs.len())
}

/// Starts the worker; ring the returned bell when a webhook stored customer messages.
pub fn spawn(state: ServerState, poll: Duration) -> Arc<Notify> {
    let bell = Arc::new(Notify::new());
    let rung = bell.clone();
    tokio::spawn(async move {
        loop {
            match work_due(&state, now_ms()).await {
                // A conversation's next message may be due now.
                Ok(handled) if handled > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "bot worker: database error"),
            }
            tokio::select! {
                _ = rung.notified() => {}
                _ = tokio::time::sleep(poll) => {}
            }
        }
    });
    bell
}
