//! Failed sign-in counters per subject (a username or a source address), kept
//! in the database so that every server instance sees the same count.
//!
//! An attempt is claimed before its password is checked: the counter rows are
//! locked, a locked-out subject is refused, and otherwise the attempt counts
//! as a failure until it proves right. So forty wrong passwords sent at once
//! are five attempts and thirty-five refusals, on both databases.

use crate::db::rows::{from_db, to_db, ThrottleRow};
use crate::db::schema::login_throttle as lt;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::auth::{ThrottlePolicy, ThrottleState};
use std::net::IpAddr;

/// Who is being counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Username(String),
    Address(IpAddr),
}

impl Subject {
    fn key(&self) -> String {
        match self {
            Subject::Username(n) => format!("user:{n}"),
            Subject::Address(a) => format!("addr:{a}"),
        }
    }

    pub fn policy(&self) -> &'static ThrottlePolicy {
        match self {
            Subject::Username(_) => &ThrottlePolicy::USERNAME,
            Subject::Address(_) => &ThrottlePolicy::ADDRESS,
        }
    }
}

/// Count one attempt for every subject, or none when any of them is locked
/// out: `Err(seconds)` to wait then. Call inside a write transaction.
pub fn claim(
    c: &mut DbConn,
    subjects: &[Subject],
    now: DateTime<Utc>,
) -> QueryResult<Result<(), i64>> {
    let mut current = Vec::with_capacity(subjects.len());
    for s in subjects {
        current.push(locked_row(c, &s.key(), now)?);
    }
    let wait = current
        .iter()
        .filter_map(|st| ThrottleState::check(Some(st), now).err())
        .max();
    if let Some(wait) = wait {
        return Ok(Err(wait));
    }
    for (s, st) in subjects.iter().zip(&current) {
        let previous = (st.failures > 0).then_some(st);
        save(
            c,
            &s.key(),
            &ThrottleState::after_failure(s.policy(), previous, now),
        )?;
    }
    Ok(Ok(()))
}

/// The attempt was right: a username starts afresh, an address gets its attempt back.
pub fn succeeded(c: &mut DbConn, subjects: &[Subject], now: DateTime<Utc>) -> QueryResult<()> {
    for s in subjects {
        match s {
            Subject::Username(_) => {
                diesel::delete(lt::table.find(s.key())).execute(c)?;
            }
            Subject::Address(_) => {
                let st = locked_row(c, &s.key(), now)?;
                save(c, &s.key(), &st.refund(s.policy(), now))?;
            }
        }
    }
    Ok(())
}

/// Delete counters that can no longer matter, so the table stays as small as
/// the recent failures (names that do not exist included). Returns how many.
pub fn purge(c: &mut DbConn, now: DateTime<Utc>) -> QueryResult<usize> {
    let longest = ThrottlePolicy::USERNAME
        .retention()
        .max(ThrottlePolicy::ADDRESS.retention());
    let before = to_db(now - longest);
    diesel::delete(
        lt::table.filter(lt::window_started_at.lt(before)).filter(
            lt::locked_until
                .is_null()
                .or(lt::locked_until.lt(to_db(now))),
        ),
    )
    .execute(c)
}

/// The subject's counter, locked until the transaction ends (created empty
/// when missing, so that two first attempts also queue on one row).
fn locked_row(c: &mut DbConn, key: &str, now: DateTime<Utc>) -> QueryResult<ThrottleState> {
    let empty = ThrottleRow {
        subject: key.to_owned(),
        failures: 0,
        window_started_at: to_db(now),
        locked_until: None,
    };
    let insert = diesel::insert_into(lt::table)
        .values(&empty)
        .on_conflict_do_nothing();
    let query = lt::table.find(key);
    // SQLite has one writer at a time, so its write transaction is the lock.
    let row = match c {
        DbConn::Pg(pg) => {
            insert.execute(pg)?;
            query
                .for_update()
                .select(ThrottleRow::as_select())
                .first(pg)?
        }
        DbConn::Sqlite(lite) => {
            insert.execute(lite)?;
            query.select(ThrottleRow::as_select()).first(lite)?
        }
    };
    Ok(ThrottleState {
        failures: u32::try_from(row.failures).unwrap_or(0),
        window_started_at: from_db(row.window_started_at),
        locked_until: row.locked_until.map(from_db),
    })
}

fn save(c: &mut DbConn, key: &str, st: &ThrottleState) -> QueryResult<()> {
    diesel::update(lt::table.find(key))
        .set(&ThrottleRow {
            subject: key.to_owned(),
            failures: i32::try_from(st.failures).unwrap_or(i32::MAX),
            window_started_at: to_db(st.window_started_at),
            locked_until: st.locked_until.map(to_db),
        })
        .execute(c)?;
    Ok(())
}
