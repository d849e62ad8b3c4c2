//! The outbound worker: sends pending messages through the Graph API, oldest first and in
//! order per customer, within Meta's throughput and pair limits, retrying what is worth
//! retrying and recording what failed for good. Every step is recorded in the database
//! before the next one, so a restart resumes without sending anything twice.

use crate::whatsapp::graph::{GraphError, Recipient, WhatsAppApi};
use app::domain::message::MetaError;
use app::domain::pacing::{retry_delay_ms, Bucket, Rate, MAX_ATTEMPTS};
use app::domain::window::may_send;
use app::ssr::ingest::callback_for;
use app::ssr::{now_ms, OutboundJob, Retry, Store, StoreError};
use rand::Rng;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Clone, Copy, Debug)]
pub struct OutboundSettings {
    pub throughput: Rate,
    pub pair: Rate,
    /// How long a send without an answer stays in doubt before it is tried again.
    pub in_doubt_ms: i64,
    /// How often the queue is looked at when nobody wakes the worker.
    pub poll: Duration,
    pub batch: u32,
}

impl Default for OutboundSettings {
    fn default() -> Self {
        OutboundSettings {
            throughput: Rate::THROUGHPUT,
            pair: Rate::PAIR,
            in_doubt_ms: 5 * 60 * 1000,
            poll: Duration::from_millis(500),
            batch: 100,
        }
    }
}

/// How soon a campaign held back by its rate is looked at again.
const CAMPAIGN_TICK: Duration = Duration::from_millis(50);

/// Pacing state: the number's throughput and each customer's pair limit.
pub struct Pacer {
    settings: OutboundSettings,
    number: Bucket,
    customers: HashMap<i64, Bucket>,
}

impl Pacer {
    pub fn new(settings: OutboundSettings, now_ms: i64) -> Pacer {
        Pacer {
            settings,
            number: Bucket::full(settings.throughput, now_ms),
            customers: HashMap::new(),
        }
    }

    /// Milliseconds to wait before this customer may get another message, if any.
    pub(crate) fn take(&mut self, contact_id: i64, now_ms: i64) -> Result<(), i64> {
        let pair = self.settings.pair;
        let customer = self
            .customers
            .entry(contact_id)
            .or_insert_with(|| Bucket::full(pair, now_ms));
        let mut probe = *customer;
        probe.take(pair, now_ms)?;
        self.number.take(self.settings.throughput, now_ms)?;
        *customer = probe;
        if self.customers.len() > 10_000 {
            // Customers whose bucket has refilled need no state.
            self.customers.retain(|_, b| !b.is_full(pair, now_ms));
        }
        Ok(())
    }
}

/// The worker's doorbell: ring it after queueing a message so it goes out at once.
#[derive(Clone, Default)]
pub struct Outbox {
    bell: Arc<Notify>,
}

impl Outbox {
    pub fn wake(&self) {
        self.bell.notify_one();
    }
}

/// What one pass did, for the log and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: u32,
    pub retried: u32,
    pub failed: u32,
    pub paced: u32,
}

/// Meta's error as kept on a message (or a campaign's recipient).
pub(crate) fn meta_error(err: &GraphError) -> MetaError {
    match err {
        GraphError::Api {
            code,
            title,
            details,
            ..
        } => MetaError {
            code: *code,
            title: title.clone(),
            details: details.clone(),
        },
        other => MetaError {
            code: 0,
            title: other.to_string(),
            details: None,
        },
    }
}

/// Sends what is due now. Separate from the loop so tests can drive time.
pub async fn send_due(
    store: &dyn Store,
    api: &dyn WhatsAppApi,
    pacer: &mut Pacer,
    now_ms: i64,
) -> Result<Pass, StoreError> {
    let settings = pacer.settings;
    let jobs = store
        .claim_outbound(now_ms, now_ms - settings.in_doubt_ms, settings.batch)
        .await?;
    let mut pass = Pass::default();
    for job in jobs {
        if let Err(wait_ms) = pacer.take(job.contact_id, now_ms) {
            store
                .retry_outbound(job.message_id, now_ms + wait_ms, Retry::Paced, None)
                .await?;
            pass.paced += 1;
            continue;
        }
        send_one(store, api, &job, now_ms, &mut pass).await?;
    }
    Ok(pass)
}

