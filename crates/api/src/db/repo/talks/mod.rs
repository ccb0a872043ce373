//! Queries of 思政课堂 sessions and their applications. Who may see a
//! session (a student: those open to them, and those they applied for) is
//! applied inside the query.

pub mod applications;
pub mod sessions;
