use crate::db::rows::{to_db, BookingRow};
use crate::db::schema::{bookings as b, spaces as s};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::Error;
use onestop_domain::community::spaces::BookingState;
use onestop_domain::grid::Scope;
use onestop_domain::{BookingId, NodeId, SpaceId, UserId};

/// The name both databases give the refusal of an overlapping booking: the
/// exclusion constraint on PostgreSQL, the triggers' message on SQLite.
const NO_OVERLAP: &str = "bookings_no_overlap";

/// Whether the database refused a booking because its slot is taken.
pub fn is_overlap(e: &Error) -> bool {
    match e {
        Error::DatabaseError(_, info) => {
            info.constraint_name() == Some(NO_OVERLAP) || info.message().contains(NO_OVERLAP)
        }
        _ => false,
    }
}

pub fn insert(c: &mut DbConn, row: &BookingRow) -> QueryResult<()> {
    diesel::insert_into(b::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: BookingId) -> QueryResult<Option<BookingRow>> {
    b::table
        .find(id)
        .select(BookingRow::as_select())
        .first(c)
        .optional()
}

/// A booking of the space holding some moment of `[starts, ends)`.
pub fn holding(
    c: &mut DbConn,
    space: SpaceId,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
) -> QueryResult<Option<BookingRow>> {
    b::table
        .filter(b::space_id.eq(space))
        .filter(b::state.eq_any([BookingState::Pending, BookingState::Approved]))
        .filter(
            b::starts_at
                .lt(to_db(ends))
                .and(b::ends_at.gt(to_db(starts))),
        )
        .select(BookingRow::as_select())
        .first(c)
        .optional()
}

#[derive(Debug, Clone)]
pub struct BookingFilter {
    pub space: Option<SpaceId>,
    pub community: Option<NodeId>,
    pub booked_by: Option<UserId>,
    pub state: Option<BookingState>,
    /// Only bookings of spaces kept in this scope (what a manager decides).
    pub kept_in: Option<Scope>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// Bookings meeting the window `[from, to)`, in time order.
pub fn list(c: &mut DbConn, f: &BookingFilter, limit: i64) -> QueryResult<Vec<BookingRow>> {
    let mut q = b::table
        .filter(
            b::starts_at
                .lt(to_db(f.to))
                .and(b::ends_at.gt(to_db(f.from))),
        )
        .order((b::starts_at, b::id))
        .limit(limit)
        .select(BookingRow::as_select())
        .into_boxed();
    if let Some(id) = f.space {
        q = q.filter(b::space_id.eq(id));
    }
    if let Some(id) = f.community {
        let there = s::table.filter(s::community_id.eq(id)).select(s::id);
        q = q.filter(b::space_id.eq_any(there));
    }
    if let Some(id) = f.booked_by {
        q = q.filter(b::booked_by.eq(id));
    }
    if let Some(st) = f.state {
        q = q.filter(b::state.eq(st));
    }
    if let Some(scope) = f.kept_in.as_ref().filter(|sc| !sc.all) {
        let kept = s::table
            .filter(
                s::community_id
                    .eq_any(scope.communities.clone())
                    .or(s::building_id.eq_any(scope.buildings.clone())),
            )
            .select(s::id);
        q = q.filter(b::space_id.eq_any(kept));
    }
    q.load(c)
}

/// Move a booking to `state` at the version read, noting who moved it (the
/// office's decision, or a cancellation) and why; 0 rows: someone else changed it.
pub fn set_state(
    c: &mut DbConn,
    id: BookingId,
    version: i32,
    state: BookingState,
    note: Option<&str>,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(b::table.filter(b::id.eq(id).and(b::version.eq(version))))
        .set((
            b::state.eq(state),
            b::note.eq(note),
            b::decided_by.eq(by),
            b::decided_at.eq(to_db(now)),
            b::version.eq(b::version + 1),
            b::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}
