//! The WhatsApp Cloud API side of the desk: webhook signatures and payloads.

pub mod graph;
pub mod media_source;
pub mod signature;
pub mod templates;
pub mod webhook;
