//! A unit's inbox: which recorded items still want action.

use crate::db::repo::reform::progress;
use crate::db::rows::ReformEventRow;
use crate::db::DbConn;
use diesel::QueryResult;
use onestop_domain::reform::inbox::{still_open, Since};
use onestop_domain::{AssignmentId, MilestoneId};

/// The recorded items that still want action (`reform::inbox`), at most `limit`,
/// decided on the stored rows so only those shown are filled in.
pub fn open_items(
    c: &mut DbConn,
    recorded: Vec<ReformEventRow>,
    limit: i64,
) -> QueryResult<Vec<ReformEventRow>> {
    let ids: Vec<AssignmentId> = recorded.iter().map(|e| e.assignment_id).collect();
    let milestone_ids: Vec<MilestoneId> = recorded.iter().filter_map(|e| e.milestone_id).collect();
    let reports = progress::report_periods(c, &ids)?;
    let done = progress::milestones_done(c, &milestone_ids)?;
    let none = Vec::new();
    let open: Vec<bool> = recorded
        .iter()
        .map(|e| {
            let since = Since {
                reports: reports.get(&e.assignment_id).unwrap_or(&none),
                milestone_done: e.milestone_id.and_then(|m| done.get(&m).copied()),
            };
            still_open(e.kind, e.period.as_deref(), e.report_id, &since)
        })
        .collect();
    Ok(recorded
        .into_iter()
        .zip(open)
        .filter_map(|(e, open)| open.then_some(e))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect())
}
