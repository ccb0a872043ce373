//! Webhooks: subscriptions, and the delivery of each event to each of them.

pub mod deliver;
pub mod send;
pub mod subscriptions;
