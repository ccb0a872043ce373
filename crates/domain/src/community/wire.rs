//! What the visit and follow-up endpoints take and answer.

use super::follow_ups::FollowUpState;
use super::period::Per;
use super::visits::{DutyKind, VisitKind};
use crate::dates::{Day, Moment};
use crate::grid::wire::PersonRef;
use crate::grid::Level;
use crate::ids::{
    FollowUpId, NodeId, ProblemId, RequestId, UserId, VisitDutyId, VisitId, VisitPolicyId,
};
use crate::service::forms::RepairCategory;
use crate::service::State;
use crate::unit::UnitView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A version of a visit rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitRuleView {
    pub id: VisitPolicyId,
    pub duty: DutyKind,
    pub per: Per,
    pub minimum: i32,
    /// The kinds of visit that count.
    pub counts: Vec<VisitKind>,
    pub effective_from: NaiveDate,
    /// Whether periods starting today are judged by it.
    pub in_force: bool,
    pub created_by: Option<PersonRef>,
    pub created_at: DateTime<Utc>,
}

/// A new version of the rule for one kind of duty, from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateVisitRuleRequest {
    pub duty: DutyKind,
    pub per: Per,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 31))]
    pub minimum: i32,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 4))]
    pub counts: Vec<VisitKind>,
    /// Today or later (campus time): a period is judged by the rule in force on its first day.
    pub effective_from: Day,
}

/// A place on the grid, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceRef {
    pub id: NodeId,
    pub level: Level,
    pub name: String,
}

/// Someone's duty to visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitDutyView {
    pub id: VisitDutyId,
    pub person: PersonRef,
    pub duty: DutyKind,
    /// A school leader's linked community.
    pub community: Option<PlaceRef>,
    /// The unit a head leads (the person's unit).
    pub unit: Option<UnitView>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub version: i32,
}

/// Give someone a duty to visit. A school leader names the community they
/// are linked to; a unit head leads the unit they belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateVisitDutyRequest {
    pub user_id: UserId,
    pub duty: DutyKind,
    #[serde(default)]
    pub community_id: Option<NodeId>,
    pub starts_on: Day,
    #[serde(default)]
    pub ends_on: Option<Day>,
}

/// End a duty (the last day it is held), or open it again (`ends_on` null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndVisitDutyRequest {
    pub ends_on: Option<Day>,
    pub version: i32,
}

/// A problem raised on a visit: a repair goes to the service hall (routed
/// like any other request, the visitor its owner); anything else is a
/// follow-up for a unit to answer by a date. `route` and that route's fields, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "route", rename_all = "snake_case")]
pub enum ProblemInput {
    Repair(RepairProblem),
    FollowUp(FollowUpProblem),
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ProblemInput {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use crate::tagged_schema::with_tag;
        use utoipa::openapi::schema::{Discriminator, OneOfBuilder};
        OneOfBuilder::new()
            .item(with_tag::<RepairProblem>("route", "repair"))
            .item(with_tag::<FollowUpProblem>("route", "follow_up"))
            .discriminator(Some(Discriminator::new("route")))
            .description(Some(
                "A problem raised on a visit: `route` (`repair`: a request in the service hall, the visitor its owner; `follow_up`: a unit answers by a date) and that route's fields, side by side.",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ProblemInput {
    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::Schema>)>) {
        <RepairProblem as utoipa::ToSchema>::schemas(schemas);
        <FollowUpProblem as utoipa::ToSchema>::schemas(schemas);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RepairProblem {
    #[cfg_attr(feature = "openapi", schema(max_length = 1000, pattern = r"\S"))]
    pub text: String,
    pub category: RepairCategory,
    /// Where it is; the visit's place when absent.
    #[serde(default)]
    pub place_id: Option<NodeId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpProblem {
    #[cfg_attr(feature = "openapi", schema(max_length = 1000, pattern = r"\S"))]
    pub text: String,
    /// The code of the unit that is to answer, e.g. `logistics`.
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub unit: String,
    pub due_on: Day,
}

/// Record a visit: your own, or (administrators, and office staff of the
/// visitor's unit) one made by someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordVisitRequest {
    /// Who visited; you when absent.
    #[serde(default)]
    pub visitor_id: Option<UserId>,
    /// Who came along.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub companions: Vec<UserId>,
    /// When (not in the future, at most 200 days ago).
    pub at: Moment,
    /// A community, building or room.
    pub place_id: NodeId,
    pub kind: VisitKind,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub students_met: i32,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub problems: Vec<ProblemInput>,
}

/// The request a problem became, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemRequest {
    pub id: RequestId,
    pub state: State,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemView {
    pub id: ProblemId,
    pub text: String,
    /// Set when it went to the service hall.
    pub request: Option<ProblemRequest>,
    /// Set when it went to a unit to answer.
    pub follow_up: Option<FollowUpView>,
}

/// A photo taken on a visit; its bytes are at
/// `GET /visits/{visit_id}/photos/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoView {
    pub id: crate::ids::PhotoId,
    pub visit_id: VisitId,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: PersonRef,
    pub uploaded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitView {
    pub id: VisitId,
    pub visitor: PersonRef,
    pub companions: Vec<PersonRef>,
    pub recorded_by: PersonRef,
    pub at: DateTime<Utc>,
    pub place: PlaceRef,
    /// The community the place is in.
    pub community: PlaceRef,
    pub kind: VisitKind,
    pub students_met: i32,
    pub note: String,
    pub problems: Vec<ProblemView>,
    /// In the order they were added.
    #[serde(default)]
    pub photos: Vec<PhotoView>,
    pub created_at: DateTime<Utc>,
}

/// A problem a unit is to answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpView {
    pub id: FollowUpId,
    pub text: String,
    /// The visit it was raised on.
    pub visit_id: Option<VisitId>,
    /// Or the 思政课堂 session whose question it is.
    #[serde(default)]
    pub talk_id: Option<crate::ids::TalkId>,
    pub raised_by: PersonRef,
    pub unit: UnitView,
    pub due_on: NaiveDate,
    pub state: FollowUpState,
    /// Open past its due date.
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_by: Option<PersonRef>,
    pub answered_at: Option<DateTime<Utc>>,
    pub place: PlaceRef,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// The unit's answer, to the version it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerFollowUpRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = r"\S"))]
    pub answer: String,
    pub version: i32,
}

/// Where one duty stands in its current period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StandingRow {
    pub duty_id: VisitDutyId,
    pub person: PersonRef,
    pub duty: DutyKind,
    pub unit: Option<UnitView>,
    pub community: Option<PlaceRef>,
    /// `2026-11` or `2026-autumn`.
    pub period: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub visits: i32,
    pub minimum: i32,
    /// Visits still missing; 0 when met.
    pub shortfall: i32,
    pub met: bool,
}

/// A unit's or a community's tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TallyRow {
    /// The unit's code or the community's id.
    pub key: String,
    pub name: String,
    pub bound: i32,
    pub met: i32,
    pub behind: i32,
    pub shortfall: i32,
}

/// Who has met the minimum on a day, who is behind and by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Compliance {
    /// The campus date the periods contain.
    pub on: NaiveDate,
    /// Behind first, then by name.
    pub rows: Vec<StandingRow>,
    pub by_unit: Vec<TallyRow>,
    /// School leaders by their linked community.
    pub by_community: Vec<TallyRow>,
}

