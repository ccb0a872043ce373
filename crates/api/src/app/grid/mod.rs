//! The grid's application layer: CSV imports and exports (all rows or none),
//! and the chain of people responsible for a place.

pub mod csv_in;
pub mod export;
pub mod import_grid;
pub mod import_roster;
pub mod meetings;
pub mod nodes;
pub mod posts;
pub mod responsibility;
pub mod stays;

use crate::app::AppError;
use crate::db::repo::is_unique_violation;
use onestop_domain::problem::ProblemCode;

/// A node's name or code taken at the same place is a conflict, not a failure.
pub fn node_taken(e: diesel::result::Error) -> AppError {
    if is_unique_violation(&e) {
        AppError::Conflict {
            code: ProblemCode::NodeExists,
            detail: "a node with this name or code already exists there (building codes are unique, room numbers unique within a building)".into(),
        }
    } else {
        e.into()
    }
}
