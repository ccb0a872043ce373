//! Rows of 思政课堂 sessions and their applications.

use crate::db::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use onestop_domain::community::talks::{ApplicationState, HostRole, TalkKind, TalkState};
use onestop_domain::{
    ApplicationId, BookingId, FollowUpId, NodeId, SpaceId, TalkId, UnitId, UserId,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = talks)]
pub struct TalkRow {
    pub id: TalkId,
    pub kind: TalkKind,
    pub topic: String,
    pub description: String,
    pub host_role: Option<HostRole>,
    pub space_id: SpaceId,
    pub booking_id: BookingId,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub apply_by: NaiveDateTime,
    pub places: i32,
    pub audience_unit_id: Option<UnitId>,
    pub audience_building_id: Option<NodeId>,
    pub state: TalkState,
    /// Kept from creation, shown only once drawn; `seed_sha256` is public from the start.
    pub seed: String,
    pub seed_sha256: String,
    pub drawn_at: Option<NaiveDateTime>,
    pub cancel_reason: Option<String>,
    pub created_by: UserId,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = talk_hosts)]
pub struct TalkHostRow {
    pub talk_id: TalkId,
    pub user_id: UserId,
    pub position: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = talk_applications)]
pub struct ApplicationRow {
    pub id: ApplicationId,
    pub talk_id: TalkId,
    pub student_id: UserId,
    pub question: String,
    pub state: ApplicationState,
    pub rank: Option<i32>,
    pub weight: Option<i32>,
    pub placed_by_draw: Option<bool>,
    /// When it got its place (the draw, or the waiting list moving up).
    pub placed_at: Option<NaiveDateTime>,
    pub attended: Option<bool>,
    pub rating: Option<i32>,
    pub feedback: Option<String>,
    pub follow_up_id: Option<FollowUpId>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
