//! Idempotency keys for creating POSTs: the same key and body from the same
//! person give the stored response again instead of a second request.

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
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let row = IdempotencyRow {
        user_id,
        key: key.to_owned(),
        request_hash: hash.to_owned(),
        response_status: i32::from(status),
        response_body: body.to_owned(),
        created_at: to_db(now),
    };
    diesel::insert_into(k::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}
