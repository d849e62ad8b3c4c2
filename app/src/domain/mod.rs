//! Pure domain rules. Nothing here does I/O or reads a clock: callers pass `now`.

pub mod assignment;
pub mod bot;
pub mod calendar;
pub mod client_address;
pub mod contacts;
pub mod formatting;
pub mod inbox;
pub mod integrations;
pub mod labels;
pub mod language;
pub mod links;
pub mod message;
pub mod outbound;
pub mod pacing;
pub mod phone;
pub mod quick_replies;
pub mod report_settings;
pub mod reports;
pub mod roles;
pub mod session;
pub mod template_form;
pub mod templates;
pub mod throttle;
pub mod users;
pub mod validation;
pub mod window;
