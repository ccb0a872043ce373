//! Integration tests: each starts the real server on port 0 with a fresh
//! database and talks HTTP to it, once on SQLite and once on PostgreSQL
//! (`both_backends!`); those that never reach storage once (`without_storage!`).
//! One test binary keeps link time low.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod helpers;

mod auth;
mod auth_throttle;
mod bad_values;
mod changes;
mod client_coverage;
mod errors;
mod grid;
mod grid_move;
mod grid_residency;
mod grid_scope;
mod grid_transfer;
mod grid_vacancies;
mod growth;
mod idempotency;
mod inspections;
mod inspections_month;
mod metrics;
mod notifications;
mod openapi;
mod ops;
mod party;
mod party_credit;
mod party_rules;
mod races;
mod raw;
mod receiver;
mod reform;
mod reform_board;
mod reform_progress;
mod reform_reminders;
mod seed_dates;
mod service;
mod service_accounts;
mod service_client;
mod service_deadlines;
mod service_files;
mod service_flow;
mod service_limits;
mod service_rooms;
mod service_tokens;
mod setup;
mod spaces;
mod spaces_bookings;
mod storage;
mod stream;
mod sync;
mod talks;
mod talks_after;
mod talks_scope;
mod transcripts;
mod units;
mod users;
mod visit_photos;
mod visits;
mod visits_compliance;
mod web;
mod webhooks;
