//! Integration storage: service accounts and their secrets.

pub mod accounts;
