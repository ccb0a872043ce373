use crate::db::rows::{to_db, NodeRow};
use crate::db::schema::{grid_nodes as n, residencies};
use crate::db::DbConn;
use crate::in_scope;
use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use onestop_domain::grid::node::NodeFields;
use onestop_domain::grid::scope::Place;
use onestop_domain::grid::wire::NodeView;
use onestop_domain::grid::{Gender, Level, Scope};
use onestop_domain::{NodeId, UnitId};
use std::collections::HashMap;

pub fn place_of(row: &NodeRow) -> Place {
    Place {
        community: row.community_id,
        zone: row.zone_id,
        building: row.building_id,
        room: (row.level == Level::Room).then_some(row.id),
    }
}

pub fn view(row: &NodeRow, occupied: Option<i32>) -> NodeView {
    let level = row.level;
    NodeView {
        id: row.id,
        parent_id: row.parent_id,
        level,
        name: row.name.clone(),
        code: row.code.clone(),
        floor: row.floor,
        capacity: row.capacity,
        gender: row.gender,
        college_id: row.college_id,
        community_id: row.community_id,
        zone_id: row.zone_id,
        building_id: row.building_id,
        occupied: (level == Level::Room).then(|| occupied.unwrap_or(0)),
        archived: row.archived_at.is_some(),
    }
}

/// Views of rows, with room occupancy from one grouped query.
pub fn views(conn: &mut DbConn, rows: &[NodeRow]) -> QueryResult<Vec<NodeView>> {
    let rooms: Vec<NodeId> = rows
        .iter()
        .filter(|r| r.level == Level::Room)
        .map(|r| r.id)
        .collect();
    let occ = occupancy(conn, &rooms)?;
    Ok(rows
        .iter()
        .map(|r| view(r, occ.get(&r.id).copied()))
        .collect())
}

pub fn occupancy(conn: &mut DbConn, room_ids: &[NodeId]) -> QueryResult<HashMap<NodeId, i32>> {
    if room_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let counts: Vec<(NodeId, i64)> = residencies::table
        .filter(residencies::room_id.eq_any(room_ids))
        .filter(residencies::checked_out_at.is_null())
        .group_by(residencies::room_id)
        .select((residencies::room_id, count_star()))
        .load(conn)?;
    Ok(counts
        .into_iter()
        .map(|(id, c)| (id, i32::try_from(c).unwrap_or(i32::MAX)))
        .collect())
}

/// Names of nodes, one query for a page of rows.
pub fn names(
    conn: &mut DbConn,
    ids: impl IntoIterator<Item = NodeId>,
) -> QueryResult<HashMap<NodeId, String>> {
    let ids: Vec<NodeId> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    n::table
        .filter(n::id.eq_any(ids))
        .select((n::id, n::name))
        .load::<(NodeId, String)>(conn)
        .map(|rows| rows.into_iter().collect())
}

/// Level and name of nodes, one query for a page of rows.
pub fn refs(
    conn: &mut DbConn,
    ids: impl IntoIterator<Item = NodeId>,
) -> QueryResult<HashMap<NodeId, (Level, String)>> {
    let mut ids: Vec<NodeId> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    n::table
        .filter(n::id.eq_any(ids))
        .select((n::id, n::level, n::name))
        .load::<(NodeId, Level, String)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, l, name)| (id, (l, name)))
                .collect()
        })
}

/// Every community in use, by name. Names only leave through this: no scope applies.
pub fn communities(conn: &mut DbConn) -> QueryResult<Vec<NodeRow>> {
    n::table
        .filter(n::level.eq(Level::Community))
        .filter(n::archived_at.is_null())
        .select(NodeRow::as_select())
        .order((n::name, n::id))
        .load(conn)
}

/// Every building in use, by name. Names only leave through this: no scope applies.
pub fn all_buildings(conn: &mut DbConn) -> QueryResult<Vec<NodeRow>> {
    n::table
        .filter(n::level.eq(Level::Building))
        .filter(n::archived_at.is_null())
        .select(NodeRow::as_select())
        .order((n::name, n::id))
        .load(conn)
}

/// The buildings a scope covers, by name.
pub fn buildings_in_scope(conn: &mut DbConn, scope: &Scope) -> QueryResult<Vec<NodeRow>> {
    let q = n::table
        .filter(n::level.eq(Level::Building))
        .filter(n::archived_at.is_null())
        .select(NodeRow::as_select())
        .order((n::name, n::id))
        .into_boxed();
    in_scope!(q, scope, n, n::id).load(conn)
}

