//! Rectifications (整改项): the problems inspections found, open until a
//! re-check by someone other than the finder confirms them fixed. A failed
//! re-check keeps the item open with a new due day.

use super::views::rectification_views;
use super::{forbidden, stale, Inspector};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::inspection::rectifications::{self as repo, RectificationFilter};
use crate::db::rows::{to_db, RecheckRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::inspection::wire::{RecheckRequest, RectificationView};
use onestop_domain::inspection::{may_recheck, RectificationState};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{RecheckId, RectificationId};

/// Newest first, in the caller's reach; the bool says whether a page follows.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    filter: RectificationFilter,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<(Vec<RectificationView>, bool)> {
    let today = local_date(now);
    let who = Inspector::of(c, caller, today)?;
    who.require_reach()?;
    let mut rows = repo::list(c, &who.scope, &filter, limit)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rectification_views(c, rows, today)?, more))
}

pub fn recheck(
    c: &mut DbConn,
    caller: &Caller,
    id: RectificationId,
    req: &RecheckRequest,
    now: DateTime<Utc>,
) -> AppResult<RectificationView> {
    let today = local_date(now);
    req.check(today)?;
    let who = Inspector::of(c, caller, today)?;
    let row = repo::find_in_scope(c, id, &who.scope)?
        .ok_or_else(|| AppError::not_found("this rectification"))?;
    if row.state == RectificationState::Closed {
        return Err(closed());
    }
    if !may_recheck(caller.id, row.found_by) {
        return Err(forbidden(
            "a problem is re-checked by someone other than the person who found it",
        ));
    }
    if who.home == Some(row.room_id) {
        return Err(forbidden("nobody re-checks the room they live in"));
    }
    let check = RecheckRow {
        id: RecheckId::new(),
        rectification_id: row.id,
        by_id: caller.id,
        at: to_db(now),
        passed: req.passed,
        note: req.note.trim().to_owned(),
        due_on: if req.passed { None } else { req.due_on },
    };
    if repo::recheck(c, &row, req.version, &check)? == 0 {
        // Closed by someone else since it was read, or changed: say which.
        let now_row = repo::find_in_scope(c, id, &who.scope)?;
        return Err(match now_row {
            Some(r) if r.state == RectificationState::Closed => closed(),
            _ => stale("this rectification"),
        });
    }
    let row = repo::find_in_scope(c, id, &who.scope)?
        .ok_or_else(|| AppError::not_found("this rectification"))?;
    Ok(rectification_views(c, vec![row], today)?.remove(0))
}

fn closed() -> AppError {
    AppError::Conflict {
        code: ProblemCode::RectificationClosed,
        detail: "this problem was re-checked and closed already".into(),
    }
}
