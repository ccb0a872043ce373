//! Other campus systems: service accounts, their secrets and tokens.

pub mod accounts;
pub mod ranges;
pub mod sync;
pub mod tokens;
