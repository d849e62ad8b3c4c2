//! The sender: claims due deliveries, signs and POSTs them, and records each attempt with
//! when to try again (`webhooks::next_attempt`, at least 24 hours of retries).
//!
//! Before every attempt the endpoint's host is resolved and checked against the SSRF rule
//! (`resolve_destination`), and the connection is pinned to exactly the addresses checked,
//! so a DNS answer that changes between the check and the connection cannot redirect it.
//! Redirects are not followed for the same reason.

use super::{signature, WebhookSettings, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER};
use app::domain::integrations::destinations::Refusal;
use app::domain::integrations::webhooks::next_attempt;
use app::error::AppError;
use app::ssr::integrations::{host_and_port, resolve_destination};
use app::ssr::{now_ms, AttemptOutcome, DeliveryRecord, Store, StoreError, WebhookRecord};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{Notify, Semaphore};

pub struct Sender {
    store: Arc<dyn Store>,
    settings: WebhookSettings,
}

impl Sender {
    pub fn new(store: Arc<dyn Store>, settings: WebhookSettings) -> Sender {
        Sender { store, settings }
    }

    /// Attempts every delivery due at `now_ms` (up to a batch), a few at a time, and
    /// records how each went. Answers how many were claimed.
    pub async fn pass(&self, now_ms: i64) -> Result<usize, StoreError> {
        let started = Instant::now();
        let lease_until = now_ms + self.settings.lease.as_millis() as i64;
        let due = self
            .store
            .claim_deliveries(now_ms, lease_until, self.settings.batch)
            .await?;
        if due.is_empty() {
            return Ok(0);
        }
        let endpoints: HashMap<i64, WebhookRecord> = self
            .store
            .webhooks()
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let slots = Arc::new(Semaphore::new(self.settings.concurrency.max(1)));
        let mut attempts = tokio::task::JoinSet::new();
        let claimed = due.len();
        for delivery in due {
            // Deleted since (its log went with it) or turned off: it waits, pending, until the
            // endpoint is turned on again.
            let Some(endpoint) = endpoints
                .get(&delivery.endpoint_id)
                .filter(|e| e.enabled)
                .cloned()
            else {
                continue;
            };
            let store = self.store.clone();
            let settings = self.settings;
            let slots = slots.clone();
            attempts.spawn(async move {
                let _slot = slots.acquire_owned().await;
                // `now` moved on while earlier deliveries were sent.
                let at = || now_ms + started.elapsed().as_millis() as i64;
                let outcome = attempt(&delivery, &endpoint, &settings, at()).await;
                if let Err(e) = store.record_attempt(delivery.id, &outcome, at()).await {
                    tracing::warn!(delivery = delivery.id, error = %e, "could not record a webhook attempt");
                }
            });
        }
        while attempts.join_next().await.is_some() {}
        Ok(claimed)
    }
}

/// Runs the sender: when the feed added deliveries, and on a timer for retries.
pub async fn run(sender: Sender, wake: Arc<Notify>) {
    loop {
        let claimed = match sender.pass(now_ms()).await {
            Ok(claimed) => claimed,
            Err(e) => {
                tracing::warn!(error = %e, "webhook sender pass failed; retrying shortly");
                0
            }
        };
        if claimed >= sender.settings.batch as usize {
            continue;
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(sender.settings.send_interval) => {}
        }
    }
}

fn failed(
    delivery: &DeliveryRecord,
    status: Option<u16>,
    error: String,
    retry: bool,
    now_ms: i64,
) -> AttemptOutcome {
    let retry_at_ms = if retry {
        next_attempt(delivery.attempts + 1, delivery.created_at_ms, now_ms)
    } else {
        None
    };
    AttemptOutcome::Failed {
        status,
        error,
        retry_at_ms,
    }
}

