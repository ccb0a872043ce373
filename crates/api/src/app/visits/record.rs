//! Recording a visit, with the problems it raised: each becomes a repair in
//! the service hall or a follow-up for a unit, in the same transaction.

use super::{views, Caller};
use crate::app::service::create::raise_repair;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::repo::visits::{duties, follow_ups, records};
use crate::db::repo::{units, users};
use crate::db::rows::{to_db, CompanionRow, FollowUpRow, NodeRow, ProblemRow, VisitRow};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use onestop_domain::community::follow_ups::{check_due, FollowUpState};
use onestop_domain::community::visits::check_visit;
use onestop_domain::community::wire::{
    FollowUpProblem, ProblemInput, RecordVisitRequest, RepairProblem, VisitView,
};
use onestop_domain::grid::local_date;
use onestop_domain::service::forms::RepairForm;
use onestop_domain::{
    FieldError, FollowUpId, NodeId, ProblemId, Role, UserId, ValidationErrors, VisitId,
};

fn place(c: &mut DbConn, id: NodeId, field: &str) -> AppResult<NodeRow> {
    nodes::find(c, id)?
        .filter(|n| n.archived_at.is_none())
        .ok_or_else(|| AppError::field(field, "unknown", "no such place in the grid"))
}

/// Whether `caller` may record a visit made by `visitor`: their own, or an
/// administrator, or office staff of the visitor's unit (the leader's office).
fn may_record(c: &mut DbConn, caller: &Caller, visitor: UserId) -> AppResult<bool> {
    if visitor == caller.id || caller.roles.contains(Role::Admin) {
        return Ok(true);
    }
    if !caller.roles.contains(Role::Office) || caller.unit_id.is_none() {
        return Ok(false);
    }
    Ok(users::find(c, visitor)?.is_some_and(|v| v.unit_id() == caller.unit_id))
}

/// Someone on the visit holds a duty that day.
fn bound_on(c: &mut DbConn, person: UserId, day: NaiveDate) -> AppResult<bool> {
    Ok(!duties::during(c, day, day, Some(person))?.is_empty())
}