pub(crate) fn text(
    errs: &mut crate::ValidationErrors,
    field: &str,
    value: &str,
    max: usize,
    blank_ok: bool,
) {
    let n = value.chars().count();
    if (!blank_ok && value.trim().is_empty()) || n > max {
        errs.push(crate::FieldError::new(
            field,
            "length",
            if blank_ok {
                format!("at most {max} characters")
            } else {
                format!("1 to {max} characters, not only spaces")
            },
        ));
    }
}

impl RecordVisitRequest {
    /// What the document states of the record (lengths, ranges, counts).
    pub fn check(&self) -> Result<(), crate::ValidationErrors> {
        use super::visits::{
            MAX_COMPANIONS, MAX_NOTE_CHARS, MAX_PROBLEMS, MAX_PROBLEM_CHARS, MAX_STUDENTS_MET,
        };
        let mut errs = crate::ValidationErrors::new();
        if self.companions.len() > MAX_COMPANIONS {
            errs.push(crate::FieldError::new(
                "companions",
                "items",
                format!("at most {MAX_COMPANIONS} companions"),
            ));
        }
        if !(0..=MAX_STUDENTS_MET).contains(&self.students_met) {
            errs.push(crate::FieldError::new(
                "students_met",
                "range",
                format!("0 to {MAX_STUDENTS_MET} students"),
            ));
        }
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, true);
        if self.problems.len() > MAX_PROBLEMS {
            errs.push(crate::FieldError::new(
                "problems",
                "items",
                format!("at most {MAX_PROBLEMS} problems"),
            ));
        }
        for (i, p) in self.problems.iter().enumerate() {
            match p {
                ProblemInput::Repair(RepairProblem { text: t, .. }) => {
                    text(
                        &mut errs,
                        &format!("problems[{i}].text"),
                        t,
                        MAX_PROBLEM_CHARS,
                        false,
                    );
                }
                ProblemInput::FollowUp(FollowUpProblem { text: t, unit, .. }) => {
                    text(
                        &mut errs,
                        &format!("problems[{i}].text"),
                        t,
                        MAX_PROBLEM_CHARS,
                        false,
                    );
                    text(&mut errs, &format!("problems[{i}].unit"), unit, 64, true);
                }
            }
        }
        errs.finish(|| Some(()))
    }
}

impl AnswerFollowUpRequest {
    pub fn check(&self) -> Result<(), crate::ValidationErrors> {
        let mut errs = crate::ValidationErrors::new();
        text(
            &mut errs,
            "answer",
            &self.answer,
            super::follow_ups::MAX_ANSWER_CHARS,
            false,
        );
        errs.finish(|| Some(()))
    }
}
