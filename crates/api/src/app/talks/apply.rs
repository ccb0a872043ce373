//! Students apply with their question, once per session, until the
//! deadline; they withdraw before it starts, and a place given up goes to
//! the next on the waiting list.

use super::{application_views, audience, effects, found, runs};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::is_unique_violation;
use crate::db::repo::talks::{applications, sessions};
use crate::db::rows::{from_db, to_db, ApplicationRow, SpaceRow, TalkRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::talks::wire::{ApplicationView, ApplyRequest, WithdrawRequest};
use onestop_domain::community::talks::{
    open_to, withdraw as withdrawn, ApplicationState, TalkState,
};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{ApplicationId, Role, TalkId};

pub fn apply(
    c: &mut DbConn,
    caller: &Caller,
    id: TalkId,
    req: &ApplyRequest,
    now: DateTime<Utc>,
) -> AppResult<ApplicationView> {
    if !caller.roles.contains(Role::Student) {
        return Err(AppError::Forbidden {
            detail: "students apply for places; staff host sessions".into(),
        });
    }
    req.check()?;
    let (row, _) = found(c, caller, id)?;
    let a = audience(c, caller)?.unwrap_or_default();
    if !open_to(
        row.audience_unit_id,
        row.audience_building_id,
        a.unit,
        a.building,
    ) {
        return Err(AppError::Forbidden {
            detail: "this session is open to another college's or building's students".into(),
        });
    }
    // The draw locks the same row: an application is either in it or refused.
    sessions::lock(c, id)?;
    let row = sessions::find_seen(c, id, &crate::db::repo::talks::sessions::Seen::All)?
        .ok_or_else(|| AppError::not_found("this session"))?;
    if row.state != TalkState::Open || now >= from_db(row.apply_by) {
        return Err(AppError::Conflict {
            code: ProblemCode::ApplicationsClosed,
            detail: "applications for this session have closed".into(),
        });
    }
    let app = ApplicationRow {
        id: ApplicationId::new(),
        talk_id: id,
        student_id: caller.id,
        question: req.question.trim().to_owned(),
        state: ApplicationState::Applied,
        rank: None,
        weight: None,
        placed_by_draw: None,
        placed_at: None,
        attended: None,
        rating: None,
        feedback: None,
        follow_up_id: None,
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    if let Err(e) = applications::insert(c, &app) {
        return Err(if is_unique_violation(&e) {
            AppError::Conflict {
                code: ProblemCode::AlreadyApplied,
                detail: "you have applied for this session already; one application each".into(),
            }
        } else {
            e.into()
        });
    }
    Ok(application_views(c, vec![app], now)?.remove(0))
}

/// The applications of a session: all of them for whoever runs it, the
/// caller's own for anyone else.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    id: TalkId,
    now: DateTime<Utc>,
) -> AppResult<Vec<ApplicationView>> {
    let (row, space) = found(c, caller, id)?;
    let all = applications::of_talk(c, id)?;
    let rows = if runs(c, caller, &row, &space)? {
        all
    } else {
        all.into_iter()
            .filter(|a| a.student_id == caller.id)
            .collect()
    };
    application_views(c, rows, now)
}

/// The student's own application in this session.
pub(super) fn own(
    c: &mut DbConn,
    caller: &Caller,
    talk: TalkId,
    id: ApplicationId,
) -> AppResult<ApplicationRow> {
    applications::find(c, id)?
        .filter(|a| a.talk_id == talk && a.student_id == caller.id)
        .ok_or_else(|| AppError::not_found("this application"))
}

/// Give the next on the waiting list the place that freed, if the session
/// has not begun.
fn move_up(
    c: &mut DbConn,
    caller: &Caller,
    row: &TalkRow,
    space: &SpaceRow,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if row.state != TalkState::Drawn || now >= from_db(row.starts_at) {
        return Ok(());
    }
    if let Some(next) = applications::next_waiting(c, row.id)? {
        applications::set_state(
            c,
            next.id,
            next.version,
            ApplicationState::Waiting,
            ApplicationState::Placed,
            now,
        )?;
        let left = applications::of_talk(c, row.id)?
            .iter()
            .filter(|a| a.state != ApplicationState::Withdrawn)
            .count();
        effects::promoted(c, row, space, left, next.student_id, caller.id, now)?;
    }
    Ok(())
}

pub fn withdraw(
    c: &mut DbConn,
    caller: &Caller,
    talk: TalkId,
    id: ApplicationId,
    req: &WithdrawRequest,
    now: DateTime<Utc>,
) -> AppResult<ApplicationView> {
    let (row, space) = found(c, caller, talk)?;
    sessions::lock(c, talk)?;
    let app = own(c, caller, talk, id)?;
    let next =
        withdrawn(app.state, from_db(row.starts_at), now).map_err(|_| AppError::Conflict {
            code: ProblemCode::NotWithdrawable,
            detail: "withdrawn already, or the session has begun".into(),
        })?;
    if row.state == TalkState::Cancelled {
        return Err(AppError::Conflict {
            code: ProblemCode::NotWithdrawable,
            detail: "this session is cancelled: there is nothing to withdraw from".into(),
        });
    }
    if applications::set_state(c, id, req.version, app.state, next, now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "your application changed since you read it (now version {}); reload and try again",
                app.version
            ),
        });
    }
    if app.state == ApplicationState::Placed {
        move_up(c, caller, &row, &space, now)?;
    }
    let app = own(c, caller, talk, id)?;
    Ok(application_views(c, vec![app], now)?.remove(0))
}
