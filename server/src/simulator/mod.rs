//! The WhatsApp simulator: a stand-in for Meta's Cloud API that the desk cannot tell apart
//! from the real thing. It serves the Graph API endpoints the desk uses (with Meta's
//! validation and error bodies), holds templates and media, sends signed webhooks with
//! statuses, and has customers: generated ones, and a phone page where a person plays one.
//!
//! Its own control endpoints (no token; for the phone page, tests and demos):
//!
//! - `GET /sim/state`: customers (with their chats as their phones show them, templates
//!   filled in under `rendered`) and templates.
//! - `POST /sim/customers` `{"name", "wa_id"?, "user_id"?, "lang"?, "human"?}`: a new customer.
//! - `POST /sim/customers/{id}/messages` `{"type": "text"|"image"|"voice"|"document"|
//!   "location"|"contacts"|"reaction"|"button_reply"|"list_reply"|"template_button", …,
//!   "reply_to"?, "referral"?, "ago_seconds"?}`: the customer writes to the business.
//!   `ago_seconds` stamps the message that many seconds in the past (webhook `timestamp`, the
//!   chat and the window): `86400 - N` makes a customer whose 24-hour window closes in N
//!   seconds, more than 86400 one whose window is closed (free-form sends then fail with
//!   131047).
//! - `POST /sim/customers/{id}/read`: the customer reads what was delivered (read statuses).
//! - `POST /sim/customers/{id}/block` `{"blocked": true|false}`: the customer blocks (or
//!   unblocks) the business: messages to them are accepted and then fail with 131026.
//! - `POST /sim/customers/{id}/marketing` `{"stop": true|false}`: the customer stops (or
//!   resumes) marketing messages: a `user_preferences` webhook, and while stopped, MARKETING
//!   templates to them are accepted and then fail with 131050.
//! - `POST /sim/customers/{id}/marketing-limit` `{"limited": true|false}`: WhatsApp's
//!   per-user marketing limit holds (or no longer holds) for the customer: MARKETING
//!   templates to them are accepted and then fail with 131049 ("This message was not
//!   delivered to maintain healthy ecosystem engagement."), except while the customer's
//!   window is open (they wrote in the last 24 hours). The business is told nothing. Refused
//!   (400) for numbers Meta does not limit: the EEA, the UK, Japan and South Korea.
//! - `POST /sim/templates/{id}/status` `{"status", "reason"?}`: Meta reviews a template (a
//!   `message_template_status_update` webhook).
//! - `POST /sim/number` `{"quality_rating"?, "messaging_limit"?, "marketing_limited_share"?}`:
//!   Meta rates the number: `quality_rating` (GREEN, YELLOW, RED, NA) as `GET
//!   /{phone-number-id}` answers it (Meta sends no webhook for it since October 2025: the
//!   desk reads it); `messaging_limit` (`TIER_250` … `TIER_UNLIMITED`, default `TIER_2K`):
//!   templates to a customer whose window is closed, beyond that many unique customers in a
//!   rolling 24 hours, are refused with 131048; `marketing_limited_share` (0–1): that share
//!   of customers (chosen by their number, so always the same ones) gets 131049 for
//!   marketing templates, like the per-user limit. `GET /sim/number` answers the state.
//! - `GET /sim/media/{id}`: a file the simulator holds (uploaded or sent by a customer).
//! - `GET /phone`: the phone page.
//!
//! Meta's rules it plays without being asked:
//!
//! - Sends to a number nobody has fail with 131026; free-form messages outside the window
//!   with 131047 (templates are allowed).
//! - Marketing templates to US numbers (+1 and a US area code) fail with 131049 while
//!   [`SimConfig::us_marketing_blocked`] (the default), whether or not the window is open.
//! - A send to Brazil's or Mexico's other way of writing a mobile number (with or without
//!   the ninth digit after `55` and the area code; with or without the `1` after `52`)
//!   reaches the customer WhatsApp knows under the other form: the answer's
//!   `contacts[0].input` echoes what was sent, `wa_id` is the customer's, and so is the
//!   statuses' `recipient_id`.
//! - Failed statuses carry no `pricing` (nothing is charged) and no `contacts`.

mod api;
mod customers;
mod escape;
mod number;
mod state;
mod template_send;
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
    /// WhatsApp's pause on marketing templates to US numbers (+1 and a US area code; since
    /// 2025-04-01): they are accepted, then fail with 131049. Meta documents the pause but
    /// not its error code; 131049 is what businesses report (the facts sheet marks it
    /// [unsure]).
    pub us_marketing_blocked: bool,
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
            us_marketing_blocked: true,
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

    /// A customer who wrote `text` `ago_seconds` ago (demo history: windows about to close or
    /// already closed). Returns the message's wamid.
    pub fn customer_wrote(
        &self,
        name: &str,
        wa_id: &str,
        lang: &str,
        text: &str,
        ago_seconds: i64,
    ) -> Result<String, String> {
        let id = self
            .state
            .lock()
            .expect("simulator state")
            .add_customer(name, Some(wa_id.to_string()), None, lang, true)
            .id;
        customers::customer_writes(
            self,
            id,
            &serde_json::json!({"type": "text", "text": text, "ago_seconds": ago_seconds}),
        )
    }
}