/// Any node, whatever the caller's scope: for internal rules only.
pub fn find(conn: &mut DbConn, id: NodeId) -> QueryResult<Option<NodeRow>> {
    n::table
        .find(id)
        .select(NodeRow::as_select())
        .first(conn)
        .optional()
}

/// A node the scope covers; `None` both when it does not exist and when it is out of scope.
pub fn find_in_scope(conn: &mut DbConn, id: NodeId, scope: &Scope) -> QueryResult<Option<NodeRow>> {
    let q = n::table
        .filter(n::id.eq(id))
        .select(NodeRow::as_select())
        .into_boxed();
    in_scope!(q, scope, n, n::id).first(conn).optional()
}

/// The node's ancestors, the community first: one query on the ancestor ids it carries.
pub fn ancestors(conn: &mut DbConn, row: &NodeRow) -> QueryResult<Vec<NodeRow>> {
    let ids: Vec<NodeId> = [Some(row.community_id), row.zone_id, row.building_id]
        .into_iter()
        .flatten()
        .filter(|id| *id != row.id)
        .collect();
    let mut rows: Vec<NodeRow> = n::table
        .filter(n::id.eq_any(ids))
        .select(NodeRow::as_select())
        .load(conn)?;
    rows.sort_by_key(|r| r.level);
    Ok(rows)
}

#[derive(Debug, Default)]
pub struct NodeFilter {
    pub parent: Option<NodeId>,
    pub level: Option<Level>,
    pub q: Option<String>,
    pub include_archived: bool,
    /// Keyset: (name, id) of the last row served.
    pub after: Option<(String, String)>,
}

