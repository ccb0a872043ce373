//! Reform-plan request and response bodies: the plan's tree here, following
//! it in `progress`, oversight in `board`.

mod board;
mod progress;

pub use board::*;
pub use progress::*;

use super::UnitRole;
use crate::unit::UnitView;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSummary {
    pub id: Uuid,
    /// e.g. 重人科委〔2022〕32号
    pub doc_number: String,
    pub title_zh: String,
    pub title_en: String,
    pub approved_on: Option<NaiveDate>,
    pub issued_on: Option<NaiveDate>,
    pub sections: usize,
    pub tasks: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanTree {
    pub plan: PlanSummary,
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionView {
    pub id: Uuid,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
    pub tasks: Vec<TaskView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub section_no: i32,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
    pub parts: Vec<PartView>,
    /// How the task's assignments add up today.
    pub tally: crate::reform::board::Tally,
    pub standing: crate::reform::board::Standing,
    /// A milestone or an assignment of the task is past its date.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartView {
    pub id: Uuid,
    /// 1-based order within the task.
    pub position: i32,
    pub summary_zh: String,
    pub units: Vec<AssignedUnit>,
}

/// A unit's place on a part: its role, and (once set) who answers for it and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignedUnit {
    pub assignment_id: Uuid,
    pub unit: UnitView,
    pub role: UnitRole,
    pub due_on: Option<NaiveDate>,
}