async fn send_one(
    store: &dyn Store,
    api: &dyn WhatsAppApi,
    job: &OutboundJob,
    now_ms: i64,
    pass: &mut Pass,
) -> Result<(), StoreError> {
    let recipient = match (&job.wa_id, &job.user_id) {
        (Some(phone), _) => Recipient::Phone(phone.clone()),
        (None, Some(user_id)) => Recipient::UserId(user_id.clone()),
        (None, None) => {
            let error = MetaError {
                code: 0,
                title: "The customer has no WhatsApp id to write to".into(),
                details: None,
            };
            store.fail_outbound(job.message_id, error, now_ms).await?;
            pass.failed += 1;
            return Ok(());
        }
    };
    // The last gate: a free-form message that waited past the customer's window is not sent.
    if let Err(closed) = may_send(job.outbound.is_free_form(), job.last_inbound_at_ms, now_ms) {
        let error = MetaError {
            code: MetaError::WINDOW_CLOSED_IN_QUEUE,
            title: "Not sent: the 24-hour window closed while the message waited".into(),
            details: closed
                .closed_at_ms
                .map(|at| format!("window closed at {at} (unix ms)")),
        };
        tracing::info!(
            message_id = job.message_id,
            "window closed before sending; not sent"
        );
        store.fail_outbound(job.message_id, error, now_ms).await?;
        pass.failed += 1;
        return Ok(());
    }
    let callback = callback_for(job.message_id);
    let result = api
        .send(
            &recipient,
            &job.outbound,
            job.reply_to.as_deref(),
            Some(&callback),
        )
        .await;
    match result {
        Ok(accepted) => {
            store
                .mark_sent(job.message_id, &accepted.wamid, now_ms)
                .await?;
            // Written to a number WhatsApp knows under another spelling: the contact takes
            // WhatsApp's, so the customer's answer finds them.
            if let (Recipient::Phone(sent_to), Some(known)) = (&recipient, &accepted.wa_id) {
                if known != sent_to && !known.is_empty() {
                    store
                        .adopt_reported_wa_id(job.contact_id, known, now_ms)
                        .await?;
                }
            }
            pass.sent += 1;
        }
        Err(err)
            if (err.is_transient() || err.may_have_been_accepted())
                && job.attempts < MAX_ATTEMPTS =>
        {
            let delay = retry_delay_ms(
                job.attempts.saturating_sub(1),
                err.code(),
                rand::thread_rng().gen::<f64>(),
            );
            // Meta may have the message: never re-sent before a status or the grace period.
            let why = if err.may_have_been_accepted() {
                Retry::InDoubt
            } else {
                Retry::Refused
            };
            tracing::warn!(message_id = job.message_id, attempt = job.attempts, error = %err, delay_ms = delay, "send will be retried");
            store
                .retry_outbound(job.message_id, now_ms + delay, why, Some(meta_error(&err)))
                .await?;
            pass.retried += 1;
        }
        Err(err) => {
            tracing::warn!(message_id = job.message_id, error = %err, "send failed for good");
            store
                .fail_outbound(job.message_id, meta_error(&err), now_ms)
                .await?;
            pass.failed += 1;
        }
    }
    Ok(())
}

/// Starts the worker; it runs until the process ends.
pub fn spawn(
    store: Arc<dyn Store>,
    api: Arc<dyn WhatsAppApi>,
    settings: OutboundSettings,
) -> Outbox {
    let outbox = Outbox::default();
    let bell = outbox.bell.clone();
    tokio::spawn(async move {
        let mut pacer = Pacer::new(settings, now_ms());
        let mut campaigns = crate::campaigns::CampaignPacing::default();
        loop {
            let mut sent = false;
            match send_due(&*store, &*api, &mut pacer, now_ms()).await {
                // Something went out: the next message of the same customers may be due now.
                Ok(pass) if pass.sent > 0 => sent = true,
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "outbound worker: database error"),
            }
            // Campaigns after people's messages, with what throughput is left.
            let mut paced = false;
            match crate::campaigns::send_due(
                &*store,
                &*api,
                &mut pacer,
                &mut campaigns,
                &settings,
                now_ms(),
            )
            .await
            {
                Ok(pass) => {
                    sent |= pass.sent > 0;
                    paced = pass.paced > 0;
                }
                Err(err) => tracing::error!(error = %err, "campaign worker: database error"),
            }
            if sent {
                continue;
            }
            // A campaign waiting for its rate is due again within moments.
            let wait = if paced { CAMPAIGN_TICK } else { settings.poll };
            tokio::select! {
                _ = bell.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    });
    outbox
}
