//! Queries of the visits area: rules, duties, visit records and their photos, follow-ups.
//! Who may see a visit or a follow-up is applied inside the query.

pub mod duties;
pub mod follow_ups;
pub mod photos;
pub mod records;
pub mod rules;
