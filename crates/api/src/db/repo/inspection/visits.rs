//! Inspections: one visit of an inspector to a room, scored.

use crate::db::rows::InspectionRow;
use crate::db::schema::inspections as s;
use crate::db::DbConn;
use crate::in_scope;
use diesel::prelude::*;
use onestop_domain::grid::Scope;
use onestop_domain::inspection::InspectionKind;
use onestop_domain::{InspectionId, NodeId};

pub fn insert(c: &mut DbConn, row: &InspectionRow) -> QueryResult<()> {
    diesel::insert_into(s::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find_in_scope(
    c: &mut DbConn,
    id: InspectionId,
    scope: &Scope,
) -> QueryResult<Option<InspectionRow>> {
    let q = s::table
        .filter(s::id.eq(id))
        .select(InspectionRow::as_select())
        .into_boxed();
    in_scope!(q, scope, s, s::room_id).first(c).optional()
}

#[derive(Debug, Clone, Default)]
pub struct InspectionFilter {
    pub room: Option<NodeId>,
    pub building: Option<NodeId>,
    pub kind: Option<InspectionKind>,
    pub month: Option<String>,
    pub before: Option<String>,
}

/// Newest first, in scope; one more than `limit` tells that a page follows.
pub fn list(
    c: &mut DbConn,
    scope: &Scope,
    f: &InspectionFilter,
    limit: u32,
) -> QueryResult<Vec<InspectionRow>> {
    let mut q = s::table.select(InspectionRow::as_select()).into_boxed();
    if let Some(r) = f.room {
        q = q.filter(s::room_id.eq(r));
    }
    if let Some(b) = f.building {
        q = q.filter(s::building_id.eq(b));
    }
    if let Some(k) = f.kind {
        q = q.filter(s::kind.eq(k));
    }
    if let Some(m) = &f.month {
        q = q.filter(s::month.eq(m.clone()));
    }
    if let Some(b) = &f.before {
        q = q.filter(s::id.lt(b.clone()));
    }
    in_scope!(q, scope, s, s::room_id)
        .order(s::id.desc())
        .limit(i64::from(limit) + 1)
        .load(c)
}

/// One scored inspection as the month's ranking reads it.
pub type MonthScore = (NodeId, NodeId, Option<NodeId>, NodeId, InspectionKind, i32);

/// A month's scores of the ranked kinds, every room (of one zone): (room,
/// building, zone, community, kind, percent in tenths).
pub fn month_scores(
    c: &mut DbConn,
    month: &str,
    zone: Option<NodeId>,
) -> QueryResult<Vec<MonthScore>> {
    let mut q = s::table
        .filter(s::month.eq(month))
        .filter(s::kind.ne(InspectionKind::Safety))
        .select((
            s::room_id,
            s::building_id,
            s::zone_id,
            s::community_id,
            s::kind,
            s::percent_tenths,
        ))
        .into_boxed();
    if let Some(z) = zone {
        q = q.filter(s::zone_id.eq(z));
    }
    q.load(c)
}
