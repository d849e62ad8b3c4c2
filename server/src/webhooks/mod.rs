//! Outgoing webhooks: what happens in the desk, pushed to the systems admins registered.
//!
//! Two tasks per server process. The [`feed::Feed`] turns the event log, new messages and
//! delivery-status changes into deliveries (one per subscribed endpoint, stored with their
//! JSON fixed); the [`sender::Sender`] signs and sends the due ones, a few at a time, and
//! records each attempt with its retry time. Both only talk to the store, so every instance
//! may run them: the delivery key makes enqueueing idempotent and claims are leased.

pub mod feed;
pub mod payload;
pub mod sender;
pub mod signature;

use app::ssr::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

pub use signature::{sign, verify, SignatureError};

/// The header carrying the signature (`t=<unix seconds>,v1=<hex HMAC-SHA256>`).
pub const SIGNATURE_HEADER: &str = "X-Buzon-Signature";
pub const EVENT_HEADER: &str = "X-Buzon-Event";
pub const DELIVERY_HEADER: &str = "X-Buzon-Delivery";
pub const USER_AGENT: &str = "Buzon-Webhooks/1";

#[derive(Clone, Copy, Debug)]
pub struct WebhookSettings {
    /// Ids re-read behind each cursor: PostgreSQL ids can commit out of order.
    pub lookback: i64,
    /// Rows read per query when following the event log and the messages.
    pub page: u32,
    /// How long the feed waits after a change for the ones right behind it.
    pub debounce: Duration,
    /// The feed runs at least this often.
    pub feed_interval: Duration,
    /// The sender looks for due deliveries at least this often.
    pub send_interval: Duration,
    /// Deliveries in flight at once.
    pub concurrency: usize,
    /// Deliveries claimed per pass.
    pub batch: u32,
    /// How long a receiver has to answer.
    pub timeout: Duration,
    /// How long a claimed delivery stays out of other senders' reach.
    pub lease: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        WebhookSettings {
            lookback: 200,
            page: 500,
            debounce: Duration::from_millis(200),
            feed_interval: Duration::from_secs(2),
            send_interval: Duration::from_secs(5),
            concurrency: 8,
            batch: 16,
            timeout: Duration::from_secs(10),
            lease: Duration::from_secs(60),
        }
    }
}

/// The running feed and sender.
pub struct Handle {
    wake: Arc<Notify>,
    pub feed: tokio::task::JoinHandle<()>,
    pub sender: tokio::task::JoinHandle<()>,
}

impl Handle {
    /// Makes the sender look for due deliveries now (after an admin asked to redeliver).
    pub fn wake_sender(&self) {
        self.wake.notify_one();
    }
}

pub fn spawn(store: Arc<dyn Store>, settings: WebhookSettings) -> Handle {
    let wake = Arc::new(Notify::new());
    let feed = feed::Feed::new(store.clone(), settings, wake.clone());
    let sender = sender::Sender::new(store, settings);
    Handle {
        feed: tokio::spawn(feed::run(feed)),
        sender: tokio::spawn(sender::run(sender, wake.clone())),
        wake,
    }
}
