//! What the inspection and evaluation endpoints take and answer.

use super::{
    InspectionKind, RectificationState, Title, MAX_ITEMS, MAX_ITEM_SCORE, MAX_LABEL_CHARS,
    MAX_NOTE_CHARS, MAX_PROBLEMS,
};
use crate::community::wire::{text, PlaceRef};
use crate::grid::wire::PersonRef;
use crate::ids::{ChecklistItemId, InspectionId, RectificationId};
use crate::{FieldError, ValidationErrors};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A line of a checklist (检查细则).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistItemView {
    pub id: ChecklistItemId,
    pub kind: InspectionKind,
    pub label_zh: String,
    pub label_en: String,
    /// Points the line is worth; an inspection gives 0 to this.
    pub max_score: i32,
    /// Order on the form.
    pub position: i32,
    /// Retired lines stay on the inspections that scored them; new ones score active lines only.
    pub active: bool,
    pub version: i32,
}

fn item_fields(errs: &mut ValidationErrors, zh: &str, en: &str, max_score: i32) {
    text(errs, "label_zh", zh, MAX_LABEL_CHARS, false);
    text(errs, "label_en", en, MAX_LABEL_CHARS, true);
    if !(1..=MAX_ITEM_SCORE).contains(&max_score) {
        errs.push(FieldError::new(
            "max_score",
            "range",
            format!("1 to {MAX_ITEM_SCORE}"),
        ));
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateChecklistItemRequest {
    pub kind: InspectionKind,
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub label_zh: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub label_en: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub max_score: i32,
}

impl CreateChecklistItemRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        item_fields(&mut errs, &self.label_zh, &self.label_en, self.max_score);
        errs.finish(|| Some(()))
    }
}

/// The line's editable parts, all of them; its kind stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateChecklistItemRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub label_zh: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub label_en: String,
    /// Inspections already made keep the points they gave.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub max_score: i32,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 999))]
    pub position: i32,
    pub active: bool,
    /// The version read; a stale one is a 409.
    pub version: i32,
}

impl UpdateChecklistItemRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        item_fields(&mut errs, &self.label_zh, &self.label_en, self.max_score);
        if !(0..=999).contains(&self.position) {
            errs.push(FieldError::new("position", "range", "0 to 999"));
        }
        errs.finish(|| Some(()))
    }
}

/// The points given to one line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemScore {
    pub item_id: ChecklistItemId,
    /// 0 to the line's `max_score`.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub score: i32,
}

/// A problem found, to be put right by a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProblemFound {
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub description: String,
    /// Today to 30 days ahead, campus time.
    pub due_on: NaiveDate,
}

/// An inspection of a room, now: every active line of the kind's checklist scored once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInspectionRequest {
    pub room_id: crate::ids::NodeId,
    pub kind: InspectionKind,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 30))]
    pub scores: Vec<ItemScore>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
    /// Each becomes a rectification (a safety problem when the kind is `safety`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub problems: Vec<ProblemFound>,
}

impl CreateInspectionRequest {
    pub fn check(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.scores.is_empty() || self.scores.len() > MAX_ITEMS {
            errs.push(FieldError::new(
                "scores",
                "length",
                format!("1 to {MAX_ITEMS} lines"),
            ));
        }
        for (i, s) in self.scores.iter().enumerate() {
            if !(0..=MAX_ITEM_SCORE).contains(&s.score) {
                errs.push(FieldError::new(
                    format!("scores[{i}].score"),
                    "range",
                    "0 to the line's points",
                ));
            }
        }
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, true);
        if self.problems.len() > MAX_PROBLEMS {
            errs.push(FieldError::new(
                "problems",
                "length",
                format!("at most {MAX_PROBLEMS}"),
            ));
        }
        for (i, p) in self.problems.iter().enumerate() {
            text(
                &mut errs,
                &format!("problems[{i}].description"),
                &p.description,
                MAX_NOTE_CHARS,
                false,
            );
            if let Some(code) = super::due_refusal(p.due_on, today) {
                errs.push(FieldError::new(
                    format!("problems[{i}].due_on"),
                    code,
                    "today to 30 days ahead",
                ));
            }
        }
        errs.finish(|| Some(()))
    }
}

