//! A unit's inbox: which recorded items still want action.

use super::{inbox_kinds, may_not, Caller};
use crate::app::AppResult;
use crate::db::repo::reform::{events, progress};
use crate::db::rows::ReformEventRow;
use crate::db::DbConn;
use diesel::QueryResult;
use onestop_domain::reform::inbox::{still_open, Since};
use onestop_domain::reform::wire::ReformEventView;
use onestop_domain::{AssignmentId, MilestoneId, UnitId};

/// Open items are among the newest; a window of this size keeps the
/// filtering to three queries whatever the history's length.
const OPEN_WINDOW: i64 = 1000;

/// A unit's inbox: its own for staff, any unit's (or their own) for admins.
/// `open` keeps only the items that still want action.
pub fn inbox(
    c: &mut DbConn,
    caller: &Caller,
    asked: Option<UnitId>,
    open: bool,
    limit: i64,
) -> AppResult<Vec<ReformEventView>> {
    let own = caller.unit_id();
    let unit = match (asked, caller.is_admin()) {
        (Some(u), true) => Some(u),
        (None, true) => own,
        (Some(u), false) if own == Some(u) => Some(u),
        (Some(_), false) => return Err(may_not("a unit's inbox is for its own staff")),
        (None, false) => {
            Some(own.ok_or_else(|| may_not("you belong to no unit, so you have no inbox"))?)
        }
    };
    let filter = events::Filter {
        unit_id: unit,
        kinds: inbox_kinds(),
        ..Default::default()
    };
    if !open {
        return Ok(events::list(c, &filter, limit)?);
    }
    let recorded = events::rows(c, &filter, OPEN_WINDOW)?;
    let items = open_items(c, recorded, limit)?;
    Ok(events::views(c, items)?)
}

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
