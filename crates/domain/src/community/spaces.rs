//! Community spaces (任务3、8: 驻楼辅导员办公室, 社区多功能室, 党员之家,
//! 党建活动室, 红色影院, 红色书屋) and their bookings.
//!
//! A space belongs to a community or a building, opens the same hours every
//! day (campus time) and says who may book it. A booking holds its slot from
//! the moment it is made (waiting for the community office's approval where
//! the space asks for it) until it is refused or cancelled; two bookings that
//! hold a slot never overlap. Slots are in quarter hours, within one day's
//! opening hours, up to eight hours long and at most 60 days ahead.

use crate::role::{Role, Roles};
use crate::validation::{FieldError, ValidationErrors};
use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
/// What a space is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    /// 驻楼辅导员办公室
    CounsellorOffice = "counsellor_office",
    /// 社区多功能室
    MultiPurpose = "multi_purpose",
    /// 党员之家
    PartyMembersHome = "party_members_home",
    /// 党建活动室
    PartyActivityRoom = "party_activity_room",
    /// 红色影院
    RedCinema = "red_cinema",
    /// 红色书屋
    RedLibrary = "red_library",
    Other = "other",
}
}

crate::string_enum! {
/// Who may book a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Booker {
    /// Units and teachers: every staff account.
    Staff = "staff",
    /// Students, for their organisations and activities.
    Students = "students",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingState {
    /// Waiting for the community office; the slot is held meanwhile.
    Pending = "pending",
    Approved = "approved",
    Rejected = "rejected",
    Cancelled = "cancelled",
}
}

impl BookingState {
    /// Whether a booking in this state holds its slot.
    pub fn holds(self) -> bool {
        matches!(self, BookingState::Pending | BookingState::Approved)
    }

    /// The states that hold a slot, as stored.
    pub const HOLDING: [&'static str; 2] = ["pending", "approved"];
}

pub const SLOT_MINUTES: u32 = 15;
pub const MAX_BOOKING_HOURS: i64 = 8;
pub const MAX_DAYS_AHEAD: i64 = 60;
pub const MAX_CAPACITY: i32 = 2000;
pub const MAX_PURPOSE_CHARS: usize = 200;

/// The opening hours, every day, in campus time; `closes` after `opens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

fn campus(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    (t + Duration::hours(8)).naive_utc()
}

fn on_the_quarter(t: NaiveTime) -> bool {
    t.minute().is_multiple_of(SLOT_MINUTES) && t.second() == 0 && t.nanosecond() == 0
}

/// Opening hours that make sense: on quarter hours, closing after opening.
pub fn check_hours(h: Hours) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::default();
    if !on_the_quarter(h.opens) {
        errs.push(FieldError::new(
            "opens",
            "granularity",
            "on a quarter hour, e.g. 08:00 or 08:15",
        ));
    }
    if !on_the_quarter(h.closes) {
        errs.push(FieldError::new(
            "closes",
            "granularity",
            "on a quarter hour, e.g. 22:00",
        ));
    }
    if h.closes <= h.opens {
        errs.push(FieldError::new(
            "closes",
            "before_start",
            "closing comes after opening, the same day",
        ));
    }
    errs.finish(|| Some(()))
}

/// A slot that can be booked now: later than now and at most 60 days ahead,
/// in quarter hours, at most eight hours, inside one day's opening hours.
pub fn check_slot(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    hours: Hours,
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::default();
    let (s, e) = (campus(starts), campus(ends));
    if !on_the_quarter(s.time()) {
        errs.push(FieldError::new(
            "starts_at",
            "granularity",
            "slots start on a quarter hour",
        ));
    }
    if !on_the_quarter(e.time()) {
        errs.push(FieldError::new(
            "ends_at",
            "granularity",
            "slots end on a quarter hour",
        ));
    }
    if starts < now {
        errs.push(FieldError::new("starts_at", "past", "this time has passed"));
    } else if starts > now + Duration::days(MAX_DAYS_AHEAD) {
        errs.push(FieldError::new(
            "starts_at",
            "too_far",
            format!("book at most {MAX_DAYS_AHEAD} days ahead"),
        ));
    }
    if ends <= starts {
        errs.push(FieldError::new(
            "ends_at",
            "before_start",
            "the end comes after the start",
        ));
    } else if ends - starts > Duration::hours(MAX_BOOKING_HOURS) {
        errs.push(FieldError::new(
            "ends_at",
            "too_long",
            format!("at most {MAX_BOOKING_HOURS} hours at a time"),
        ));
    } else if s.date() != e.date() || s.time() < hours.opens || e.time() > hours.closes {
        errs.push(FieldError::new(
            "ends_at",
            "outside_hours",
            format!(
                "the space is open {} to {}",
                hours.opens.format("%H:%M"),
                hours.closes.format("%H:%M")
            ),
        ));
    }
    errs.finish(|| Some(()))
}

/// Two slots `[start, end)` share a moment; one ending as the other starts does not.
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether someone with these roles may book a space open to `open_to`.
pub fn may_book(roles: &Roles, open_to: &[Booker]) -> bool {
    (roles.is_staff() && open_to.contains(&Booker::Staff))
        || (roles.contains(Role::Student) && open_to.contains(&Booker::Students))
}

/// Who keeps a space (edits it, decides and cancels its bookings):
/// administrators, and the community office whose grid scope covers it.
pub fn keeps(
    roles: &Roles,
    scope: &crate::grid::Scope,
    community: crate::ids::NodeId,
    building: Option<crate::ids::NodeId>,
) -> bool {
    roles.contains(Role::Admin)
        || (roles.contains(Role::Office)
            && (scope.all
                || scope.communities.contains(&community)
                || building.is_some_and(|b| scope.buildings.contains(&b))))
}

/// A new booking's state: approved at once unless the space asks for approval.
pub fn first_state(needs_approval: bool) -> BookingState {
    if needs_approval {
        BookingState::Pending
    } else {
        BookingState::Approved
    }
}

/// Why a booking cannot move as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Only a pending booking is approved or refused.
    NotPending,
    /// Refused, cancelled or over: nothing to cancel.
    NotCancellable,
}

pub fn decide(state: BookingState, approve: bool) -> Result<BookingState, Refusal> {
    match (state, approve) {
        (BookingState::Pending, true) => Ok(BookingState::Approved),
        (BookingState::Pending, false) => Ok(BookingState::Rejected),
        _ => Err(Refusal::NotPending),
    }
}

/// A booking is cancelled while it holds its slot and has not ended.
pub fn cancel(
    state: BookingState,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<BookingState, Refusal> {
    if state.holds() && now < ends {
        Ok(BookingState::Cancelled)
    } else {
        Err(Refusal::NotCancellable)
    }
}

pub mod wire;

#[cfg(test)]
mod tests;
