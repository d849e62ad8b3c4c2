//! Buzón's shared crate: domain rules, wire types, server functions and the UI.
//!
//! The server (`ssr` feature) and the browser (`hydrate` feature) compile this same crate, so a
//! rule written once in [`domain`] is what both the UI shows and the server enforces.
//! Everything that only exists on the server lives behind the single `ssr` module below.

#![recursion_limit = "512"]

pub mod api;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod ui;
pub mod wire;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use ui::{shell, App};
