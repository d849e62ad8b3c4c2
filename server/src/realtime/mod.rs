//! Real time (design.md §5): the [`hub::Hub`] turns the store's change feed into numbered
//! frames, keeps the latest ones for consoles that reconnect, and tracks presence, typing and
//! who views what; [`socket`] serves `/ws`, one task per connected console.

pub mod hub;
pub mod socket;

pub use hub::Hub;
