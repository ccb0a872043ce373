//! Following an assignment: who answers for it, its milestones, reports and reviews.

use crate::dates::Day;
use crate::grid::wire::PersonRef;
use crate::reform::progress::{ReportStatus, ReviewState, Verdict};
use crate::reform::UnitRole;
use crate::unit::UnitView;
use crate::UserId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AssignedUnit;

/// A unit's assignment on one part of a task, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub task_id: Uuid,
    pub task_no: i32,
    pub task_title_zh: String,
    pub task_title_en: String,
    pub part_id: Uuid,
    pub part_position: i32,
    pub part_summary_zh: String,
    pub unit: UnitView,
    pub role: UnitRole,
    /// The unit's person who answers for it (责任人).
    pub responsible: Option<PersonRef>,
    pub due_on: Option<NaiveDate>,
    /// Send back with an update; a stale version is refused with 409.
    pub version: i32,
    /// From the latest report, if any.
    pub status: Option<ReportStatus>,
    pub percent: i32,
    pub review_state: Option<ReviewState>,
    pub last_period: Option<String>,
    pub overdue_milestones: u32,
    /// No report for the last closed period, as recorded when it ended.
    pub silent: bool,
    pub reported_this_period: bool,
    /// Past its due date and not done.
    pub late: bool,
}

/// One assignment with everything about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentDetail {
    pub assignment: AssignmentView,
    /// Every unit on the same part, leads first: who supervises, who helps.
    pub part_units: Vec<AssignedUnit>,
    pub milestones: Vec<MilestoneView>,
    /// Newest first, with their reviews and evidence.
    pub reports: Vec<ReportView>,
    /// Everything that happened to it, newest first.
    pub history: Vec<ReformEventView>,
    /// What the caller may do here.
    pub can_edit: bool,
    pub can_report: bool,
    pub can_review: bool,
}

/// `PUT /api/v1/assignments/{id}`: the editable fields, all of them (null clears).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateAssignmentRequest {
    pub version: i32,
    /// A staff member of the assignment's unit.
    #[serde(default)]
    pub responsible_id: Option<UserId>,
    #[serde(default)]
    pub due_on: Option<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneView {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub title: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    /// When the reminders job found it past due and undone.
    pub overdue_since: Option<DateTime<Utc>>,
    /// Past due and not done, as of today.
    pub overdue: bool,
    /// Send it back with a change; a stale one is refused (409).
    pub version: i32,
}

/// A new milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestoneInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub title: String,
    pub due_on: Day,
    #[serde(default)]
    pub done_on: Option<Day>,
}

/// A milestone as changed (`PUT`): the whole of it, and the version it was read at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MilestoneUpdate {
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub title: String,
    pub due_on: Day,
    #[serde(default)]
    pub done_on: Option<Day>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReportRequest {
    /// The month reported on, `YYYY-MM`: this month or one of the twelve before.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2026-11")
    )]
    pub period: String,
    pub status: ReportStatus,
    /// 0 to 100; 100 when the status is `done`.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub percent: i32,
    /// What was done, what is next, what is in the way.
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub unit: UnitView,
    pub period: String,
    pub status: ReportStatus,
    pub percent: i32,
    pub text: String,
    pub review_state: ReviewState,
    pub filed_by: PersonRef,
    pub filed_at: DateTime<Utc>,
    pub reviews: Vec<ReviewView>,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReviewRequest {
    pub verdict: Verdict,
    /// Required (not blank) with `comment` and `rework`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewView {
    pub id: Uuid,
    pub report_id: Uuid,
    pub reviewer: PersonRef,
    pub verdict: Verdict,
    pub text: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceView {
    pub id: Uuid,
    pub report_id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: DateTime<Utc>,
}

crate::string_enum! {
/// What happened on the plan: edits, reports, reviews and the reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReformEventKind {
    AssignmentUpdated = "assignment_updated",
    MilestoneAdded = "milestone_added",
    MilestoneUpdated = "milestone_updated",
    MilestoneRemoved = "milestone_removed",
    ReportFiled = "report_filed",
    EvidenceAdded = "evidence_added",
    ReportCommented = "report_commented",
    ReportAccepted = "report_accepted",
    ReportReturned = "report_returned",
    /// Recorded by the reminders job: a milestone passed its date undone.
    MilestoneOverdue = "milestone_overdue",
    /// Recorded by the reminders job: no report for a period that ended.
    Silent = "silent",
}
}

impl ReformEventKind {
    /// Things a unit must act on: they land in its inbox.
    pub fn needs_unit(self) -> bool {
        matches!(
            self,
            ReformEventKind::MilestoneOverdue
                | ReformEventKind::Silent
                | ReformEventKind::ReportReturned
                | ReformEventKind::ReportCommented
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReformEventView {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub kind: ReformEventKind,
    pub assignment_id: Uuid,
    pub task_no: i32,
    pub unit: UnitView,
    /// None for the reminders job.
    pub actor: Option<PersonRef>,
    pub period: Option<String>,
    pub milestone_id: Option<Uuid>,
    pub report_id: Option<Uuid>,
    pub note: Option<String>,
}
