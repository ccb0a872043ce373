//! Storage of events and what is made of them.

pub mod notifications;
pub mod outbox;
pub mod webhooks;
