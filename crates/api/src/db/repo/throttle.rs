//! Failed-login counters per username, kept in the database so that every
//! server instance sees the same count.

use crate::db::rows::{from_db, to_db, ThrottleRow};
use crate::db::schema::login_throttle as lt;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::auth::ThrottleState;

pub fn get(conn: &mut DbConn, username: &str) -> QueryResult<Option<ThrottleState>> {
    let row = lt::table
        .find(username)
        .select(ThrottleRow::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map(|r| ThrottleState {
        failures: u32::try_from(r.failures).unwrap_or(0),
        window_started_at: from_db(r.window_started_at),
        locked_until: r.locked_until.map(from_db),
    }))
}

/// Count one more failure. Runs inside the caller's write transaction, which
/// on SQLite is the single writer and on PostgreSQL is retried by the caller
/// if two first failures insert at once.
pub fn record_failure(
    conn: &mut DbConn,
    username: &str,
    now: DateTime<Utc>,
) -> QueryResult<ThrottleState> {
    let previous = get(conn, username)?;
    let next = ThrottleState::after_failure(previous.as_ref(), now);
    let row = ThrottleRow {
        username: username.to_owned(),
        failures: i32::try_from(next.failures).unwrap_or(i32::MAX),
        window_started_at: to_db(next.window_started_at),
        locked_until: next.locked_until.map(to_db),
    };
    if previous.is_some() {
        diesel::update(lt::table.find(username))
            .set(&row)
            .execute(conn)?;
    } else {
        diesel::insert_into(lt::table).values(&row).execute(conn)?;
    }
    Ok(next)
}

pub fn clear(conn: &mut DbConn, username: &str) -> QueryResult<()> {
    diesel::delete(lt::table.find(username)).execute(conn)?;
    Ok(())
}
