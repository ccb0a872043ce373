//! Queries by area. Every function takes `&mut DbConn` so that callers can
//! compose several inside one transaction.

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
pub mod throttle;
pub mod units;
pub mod users;
pub mod visits;

use diesel::result::{DatabaseErrorKind, Error};

/// True when the error is a unique-constraint violation (a duplicate key).
pub fn is_unique_violation(e: &Error) -> bool {
    matches!(
        e,
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}