/// A line as the inspection scored it (its words and points then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoredLine {
    pub item_id: ChecklistItemId,
    pub label_zh: String,
    pub label_en: String,
    pub max_score: i32,
    pub score: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionView {
    pub id: InspectionId,
    pub room: PlaceRef,
    pub building: PlaceRef,
    pub kind: InspectionKind,
    pub inspector: PersonRef,
    pub inspected_at: DateTime<Utc>,
    /// `YYYY-MM`, campus time: the month it counts for.
    pub month: String,
    pub score: i32,
    pub max_score: i32,
    /// Percent, one decimal.
    pub percent: f64,
    pub note: String,
    pub lines: Vec<ScoredLine>,
    pub rectifications: Vec<RectificationView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecheckView {
    pub by: PersonRef,
    pub at: DateTime<Utc>,
    pub passed: bool,
    pub note: String,
    /// A failed re-check's new due date.
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RectificationView {
    pub id: RectificationId,
    pub inspection_id: InspectionId,
    pub room: PlaceRef,
    pub building: PlaceRef,
    pub kind: InspectionKind,
    /// Found by a safety inspection: while open, the room cannot be 文明寝室.
    pub safety: bool,
    pub description: String,
    pub due_on: NaiveDate,
    pub state: RectificationState,
    /// Open past its due day (campus time).
    pub overdue: bool,
    pub found_by: PersonRef,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub rechecks: Vec<RecheckView>,
    pub version: i32,
}

/// A re-check, by someone other than the finder: passed closes the item;
/// failed keeps it open with a new due date and a note of what is still wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecheckRequest {
    pub passed: bool,
    /// Required when not passed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
    /// Required when not passed: today to 30 days ahead; not read when passed.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    /// The version read; a stale one is a 409.
    pub version: i32,
}

impl RecheckRequest {
    pub fn check(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, true);
        if !self.passed {
            if self.note.trim().is_empty() {
                errs.push(FieldError::new(
                    "note",
                    "reason_required",
                    "say what is still wrong",
                ));
            }
            match self.due_on {
                None => errs.push(FieldError::new(
                    "due_on",
                    "incomplete",
                    "a new due day for what is still wrong",
                )),
                Some(d) => {
                    if let Some(code) = super::due_refusal(d, today) {
                        errs.push(FieldError::new("due_on", code, "today to 30 days ahead"));
                    }
                }
            }
        }
        errs.finish(|| Some(()))
    }
}

/// One room's month: scores, ranks and titles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomResultView {
    pub month: String,
    pub room: PlaceRef,
    pub building: PlaceRef,
    pub zone: Option<PlaceRef>,
    /// Mean hygiene percent of the month, one decimal; none when not inspected.
    pub hygiene: Option<f64>,
    pub reading: Option<f64>,
    /// A safety problem was open at some moment of the month.
    pub safety_blocked: bool,
    pub building_rank: Option<i32>,
    pub zone_rank: Option<i32>,
    pub reading_rank: Option<i32>,
    pub titles: Vec<Title>,
}

/// A month's evaluation in the caller's scope: final once closed, as it
/// stands so far before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthEvaluationView {
    pub month: String,
    pub closed: bool,
    pub closed_at: Option<DateTime<Utc>>,
    /// By building, then building rank; rooms never inspected that month are not listed.
    pub rooms: Vec<RoomResultView>,
}

/// The caller's room: its months and what is still to put right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRoomEvaluation {
    /// None when the caller lives in no room now.
    pub room: Option<PlaceRef>,
    pub building: Option<PlaceRef>,
    /// Newest first: this month so far, then the closed months (at most 6).
    pub months: Vec<RoomResultView>,
    pub open: Vec<RectificationView>,
}

/// Percent from tenths, for the wire.
pub fn percent(tenths: i32) -> f64 {
    f64::from(tenths) / 10.0
}