/// One attempt, told in words an admin understands when it fails.
async fn attempt(
    delivery: &DeliveryRecord,
    endpoint: &WebhookRecord,
    settings: &WebhookSettings,
    now_ms: i64,
) -> AttemptOutcome {
    let Some((host, _)) = host_and_port(&endpoint.url) else {
        let error = "Not sent: the endpoint's URL is not valid.".to_string();
        return failed(delivery, None, error, false, now_ms);
    };
    let secs = settings.timeout.as_secs().max(1);
    let checked = tokio::time::timeout(
        settings.timeout,
        resolve_destination(&endpoint.url, endpoint.allow_private),
    )
    .await;
    let addresses = match checked {
        Ok(Ok(addresses)) => addresses,
        Ok(Err(AppError::WebhookDestination {
            refusal: Refusal::NotPublic,
        })) => {
            let error = format!(
                "Not sent: {host} points to a loopback, private or link-local address. \
                 Allow private destinations on this endpoint if it is meant to reach your own \
                 network."
            );
            return failed(delivery, None, error, false, now_ms);
        }
        Ok(Err(AppError::WebhookDestination {
            refusal: Refusal::Unresolvable,
        })) => {
            let error = format!("Could not find the address of {host}.");
            return failed(delivery, None, error, true, now_ms);
        }
        Ok(Err(_)) => {
            let error = "Not sent: the endpoint's URL is not valid.".to_string();
            return failed(delivery, None, error, false, now_ms);
        }
        Err(_) => {
            let error = format!("Could not find the address of {host} within {secs} seconds.");
            return failed(delivery, None, error, true, now_ms);
        }
    };
    let client = match pinned_client(&host, &addresses, settings) {
        Ok(client) => client,
        Err(e) => {
            tracing::warn!(error = %e, "could not build the webhook client");
            let error = "Not sent: the desk could not prepare the request.".to_string();
            return failed(delivery, None, error, true, now_ms);
        }
    };
    // The receiver compares the signature's time with its own clock: the wall clock's.
    let signed_at = app::ssr::now_ms() / 1000;
    let answer = client
        .post(&endpoint.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(EVENT_HEADER, delivery.event_type.as_str())
        .header(DELIVERY_HEADER, delivery.id.to_string())
        .header(
            SIGNATURE_HEADER,
            signature::sign(&endpoint.secret, signed_at, &delivery.payload),
        )
        .body(delivery.payload.clone())
        .send()
        .await;
    match answer {
        Ok(response) if response.status().is_success() => AttemptOutcome::Delivered {
            status: response.status().as_u16(),
        },
        Ok(response) => {
            let status = response.status();
            failed(
                delivery,
                Some(status.as_u16()),
                answered(status),
                true,
                now_ms,
            )
        }
        Err(e) if e.is_timeout() => {
            let error = format!("No answer within {secs} seconds.");
            failed(delivery, None, error, true, now_ms)
        }
        Err(e) if e.is_connect() => {
            let error = format!("Could not connect: {}.", root_cause(&e));
            failed(delivery, None, error, true, now_ms)
        }
        Err(e) => {
            let error = format!("The request failed: {}.", root_cause(&e));
            failed(delivery, None, error, true, now_ms)
        }
    }
}

/// A client that connects `host` only to the addresses checked, never through a proxy
/// (which would resolve the name again) and never follows a redirect.
fn pinned_client(
    host: &str,
    addresses: &[SocketAddr],
    settings: &WebhookSettings,
) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .resolve_to_addrs(host, addresses)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(settings.timeout)
        .user_agent(super::USER_AGENT)
        .build()
}

fn answered(status: reqwest::StatusCode) -> String {
    let reason = status.canonical_reason().unwrap_or("");
    let mut words = format!("The receiver answered {} {reason}", status.as_u16())
        .trim_end()
        .to_string();
    if status.is_redirection() {
        words.push_str(" (redirects are not followed: use the final URL)");
    }
    words.push('.');
    words
}

/// The innermost error: "Connection refused (os error 111)" rather than reqwest's
/// "error sending request for url (…)".
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut inner = error;
    while let Some(source) = inner.source() {
        inner = source;
    }
    inner.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_sentences() {
        assert_eq!(
            answered(reqwest::StatusCode::INTERNAL_SERVER_ERROR),
            "The receiver answered 500 Internal Server Error."
        );
        assert_eq!(
            answered(reqwest::StatusCode::MOVED_PERMANENTLY),
            "The receiver answered 301 Moved Permanently (redirects are not followed: use the \
             final URL)."
        );
        assert_eq!(
            answered(reqwest::StatusCode::from_u16(599).unwrap()),
            "The receiver answered 599."
        );
    }
}
