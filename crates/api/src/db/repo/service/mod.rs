//! Service-hall storage.

pub mod attachments;
pub mod events;
pub mod requests;
pub mod sla;
