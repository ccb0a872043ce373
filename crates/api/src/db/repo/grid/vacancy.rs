//! Rooms with free beds, for the check-in and room-change forms.

use super::residency;
use crate::db::repo::users;
use crate::db::rows::NodeRow;
use crate::db::schema::{grid_nodes as n, residencies};
use crate::db::DbConn;
use crate::in_scope;
use diesel::prelude::*;
use onestop_domain::grid::residency::{free_beds, RoomChoice};
use onestop_domain::grid::wire::VacantRoom;
use onestop_domain::grid::{Level, Scope};
use onestop_domain::{NodeId, UnitId, UserId};
use std::collections::HashMap;

/// Whose rooms: a student's choice (their college and gender) or a staff scope.
pub enum Among<'a> {
    Student(&'a RoomChoice),
    Staff(&'a Scope),
}

/// The zones of a college, for [`RoomChoice::zones`].
pub fn zones_of_college(conn: &mut DbConn, college: UnitId) -> QueryResult<Vec<NodeId>> {
    n::table
        .filter(n::level.eq(Level::CollegeZone))
        .filter(n::college_id.eq(college))
        .filter(n::archived_at.is_null())
        .select(n::id)
        .load(conn)
}

/// What a student may choose among: their college's zones, their gender, not
/// their own room. None when there is no such account.
pub fn choice_for(conn: &mut DbConn, student_id: UserId) -> QueryResult<Option<RoomChoice>> {
    let Some(account) = users::find(conn, student_id)? else {
        return Ok(None);
    };
    let zones = match account.row.unit_id {
        Some(college) => zones_of_college(conn, college)?,
        None => Vec::new(),
    };
    Ok(Some(RoomChoice {
        zones,
        gender: account.row.gender,
        current_room: residency::current_of_student(conn, student_id)?.map(|r| r.room_id),
    }))
}

/// Rooms with at least one free bed, by building, floor and number.
pub fn vacant_rooms(
    conn: &mut DbConn,
    among: Among<'_>,
    building: Option<NodeId>,
) -> QueryResult<Vec<VacantRoom>> {
    let mut q = n::table
        .select(NodeRow::as_select())
        .filter(n::level.eq(Level::Room))
        .filter(n::archived_at.is_null())
        .into_boxed();
    if let Some(b) = building {
        q = q.filter(n::building_id.eq(b));
    }
    let rooms: Vec<NodeRow> = match among {
        Among::Student(choice) => {
            if !choice.zones.is_empty() {
                q = q.filter(n::zone_id.eq_any(choice.zones.clone()));
            }
            q.load(conn)?
                .into_iter()
                .filter(|r| choice.admits(r.id, r.zone_id, r.gender))
                .collect()
        }
        Among::Staff(scope) => in_scope!(q, scope, n, n::id).load(conn)?,
    };
    let ids: Vec<NodeId> = rooms.iter().map(|r| r.id).collect();
    let mut taken: HashMap<NodeId, Vec<i32>> = HashMap::new();
    for (room, bed) in residencies::table
        .filter(residencies::room_id.eq_any(ids))
        .filter(residencies::checked_out_at.is_null())
        .select((residencies::room_id, residencies::bed))
        .load::<(NodeId, i32)>(conn)?
    {
        taken.entry(room).or_default().push(bed);
    }
    let buildings = super::nodes::names(conn, rooms.iter().filter_map(|r| r.building_id))?;
    let mut out: Vec<VacantRoom> = rooms
        .into_iter()
        .filter_map(|r| {
            let capacity = r.capacity.unwrap_or(0);
            let free = free_beds(capacity, taken.get(&r.id).map_or(&[], Vec::as_slice));
            if free.is_empty() {
                return None;
            }
            // A room always sits in a building (the level rules); no building, no offer.
            let building_id = r.building_id?;
            Some(VacantRoom {
                id: r.id,
                building_name: buildings.get(&building_id).cloned().unwrap_or_default(),
                building_id,
                name: r.name,
                floor: r.floor,
                gender: r.gender,
                capacity,
                free_beds: free,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.building_name, a.floor, &a.name).cmp(&(&b.building_name, b.floor, &b.name))
    });
    Ok(out)
}
