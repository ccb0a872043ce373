//! The monthly dorm evaluation's storage: checklists, inspections, their
//! rectifications and re-checks, and the closed months. Scope is applied in
//! the queries through [`in_scope!`](crate::in_scope).

pub mod items;
pub mod months;
pub mod rectifications;
pub mod visits;
