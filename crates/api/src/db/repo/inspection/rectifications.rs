use crate::db::rows::{to_db, RecheckRow, RectificationRow};
use crate::db::schema::{rechecks as k, rectifications as r};
use crate::db::DbConn;
use crate::in_scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use onestop_domain::grid::Scope;
use onestop_domain::inspection::RectificationState;
use onestop_domain::{InspectionId, NodeId, RectificationId};
use std::collections::HashMap;

pub fn insert(c: &mut DbConn, row: &RectificationRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find_in_scope(
    c: &mut DbConn,
    id: RectificationId,
    scope: &Scope,
) -> QueryResult<Option<RectificationRow>> {
    let q = r::table
        .filter(r::id.eq(id))
        .select(RectificationRow::as_select())
        .into_boxed();
    in_scope!(q, scope, r, r::room_id).first(c).optional()
}

pub fn of_inspections(c: &mut DbConn, ids: &[InspectionId]) -> QueryResult<Vec<RectificationRow>> {
    r::table
        .filter(r::inspection_id.eq_any(ids.to_vec()))
        .select(RectificationRow::as_select())
        .order(r::id)
        .load(c)
}

#[derive(Debug, Clone, Default)]
pub struct RectificationFilter {
    pub room: Option<NodeId>,
    pub building: Option<NodeId>,
    pub state: Option<RectificationState>,
    pub before: Option<String>,
}

/// Newest first, in scope; one more than `limit` tells that a page follows.
pub fn list(
    c: &mut DbConn,
    scope: &Scope,
    f: &RectificationFilter,
    limit: u32,
) -> QueryResult<Vec<RectificationRow>> {
    let mut q = r::table.select(RectificationRow::as_select()).into_boxed();
    if let Some(x) = f.room {
        q = q.filter(r::room_id.eq(x));
    }
    if let Some(b) = f.building {
        q = q.filter(r::building_id.eq(b));
    }
    if let Some(s) = f.state {
        q = q.filter(r::state.eq(s));
    }
    if let Some(b) = &f.before {
        q = q.filter(r::id.lt(b.clone()));
    }
    in_scope!(q, scope, r, r::room_id)
        .order(r::id.desc())
        .limit(i64::from(limit) + 1)
        .load(c)
}

/// A room with the building, zone and community it is in.
pub type RoomPlace = (NodeId, NodeId, Option<NodeId>, NodeId);

/// Rooms with a safety problem opened before `end` and not closed by
/// `start` — open at some moment of `[start, end)` — (of one zone): (room,
/// building, zone, community).
pub fn safety_open_during(
    c: &mut DbConn,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Option<NodeId>,
) -> QueryResult<Vec<RoomPlace>> {
    let mut q = r::table
        .filter(r::safety.eq(true))
        .filter(r::opened_at.lt(to_db(end)))
        .filter(r::closed_at.is_null().or(r::closed_at.gt(to_db(start))))
        .select((r::room_id, r::building_id, r::zone_id, r::community_id))
        .distinct()
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(r::zone_id.eq(z));
    }
    q.load(c)
}

pub fn open_in_room(c: &mut DbConn, room: NodeId) -> QueryResult<Vec<RectificationRow>> {
    r::table
        .filter(r::room_id.eq(room))
        .filter(r::state.eq(RectificationState::Open))
        .select(RectificationRow::as_select())
        .order(r::id)
        .load(c)
}

/// A passed re-check closes the item; a failed one moves its due day. One
/// statement each: 0 rows when the version read is stale or the item closed.
pub fn recheck(
    c: &mut DbConn,
    row: &RectificationRow,
    version: i32,
    check: &RecheckRow,
) -> QueryResult<usize> {
    let target = r::table
        .filter(r::id.eq(row.id))
        .filter(r::version.eq(version))
        .filter(r::state.eq(RectificationState::Open));
    let n = if check.passed {
        diesel::update(target)
            .set((
                r::state.eq(RectificationState::Closed),
                r::closed_at.eq(Some(check.at)),
                r::closed_by.eq(Some(check.by_id)),
                r::version.eq(r::version + 1),
            ))
            .execute(c)?
    } else {
        let due: NaiveDate = check.due_on.unwrap_or(row.due_on);
        diesel::update(target)
            .set((r::due_on.eq(due), r::version.eq(r::version + 1)))
            .execute(c)?
    };
    if n == 1 {
        diesel::insert_into(k::table).values(check).execute(c)?;
    }
    Ok(n)
}

pub fn rechecks_of(
    c: &mut DbConn,
    ids: &[RectificationId],
) -> QueryResult<HashMap<RectificationId, Vec<RecheckRow>>> {
    let rows: Vec<RecheckRow> = k::table
        .filter(k::rectification_id.eq_any(ids.to_vec()))
        .select(RecheckRow::as_select())
        .order((k::at, k::id))
        .load(c)?;
    let mut out: HashMap<RectificationId, Vec<RecheckRow>> = HashMap::new();
    for row in rows {
        out.entry(row.rectification_id).or_default().push(row);
    }
    Ok(out)
}