pub fn list(
    conn: &mut DbConn,
    scope: &Scope,
    f: &NodeFilter,
    limit: u32,
) -> QueryResult<(Vec<NodeRow>, bool)> {
    let mut q = n::table.select(NodeRow::as_select()).into_boxed();
    if let Some(p) = &f.parent {
        q = q.filter(n::parent_id.eq(*p));
    }
    if let Some(l) = f.level {
        q = q.filter(n::level.eq(l));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", super::super::users::escape_like(text));
        q = q.filter(
            n::name
                .like(pattern.clone())
                .escape('\\')
                .or(n::code.like(pattern).escape('\\')),
        );
    }
    if !f.include_archived {
        q = q.filter(n::archived_at.is_null());
    }
    if let Some((name, id)) = &f.after {
        q = q.filter(n::name.gt(name).or(n::name.eq(name).and(n::id.gt(id))));
    }
    let q = in_scope!(q, scope, n, n::id);
    let mut rows = q
        .order((n::name, n::id))
        .limit(i64::from(limit) + 1)
        .load(conn)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// The root and everything under it, down to `max_level`: one query on the
/// ancestor column of the root's level, served by its index.
pub fn subtree(
    conn: &mut DbConn,
    root: &NodeRow,
    max_level: Level,
    include_archived: bool,
) -> QueryResult<Vec<NodeRow>> {
    let mut q = n::table
        .select(NodeRow::as_select())
        .filter(n::level.le(max_level))
        .into_boxed();
    q = match root.level {
        Level::Community => q.filter(n::community_id.eq(root.id)),
        Level::CollegeZone => q.filter(n::zone_id.eq(root.id)),
        Level::Building => q.filter(n::building_id.eq(root.id)),
        Level::Room => q.filter(n::id.eq(root.id)),
    };
    if !include_archived {
        q = q.filter(n::archived_at.is_null());
    }
    q.order((n::level, n::name, n::id)).load(conn)
}

/// Insert a node under `parent` (validated against the level by the caller).
pub fn insert(
    conn: &mut DbConn,
    level: Level,
    parent: Option<&NodeRow>,
    fields: &NodeFields,
    college_id: Option<UnitId>,
    now: DateTime<Utc>,
) -> QueryResult<NodeRow> {
    let id = NodeId::new();
    let (community_id, zone_id, building_id) = match (level, parent) {
        (Level::Community, _) | (_, None) => (id, None, None),
        (Level::CollegeZone, Some(p)) => (p.community_id, Some(id), None),
        (Level::Building, Some(p)) => (p.community_id, p.zone_id, Some(id)),
        (Level::Room, Some(p)) => (p.community_id, p.zone_id, p.building_id),
    };
    let row = NodeRow {
        id,
        parent_id: parent.map(|p| p.id),
        level,
        name: fields.name.clone(),
        code: fields.code.clone(),
        floor: fields.floor,
        capacity: fields.capacity,
        gender: fields.gender,
        college_id,
        community_id,
        zone_id,
        building_id,
        archived_at: None,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    diesel::insert_into(n::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn update_fields(
    conn: &mut DbConn,
    id: NodeId,
    fields: &NodeFields,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(n::table.find(id))
        .set((
            n::name.eq(&fields.name),
            n::code.eq(&fields.code),
            n::floor.eq(fields.floor),
            n::capacity.eq(fields.capacity),
            n::gender.eq(fields.gender),
            n::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Lock one node's row until the transaction ends: a room's capacity, gender
/// and archived mark stay as read while a check-in or an edit decides on them.
pub fn lock(conn: &mut DbConn, id: NodeId) -> QueryResult<()> {
    crate::lock_rows!(conn, n::table.filter(n::id.eq(id)), n::id)
}

/// Lock a node and everything under it (archiving decides on all its rooms).
pub fn lock_subtree(conn: &mut DbConn, root: &NodeRow) -> QueryResult<()> {
    match root.level {
        Level::Community => {
            crate::lock_rows!(conn, n::table.filter(n::community_id.eq(root.id)), n::id)
        }
        Level::CollegeZone => {
            crate::lock_rows!(conn, n::table.filter(n::zone_id.eq(root.id)), n::id)
        }
        Level::Building => {
            crate::lock_rows!(conn, n::table.filter(n::building_id.eq(root.id)), n::id)
        }
        Level::Room => lock(conn, root.id),
    }
}

/// Students living under the node now.
pub fn current_residents(conn: &mut DbConn, root: &NodeRow) -> QueryResult<i64> {
    let q = residencies::table
        .filter(residencies::checked_out_at.is_null())
        .select(count_star())
        .into_boxed();
    let q = match root.level {
        Level::Community => q.filter(residencies::community_id.eq(root.id)),
        Level::CollegeZone => q.filter(residencies::zone_id.eq(root.id)),
        Level::Building => q.filter(residencies::building_id.eq(root.id)),
        Level::Room => q.filter(residencies::room_id.eq(root.id)),
    };
    q.first(conn)
}

/// The genders on record of the students living in a room now.
pub fn resident_genders(conn: &mut DbConn, room_id: NodeId) -> QueryResult<Vec<Option<Gender>>> {
    use crate::db::schema::users;
    residencies::table
        .inner_join(users::table)
        .filter(residencies::room_id.eq(room_id))
        .filter(residencies::checked_out_at.is_null())
        .select(users::gender)
        .load(conn)
}

/// The highest bed number taken in a room now: a room cannot shrink below it,
/// even when fewer students than beds live there.
pub fn highest_taken_bed(conn: &mut DbConn, room_id: NodeId) -> QueryResult<Option<i32>> {
    residencies::table
        .filter(residencies::room_id.eq(room_id))
        .filter(residencies::checked_out_at.is_null())
        .select(diesel::dsl::max(residencies::bed))
        .first(conn)
}

/// Archive the node and its whole subtree (or restore them).
pub fn set_archived(
    conn: &mut DbConn,
    root: &NodeRow,
    archived: bool,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let value = archived.then(|| to_db(now));
    let col_match = match root.level {
        Level::Community => diesel::update(n::table.filter(n::community_id.eq(root.id)))
            .set((n::archived_at.eq(value), n::updated_at.eq(to_db(now))))
            .execute(conn)?,
        Level::CollegeZone => diesel::update(n::table.filter(n::zone_id.eq(root.id)))
            .set((n::archived_at.eq(value), n::updated_at.eq(to_db(now))))
            .execute(conn)?,
        Level::Building => diesel::update(n::table.filter(n::building_id.eq(root.id)))
            .set((n::archived_at.eq(value), n::updated_at.eq(to_db(now))))
            .execute(conn)?,
        Level::Room => diesel::update(n::table.find(root.id))
            .set((n::archived_at.eq(value), n::updated_at.eq(to_db(now))))
            .execute(conn)?,
    };
    Ok(col_match)
}

/// Look a building up by its code, a room by building code and number.
pub fn building_by_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<NodeRow>> {
    n::table
        .filter(n::level.eq(Level::Building))
        .filter(n::code.eq(code))
        .select(NodeRow::as_select())
        .first(conn)
        .optional()
}

pub fn child_by(
    conn: &mut DbConn,
    parent_id: Option<NodeId>,
    level: Level,
    name_or_code: &str,
) -> QueryResult<Option<NodeRow>> {
    let mut q = n::table
        .filter(n::level.eq(level))
        .filter(n::name.eq(name_or_code).or(n::code.eq(name_or_code)))
        .select(NodeRow::as_select())
        .into_boxed();
    q = match parent_id {
        Some(p) => q.filter(n::parent_id.eq(p)),
        None => q.filter(n::parent_id.is_null()),
    };
    q.first(conn).optional()
}
