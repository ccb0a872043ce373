//! What the space and booking endpoints take and answer.

use super::{Booker, BookingState, SpaceKind, MAX_CAPACITY, MAX_PURPOSE_CHARS};
use crate::community::wire::{text, PlaceRef};
use crate::dates::Moment;
use crate::grid::wire::PersonRef;
use crate::ids::{BookingId, NodeId, SpaceId};
use crate::{FieldError, ValidationErrors};
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_NAME_CHARS: usize = 60;
pub const MAX_EQUIPMENT_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 200;
/// A time of day on a quarter hour, campus time.
pub const CLOCK_PATTERN: &str = "^([01][0-9]|2[0-3]):(00|15|30|45)$";

/// A bookable space of the community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpaceView {
    pub id: SpaceId,
    pub name: String,
    pub kind: SpaceKind,
    /// The community or building it is in.
    pub place: PlaceRef,
    pub community: PlaceRef,
    pub capacity: i32,
    pub equipment: String,
    /// Opening hours every day, campus time (`HH:MM`).
    pub opens: String,
    pub closes: String,
    pub open_to: Vec<Booker>,
    /// Bookings wait for the community office's approval.
    pub needs_approval: bool,
    /// Closed spaces take no new bookings.
    pub active: bool,
    pub version: i32,
    /// Whether the caller may book it.
    pub may_book: bool,
    /// Whether the caller keeps it (edits it, decides its bookings).
    pub manages: bool,
}

/// A new space in a community or a building.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSpaceRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub name: String,
    pub kind: SpaceKind,
    /// A community or a building of the grid.
    pub place_id: NodeId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 2000))]
    pub capacity: i32,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub equipment: String,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([01][0-9]|2[0-3]):(00|15|30|45)$")
    )]
    pub opens: String,
    /// After `opens`, the same day.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([01][0-9]|2[0-3]):(00|15|30|45)$")
    )]
    pub closes: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 2))]
    /// Each once.
    pub open_to: Vec<Booker>,
    pub needs_approval: bool,
}

/// A space's details, replaced whole at the version read (the place stays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSpaceRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub name: String,
    pub kind: SpaceKind,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 2000))]
    pub capacity: i32,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub equipment: String,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([01][0-9]|2[0-3]):(00|15|30|45)$")
    )]
    pub opens: String,
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^([01][0-9]|2[0-3]):(00|15|30|45)$")
    )]
    pub closes: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 2))]
    /// Each once.
    pub open_to: Vec<Booker>,
    pub needs_approval: bool,
    /// Closing a space keeps its bookings; it takes no new ones.
    pub active: bool,
    pub version: i32,
}

/// The fields a space's create and update share, checked once.
pub struct SpaceFields<'a> {
    pub name: &'a str,
    pub capacity: i32,
    pub equipment: &'a str,
    pub opens: &'a str,
    pub closes: &'a str,
    pub open_to: &'a [Booker],
}

impl<'a> From<&'a CreateSpaceRequest> for SpaceFields<'a> {
    fn from(r: &'a CreateSpaceRequest) -> Self {
        SpaceFields {
            name: &r.name,
            capacity: r.capacity,
            equipment: &r.equipment,
            opens: &r.opens,
            closes: &r.closes,
            open_to: &r.open_to,
        }
    }
}

impl<'a> From<&'a UpdateSpaceRequest> for SpaceFields<'a> {
    fn from(r: &'a UpdateSpaceRequest) -> Self {
        SpaceFields {
            name: &r.name,
            capacity: r.capacity,
            equipment: &r.equipment,
            opens: &r.opens,
            closes: &r.closes,
            open_to: &r.open_to,
        }
    }
}

/// `HH:MM` on a quarter hour.
pub fn clock(s: &str) -> Option<NaiveTime> {
    let t = NaiveTime::parse_from_str(s, "%H:%M").ok()?;
    (s.len() == 5 && super::on_the_quarter(t)).then_some(t)
}

