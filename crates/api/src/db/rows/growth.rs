//! Rows of second-classroom activities, sign-ups and attendance.

use crate::db::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use onestop_domain::growth::{ActivityLevel, ActivityState, Category, Presence, SignupState};
use onestop_domain::{ActivityId, AttendanceId, NodeId, SignupId, UnitId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activities)]
pub struct ActivityRow {
    pub id: ActivityId,
    pub title: String,
    pub description: String,
    pub category: Category,
    pub level: ActivityLevel,
    pub unit_id: UnitId,
    pub organisation: String,
    pub organiser_id: UserId,
    pub place_id: NodeId,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub location: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub capacity: i32,
    pub hours: i32,
    pub state: ActivityState,
    pub secret: String,
    pub reviewed_by: Option<UserId>,
    pub reviewed_at: Option<NaiveDateTime>,
    /// The codes of the standard's points found met, comma-separated.
    pub review_met: String,
    pub review_note: String,
    pub cancel_reason: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activity_signups)]
pub struct SignupRow {
    pub id: SignupId,
    pub activity_id: ActivityId,
    pub student_id: UserId,
    pub state: SignupState,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activity_attendance)]
pub struct AttendanceRow {
    pub id: AttendanceId,
    pub activity_id: ActivityId,
    pub student_id: UserId,
    pub presence: Presence,
    pub at: NaiveDateTime,
    pub by_id: Option<UserId>,
    pub reason: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = transcript_issues)]
pub struct IssueRow {
    pub code: String,
    pub student_id: UserId,
    pub name: String,
    pub student_no: Option<String>,
    /// `moral:4,intellectual:0,…`
    pub totals: String,
    pub hours: i32,
    /// The `TranscriptView` as issued, JSON.
    pub transcript: String,
    pub issued_at: NaiveDateTime,
}
