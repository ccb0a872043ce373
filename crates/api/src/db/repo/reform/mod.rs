//! The reform plan's storage: the plan itself, assignments and what is known
//! about them, progress (milestones, reports, reviews, evidence), the event log.

pub mod assignments;
pub mod events;
mod plan;
pub mod progress;

pub use plan::*;
