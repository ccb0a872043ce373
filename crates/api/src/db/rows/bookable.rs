//! Rows of community spaces and their bookings.

use crate::db::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use onestop_domain::community::spaces::{BookingState, SpaceKind};
use onestop_domain::{BookingId, NodeId, SpaceId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = spaces)]
pub struct SpaceRow {
    pub id: SpaceId,
    pub name: String,
    pub kind: SpaceKind,
    /// The community or building it is in.
    pub place_id: NodeId,
    pub community_id: NodeId,
    pub zone_id: Option<NodeId>,
    pub building_id: Option<NodeId>,
    pub capacity: i32,
    pub equipment: String,
    /// `HH:MM`, campus time.
    pub opens: String,
    pub closes: String,
    /// Who may book it, as a JSON list of `Booker`.
    pub open_to: String,
    pub needs_approval: bool,
    pub active: bool,
    pub version: i32,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = bookings)]
pub struct BookingRow {
    pub id: BookingId,
    pub space_id: SpaceId,
    pub booked_by: UserId,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub purpose: String,
    pub attendees: i32,
    pub state: BookingState,
    pub note: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<NaiveDateTime>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}
