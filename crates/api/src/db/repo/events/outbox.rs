//! The outbox: every event, in commit order.
//!
//! On PostgreSQL two transactions may commit in the other order than they
//! took their sequence numbers, so a reader that simply takes `seq > last`
//! could pass over one still in flight and never see it. Each row therefore
//! keeps its transaction id, readers take rows in (txid, seq) order, and
//! only below the oldest transaction still running: nothing can appear
//! behind a position once it has been read. SQLite has one writer, so its
//! `seq` is commit order already (txid is 0 there).

use crate::db::rows::{to_db, NewOutboxRow, OutboxRow};
use crate::db::schema::outbox_events as o;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use onestop_domain::EventId;
use std::cell::Cell;

/// The channel other servers LISTEN on; a NOTIFY is sent at commit.
pub const CHANNEL: &str = "onestop_events";

thread_local! {
    /// Set when this thread wrote an event in its current transaction, so
    /// the write path can wake this server's readers once it commits.
    static RAISED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the transaction that just ended on this thread wrote an event
/// (and forget it, for the next one).
pub fn take_raised() -> bool {
    RAISED.with(|r| r.replace(false))
}

/// A place in the outbox: everything at or before it has been read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub txid: i64,
    pub seq: i64,
}

impl Position {
    pub fn of(row: &OutboxRow) -> Self {
        Position {
            txid: row.txid,
            seq: row.seq,
        }
    }
}

pub fn insert(c: &mut DbConn, row: &NewOutboxRow) -> QueryResult<()> {
    diesel::insert_into(o::table).values(row).execute(c)?;
    if let DbConn::Pg(pg) = c {
        // Delivered when the transaction commits, once however many events it wrote.
        diesel::sql_query(format!("SELECT pg_notify('{CHANNEL}', '')")).execute(pg)?;
    }
    RAISED.with(|r| r.set(true));
    Ok(())
}

/// Rows written by transactions older than every one still running.
const SETTLED: &str = "txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

/// Up to `limit` events after `after`, in commit order, that no running
/// transaction can still add to.
pub fn after(
    c: &mut DbConn,
    after: Position,
    requests_only: bool,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let mut q = o::table
        .filter(
            o::txid
                .gt(after.txid)
                .or(o::txid.eq(after.txid).and(o::seq.gt(after.seq))),
        )
        .into_boxed();
    if matches!(c, DbConn::Pg(_)) {
        q = q.filter(diesel::dsl::sql::<Bool>(SETTLED));
    }
    if requests_only {
        q = q.filter(o::request_id.is_not_null());
    }
    q.order((o::txid, o::seq))
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(c)
}

/// The newest position no running transaction can still write behind: a
/// reader starting now begins here.
pub fn end(c: &mut DbConn) -> QueryResult<Position> {
    let mut q = o::table.into_boxed();
    if matches!(c, DbConn::Pg(_)) {
        q = q.filter(diesel::dsl::sql::<Bool>(SETTLED));
    }
    let last: Option<(i64, i64)> = q
        .order((o::txid.desc(), o::seq.desc()))
        .select((o::txid, o::seq))
        .first(c)
        .optional()?;
    Ok(last.map_or_else(Position::default, |(txid, seq)| Position { txid, seq }))
}

/// How many events one purge deletes at most.
pub const PURGE_BATCH: usize = 5_000;

/// Events written before `cutoff` whose deliveries are all finished are
/// deleted (with those deliveries and their attempts), a batch at a time;
/// returns how many events went.
pub fn purge_before(c: &mut DbConn, cutoff: DateTime<Utc>) -> QueryResult<usize> {
    use crate::db::schema::{webhook_attempts as wa, webhook_deliveries as wd};
    let ids: Vec<EventId> = o::table
        .filter(o::at.lt(to_db(cutoff)))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            wd::table
                .filter(wd::event_id.eq(o::id))
                .filter(wd::next_attempt_at.is_not_null()),
        )))
        .order(o::seq)
        .select(o::id)
        .limit(PURGE_BATCH as i64)
        .load(c)?;
    if ids.is_empty() {
        return Ok(0);
    }
    let newest: Option<(i64, i64)> = o::table
        .filter(o::id.eq_any(&ids))
        .order((o::txid.desc(), o::seq.desc()))
        .select((o::txid, o::seq))
        .first(c)
        .optional()?;
    if let Some((txid, seq)) = newest {
        record_purge(c, Position { txid, seq })?;
    }
    let deliveries = wd::table.filter(wd::event_id.eq_any(&ids)).select(wd::id);
    diesel::delete(wa::table.filter(wa::delivery_id.eq_any(deliveries))).execute(c)?;
    diesel::delete(wd::table.filter(wd::event_id.eq_any(&ids))).execute(c)?;
    diesel::delete(o::table.filter(o::id.eq_any(&ids))).execute(c)
}

const PURGED_TO: &str = "outbox_purged_to";

/// Remember the newest position purged: a reader behind it has missed events.
fn record_purge(c: &mut DbConn, p: Position) -> QueryResult<()> {
    use crate::db::schema::deployment as d;
    let value = format!("{}.{}", p.txid, p.seq);
    let n = diesel::update(d::table.filter(d::name.eq(PURGED_TO)))
        .set(d::value.eq(&value))
        .execute(c)?;
    if n == 0 {
        diesel::insert_into(d::table)
            .values((d::name.eq(PURGED_TO), d::value.eq(&value)))
            .execute(c)?;
    }
    Ok(())
}

/// The newest position purged so far, if any.
pub fn purged_to(c: &mut DbConn) -> QueryResult<Option<Position>> {
    use crate::db::schema::deployment as d;
    let v: Option<String> = d::table
        .filter(d::name.eq(PURGED_TO))
        .select(d::value)
        .first(c)
        .optional()?;
    Ok(v.and_then(|v| Position::parse(&v)))
}

impl Position {
    /// `txid.seq`, as [`Position::text`] writes it.
    pub fn parse(text: &str) -> Option<Self> {
        let (t, s) = text.split_once('.')?;
        Some(Position {
            txid: t.parse().ok()?,
            seq: s.parse().ok()?,
        })
    }

    pub fn text(&self) -> String {
        format!("{}.{}", self.txid, self.seq)
    }
}
