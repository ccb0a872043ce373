//! Idempotency keys for creating POSTs (the rules are `app/idempotency.rs`):
//! per person and key, a digest of what was asked and the answer given.

use crate::db::rows::{to_db, IdempotencyRow};
use crate::db::schema::idempotency_keys as k;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::UserId;

pub fn find(conn: &mut DbConn, user_id: UserId, key: &str) -> QueryResult<Option<IdempotencyRow>> {
    k::table
        .find((user_id, key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()
}

pub fn store(
    conn: &mut DbConn,
    user_id: UserId,
    key: &str,
    hash: &str,
    body: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let row = IdempotencyRow {
        user_id,
        key: key.to_owned(),
        request_hash: hash.to_owned(),
        // Every creating call answers 201; kept for a call that one day answers otherwise.
        response_status: 201,
        response_body: body.to_owned(),
        created_at: to_db(now),
    };
    diesel::insert_into(k::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

/// Write the answer of a claimed key (claimed with an empty body by `store`).
pub fn set_answer(conn: &mut DbConn, user_id: UserId, key: &str, body: &str) -> QueryResult<()> {
    diesel::update(k::table.find((user_id, key)))
        .set(k::response_body.eq(body))
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut DbConn, user_id: UserId, key: &str) -> QueryResult<()> {
    diesel::delete(k::table.find((user_id, key)))
        .execute(conn)
        .map(|_| ())
}

/// Forget keys stored before `cutoff` (the job's housekeeping).
pub fn purge_before(conn: &mut DbConn, cutoff: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(k::table.filter(k::created_at.lt(to_db(cutoff)))).execute(conn)
}
