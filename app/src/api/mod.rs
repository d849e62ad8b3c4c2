//! Server functions: the browser's only way into the server. Each one checks who is asking
//! on the server, whatever the UI already hid, and answers with [`crate::error::AppError`].

pub mod account;
pub mod auth;
pub mod bot;
pub mod campaigns;
pub mod contacts;
pub mod costs;
pub mod inbox;
pub mod integrations;
pub mod labels;
pub mod outreach;
pub mod picker;
pub mod quick_replies;
pub mod reports;
pub mod settings;
pub mod templates;
pub mod users;
