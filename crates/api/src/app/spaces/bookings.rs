//! Booking a slot, the office's decision and cancelling. Two bookings that
//! hold a slot never overlap: the read below names the one in the way, and
//! the database refuses the rest (an exclusion constraint on PostgreSQL,
//! triggers on SQLite), so two callers at once cannot both win.

use super::{booking_views, effects, keeper};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::spaces::bookings::{self, BookingFilter};
use crate::db::repo::spaces::venues;
use crate::db::rows::{from_db, from_json, to_db, BookingRow, SpaceRow};
use crate::db::DbConn;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use onestop_domain::community::spaces::wire::{
    clock, BookingView, CancelBookingRequest, CreateBookingRequest, DecideBookingRequest,
};
use onestop_domain::community::spaces::{
    cancel as cancelled, check_slot, decide as decided, first_state, may_book, Booker,
    BookingState, Hours,
};
use onestop_domain::grid::local_midnight_utc;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{BookingId, NodeId, Role, SpaceId};

/// The most bookings one calendar read answers.
pub const LIST_LIMIT: i64 = 500;

/// Which bookings a calendar shows: from a campus date, for some days.
#[derive(Debug, Clone)]
pub struct Window {
    pub space: Option<SpaceId>,
    pub community: Option<NodeId>,
    pub state: Option<BookingState>,
    /// Only the caller's own bookings.
    pub mine: bool,
    /// Only bookings of the spaces the caller keeps (what waits for them).
    pub kept: bool,
    pub from: NaiveDate,
    pub days: i64,
}

fn campus_clock(t: DateTime<Utc>) -> String {
    (t + Duration::hours(8)).format("%m-%d %H:%M").to_string()
}

pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    w: &Window,
    now: DateTime<Utc>,
) -> AppResult<Vec<BookingView>> {
    if w.kept && !(caller.roles.contains(Role::Admin) || caller.roles.contains(Role::Office)) {
        return Err(AppError::Forbidden {
            detail: "only administrators and the community office keep spaces".into(),
        });
    }
    let from = local_midnight_utc(w.from);
    let filter = BookingFilter {
        space: w.space,
        community: w.community,
        booked_by: w.mine.then_some(caller.id),
        state: w.state,
        kept_in: w.kept.then(|| caller.scope.clone()),
        from,
        to: from + Duration::days(w.days),
    };
    let rows = bookings::list(c, &filter, LIST_LIMIT)?;
    booking_views(c, caller, &rows, now)
}

fn hours(space: &SpaceRow) -> AppResult<Hours> {
    match (clock(&space.opens), clock(&space.closes)) {
        (Some(opens), Some(closes)) => Ok(Hours { opens, closes }),
        _ => Err(AppError::internal(format!(
            "space {} has stored hours {}–{}",
            space.id, space.opens, space.closes
        ))),
    }
}

fn taken(by: &BookingRow) -> AppError {
    AppError::Conflict {
        code: ProblemCode::BookingOverlaps,
        detail: format!(
            "this space is already booked {} to {} (campus time); choose another time",
            campus_clock(from_db(by.starts_at)),
            campus_clock(from_db(by.ends_at))
        ),
    }
}

