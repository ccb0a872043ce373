//! The rules of onestop, free of IO so that the server, the client and the
//! browser app all agree on them.

#[macro_use]
mod string_enum;

pub mod auth;
pub mod dates;
pub mod grid;
pub mod ids;
pub mod page;
pub mod problem;
pub mod reform;
pub mod role;
pub mod service;
pub mod unit;
pub mod user;
pub mod validation;

pub use ids::{DutyId, MeetingId, NodeId, PostId, ResidencyId, UnitId, UserId};
pub use role::{Role, Roles};
pub use validation::{FieldError, ValidationErrors};
