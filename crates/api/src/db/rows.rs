//! Rows as stored, apart from the wire types in the domain crate. Ids and
//! enums are typed here: a stored value that does not parse fails the load
//! (see `db/stored.rs`).

mod bookable;
mod classroom;
mod community;
mod events;
mod growth;
mod inspection;
mod party;
pub use bookable::*;
pub use classroom::*;
pub use community::*;
pub use events::*;
pub use growth::*;
pub use inspection::*;
pub use party::*;

use super::schema::*;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::{Gender, Level, PostType};
use onestop_domain::ids::*;
use onestop_domain::reform::progress::{ReportStatus, ReviewState, Verdict};
use onestop_domain::reform::wire::ReformEventKind;
use onestop_domain::reform::UnitRole;
use onestop_domain::service::wire::EventKind;
use onestop_domain::service::{Action, Kind, Priority, State};
use onestop_domain::unit::UnitKind;
use onestop_domain::Role;

/// Times are stored as naive UTC, the one timestamp type both backends share.
pub fn to_db(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub fn from_db(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// A JSON text column read back: what does not parse fails the load, like a
/// corrupt id, instead of turning into an empty value.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> QueryResult<T> {
    serde_json::from_str(text).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: UnitId,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: UnitKind,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub unit_id: Option<UnitId>,
    pub active: bool,
    pub tokens_valid_after: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub student_no: Option<String>,
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = user_roles)]
pub struct UserRoleRow {
    pub user_id: UserId,
    pub role: Role,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub id: TokenId,
    pub family_id: TokenId,
    pub user_id: UserId,
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
    pub id: NodeId,
    pub parent_id: Option<NodeId>,
    pub level: Level,
    pub name: String,
    pub code: Option<String>,
    pub floor: Option<i32>,
    pub capacity: Option<i32>,
    pub gender: Option<Gender>,
    pub college_id: Option<UnitId>,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub archived_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_posts)]
pub struct PostRow {
    pub id: PostId,
    pub node_id: NodeId,
    pub user_id: UserId,
    pub post_type: PostType,
    pub level: Level,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = residencies)]
pub struct ResidencyRow {
    pub id: ResidencyId,
    pub student_id: UserId,
    pub room_id: NodeId,
    pub bed: i32,
    pub community_id: NodeId,
    pub zone_id: NodeId,
    pub building_id: NodeId,
    pub checked_in_at: NaiveDateTime,
    pub checked_out_at: Option<NaiveDateTime>,
    pub checked_in_by: Option<UserId>,
    pub checked_out_by: Option<UserId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_duties)]
pub struct DutyRow {
    pub id: DutyId,
    pub level: Level,
    pub post_type: PostType,
    pub title: String,
    pub description: String,
    pub position: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grid_meetings)]
pub struct MeetingRow {
    pub id: MeetingId,
    pub node_id: NodeId,
    pub held_on: NaiveDate,
    pub title: String,
    pub attendees: String,
    pub minutes: String,
    pub decisions: String,
    pub recorded_by: UserId,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = service_requests, treat_none_as_null = true)]
pub struct RequestRow {
    pub id: RequestId,
    pub kind: Kind,
    pub state: State,
    pub version: i32,
    pub priority: Option<Priority>,
    pub summary: String,
    pub form: String,
    pub student_id: UserId,
    pub place_id: NodeId,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub unit_id: Option<UnitId>,
    pub assignee_id: Option<UserId>,
    pub resume_state: Option<State>,
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
    pub id: RequestEventId,
    pub request_id: RequestId,
    pub at: NaiveDateTime,
    pub kind: EventKind,
    pub actor_id: Option<UserId>,
    pub action: Option<Action>,
    pub from_state: Option<State>,
    pub to_state: Option<State>,
    pub note: Option<String>,
    pub data: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_attachments)]
pub struct AttachmentRow {
    pub id: AttachmentId,
    pub request_id: RequestId,
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub filename: String,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sla_rules)]
pub struct SlaRow {
    pub kind: Kind,
    pub priority: Priority,
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub user_id: UserId,
    pub key: String,
    pub request_hash: String,
    pub response_status: i32,
    pub response_body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plans)]
pub struct PlanRow {
    pub id: PlanId,
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
    pub id: SectionId,
    pub plan_id: PlanId,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_tasks)]
pub struct TaskRow {
    pub id: TaskId,
    pub plan_id: PlanId,
    pub section_id: SectionId,
    pub no: i32,
    pub title_zh: String,
    pub title_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = task_parts)]
pub struct PartRow {
    pub id: PartId,
    pub task_id: TaskId,
    pub position: i32,
    pub summary_zh: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = task_assignments)]
pub struct AssignmentRow {
    pub id: AssignmentId,
    pub plan_id: PlanId,
    pub task_id: TaskId,
    pub part_id: PartId,
    pub unit_id: UnitId,
    pub role: UnitRole,
    pub responsible_id: Option<UserId>,
    pub due_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = assignment_milestones)]
pub struct MilestoneRow {
    pub id: MilestoneId,
    pub assignment_id: AssignmentId,
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
    pub id: ReportId,
    pub assignment_id: AssignmentId,
    pub plan_id: PlanId,
    pub unit_id: UnitId,
    pub period: String,
    pub status: ReportStatus,
    pub percent: i32,
    pub body: String,
    pub review_state: ReviewState,
    pub filed_by: UserId,
    pub filed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_reviews)]
pub struct ReviewRow {
    pub id: ReviewId,
    pub report_id: ReportId,
    pub reviewer_id: UserId,
    pub verdict: Verdict,
    pub body: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = report_evidence)]
pub struct EvidenceRow {
    pub id: EvidenceId,
    pub report_id: ReportId,
    pub sha256: String,
    pub size: i64,
    pub content_type: String,
    pub filename: String,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reform_events)]
pub struct ReformEventRow {
    pub id: ReformEventId,
    pub plan_id: PlanId,
    pub assignment_id: AssignmentId,
    pub unit_id: UnitId,
    pub actor_id: Option<UserId>,
    pub kind: ReformEventKind,
    pub period: Option<String>,
    pub milestone_id: Option<MilestoneId>,
    pub report_id: Option<ReportId>,
    pub note: Option<String>,
    pub once_key: Option<String>,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = service_accounts)]
pub struct ServiceAccountRow {
    pub id: ServiceAccountId,
    pub user_id: UserId,
    pub name: String,
    pub unit_id: UnitId,
    /// Space-separated scopes (`ClientScope::join`).
    pub scopes: String,
    /// Space-separated address ranges; empty: any.
    pub allowed_addresses: String,
    pub expires_on: Option<NaiveDate>,
    pub active: bool,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub last_used_addr: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = service_account_secrets)]
pub struct ClientSecretRow {
    pub id: ClientSecretId,
    pub account_id: ServiceAccountId,
    pub secret_hash: String,
    pub hint: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}
