//! Rows of visit rules, duties, visits, their problems, photos and follow-ups.

use crate::db::schema::*;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::period::Per;
use onestop_domain::community::visits::{DutyKind, VisitKind};
use onestop_domain::{
    FollowUpId, NodeId, PhotoId, ProblemId, RequestId, TalkId, UnitId, UserId, VisitDutyId,
    VisitId, VisitPolicyId,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = visit_rules)]
pub struct VisitRuleRow {
    pub id: VisitPolicyId,
    pub duty: DutyKind,
    pub per: Per,
    pub minimum: i32,
    /// The kinds that count, as a JSON list.
    pub counts: String,
    pub effective_from: NaiveDate,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = visit_duties)]
pub struct VisitDutyRow {
    pub id: VisitDutyId,
    pub user_id: UserId,
    pub duty: DutyKind,
    pub community_id: Option<NodeId>,
    pub unit_id: Option<UnitId>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub version: i32,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = visits)]
pub struct VisitRow {
    pub id: VisitId,
    pub visitor_id: UserId,
    pub recorded_by: UserId,
    pub at: NaiveDateTime,
    /// The campus date of `at`: periods are counted in it.
    pub day: NaiveDate,
    pub place_id: NodeId,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub kind: VisitKind,
    pub students_met: i32,
    pub note: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = visit_companions)]
pub struct CompanionRow {
    pub visit_id: VisitId,
    pub user_id: UserId,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = visit_problems)]
pub struct ProblemRow {
    pub id: ProblemId,
    pub visit_id: VisitId,
    pub position: i32,
    pub text: String,
    pub request_id: Option<RequestId>,
    pub follow_up_id: Option<FollowUpId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = visit_photos)]
pub struct PhotoRow {
    pub id: PhotoId,
    pub visit_id: VisitId,
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub filename: String,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = follow_ups)]
pub struct FollowUpRow {
    pub id: FollowUpId,
    pub visit_id: Option<VisitId>,
    pub text: String,
    pub raised_by: UserId,
    pub unit_id: UnitId,
    pub due_on: NaiveDate,
    pub state: FollowUpState,
    pub answer: Option<String>,
    pub answered_by: Option<UserId>,
    pub answered_at: Option<NaiveDateTime>,
    pub place_id: NodeId,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The session whose question it is.
    pub talk_id: Option<TalkId>,
}
