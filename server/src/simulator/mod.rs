//! The WhatsApp simulator: a stand-in for Meta's Cloud API that the desk cannot tell apart
//! from the real thing. It serves the Graph API endpoints the desk uses (with Meta's
//! validation and error bodies), holds templates and media, sends signed webhooks with
//! statuses, and has customers: generated ones, and a phone page where a person plays one.

mod api;
mod customers;
mod escape;
mod state;
mod webhooks;

pub use escape::meta_json;
pub use state::{Customer, SimState, Template};

use axum::Router;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the simulator behaves. Delays are short by default so the demo feels alive.
#[derive(Clone, Debug)]
pub struct SimConfig {
    pub phone_number_id: String,
    pub display_phone_number: String,
    pub business_account_id: String,
    pub access_token: String,
    pub app_secret: String,
    /// Where webhooks go: the desk's `/webhooks/whatsapp`.
    pub webhook_url: String,
    /// The simulator's own base URL (media download links point here).
    pub public_base: String,
    pub delay_sent: Duration,
    pub delay_delivered: Duration,
    /// Simulated customers read replies this long after delivery.
    pub delay_read: Duration,
    /// Deliver every status webhook twice.
    pub duplicate_statuses: bool,
    /// Deliver each message's statuses in reverse order.
    pub shuffle_statuses: bool,
    /// A generated customer writes about this often (`None`: never).
    pub customer_every: Option<Duration>,
    /// The customer-service window; free text after it fails with 131047.
    pub window: Duration,
    /// The number's throughput (excess: 130429).
    pub throughput: app::domain::pacing::Rate,
    /// Messages to one customer (excess: 131056).
    pub pair_limit: app::domain::pacing::Rate,
}

impl SimConfig {
    pub fn demo(
        webhook_url: String,
        public_base: String,
        app_secret: String,
        access_token: String,
    ) -> SimConfig {
        SimConfig {
            phone_number_id: "106540352242922".into(),
            display_phone_number: "15550783881".into(),
            business_account_id: "102290129340398".into(),
            access_token,
            app_secret,
            webhook_url,
            public_base,
            delay_sent: Duration::from_millis(300),
            delay_delivered: Duration::from_millis(900),
            delay_read: Duration::from_secs(3),
            duplicate_statuses: false,
            shuffle_statuses: false,
            customer_every: Some(Duration::from_secs(45)),
            window: Duration::from_secs(24 * 60 * 60),
            throughput: app::domain::pacing::Rate::THROUGHPUT,
            pair_limit: state::PAIR_LIMIT,
        }
    }
}

/// A running simulator: its router and shared state.
#[derive(Clone)]
pub struct Simulator {
    pub config: Arc<SimConfig>,
    pub state: Arc<Mutex<SimState>>,
    pub webhooks: webhooks::Sender,
}

impl Simulator {
    /// Builds the simulator and starts its webhook sender (and customers, if configured).
    pub fn start(config: SimConfig) -> Simulator {
        let config = Arc::new(config);
        let state = Arc::new(Mutex::new(SimState::seeded(&config)));
        let webhooks = webhooks::Sender::start(config.clone());
        let sim = Simulator {
            config,
            state,
            webhooks,
        };
        if let Some(every) = sim.config.customer_every {
            customers::spawn_generator(sim.clone(), every);
        }
        sim
    }

    pub fn router(&self) -> Router {
        api::router(self.clone())
    }
}
