//! After the session begins: the hosts record who came, students who came
//! say how it was, and a question that needs action goes to a unit as a
//! follow-up, whose answer the student sees on their application.

use super::apply::own;
use super::{application_views, found, require_runs};
use crate::app::visits::{effects as fu_effects, follow_up_views, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::talks::applications;
use crate::db::repo::units;
use crate::db::repo::visits::follow_ups;
use crate::db::rows::{from_db, to_db, FollowUpRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::follow_ups::{check_due, FollowUpState};
use onestop_domain::community::talks::wire::{
    ApplicationView, AttendanceRequest, FeedbackRequest, RaiseFollowUpRequest,
};
use onestop_domain::community::talks::{may_give_feedback, ApplicationState, Refusal, TalkState};
use onestop_domain::grid::local_date;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{ApplicationId, FieldError, FollowUpId, TalkId, ValidationErrors};

fn not_started() -> AppError {
    AppError::Conflict {
        code: ProblemCode::TalkNotStarted,
        detail: "the session has not begun yet".into(),
    }
}

pub fn attendance(
    c: &mut DbConn,
    caller: &Caller,
    id: TalkId,
    req: &AttendanceRequest,
    now: DateTime<Utc>,
) -> AppResult<Vec<ApplicationView>> {
    req.check()?;
    let (row, space) = found(c, caller, id)?;
    require_runs(c, caller, &row, &space)?;
    match row.state {
        TalkState::Drawn => {}
        TalkState::Cancelled => {
            return Err(AppError::Conflict {
                code: ProblemCode::TalkCancelled,
                detail: "this session was cancelled; nobody attended it".into(),
            })
        }
        TalkState::Open => {
            return Err(AppError::Conflict {
                code: ProblemCode::ApplicationsOpen,
                detail: "the places are not drawn yet; attendance follows the draw".into(),
            })
        }
    }
    if now < from_db(row.starts_at) {
        return Err(not_started());
    }
    let all = applications::of_talk(c, id)?;
    let mut errs = ValidationErrors::new();
    for (i, p) in req.present.iter().enumerate() {
        if !all
            .iter()
            .any(|a| a.id == *p && a.state == ApplicationState::Placed)
        {
            errs.push(FieldError::new(
                format!("present[{i}]"),
                "not_placed",
                "not an application with a place in this session",
            ));
        }
    }
    errs.finish(|| Some(()))?;
    applications::set_attendance(c, id, &req.present, now)?;
    let rows = applications::of_talk(c, id)?;
    application_views(c, rows, now)
}

pub fn feedback(
    c: &mut DbConn,
    caller: &Caller,
    talk: TalkId,
    id: ApplicationId,
    req: &FeedbackRequest,
    now: DateTime<Utc>,
) -> AppResult<ApplicationView> {
    req.check()?;
    let (row, _) = found(c, caller, talk)?;
    let app = own(c, caller, talk, id)?;
    may_give_feedback(app.attended, from_db(row.starts_at), now).map_err(|r| match r {
        Refusal::NotStarted => not_started(),
        _ => AppError::Conflict {
            code: ProblemCode::NotAttended,
            detail: "feedback comes from students the hosts recorded as present".into(),
        },
    })?;
    if applications::feedback(c, id, req.rating, req.comment.trim(), now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::FeedbackGiven,
            detail: "you have given your feedback on this session already".into(),
        });
    }
    let app = own(c, caller, talk, id)?;
    Ok(application_views(c, vec![app], now)?.remove(0))
}

pub fn raise(
    c: &mut DbConn,
    caller: &Caller,
    talk: TalkId,
    id: ApplicationId,
    req: &RaiseFollowUpRequest,
    now: DateTime<Utc>,
) -> AppResult<ApplicationView> {
    req.check()?;
    let (row, space) = found(c, caller, talk)?;
    require_runs(c, caller, &row, &space)?;
    let app = applications::find(c, id)?
        .filter(|a| a.talk_id == talk)
        .ok_or_else(|| AppError::not_found("this application"))?;
    if app.follow_up_id.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::FollowUpExists,
            detail: "this question has gone to a unit already".into(),
        });
    }
    let today = local_date(now);
    let mut errs = ValidationErrors::new();
    let unit = units::find_by_ref(c, req.unit.trim())?;
    if unit.is_none() {
        errs.push(FieldError::new(
            "unit",
            "unknown",
            format!("no unit has the code `{}`", req.unit.trim()),
        ));
    }
    errs.check(check_due("due_on", req.due_on.get(), today));
    errs.finish(|| Some(()))?;
    let unit = unit.ok_or_else(|| AppError::internal("the unit was checked above"))?;
    let f = FollowUpRow {
        id: FollowUpId::new(),
        visit_id: None,
        text: req.text.trim().to_owned(),
        raised_by: app.student_id,
        unit_id: unit.id,
        due_on: req.due_on.get(),
        state: FollowUpState::Open,
        answer: None,
        answered_by: None,
        answered_at: None,
        place_id: space.place_id,
        community_id: space.community_id,
        zone_id: space.zone_id,
        building_id: space.building_id,
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
        talk_id: Some(talk),
    };
    follow_ups::insert(c, &f)?;
    if applications::link_follow_up(c, id, f.id, now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::FollowUpExists,
            detail: "this question went to a unit a moment ago".into(),
        });
    }
    let view = follow_up_views(c, vec![f], today)?.remove(0);
    fu_effects::raised(c, &view, now)?;
    let app = applications::find(c, id)?.ok_or_else(|| AppError::not_found("this application"))?;
    Ok(application_views(c, vec![app], now)?.remove(0))
}
