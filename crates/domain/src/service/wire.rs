//! Service-hall request and response bodies.

use super::forms::{Form, Kind};
use super::lifecycle::{Action, State};
use super::sla::Priority;
use crate::grid::wire::PersonRef;
use crate::ids::{NodeId, UserId};
use crate::unit::UnitView;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestView {
    pub id: Uuid,
    pub kind: Kind,
    pub state: State,
    /// Send this back with a transition; a stale one is a 409.
    pub version: i32,
    pub priority: Option<Priority>,
    pub summary: String,
    pub form: Form,
    pub student: PersonRef,
    /// The room or public-area node the request is about.
    pub place_id: NodeId,
    pub place_name: String,
    pub building_id: Option<NodeId>,
    pub unit: Option<UnitView>,
    pub assignee: Option<PersonRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_due: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub first_responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// A deadline has passed while the request was open.
    pub overdue: bool,
    /// How many grid levels it has been escalated.
    pub escalations: i32,
    /// For stamp requests, once resolved.
    pub pickup_code: Option<String>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    /// On a single request (not in lists): what the caller may do to it now.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// `POST /api/v1/requests/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub action: Action,
    /// The version the actor last saw.
    pub version: i32,
    /// At most 2,000 characters; required for `ask` and `answer`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
    /// `triage`: the priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// `triage`: the handling unit's code (e.g. `logistics`) or id.
    #[serde(default)]
    pub unit: Option<String>,
    /// `assign`: who does the work.
    #[serde(default)]
    pub assignee: Option<UserId>,
    /// `reject`: why, for the student (at most 2,000 characters).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub reason: Option<String>,
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created = "created",
    Transition = "transition",
    Comment = "comment",
    Attachment = "attachment",
    Overdue = "overdue",
    Escalated = "escalated",
    Rated = "rated",
}
}

/// One entry of a request's timeline. Entries are only ever added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    /// `None` for the system (deadline watch).
    pub actor: Option<PersonRef>,
    pub action: Option<Action>,
    pub from_state: Option<State>,
    pub to_state: Option<State>,
    pub note: Option<String>,
    /// Details: the priority and unit of a triage, the assignee, the attachment, whom it was escalated to.
    pub data: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = r"\S"))]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RateRequest {
    /// 1 (bad) to 5 (excellent); 1 and 2 reopen the request for review.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: i32,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
}

/// Counts per state for the same filters as the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateCount {
    pub state: State,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentView {
    pub id: Uuid,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: PersonRef,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaRuleUpdate {
    /// Minutes; not more than `resolution_minutes` (else 422).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 525600))]
    pub first_response_minutes: i64,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 525600))]
    pub resolution_minutes: i64,
}