pub fn record(
    c: &mut DbConn,
    caller: &Caller,
    req: &RecordVisitRequest,
    now: DateTime<Utc>,
) -> AppResult<VisitView> {
    let visitor = req.visitor_id.unwrap_or(caller.id);
    if !may_record(c, caller, visitor)? {
        return Err(AppError::Forbidden {
            detail: "you record your own visits; a leader's office may record theirs".into(),
        });
    }
    req.check()?;
    let at = req.at.get();
    check_visit(visitor, &req.companions, at, now)?;
    let day = local_date(at);
    if !bound_on(c, visitor, day)? {
        return Err(AppError::field(
            "visitor_id",
            "not_bound",
            format!("no visit duty was held on {day}; an administrator gives leaders their duties"),
        ));
    }
    let mut errs = ValidationErrors::new();
    for (i, p) in req.companions.iter().enumerate() {
        if users::find(c, *p)?.is_none_or(|a| !a.row.active) {
            errs.push(FieldError::new(
                format!("companions[{i}]"),
                "unknown",
                "no such active account",
            ));
        }
    }
    let at_place = place(c, req.place_id, "place_id")?;
    let today = local_date(now);
    let mut owners = Vec::new();
    for (i, p) in req.problems.iter().enumerate() {
        if let ProblemInput::FollowUp(FollowUpProblem { unit, due_on, .. }) = p {
            match units::find_by_ref(c, unit)? {
                None => errs.push(FieldError::new(
                    format!("problems[{i}].unit"),
                    "unknown",
                    format!("no unit has the code `{unit}`"),
                )),
                Some(u) => owners.push((i, u.id)),
            }
            errs.check(check_due(
                &format!("problems[{i}].due_on"),
                due_on.get(),
                today,
            ));
        }
    }
    errs.finish(|| Some(()))?;

    let row = VisitRow {
        id: VisitId::new(),
        visitor_id: visitor,
        recorded_by: caller.id,
        at: to_db(at),
        day,
        place_id: at_place.id,
        community_id: at_place.community_id,
        zone_id: at_place.zone_id,
        building_id: at_place.building_id,
        kind: req.kind,
        students_met: req.students_met,
        note: req.note.trim().to_owned(),
        created_at: to_db(now),
    };
    let companions: Vec<CompanionRow> = req
        .companions
        .iter()
        .map(|&user_id| CompanionRow {
            visit_id: row.id,
            user_id,
        })
        .collect();
    records::insert(c, &row, &companions)?;
    let mut problems = Vec::new();
    for (i, p) in req.problems.iter().enumerate() {
        let (request_id, follow_up_id, text) = match p {
            ProblemInput::Repair(RepairProblem {
                text,
                category,
                place_id,
            }) => {
                let at = match place_id {
                    Some(id) => place(c, *id, &format!("problems[{i}].place_id"))?,
                    None => at_place.clone(),
                };
                let form = RepairForm {
                    category: *category,
                    description: text.clone(),
                    place_id: Some(at.id),
                    preferred_time: None,
                };
                let request = raise_repair(c, visitor, &at, form, now)
                    .map_err(|e| prefix(e, &format!("problems[{i}]")))?;
                (Some(request.id), None, text)
            }
            ProblemInput::FollowUp(FollowUpProblem { text, due_on, .. }) => {
                let unit_id = owners
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map(|(_, u)| *u)
                    .ok_or_else(|| AppError::internal("a follow-up's unit was checked above"))?;
                let f = FollowUpRow {
                    id: FollowUpId::new(),
                    visit_id: Some(row.id),
                    text: text.trim().to_owned(),
                    raised_by: visitor,
                    unit_id,
                    due_on: due_on.get(),
                    state: FollowUpState::Open,
                    answer: None,
                    answered_by: None,
                    answered_at: None,
                    place_id: at_place.id,
                    community_id: at_place.community_id,
                    zone_id: at_place.zone_id,
                    building_id: at_place.building_id,
                    version: 1,
                    created_at: to_db(now),
                    updated_at: to_db(now),
                    talk_id: None,
                };
                follow_ups::insert(c, &f)?;
                (None, Some(f.id), text)
            }
        };
        problems.push(ProblemRow {
            id: ProblemId::new(),
            visit_id: row.id,
            position: i32::try_from(i).unwrap_or(i32::MAX),
            text: text.trim().to_owned(),
            request_id,
            follow_up_id,
        });
    }
    records::insert_problems(c, &problems)?;
    let view = views::visit_views(c, vec![row], today)?.remove(0);
    for f in view.problems.iter().filter_map(|p| p.follow_up.as_ref()) {
        super::effects::raised(c, f, now)?;
    }
    Ok(view)
}

/// A field error of a problem's repair named under the problem.
fn prefix(e: AppError, under: &str) -> AppError {
    match e {
        AppError::Validation(v) => AppError::Validation(ValidationErrors(
            v.0.into_iter()
                .map(|f| FieldError {
                    field: format!("{under}.{}", f.field),
                    ..f
                })
                .collect(),
        )),
        other => other,
    }
}

/// A page of visits the caller sees, newest first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    filter: &records::VisitFilter,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<(Vec<VisitView>, bool)> {
    let (rows, more) = records::list(c, &caller.visits_seen(), filter, limit)?;
    Ok((views::visit_views(c, rows, local_date(now))?, more))
}

pub fn get(
    c: &mut DbConn,
    caller: &Caller,
    id: VisitId,
    now: DateTime<Utc>,
) -> AppResult<VisitView> {
    let row = records::find_seen(c, id, &caller.visits_seen())?
        .ok_or_else(|| AppError::not_found("this visit"))?;
    Ok(views::visit_views(c, vec![row], local_date(now))?.remove(0))
}
