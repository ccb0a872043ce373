//! The party organisation on the grid (branches, members, their rooms) and
//! the points ledger with its rules.

pub mod branches;
pub mod points;
pub mod rules;
