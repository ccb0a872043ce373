//! The application layer: each area's rules in motion (transactions, workflow
//! effects, events), called by the thin HTTP handlers in `routes/`.

pub mod error;
pub mod events;
pub mod grid;
pub mod growth;
pub mod idempotency;
pub mod inspection;
pub mod integration;
pub mod party;
pub mod reform;
pub mod service;
pub mod sessions;
pub mod spaces;
pub mod talks;
pub mod users;
pub mod visits;

pub use error::{AppError, AppResult};