pub fn create(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreateBookingRequest,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    req.check()?;
    let space = venues::find(c, req.space_id)?
        .ok_or_else(|| AppError::field("space_id", "unknown", "no such space"))?;
    if !space.active {
        return Err(AppError::field(
            "space_id",
            "not_open",
            "this space is closed and takes no bookings",
        ));
    }
    let open_to: Vec<Booker> = from_json(&space.open_to)?;
    if !may_book(&caller.roles, &open_to) {
        return Err(AppError::Forbidden {
            detail: "this space is not open to bookings by people in your role".into(),
        });
    }
    let (starts, ends) = (req.starts_at.get(), req.ends_at.get());
    check_slot(starts, ends, hours(&space)?, now)?;
    if req.attendees > space.capacity {
        return Err(AppError::field(
            "attendees",
            "over_capacity",
            format!("this space holds {} people", space.capacity),
        ));
    }
    if let Some(other) = bookings::holding(c, space.id, starts, ends)? {
        return Err(taken(&other));
    }
    let row = BookingRow {
        id: BookingId::new(),
        space_id: space.id,
        booked_by: caller.id,
        starts_at: to_db(starts),
        ends_at: to_db(ends),
        purpose: req.purpose.trim().to_string(),
        attendees: req.attendees,
        state: first_state(space.needs_approval),
        note: None,
        decided_by: None,
        decided_at: None,
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    if let Err(e) = bookings::insert(c, &row) {
        return Err(if bookings::is_overlap(&e) {
            AppError::Conflict {
                code: ProblemCode::BookingOverlaps,
                detail: "someone booked this time a moment ago; choose another time".into(),
            }
        } else {
            e.into()
        });
    }
    let view = booking_views(c, caller, std::slice::from_ref(&row), now)?.remove(0);
    effects::created(c, &view, &space, now)?;
    Ok(view)
}

fn stale(row: &BookingRow) -> AppError {
    AppError::Conflict {
        code: ProblemCode::StaleVersion,
        detail: format!(
            "someone changed this booking since you read it (now version {}); reload and try again",
            row.version
        ),
    }
}

fn found(c: &mut DbConn, id: BookingId) -> AppResult<(BookingRow, SpaceRow)> {
    let row = bookings::find(c, id)?.ok_or_else(|| AppError::not_found("this booking"))?;
    let space = venues::find(c, row.space_id)?
        .ok_or_else(|| AppError::internal(format!("booking {id} without its space")))?;
    Ok((row, space))
}

fn note(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

fn moved(
    c: &mut DbConn,
    caller: &Caller,
    row: &BookingRow,
    state: BookingState,
    text: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    if bookings::set_state(c, row.id, row.version, state, note(text), caller.id, now)? == 0 {
        return Err(stale(row));
    }
    let row = bookings::find(c, row.id)?.ok_or_else(|| AppError::not_found("this booking"))?;
    Ok(booking_views(c, caller, std::slice::from_ref(&row), now)?.remove(0))
}

/// The community office approves or refuses a booking that waits for it.
pub fn decide(
    c: &mut DbConn,
    caller: &Caller,
    id: BookingId,
    req: &DecideBookingRequest,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    req.check()?;
    let (row, space) = found(c, id)?;
    if !keeper(caller, space.community_id, space.building_id) {
        return Err(AppError::Forbidden {
            detail: "bookings are decided by the community office that keeps the space".into(),
        });
    }
    let next = decided(row.state, req.approve).map_err(|_| AppError::Conflict {
        code: ProblemCode::NotPending,
        detail: format!(
            "this booking is {} and no longer waits for a decision",
            row.state.as_str()
        ),
    })?;
    if req.version != row.version {
        return Err(stale(&row));
    }
    let view = moved(c, caller, &row, next, &req.note, now)?;
    effects::decided(c, &view, caller.id, now)?;
    Ok(view)
}

/// The booker, or the office that keeps the space, cancels a booking that
/// holds its slot and has not ended; the slot is free again at once.
pub fn cancel(
    c: &mut DbConn,
    caller: &Caller,
    id: BookingId,
    req: &CancelBookingRequest,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    req.check()?;
    let (row, space) = found(c, id)?;
    if row.booked_by != caller.id && !keeper(caller, space.community_id, space.building_id) {
        return Err(AppError::Forbidden {
            detail: "a booking is cancelled by whoever made it or the office that keeps the space"
                .into(),
        });
    }
    let next = cancelled(row.state, from_db(row.ends_at), now).map_err(|_| AppError::Conflict {
        code: ProblemCode::NotCancellable,
        detail: "this booking was refused, cancelled or is over: there is nothing to cancel".into(),
    })?;
    if req.version != row.version {
        return Err(stale(&row));
    }
    let view = moved(c, caller, &row, next, &req.note, now)?;
    effects::cancelled(c, &view, caller.id, now)?;
    Ok(view)
}

/// Free the slot of a booking made for something that no longer happens (a
/// cancelled session): the area that made it decides; `by` is who cancelled
/// that thing. Nothing to do when the booking no longer holds its slot.
pub fn release(
    c: &mut DbConn,
    by: &Caller,
    id: BookingId,
    note: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (row, _) = found(c, id)?;
    let Ok(next) = cancelled(row.state, from_db(row.ends_at), now) else {
        return Ok(());
    };
    let view = moved(c, by, &row, next, note, now)?;
    if view.booked_by.id != by.id {
        effects::cancelled(c, &view, by.id, now)?;
    } else {
        // Still on the feed of other systems; the booker is the one who cancelled.
        crate::app::events::publish(
            c,
            onestop_domain::integration::events::EventType::BookingCancelled,
            &effects::change(&view),
            now,
        )?;
    }
    Ok(())
}
