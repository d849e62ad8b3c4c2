//! The integration API's rules: token scopes, the per-token rate limit, outgoing webhook
//! events, their retry schedule and which destinations they may reach. Pure: callers pass
//! `now` and resolved addresses.

pub mod destinations;
pub mod tokens;
pub mod webhooks;

#[cfg(test)]
mod tests;
