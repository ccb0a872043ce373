use crate::db::rows::{to_db, TalkHostRow, TalkRow};
use crate::db::schema::{talk_applications as a, talk_hosts as h, talks as t};
use crate::db::{DbConn, MultiBackend};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use onestop_domain::community::talks::TalkState;
use onestop_domain::{NodeId, TalkId, UnitId, UserId};

/// Which sessions a person sees: staff all of them; a student those open to
/// all, to their college or their building, and those they applied for.
#[derive(Debug, Clone)]
pub enum Seen {
    All,
    Student {
        me: UserId,
        unit: Option<UnitId>,
        building: Option<NodeId>,
    },
}

type Cond = Box<dyn BoxableExpression<t::table, MultiBackend, SqlType = Bool>>;

fn seen(s: &Seen) -> Option<Cond> {
    let Seen::Student { me, unit, building } = s else {
        return None;
    };
    let mine = a::table.filter(a::student_id.eq(*me)).select(a::talk_id);
    let mut c: Cond = Box::new(
        t::audience_unit_id
            .is_null()
            .and(t::audience_building_id.is_null())
            .or(t::id.eq_any(mine)),
    );
    if let Some(u) = unit {
        c = Box::new(c.or(t::audience_unit_id.eq(*u).assume_not_null()));
    }
    if let Some(b) = building {
        c = Box::new(c.or(t::audience_building_id.eq(*b).assume_not_null()));
    }
    Some(c)
}

#[derive(Debug, Clone, Default)]
pub struct TalkFilter {
    pub state: Option<TalkState>,
    /// Those this person hosts.
    pub hosted_by: Option<UserId>,
    /// Those this student applied for.
    pub applied_by: Option<UserId>,
    /// Those ending after this instant.
    pub ending_after: Option<DateTime<Utc>>,
    pub before: Option<String>,
}

pub fn insert(c: &mut DbConn, row: &TalkRow, hosts: &[TalkHostRow]) -> QueryResult<()> {
    diesel::insert_into(t::table).values(row).execute(c)?;
    crate::insert_all!(c, h::table, hosts)?;
    Ok(())
}

pub fn find_seen(c: &mut DbConn, id: TalkId, s: &Seen) -> QueryResult<Option<TalkRow>> {
    let mut q = t::table
        .filter(t::id.eq(id))
        .select(TalkRow::as_select())
        .into_boxed();
    if let Some(cond) = seen(s) {
        q = q.filter(cond);
    }
    q.first(c).optional()
}

/// Lock the session's row until the transaction ends (PostgreSQL; SQLite has
/// one writer): applying, withdrawing and drawing one session go one at a time.
pub fn lock(c: &mut DbConn, id: TalkId) -> QueryResult<()> {
    crate::lock_rows!(c, t::table.filter(t::id.eq(id)), t::id)
}

/// A page, newest first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    s: &Seen,
    f: &TalkFilter,
    limit: u32,
) -> QueryResult<(Vec<TalkRow>, bool)> {
    let mut q = t::table
        .order(t::id.desc())
        .limit(i64::from(limit) + 1)
        .select(TalkRow::as_select())
        .into_boxed();
    if let Some(cond) = seen(s) {
        q = q.filter(cond);
    }
    if let Some(st) = f.state {
        q = q.filter(t::state.eq(st));
    }
    if let Some(p) = f.hosted_by {
        q = q.filter(t::id.eq_any(h::table.filter(h::user_id.eq(p)).select(h::talk_id)));
    }
    if let Some(p) = f.applied_by {
        q = q.filter(t::id.eq_any(a::table.filter(a::student_id.eq(p)).select(a::talk_id)));
    }
    if let Some(after) = f.ending_after {
        q = q.filter(t::ends_at.gt(to_db(after)));
    }
    if let Some(b) = &f.before {
        q = q.filter(t::id.lt(b.clone()));
    }
    let mut rows = q.load(c)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

pub fn hosts(c: &mut DbConn, ids: &[TalkId]) -> QueryResult<Vec<TalkHostRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    h::table
        .filter(h::talk_id.eq_any(ids))
        .order((h::talk_id, h::position))
        .select(TalkHostRow::as_select())
        .load(c)
}

/// Open sessions whose applications have closed: the draw is due.
pub fn due(c: &mut DbConn, now: DateTime<Utc>, limit: i64) -> QueryResult<Vec<TalkId>> {
    t::table
        .filter(t::state.eq(TalkState::Open))
        .filter(t::apply_by.le(to_db(now)))
        .order(t::apply_by)
        .limit(limit)
        .select(t::id)
        .load(c)
}

/// Mark an open session drawn; 0 rows: someone drew or cancelled it first.
pub fn mark_drawn(c: &mut DbConn, id: TalkId, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(t::table.filter(t::id.eq(id).and(t::state.eq(TalkState::Open))))
        .set((
            t::state.eq(TalkState::Drawn),
            t::drawn_at.eq(Some(to_db(now))),
            t::version.eq(t::version + 1),
            t::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// Cancel at the version read; 0 rows: stale.
pub fn cancel(
    c: &mut DbConn,
    id: TalkId,
    version: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(t::table.filter(t::id.eq(id).and(t::version.eq(version))))
        .set((
            t::state.eq(TalkState::Cancelled),
            t::cancel_reason.eq(Some(reason)),
            t::version.eq(t::version + 1),
            t::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// The state of each session's booking of its space.
pub fn booking_states(
    c: &mut DbConn,
    ids: &[onestop_domain::BookingId],
) -> QueryResult<
    Vec<(
        onestop_domain::BookingId,
        onestop_domain::community::spaces::BookingState,
    )>,
> {
    use crate::db::schema::bookings as b;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    b::table
        .filter(b::id.eq_any(ids))
        .select((b::id, b::state))
        .load(c)
}
