use crate::db::rows::{to_db, PointRow};
use crate::db::schema::party_points as p;
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use onestop_domain::party::EntryState;
use onestop_domain::{ActivityId, BranchId, PointEntryId, UserId};

pub fn insert(c: &mut DbConn, row: &PointRow) -> QueryResult<()> {
    diesel::insert_into(p::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: PointEntryId) -> QueryResult<Option<PointRow>> {
    p::table
        .find(id)
        .select(PointRow::as_select())
        .first(c)
        .optional()
}

/// Hold an entry: its decision and its corrections go one after another.
pub fn lock(c: &mut DbConn, id: PointEntryId) -> QueryResult<()> {
    crate::lock_rows!(c, p::table.filter(p::id.eq(id)), p::id)
}

/// Which entries a list holds.
#[derive(Debug, Clone, Default)]
pub struct PointFilter {
    pub user: Option<UserId>,
    /// Only these branches' entries (the caller's oversight); `None`: no limit.
    pub branches: Option<Vec<BranchId>>,
    pub state: Option<EntryState>,
    /// `[from, to)` on the day it records.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Older than this id (the page before).
    pub before: Option<String>,
}

/// Newest first; one more than `limit` tells that a page follows.
pub fn list(c: &mut DbConn, f: &PointFilter, limit: Option<u32>) -> QueryResult<Vec<PointRow>> {
    let mut q = p::table.select(PointRow::as_select()).into_boxed();
    if let Some(u) = f.user {
        q = q.filter(p::user_id.eq(u));
    }
    if let Some(b) = &f.branches {
        q = q.filter(p::branch_id.eq_any(b.clone()));
    }
    if let Some(s) = f.state {
        q = q.filter(p::state.eq(s));
    }
    if let Some(d) = f.from {
        q = q.filter(p::occurred_on.ge(d));
    }
    if let Some(d) = f.to {
        q = q.filter(p::occurred_on.lt(d));
    }
    if let Some(b) = &f.before {
        q = q.filter(p::id.lt(b.clone()));
    }
    q = q.order(p::id.desc());
    if let Some(n) = limit {
        q = q.limit(i64::from(n) + 1);
    }
    q.load(c)
}

/// The entry and its corrections.
pub fn with_corrections(c: &mut DbConn, id: PointEntryId) -> QueryResult<Vec<PointRow>> {
    p::table
        .filter(p::id.eq(id).or(p::corrects_id.eq(id)))
        .select(PointRow::as_select())
        .load(c)
}

/// What attendance at an activity credited someone so far: its first entry
/// and every line after it.
pub fn of_activity(
    c: &mut DbConn,
    activity: ActivityId,
    user: UserId,
) -> QueryResult<Vec<PointRow>> {
    p::table
        .filter(p::activity_id.eq(activity))
        .filter(p::user_id.eq(user))
        .select(PointRow::as_select())
        .order(p::id)
        .load(c)
}

/// The one decision of a pending entry; 0 when it was decided already.
pub fn decide(
    c: &mut DbConn,
    id: PointEntryId,
    state: EntryState,
    by: UserId,
    note: &str,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(
        p::table
            .filter(p::id.eq(id))
            .filter(p::state.eq(EntryState::Pending)),
    )
    .set((
        p::state.eq(state),
        p::approver_id.eq(Some(by)),
        p::decision_note.eq(note),
        p::decided_at.eq(Some(to_db(now))),
    ))
    .execute(c)
}
