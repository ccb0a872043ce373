//! The one-stop service hall (一站式服务): requests, their forms, lifecycle and deadlines.

#[cfg(feature = "openapi")]
mod form_schema;
pub mod forms;
pub mod lifecycle;
pub mod notes;
pub mod sla;
pub mod wire;

pub use forms::{Form, Kind};
pub use lifecycle::{Action, Relation, State};
pub use sla::Priority;

/// Six digits a student shows when collecting stamped documents.
pub fn pickup_code(seed: u128) -> String {
    format!("{:06}", seed % 1_000_000)
}
