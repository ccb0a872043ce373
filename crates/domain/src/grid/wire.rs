//! Grid request and response bodies.

use super::node::{Gender, Level};
use super::post::PostType;
use crate::dates::Day;
use crate::ids::{DutyId, MeetingId, NodeId, PostId, ResidencyId, UnitId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NodeView {
    pub id: NodeId,
    pub parent_id: Option<NodeId>,
    pub level: Level,
    pub name: String,
    /// Building code or room number.
    pub code: Option<String>,
    pub floor: Option<i32>,
    /// Beds, for rooms.
    pub capacity: Option<i32>,
    pub gender: Option<Gender>,
    /// The college whose zone this is (zones only).
    pub college_id: Option<UnitId>,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    /// Beds taken now, for rooms.
    pub occupied: Option<i32>,
    pub archived: bool,
}

/// A node with its ancestors, the community first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NodeDetail {
    pub node: NodeView,
    pub ancestors: Vec<NodeView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateNodeRequest {
    /// Required for every level but a community.
    #[serde(default)]
    pub parent_id: Option<NodeId>,
    pub level: Level,
    /// Required but for rooms, which default to their number.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 64, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")
    )]
    pub name: Option<String>,
    /// A building's code or a room's number (required for both); empty is none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^([A-Za-z0-9-]{1,16})?$"))]
    pub code: Option<String>,
    /// Rooms only.
    #[serde(default)]
    pub floor: Option<i32>,
    /// Beds; rooms only.
    #[serde(default)]
    pub capacity: Option<i32>,
    /// Required for rooms.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// College code or id, for college zones (required there, ignored elsewhere).
    #[serde(default)]
    pub college: Option<String>,
}

/// Only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateNodeRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9-]{1,16}$"))]
    pub code: Option<String>,
    /// Rooms only (422 for another node).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = -5, maximum = 100))]
    pub floor: Option<i32>,
    /// Rooms only (422 for another node).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub capacity: Option<i32>,
    #[serde(default)]
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveNodeRequest {
    pub parent_id: NodeId,
}

/// A person as other people see them on the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: UserId,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostView {
    pub id: PostId,
    pub node_id: NodeId,
    pub node_name: String,
    pub level: Level,
    pub post_type: PostType,
    pub holder: PersonRef,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// The term covers today.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppointRequest {
    pub node_id: NodeId,
    pub user_id: UserId,
    pub post_type: PostType,
    /// Defaults to today.
    #[serde(default)]
    pub starts_on: Option<Day>,
    #[serde(default)]
    pub ends_on: Option<Day>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EndPostRequest {
    /// The last day of the term; defaults to today.
    #[serde(default)]
    pub ends_on: Option<Day>,
}

/// The active post holders of one node on the way from a room to its community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponsibleLevel {
    pub node: NodeView,
    pub holders: Vec<PostView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidencyView {
    pub id: ResidencyId,
    pub student: PersonRef,
    pub student_no: Option<String>,
    pub room_id: NodeId,
    pub room_name: String,
    pub building_id: NodeId,
    pub bed: i32,
    pub checked_in_at: DateTime<Utc>,
    pub checked_out_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckInRequest {
    pub student_id: UserId,
    pub room_id: NodeId,
    pub bed: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckOutRequest {
    pub student_id: UserId,
}

/// A student's own view of where they live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyResidence {
    pub room: NodeView,
    pub bed: i32,
    /// Building, zone and community, the community first.
    pub ancestors: Vec<NodeView>,
    pub roommates: Vec<Roommate>,
    /// Who to turn to, from the room up to the community.
    pub contacts: Vec<ResponsibleLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roommate {
    pub display_name: String,
    pub bed: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DutyView {
    pub id: DutyId,
    pub level: Level,
    pub post_type: PostType,
    pub title: String,
    pub description: String,
    pub position: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DutyInput {
    pub post_type: PostType,
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub description: String,
}

/// Replace a level's whole service item list (网格服务管理事项清单), in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplaceDutiesRequest {
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub items: Vec<DutyInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingView {
    pub id: MeetingId,
    pub node_id: NodeId,
    pub held_on: NaiveDate,
    pub title: String,
    pub attendees: Vec<String>,
    pub minutes: String,
    pub decisions: Vec<String>,
    pub recorded_by: PersonRef,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateMeetingRequest {
    pub held_on: Day,
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub title: String,
    /// Names of those present: at least one, at most 200.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub attendees: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub minutes: String,
    #[serde(default)]
    /// At most 100.
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub decisions: Vec<String>,
}

/// The outcome of a CSV import: on any bad row nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Data rows read (the header not counted).
    pub rows: usize,
    pub applied: bool,
    pub created: usize,
    pub updated: usize,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// Line in the file, counting the header as line 1.
    pub line: usize,
    pub column: Option<String>,
    pub message: String,
}

/// A room with free beds: what the check-in and room-change forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VacantRoom {
    pub id: NodeId,
    /// The room number.
    pub name: String,
    pub floor: Option<i32>,
    pub building_id: NodeId,
    pub building_name: String,
    pub gender: Option<Gender>,
    pub capacity: i32,
    /// Bed numbers nobody sleeps in now, in order.
    pub free_beds: Vec<i32>,
}

/// A building by name, for filters and pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuildingRef {
    pub id: NodeId,
    pub name: String,
    pub code: Option<String>,
    pub community_id: NodeId,
}
