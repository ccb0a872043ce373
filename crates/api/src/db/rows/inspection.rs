//! Rows of the monthly dorm evaluation.

use crate::db::schema::*;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use onestop_domain::inspection::{InspectionKind, RectificationState};
use onestop_domain::{ChecklistItemId, InspectionId, NodeId, RecheckId, RectificationId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = inspection_items)]
pub struct ChecklistItemRow {
    pub id: ChecklistItemId,
    pub kind: InspectionKind,
    pub label_zh: String,
    pub label_en: String,
    pub max_score: i32,
    pub position: i32,
    pub active: bool,
    pub version: i32,
    pub updated_by: Option<UserId>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = inspections)]
pub struct InspectionRow {
    pub id: InspectionId,
    pub room_id: NodeId,
    pub building_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub community_id: NodeId,
    pub kind: InspectionKind,
    pub inspector_id: UserId,
    pub inspected_at: NaiveDateTime,
    pub month: String,
    pub score: i32,
    pub max_score: i32,
    pub percent_tenths: i32,
    pub note: String,
    /// `Vec<ScoredLine>` as JSON.
    pub lines: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rectifications)]
pub struct RectificationRow {
    pub id: RectificationId,
    pub inspection_id: InspectionId,
    pub room_id: NodeId,
    pub building_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub community_id: NodeId,
    pub kind: InspectionKind,
    pub safety: bool,
    pub description: String,
    pub due_on: NaiveDate,
    pub state: RectificationState,
    pub found_by: UserId,
    pub opened_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
    pub closed_by: Option<UserId>,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rechecks)]
pub struct RecheckRow {
    pub id: RecheckId,
    pub rectification_id: RectificationId,
    pub by_id: UserId,
    pub at: NaiveDateTime,
    pub passed: bool,
    pub note: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = evaluation_months)]
pub struct EvaluationMonthRow {
    pub month: String,
    pub closed_at: NaiveDateTime,
    pub closed_by: Option<UserId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = evaluation_results)]
pub struct EvaluationResultRow {
    pub month: String,
    pub room_id: NodeId,
    pub building_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub community_id: NodeId,
    pub hygiene_tenths: Option<i32>,
    pub reading_tenths: Option<i32>,
    pub safety_blocked: bool,
    pub building_rank: Option<i32>,
    pub zone_rank: Option<i32>,
    pub reading_rank: Option<i32>,
    pub civilized: bool,
    pub bookish: bool,
}
