//! What the session endpoints take and answer.

use super::{
    ApplicationState, HostRole, TalkKind, TalkState, MAX_DESCRIPTION_CHARS, MAX_FEEDBACK_CHARS,
    MAX_HOSTS, MAX_PLACES, MAX_QUESTION_CHARS, MAX_TOPIC_CHARS,
};
use crate::community::spaces::wire::SpaceRef;
use crate::community::spaces::BookingState;
use crate::community::wire::{text, FollowUpView, PlaceRef};
use crate::dates::{Day, Moment};
use crate::grid::wire::PersonRef;
use crate::ids::{ApplicationId, BookingId, NodeId, TalkId, UnitId, UserId};
use crate::unit::UnitView;
use crate::{FieldError, ValidationErrors};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who may apply: all students when both are empty, else one college's or
/// one building's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AudienceView {
    pub unit: Option<UnitView>,
    pub building: Option<PlaceRef>,
}

/// A session, as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkView {
    pub id: TalkId,
    pub kind: TalkKind,
    pub topic: String,
    pub description: String,
    pub host_role: Option<HostRole>,
    pub hosts: Vec<PersonRef>,
    /// Where it takes place, and the booking that holds the time there.
    pub space: SpaceRef,
    pub community: PlaceRef,
    pub booking_id: BookingId,
    /// Whether the community office has approved the space (`pending` until it does).
    pub booking_state: BookingState,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Applications close then; the draw follows.
    pub apply_by: DateTime<Utc>,
    pub places: i32,
    pub audience: AudienceView,
    pub state: TalkState,
    /// Applications not withdrawn.
    pub applicants: i32,
    pub placed: i32,
    pub waiting: i32,
    /// SHA-256 (hex) of the draw's seed, published from the start.
    pub seed_sha256: String,
    /// The seed itself, once drawn: check it against `seed_sha256`, then
    /// re-run the draw from `GET /talks/{id}/draw`.
    pub seed: Option<String>,
    pub drawn_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    /// The caller's own application, if any.
    pub mine: Option<ApplicationView>,
    /// Whether the caller may apply now.
    pub may_apply: bool,
    /// Whether the caller runs it (hosts, the office of its place, administrators).
    pub runs: bool,
}

/// A new session in a community space; its time is booked in the space at
/// once (waiting for the office where the space asks for approval).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTalkRequest {
    pub kind: TalkKind,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, pattern = r"\S"))]
    pub topic: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: String,
    #[serde(default)]
    pub host_role: Option<HostRole>,
    /// Staff accounts; you when empty. Unless you keep the space's
    /// community, you are among them. Each once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub hosts: Vec<UserId>,
    pub space_id: crate::ids::SpaceId,
    pub starts_at: Moment,
    pub ends_at: Moment,
    /// Before the start, after now.
    pub apply_by: Moment,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 500))]
    pub places: i32,
    /// Only students of this college (set at most one of the two).
    #[serde(default)]
    pub audience_unit_id: Option<UnitId>,
    /// Only students living in this building.
    #[serde(default)]
    pub audience_building_id: Option<NodeId>,
}

impl CreateTalkRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "topic", &self.topic, MAX_TOPIC_CHARS, false);
        text(
            &mut errs,
            "description",
            &self.description,
            MAX_DESCRIPTION_CHARS,
            true,
        );
        if !(1..=MAX_PLACES).contains(&self.places) {
            errs.push(FieldError::new(
                "places",
                "range",
                format!("1 to {MAX_PLACES} places"),
            ));
        }
        if self.hosts.len() > MAX_HOSTS {
            errs.push(FieldError::new(
                "hosts",
                "items",
                format!("at most {MAX_HOSTS} hosts"),
            ));
        } else {
            let mut h = self.hosts.clone();
            h.sort();
            h.dedup();
            if h.len() != self.hosts.len() {
                errs.push(FieldError::new("hosts", "duplicate", "name each once"));
            }
        }
        if self.audience_unit_id.is_some() && self.audience_building_id.is_some() {
            errs.push(FieldError::new(
                "audience_building_id",
                "one_audience",
                "open it to one college or one building, not both",
            ));
        }
        errs.finish(|| Some(()))
    }
}

