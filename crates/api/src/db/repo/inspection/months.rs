//! Closed months and the ranking stored with them.

use crate::db::rows::{EvaluationMonthRow, EvaluationResultRow};
use crate::db::schema::{evaluation_months as m, evaluation_results as e};
use crate::db::DbConn;
use crate::in_scope;
use diesel::prelude::*;
use onestop_domain::grid::Scope;
use onestop_domain::NodeId;

pub fn find(c: &mut DbConn, month: &str) -> QueryResult<Option<EvaluationMonthRow>> {
    m::table
        .find(month)
        .select(EvaluationMonthRow::as_select())
        .first(c)
        .optional()
}

/// Close a month with its results; false when it was closed already. The
/// caller holds the write transaction; on PostgreSQL a second server closing
/// the same month at once fails on the primary key and rolls back.
pub fn close(
    c: &mut DbConn,
    month: &EvaluationMonthRow,
    results: &[EvaluationResultRow],
) -> QueryResult<bool> {
    if find(c, &month.month)?.is_some() {
        return Ok(false);
    }
    diesel::insert_into(m::table).values(month).execute(c)?;
    // One row at a time: MultiConnection has no batch insert.
    for row in results {
        diesel::insert_into(e::table).values(row).execute(c)?;
    }
    Ok(true)
}

/// A closed month's results in scope, optionally of one building.
pub fn results(
    c: &mut DbConn,
    month: &str,
    scope: &Scope,
    building: Option<NodeId>,
) -> QueryResult<Vec<EvaluationResultRow>> {
    let mut q = e::table
        .filter(e::month.eq(month))
        .select(EvaluationResultRow::as_select())
        .into_boxed();
    if let Some(b) = building {
        q = q.filter(e::building_id.eq(b));
    }
    in_scope!(q, scope, e, e::room_id).load(c)
}

/// One room's closed months, newest first.
pub fn of_room(c: &mut DbConn, room: NodeId, limit: i64) -> QueryResult<Vec<EvaluationResultRow>> {
    e::table
        .filter(e::room_id.eq(room))
        .select(EvaluationResultRow::as_select())
        .order(e::month.desc())
        .limit(limit)
        .load(c)
}

/// Forget a closed month that holds no results: for the demo seed only,
/// since a server's first job tick may close last month before the demo's
/// inspections of it exist. A month with results is never touched.
pub fn forget_if_empty(c: &mut DbConn, month: &str) -> QueryResult<()> {
    let held: i64 = e::table.filter(e::month.eq(month)).count().get_result(c)?;
    if held == 0 {
        diesel::delete(m::table.filter(m::month.eq(month))).execute(c)?;
    }
    Ok(())
}
