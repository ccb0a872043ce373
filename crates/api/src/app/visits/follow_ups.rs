//! Follow-ups: listed for whoever raised them, the unit that answers and
//! the grid staff of the place; answered once, and the raiser is told.

use super::{views, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::visits::follow_ups::{self as fu, FollowUpFilter};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::follow_ups::{may_answer, FollowUpState};
use onestop_domain::community::wire::{AnswerFollowUpRequest, FollowUpView};
use onestop_domain::grid::local_date;
use onestop_domain::problem::ProblemCode;
use onestop_domain::FollowUpId;

/// A page, newest first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    filter: &FollowUpFilter,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<(Vec<FollowUpView>, bool)> {
    let (rows, more) = fu::list(c, &caller.follow_ups_seen(), filter, limit)?;
    Ok((views::follow_up_views(c, rows, local_date(now))?, more))
}

pub fn get(
    c: &mut DbConn,
    caller: &Caller,
    id: FollowUpId,
    now: DateTime<Utc>,
) -> AppResult<FollowUpView> {
    let row = fu::find_seen(c, id, &caller.follow_ups_seen())?
        .ok_or_else(|| AppError::not_found("this follow-up"))?;
    Ok(views::follow_up_views(c, vec![row], local_date(now))?.remove(0))
}

pub fn answer(
    c: &mut DbConn,
    caller: &Caller,
    id: FollowUpId,
    req: &AnswerFollowUpRequest,
    now: DateTime<Utc>,
) -> AppResult<FollowUpView> {
    req.check()?;
    let row = fu::find_seen(c, id, &caller.follow_ups_seen())?
        .ok_or_else(|| AppError::not_found("this follow-up"))?;
    if !may_answer(&caller.roles, caller.unit_id, row.unit_id) {
        return Err(AppError::Forbidden {
            detail: "the unit it was given to answers it".into(),
        });
    }
    if row.state == FollowUpState::Answered {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyAnswered,
            detail: "this follow-up has its answer already".into(),
        });
    }
    if fu::answer(c, id, req.version, req.answer.trim(), caller.id, now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "it changed since you read it (now version {}); reload and try again",
                row.version
            ),
        });
    }
    let view = get(c, caller, id, now)?;
    super::effects::answered(c, &view, caller.id, now)?;
    Ok(view)
}