/// A student's application, with how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationView {
    pub id: ApplicationId,
    pub talk_id: TalkId,
    pub student: PersonRef,
    /// The question or topic the student wants to raise.
    pub question: String,
    pub state: ApplicationState,
    /// The place in the draw's order (1 is drawn first).
    pub rank: Option<i32>,
    /// The weight it had in the draw.
    pub weight: Option<i32>,
    /// For a waiting application: how many wait before it.
    pub ahead: Option<i32>,
    /// Recorded by the hosts after the session began.
    pub attended: Option<bool>,
    pub rating: Option<i32>,
    pub feedback: Option<String>,
    /// The question given to a unit to answer; the answer shows here.
    pub follow_up: Option<FollowUpView>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Apply for a place, with the question you want to raise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub question: String,
}

impl ApplyRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(
            &mut errs,
            "question",
            &self.question,
            MAX_QUESTION_CHARS,
            false,
        );
        errs.finish(|| Some(()))
    }
}

/// Withdraw an application before the session starts, at the version read;
/// a place given up goes to the next on the waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    pub version: i32,
}

/// Cancel a session that has not started; everyone who applied is told why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelTalkRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub reason: String,
    pub version: i32,
}

impl CancelTalkRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "reason", &self.reason, 200, false);
        errs.finish(|| Some(()))
    }
}

/// Who came: the placed applications listed attended, the other placed ones
/// did not. Sent again, it replaces the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    /// Applications with a place; each once.
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub present: Vec<ApplicationId>,
}

impl AttendanceRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.present.len() > MAX_PLACES as usize {
            errs.push(FieldError::new(
                "present",
                "items",
                format!("at most {MAX_PLACES}"),
            ));
        }
        let mut p = self.present.clone();
        p.sort();
        p.dedup();
        if p.len() != self.present.len() {
            errs.push(FieldError::new("present", "duplicate", "name each once"));
        }
        errs.finish(|| Some(()))
    }
}

/// A student who attended says how it was, once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: i32,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub comment: String,
}

impl FeedbackRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if !(1..=5).contains(&self.rating) {
            errs.push(FieldError::new("rating", "range", "1 to 5"));
        }
        text(
            &mut errs,
            "comment",
            &self.comment,
            MAX_FEEDBACK_CHARS,
            true,
        );
        errs.finish(|| Some(()))
    }
}

/// The hosts give a student's question to a unit to answer by a date; the
/// student sees the answer on their application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RaiseFollowUpRequest {
    /// The question as the unit should read it.
    #[cfg_attr(feature = "openapi", schema(max_length = 1000, pattern = r"\S"))]
    pub text: String,
    /// The code of the unit that is to answer, e.g. `logistics`.
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub unit: String,
    pub due_on: Day,
}

impl RaiseFollowUpRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "text", &self.text, 1000, false);
        text(&mut errs, "unit", &self.unit, 64, true);
        errs.finish(|| Some(()))
    }
}

/// One entrant of a draw, by application id only (no names: the list is
/// public to everyone who sees the session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntrantView {
    pub application_id: ApplicationId,
    pub weight: i32,
    /// 1 is drawn first.
    pub rank: i32,
    /// Given a place by the draw itself (the first `places` drawn).
    pub placed_by_draw: bool,
}

/// A draw's record: enough for anyone to re-run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawView {
    pub talk_id: TalkId,
    pub seed: String,
    pub seed_sha256: String,
    pub places: i32,
    pub drawn_at: DateTime<Utc>,
    /// The algorithm, in words.
    pub method: String,
    /// In application-id order, the order the method walks them.
    pub entrants: Vec<EntrantView>,
}
