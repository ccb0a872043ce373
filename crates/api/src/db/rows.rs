//! Rows as stored, apart from the wire types in the domain crate.

use super::schema::*;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

/// Times are stored as naive UTC, the one timestamp type both backends share.
pub fn to_db(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub fn from_db(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: String,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub unit_id: Option<String>,
    pub active: bool,
    pub tokens_valid_after: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub student_no: Option<String>,
    pub gender: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = user_roles)]
pub struct UserRoleRow {
    pub user_id: String,
    pub role: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub id: String,
    pub family_id: String,
    pub user_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = login_throttle)]
pub struct ThrottleRow {
    /// `user:<name>` or `addr:<ip>`.
    pub subject: String,
    pub failures: i32,
    pub window_started_at: NaiveDateTime,
    #[diesel(treat_none_as_null = true)]
    pub locked_until: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_nodes)]
pub struct NodeRow {
    pub id: String,
    pub parent_id: Option<String>,
    pub level: i32,
    pub name: String,
    pub code: Option<String>,
    pub floor: Option<i32>,
    pub capacity: Option<i32>,
    pub gender: Option<String>,
    pub college_id: Option<String>,
    pub community_id: String,
    pub zone_id: Option<String>,
    pub building_id: Option<String>,
    pub archived_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_posts)]
pub struct PostRow {
    pub id: String,
    pub node_id: String,
    pub user_id: String,
    pub post_type: String,
    pub level: i32,
    pub community_id: String,
    pub zone_id: Option<String>,
    pub building_id: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = residencies)]
pub struct ResidencyRow {
    pub id: String,
    pub student_id: String,
    pub room_id: String,
    pub bed: i32,
    pub community_id: String,
    pub zone_id: String,
    pub building_id: String,
    pub checked_in_at: NaiveDateTime,
    pub checked_out_at: Option<NaiveDateTime>,
    pub checked_in_by: Option<String>,
    pub checked_out_by: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_duties)]
pub struct DutyRow {
    pub id: String,
    pub level: i32,
    pub post_type: String,
    pub title: String,
    pub description: String,
    pub position: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_meetings)]
pub struct MeetingRow {
    pub id: String,
    pub node_id: String,
    pub held_on: NaiveDate,
    pub title: String,
    pub attendees: String,
    pub minutes: String,
    pub decisions: String,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = service_requests, treat_none_as_null = true)]
pub struct RequestRow {
    pub id: String,
    pub kind: String,
    pub state: String,
    pub version: i32,
    pub priority: Option<String>,
    pub summary: String,
    pub form: String,
    pub student_id: String,
    pub place_id: String,
    pub community_id: String,
    pub zone_id: Option<String>,
    pub building_id: Option<String>,
    pub unit_id: Option<String>,
    pub assignee_id: Option<String>,
    pub resume_state: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub first_response_due: NaiveDateTime,
    pub resolution_due: NaiveDateTime,
    pub first_responded_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub paused_since: Option<NaiveDateTime>,
    pub paused_seconds: i64,
    pub overdue: bool,
    pub escalations: i32,
    pub pickup_code: Option<String>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_events)]
pub struct EventRow {
    pub id: String,
    pub request_id: String,
    pub at: NaiveDateTime,
    pub kind: String,
    pub actor_id: Option<String>,
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub note: Option<String>,
    pub data: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_attachments)]
pub struct AttachmentRow {
    pub id: String,
    pub request_id: String,
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub filename: String,
    pub uploaded_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sla_rules)]
pub struct SlaRow {
    pub kind: String,
    pub priority: String,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub user_id: String,
    pub key: String,
    pub request_hash: String,
    pub response_status: i32,
    pub response_body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    pub id: String,
    pub doc_number: String,
    pub title_zh: String,
    pub title_en: String,
    pub approved_on: Option<NaiveDate>,
    pub issued_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_sections)]
pub struct SectionRow {
    pub id: String,
    pub plan_id: String,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_tasks)]
pub struct TaskRow {
    pub id: String,
    pub plan_id: String,
    pub section_id: String,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = task_parts)]
pub struct PartRow {
    pub id: String,
    pub task_id: String,
    pub position: i32,
    pub summary_zh: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = task_assignments)]
pub struct AssignmentRow {
    pub id: String,
    pub plan_id: String,
    pub task_id: String,
    pub part_id: String,
    pub unit_id: String,
    pub role: String,
    pub responsible_id: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = assignment_milestones)]
pub struct MilestoneRow {
    pub id: String,
    pub assignment_id: String,
    pub title: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub overdue_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = progress_reports)]
pub struct ReportRow {
    pub id: String,
    pub assignment_id: String,
    pub plan_id: String,
    pub unit_id: String,
    pub period: String,
    pub status: String,
    pub percent: i32,
    pub body: String,
    pub review_state: String,
    pub filed_by: String,
    pub filed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_reviews)]
pub struct ReviewRow {
    pub id: String,
    pub report_id: String,
    pub reviewer_id: String,
    pub verdict: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_evidence)]
pub struct EvidenceRow {
    pub id: String,
    pub report_id: String,
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub filename: String,
    pub uploaded_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reform_events)]
pub struct ReformEventRow {
    pub id: String,
    pub plan_id: String,
    pub assignment_id: String,
    pub unit_id: String,
    pub actor_id: Option<String>,
    pub kind: String,
    pub period: Option<String>,
    pub milestone_id: Option<String>,
    pub report_id: Option<String>,
    pub note: Option<String>,
    pub once_key: Option<String>,
    pub at: NaiveDateTime,
}
