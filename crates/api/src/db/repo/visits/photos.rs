//! The photos of visits; who may see them is the visit's business (its
//! query is run first).

use crate::db::rows::PhotoRow;
use crate::db::schema::{visit_photos as p, visits as v};
use crate::db::DbConn;
use diesel::prelude::*;
use onestop_domain::{PhotoId, VisitId};

pub fn insert(c: &mut DbConn, row: &PhotoRow) -> QueryResult<()> {
    diesel::insert_into(p::table).values(row).execute(c)?;
    Ok(())
}

pub fn count_for(c: &mut DbConn, visit: VisitId) -> QueryResult<i64> {
    p::table.filter(p::visit_id.eq(visit)).count().get_result(c)
}

/// The photos of these visits, in the order they were added.
pub fn of_visits(c: &mut DbConn, ids: &[VisitId]) -> QueryResult<Vec<PhotoRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    p::table
        .filter(p::visit_id.eq_any(ids))
        .order(p::id)
        .select(PhotoRow::as_select())
        .load(c)
}

pub fn find(c: &mut DbConn, visit: VisitId, id: PhotoId) -> QueryResult<Option<PhotoRow>> {
    p::table
        .filter(p::visit_id.eq(visit))
        .filter(p::id.eq(id))
        .select(PhotoRow::as_select())
        .first(c)
        .optional()
}

/// Hold the visit's row: photos added at once count one after another.
pub fn lock_visit(c: &mut DbConn, visit: VisitId) -> QueryResult<()> {
    crate::lock_rows!(c, v::table.filter(v::id.eq(visit)), v::id)
}
