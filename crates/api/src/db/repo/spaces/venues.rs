use crate::db::rows::{to_db, SpaceRow};
use crate::db::schema::spaces as s;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::community::spaces::SpaceKind;
use onestop_domain::{NodeId, SpaceId};

pub fn insert(c: &mut DbConn, row: &SpaceRow) -> QueryResult<()> {
    diesel::insert_into(s::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: SpaceId) -> QueryResult<Option<SpaceRow>> {
    s::table
        .find(id)
        .select(SpaceRow::as_select())
        .first(c)
        .optional()
}

pub fn by_ids(c: &mut DbConn, ids: &[SpaceId]) -> QueryResult<Vec<SpaceRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    s::table
        .filter(s::id.eq_any(ids))
        .select(SpaceRow::as_select())
        .load(c)
}

#[derive(Debug, Clone, Default)]
pub struct SpaceFilter {
    pub community: Option<NodeId>,
    pub kind: Option<SpaceKind>,
    /// Closed spaces too.
    pub closed: bool,
}

/// Spaces by community, then name.
pub fn list(c: &mut DbConn, f: &SpaceFilter) -> QueryResult<Vec<SpaceRow>> {
    let mut q = s::table
        .order((s::community_id, s::name, s::id))
        .select(SpaceRow::as_select())
        .into_boxed();
    if let Some(id) = f.community {
        q = q.filter(s::community_id.eq(id));
    }
    if let Some(k) = f.kind {
        q = q.filter(s::kind.eq(k));
    }
    if !f.closed {
        q = q.filter(s::active.eq(true));
    }
    q.load(c)
}

/// Replace the details at the version read; 0 rows: someone else changed it.
pub fn update(
    c: &mut DbConn,
    row: &SpaceRow,
    version: i32,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(s::table.filter(s::id.eq(row.id).and(s::version.eq(version))))
        .set((
            s::name.eq(&row.name),
            s::kind.eq(row.kind),
            s::capacity.eq(row.capacity),
            s::equipment.eq(&row.equipment),
            s::opens.eq(&row.opens),
            s::closes.eq(&row.closes),
            s::open_to.eq(&row.open_to),
            s::needs_approval.eq(row.needs_approval),
            s::active.eq(row.active),
            s::version.eq(s::version + 1),
            s::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}
