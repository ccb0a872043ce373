//! Queries of community spaces and their bookings. Spaces and calendars are
//! open to everyone signed in; what a person keeps (to approve) is applied
//! inside the query.

pub mod bookings;
pub mod keepers;
pub mod venues;