impl SpaceFields<'_> {
    /// What the document states, then the opening hours' own rule.
    pub fn check(&self) -> Result<super::Hours, ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "name", self.name, MAX_NAME_CHARS, false);
        text(
            &mut errs,
            "equipment",
            self.equipment,
            MAX_EQUIPMENT_CHARS,
            true,
        );
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            errs.push(FieldError::new(
                "capacity",
                "range",
                format!("1 to {MAX_CAPACITY} people"),
            ));
        }
        let mut who = self.open_to.to_vec();
        who.sort_by_key(|b| b.as_str());
        who.dedup();
        if self.open_to.is_empty() || self.open_to.len() > 2 {
            errs.push(FieldError::new(
                "open_to",
                "items",
                "name staff, students or both",
            ));
        } else if who.len() != self.open_to.len() {
            errs.push(FieldError::new("open_to", "duplicate", "name each once"));
        }
        let (opens, closes) = (clock(self.opens), clock(self.closes));
        for (field, t) in [("opens", opens), ("closes", closes)] {
            if t.is_none() {
                errs.push(FieldError::new(
                    field,
                    "pattern",
                    "a time of day on a quarter hour, like 08:00 or 21:45",
                ));
            }
        }
        let mut hours = None;
        if let (Some(opens), Some(closes)) = (opens, closes) {
            let h = super::Hours { opens, closes };
            match super::check_hours(h) {
                Ok(()) => hours = Some(h),
                Err(e) => e.0.into_iter().for_each(|f| errs.push(f)),
            }
        }
        errs.finish(|| hours)
    }
}

/// A space, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpaceRef {
    pub id: SpaceId,
    pub name: String,
}

/// A slot booked in a space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingView {
    pub id: BookingId,
    pub space: SpaceRef,
    pub community_id: NodeId,
    pub booked_by: PersonRef,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub purpose: String,
    pub attendees: i32,
    pub state: BookingState,
    /// The office's note with its decision, or why it was cancelled.
    pub note: Option<String>,
    /// Who decided it, or cancelled it.
    pub decided_by: Option<PersonRef>,
    pub decided_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    /// Whether the caller may cancel it (the booker, or who keeps the space).
    pub may_cancel: bool,
    /// Whether the caller may approve or refuse it.
    pub may_decide: bool,
}

/// Book a slot: quarter hours within one day's opening hours, at most eight
/// hours, from now to 60 days ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateBookingRequest {
    pub space_id: SpaceId,
    pub starts_at: Moment,
    pub ends_at: Moment,
    /// What it is for: shown on the calendar.
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub purpose: String,
    /// At most the space's capacity.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 2000))]
    pub attendees: i32,
}

impl CreateBookingRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(
            &mut errs,
            "purpose",
            &self.purpose,
            MAX_PURPOSE_CHARS,
            false,
        );
        if !(1..=MAX_CAPACITY).contains(&self.attendees) {
            errs.push(FieldError::new(
                "attendees",
                "range",
                format!("1 to {MAX_CAPACITY} people"),
            ));
        }
        errs.finish(|| Some(()))
    }
}

/// The community office approves or refuses a pending booking; a refusal says why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecideBookingRequest {
    pub approve: bool,
    /// Required (not blank) when refusing.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub note: String,
    pub version: i32,
}

impl DecideBookingRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, self.approve);
        errs.finish(|| Some(()))
    }
}

/// Cancel a booking that has not ended, at the version read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelBookingRequest {
    /// Why, for the booker when someone else cancels.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub note: String,
    pub version: i32,
}

impl CancelBookingRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, true);
        errs.finish(|| Some(()))
    }
}

/// How many days a calendar read covers: 1 to 62 (another number is a 400
/// naming `days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Days(u32);

pub const MAX_CALENDAR_DAYS: u32 = 62;
pub const DEFAULT_CALENDAR_DAYS: u32 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("ask for 1 to {MAX_CALENDAR_DAYS} days at a time")]
pub struct BadDays;

impl TryFrom<u32> for Days {
    type Error = BadDays;
    fn try_from(n: u32) -> Result<Self, BadDays> {
        if (1..=MAX_CALENDAR_DAYS).contains(&n) {
            Ok(Days(n))
        } else {
            Err(BadDays)
        }
    }
}

impl From<Days> for u32 {
    fn from(d: Days) -> u32 {
        d.0
    }
}

impl Days {
    pub fn or_default(requested: Option<Days>) -> i64 {
        requested.map_or(DEFAULT_CALENDAR_DAYS, |d| d.0).into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Days {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
            .minimum(Some(1))
            .maximum(Some(MAX_CALENDAR_DAYS))
            .default(Some(DEFAULT_CALENDAR_DAYS.into()))
            .description(Some("How many days from `from` (1 to 62; default 7)"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Days {}
