//! What the activity endpoints take and answer.

use super::{
    ActivityLevel, ActivityState, Category, Presence, SignupState, Standard, MAX_CAPACITY,
    MAX_DESCRIPTION_CHARS, MAX_HOURS, MAX_LENGTH_HOURS, MAX_NOTE_CHARS, MAX_ORGANISATION_CHARS,
    MAX_TITLE_CHARS,
};
use crate::community::wire::{text, PlaceRef};
use crate::dates::Moment;
use crate::grid::wire::PersonRef;
use crate::ids::{ActivityId, NodeId, SignupId, UserId};
use crate::unit::UnitView;
use crate::{FieldError, ValidationErrors};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A point of the quality standard, as the reviewer found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StandardPoint {
    pub point: Standard,
    /// The point in words.
    pub text: String,
    pub met: bool,
}

/// The review a proposal had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityReviewView {
    pub by: PersonRef,
    pub at: DateTime<Utc>,
    pub approved: bool,
    pub standard: Vec<StandardPoint>,
    pub note: String,
}

/// An activity, as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityView {
    pub id: ActivityId,
    pub title: String,
    pub description: String,
    pub category: Category,
    pub level: ActivityLevel,
    /// The unit in whose name it runs.
    pub unit: UnitView,
    /// A student organisation under the unit that runs it, if any (校学生会, a club).
    pub organisation: String,
    pub organiser: PersonRef,
    /// Where on the grid (a community or a building).
    pub place: PlaceRef,
    /// The room or hall, in words.
    pub location: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    /// 学时 credited to each student present.
    pub hours: i32,
    pub state: ActivityState,
    pub review: Option<ActivityReviewView>,
    pub placed: i32,
    pub waiting: i32,
    /// Students recorded present.
    pub present: i32,
    /// The caller's own sign-up, if any.
    pub mine: Option<SignupView>,
    /// Whether the caller may sign up now.
    pub may_sign_up: bool,
    /// Whether the caller runs it (the organiser, their unit's staff, administrators).
    pub runs: bool,
    /// Whether the caller may review it.
    pub reviews: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// A new activity, proposed for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProposeActivityRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 100, pattern = r"\S"))]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    pub category: Category,
    pub level: ActivityLevel,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub organisation: String,
    /// A community or building.
    pub place_id: NodeId,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub location: String,
    /// After now.
    pub starts_at: Moment,
    /// After the start, at most 12 hours later.
    pub ends_at: Moment,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 2000))]
    pub capacity: i32,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 40))]
    pub hours: i32,
}

impl ProposeActivityRequest {
    /// What the document states, and the times against `now`.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "title", &self.title, MAX_TITLE_CHARS, false);
        text(
            &mut errs,
            "description",
            &self.description,
            MAX_DESCRIPTION_CHARS,
            true,
        );
        text(
            &mut errs,
            "organisation",
            &self.organisation,
            MAX_ORGANISATION_CHARS,
            true,
        );
        text(&mut errs, "location", &self.location, 100, true);
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            errs.push(FieldError::new("capacity", "range", "1 to 2000 places"));
        }
        if !(1..=MAX_HOURS).contains(&self.hours) {
            errs.push(FieldError::new("hours", "range", "1 to 40 hours"));
        }
        let (starts, ends) = (self.starts_at.get(), self.ends_at.get());
        if starts <= now {
            errs.push(FieldError::new(
                "starts_at",
                "past",
                "an activity is proposed before it starts",
            ));
        }
        if ends <= starts {
            errs.push(FieldError::new("ends_at", "after_start", "after the start"));
        } else if ends - starts > Duration::hours(MAX_LENGTH_HOURS) {
            errs.push(FieldError::new(
                "ends_at",
                "too_long",
                "at most 12 hours after the start; a series is several activities",
            ));
        }
        errs.finish(|| Some(()))
    }
}

/// Approve (with every point of the standard met) or send back (with a note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewActivityRequest {
    pub approve: bool,
    /// The points of the standard found met; approval needs all five.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub met: Vec<Standard>,
    /// Required when sending it back.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
    pub version: i32,
}

impl ReviewActivityRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, true);
        if !self.approve && self.note.trim().is_empty() {
            errs.push(FieldError::new(
                "note",
                "reason_required",
                "say why it is sent back",
            ));
        }
        let mut met = self.met.clone();
        met.sort_unstable();
        met.dedup();
        if met.len() != self.met.len() {
            errs.push(FieldError::new("met", "duplicate", "name each point once"));
        }
        errs.finish(|| Some(()))
    }
}

/// Cancel before the start; everyone signed up is told why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelActivityRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub reason: String,
    pub version: i32,
}

impl CancelActivityRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "reason", &self.reason, 200, false);
        errs.finish(|| Some(()))
    }
}

/// A student's sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupView {
    pub id: SignupId,
    pub activity_id: ActivityId,
    pub student: PersonRef,
    pub state: SignupState,
    /// On the waiting list: how many wait before this one.
    pub ahead: Option<i32>,
    /// Recorded present (or removed) at the activity.
    pub presence: Option<Presence>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Withdraw before the start, at the version read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WithdrawSignupRequest {
    pub version: i32,
}

/// The code on the organiser's screen now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckInCode {
    /// Six digits.
    pub code: String,
    /// When it is replaced by the next.
    pub changes_at: DateTime<Utc>,
    /// The web app's check-in page with the code, as a path.
    pub link: String,
    /// The same page as a whole address (this server's, as the caller reached it).
    pub url: String,
    /// `url` as a QR code, an SVG image, for a phone's camera.
    pub qr_svg: String,
}

/// A student checks in with the code on the organiser's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivityCheckInRequest {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{6}$"))]
    pub code: String,
}

impl ActivityCheckInRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.code.len() != super::code::DIGITS || !self.code.bytes().all(|b| b.is_ascii_digit())
        {
            errs.push(FieldError::new(
                "code",
                "pattern",
                "the six digits on the screen",
            ));
        }
        errs.finish(|| Some(()))
    }
}

/// One student's record at an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceView {
    pub activity_id: ActivityId,
    pub student: PersonRef,
    pub presence: Presence,
    pub at: DateTime<Utc>,
    /// Who added or removed them, and why (the organiser's corrections).
    pub by: Option<PersonRef>,
    pub reason: String,
}

/// The organiser adds a student who was there or removes one who was not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectAttendanceRequest {
    pub student_id: UserId,
    pub present: bool,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub reason: String,
}

impl CorrectAttendanceRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "reason", &self.reason, MAX_NOTE_CHARS, false);
        errs.finish(|| Some(()))
    }
}
