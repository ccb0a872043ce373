//! The oversight board: the whole plan by task and by unit, in one answer.

use super::{AssignmentView, PlanSummary, ReformEventView};
use crate::reform::board::{Standing, Tally};
use crate::unit::UnitView;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Board {
    pub plan: PlanSummary,
    pub today: NaiveDate,
    /// The month being reported on now, `YYYY-MM`.
    pub current_period: String,
    /// The latest month that has ended: silence is counted against it.
    pub last_closed_period: String,
    pub totals: Tally,
    pub standing: Standing,
    pub by_task: Vec<TaskLine>,
    pub by_unit: Vec<UnitLine>,
    /// Every assignment, in task and part order, leads first.
    pub assignments: Vec<AssignmentView>,
    /// What changed since `since`, newest first (at most 200).
    pub since: NaiveDate,
    pub changes: Vec<ReformEventView>,
    /// All changes since `since`, also those beyond the 200 shown.
    pub changes_total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskLine {
    pub task_id: Uuid,
    pub section_no: i32,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
    pub lead_units: Vec<UnitView>,
    pub tally: Tally,
    pub standing: Standing,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitLine {
    pub unit: UnitView,
    /// Parts this unit leads.
    pub leads: u32,
    pub cooperates: u32,
    pub tally: Tally,
    pub standing: Standing,
    pub overdue: bool,
}
