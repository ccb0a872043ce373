use crate::db::rows::{to_db, ActivityRow};
use crate::db::schema::{activities as a, activity_signups as s};
use crate::db::{DbConn, MultiBackend};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use onestop_domain::growth::{ActivityState, SignupState};
use onestop_domain::{ActivityId, UnitId, UserId};

/// Which activities a person sees: all of them (staff), or those open to
/// everyone — approved, or cancelled after being approved — and those
/// they signed up for (students).
#[derive(Debug, Clone)]
pub enum Seen {
    All,
    Student(UserId),
}

type Cond = Box<dyn BoxableExpression<a::table, MultiBackend, SqlType = Bool>>;

/// What a student sees, in the query; nothing to add for staff.
fn visible(seen: &Seen) -> Option<Cond> {
    let Seen::Student(me) = seen else {
        return None;
    };
    let mine = s::table
        .filter(s::student_id.eq(*me))
        .select(s::activity_id);
    Some(Box::new(
        a::state
            .eq_any([ActivityState::Approved, ActivityState::Cancelled])
            .or(a::id.eq_any(mine)),
    ))
}

#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    pub state: Option<ActivityState>,
    /// Not ended by then.
    pub upcoming_at: Option<DateTime<Utc>>,
    pub unit: Option<UnitId>,
    pub signed_up_by: Option<UserId>,
    /// Older than this id (the page before).
    pub before: Option<String>,
}

pub fn insert(c: &mut DbConn, row: &ActivityRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: ActivityId) -> QueryResult<Option<ActivityRow>> {
    a::table
        .find(id)
        .select(ActivityRow::as_select())
        .first(c)
        .optional()
}

pub fn find_seen(c: &mut DbConn, id: ActivityId, seen: &Seen) -> QueryResult<Option<ActivityRow>> {
    let mut q = a::table
        .filter(a::id.eq(id))
        .select(ActivityRow::as_select())
        .into_boxed();
    if let Some(cond) = visible(seen) {
        q = q.filter(cond);
    }
    q.first(c).optional()
}

/// Hold the activity's row: signing up, withdrawing and checking in on one
/// activity go one after another.
pub fn lock(c: &mut DbConn, id: ActivityId) -> QueryResult<()> {
    crate::lock_rows!(c, a::table.filter(a::id.eq(id)), a::id)
}

/// A page, newest proposed first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    seen: &Seen,
    f: &ActivityFilter,
    limit: u32,
) -> QueryResult<(Vec<ActivityRow>, bool)> {
    let mut q = a::table
        .order(a::id.desc())
        .limit(i64::from(limit) + 1)
        .select(ActivityRow::as_select())
        .into_boxed();
    if let Some(cond) = visible(seen) {
        q = q.filter(cond);
    }
    if let Some(st) = f.state {
        q = q.filter(a::state.eq(st));
    }
    if let Some(t) = f.upcoming_at {
        q = q.filter(a::ends_at.ge(to_db(t)));
    }
    if let Some(u) = f.unit {
        q = q.filter(a::unit_id.eq(u));
    }
    if let Some(who) = f.signed_up_by {
        let theirs = s::table
            .filter(s::student_id.eq(who))
            .filter(s::state.ne(SignupState::Withdrawn))
            .select(s::activity_id);
        q = q.filter(a::id.eq_any(theirs));
    }
    if let Some(b) = &f.before {
        q = q.filter(a::id.lt(b.clone()));
    }
    let mut rows = q.load(c)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Record a review at the version read; 0 rows: changed meanwhile.
pub fn review(c: &mut DbConn, row: &ActivityRow, version: i32) -> QueryResult<usize> {
    diesel::update(
        a::table
            .filter(a::id.eq(row.id))
            .filter(a::version.eq(version)),
    )
    .set((
        a::state.eq(row.state),
        a::reviewed_by.eq(row.reviewed_by),
        a::reviewed_at.eq(row.reviewed_at),
        a::review_met.eq(&row.review_met),
        a::review_note.eq(&row.review_note),
        a::version.eq(version + 1),
        a::updated_at.eq(row.updated_at),
    ))
    .execute(c)
}

/// Cancel at the version read; 0 rows: changed meanwhile.
pub fn cancel(
    c: &mut DbConn,
    id: ActivityId,
    version: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(a::table.filter(a::id.eq(id)).filter(a::version.eq(version)))
        .set((
            a::state.eq(ActivityState::Cancelled),
            a::cancel_reason.eq(Some(reason)),
            a::version.eq(version + 1),
            a::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}
