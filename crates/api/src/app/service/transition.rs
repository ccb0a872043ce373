use super::effects::{self, Change};
use super::Actor;
use crate::app::service::residency::{check_choice, place_student};
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::service::{events, requests, sla};
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, to_db, NodeRow, RequestRow};
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::service::forms::{CheckInForm, RoomChangeForm};
use onestop_domain::service::lifecycle::{next_state, TransitionError};
use onestop_domain::service::notes;
use onestop_domain::service::sla::deadlines;
use onestop_domain::service::wire::EventKind;
use onestop_domain::service::{pickup_code, Action, Form, Priority, State};
use onestop_domain::unit::UnitKind;
use onestop_domain::{Role, UserId, ValidationErrors};
use serde_json::json;

/// What an action may carry besides its name.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub version: i32,
    pub note: Option<String>,
    pub priority: Option<Priority>,
    pub unit: Option<String>,
    pub assignee: Option<UserId>,
    pub reason: Option<String>,
}

pub fn stale(row: &RequestRow) -> AppError {
    AppError::Conflict {
        code: ProblemCode::StaleVersion,
        detail: format!(
            "someone changed this request first: it is now version {} ({}); reload and try again",
            row.version,
            row.state.as_str()
        ),
    }
}

/// Recompute deadlines from the rule of the request's kind and priority,
/// pushed back by the time spent waiting on the student.
fn set_deadlines(c: &mut DbConn, row: &mut RequestRow) -> AppResult<()> {
    let priority = row.priority.unwrap_or(Priority::Normal);
    let rule = sla::rule(c, row.kind, priority)?;
    let (first, resolution) = deadlines(
        from_db(row.created_at),
        &rule,
        Duration::seconds(row.paused_seconds),
    );
    row.first_response_due = to_db(first);
    row.resolution_due = to_db(resolution);
    Ok(())
}

fn required(field: &str, value: Option<&str>, what: &str) -> AppResult<String> {
    match notes::note(field, value, true) {
        Ok(Some(v)) => Ok(v),
        Err(e) if e.code != "required" => Err(AppError::Validation(ValidationErrors::single(e))),
        // Missing: say what to give, in the words of this step.
        _ => Err(AppError::field(field, "required", format!("give {what}"))),
    }
}

/// Apply one step of the lifecycle with its effects, bump the version
/// (failing if someone else got there first) and record it on the timeline.
/// Runs inside the caller's transaction, so a failed effect changes nothing.
pub fn apply(
    c: &mut DbConn,
    actor: &Actor,
    before: RequestRow,
    action: Action,
    p: &Params,
    now: DateTime<Utc>,
) -> AppResult<RequestRow> {
    if p.version != before.version {
        return Err(stale(&before));
    }
    let from = before.state;
    let resume = before.resume_state;
    let to = next_state(
        from,
        action,
        actor.relation(&before),
        resume,
        before.resolved_at.map(from_db),
        now,
    )
    .map_err(|e| match e {
        TransitionError::IllegalFromState { .. } => AppError::Conflict {
            code: ProblemCode::IllegalTransition,
            detail: e.to_string(),
        },
        TransitionError::NotPermitted { .. } => AppError::Forbidden {
            detail: e.to_string(),
        },
        TransitionError::WindowPassed { .. } => AppError::Conflict {
            code: ProblemCode::ReopenWindowPassed,
            detail: e.to_string(),
        },
    })?;
    let mut row = before.clone();
    let mut note = notes::note("note", p.note.as_deref(), false)
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    let mut data = json!({});
    let staff_touch = |row: &mut RequestRow| {
        if row.first_responded_at.is_none() {
            row.first_responded_at = Some(to_db(now));
        }
    };
    match action {
        Action::Triage => {
            let priority = p.priority.ok_or_else(|| {
                AppError::field(
                    "priority",
                    "required",
                    "choose a priority: low, normal, high or urgent",
                )
            })?;
            let reference = p.unit.as_deref().ok_or_else(|| {
                AppError::field("unit", "required", "choose the unit that will do the work")
            })?;
            let unit = units::find_by_ref(c, reference)?
                .filter(|u| u.kind == UnitKind::Department)
                .ok_or_else(|| {
                    AppError::field(
                        "unit",
                        "unknown",
                        format!("no department has the code or id `{reference}`"),
                    )
                })?;
            if row.unit_id != Some(unit.id) {
                row.assignee_id = None;
            }
            row.priority = Some(priority);
            row.unit_id = Some(unit.id);
            staff_touch(&mut row);
            set_deadlines(c, &mut row)?;
            data = json!({"priority": priority.as_str(), "unit": unit.code, "unit_name": unit.name_zh});
        }
        Action::Assign => {
            let unit = row.unit_id.ok_or_else(|| AppError::Conflict {
                code: ProblemCode::NotTriaged,
                detail: "triage the request (choose its unit) before assigning it".into(),
            })?;
            let who = p.assignee.ok_or_else(|| {
                AppError::field("assignee", "required", "choose who will do the work")
            })?;
            let person = users::find(c, who)?
                .filter(|a| {
                    a.row.active && a.roles.contains(Role::Handler) && a.row.unit_id == Some(unit)
                })
                .ok_or_else(|| {
                    AppError::field(
                        "assignee",
                        "not_in_unit",
                        "the assignee must be an active handler of the request's unit",
                    )
                })?;
            row.assignee_id = Some(person.row.id);
            staff_touch(&mut row);
            data = json!({"assignee": person.row.id, "assignee_name": person.row.display_name});
        }
        Action::Start => {
            if row.assignee_id.is_none() {
                row.assignee_id = Some(actor.id);
            }
        }
        Action::Ask => {
            note = Some(required(
                "note",
                note.as_deref(),
                "the question for the student",
            )?);
            row.resume_state = Some(from);
            row.paused_since = Some(to_db(now));
            staff_touch(&mut row);
        }
        Action::Answer => {
            note = Some(required("note", note.as_deref(), "your answer")?);
            if let Some(since) = row.paused_since.take() {
                row.paused_seconds += (now - from_db(since)).num_seconds().max(0);
            }
            row.resume_state = None;
            set_deadlines(c, &mut row)?;
        }
        Action::Resolve => {
            row.resolved_at = Some(to_db(now));
            let form: Form = serde_json::from_str(&row.form).map_err(AppError::internal)?;
            complete(c, actor, &mut row, &form, now, &mut data)?;
        }
        Action::Confirm => row.closed_at = Some(to_db(now)),
        Action::Reject => {
            note = Some(required(
                "reason",
                p.reason.as_deref().or(note.as_deref()),
                "the reason, for the student",
            )?);
            row.closed_at = Some(to_db(now));
            if let Some(since) = row.paused_since.take() {
                row.paused_seconds += (now - from_db(since)).num_seconds().max(0);
            }
        }
        Action::Cancel => {
            row.closed_at = Some(to_db(now));
            row.paused_since = None;
        }
        Action::Reopen => {
            row.closed_at = None;
            row.overdue = false;
        }
    }
    row.state = to;
    row.version = before.version + 1;
    row.updated_at = to_db(now);
    if !requests::update_versioned(c, &row, before.version)? {
        let current = requests::find(c, row.id)?.unwrap_or(before);
        return Err(stale(&current));
    }
    events::add(
        c,
        events::NewEvent {
            request_id: row.id,
            kind: EventKind::Transition,
            actor: Some(actor.id),
            action: Some(action),
            from: Some(from),
            to: Some(to),
            note: note.as_deref(),
            data,
        },
        now,
    )?;
    let step = Change::Stepped {
        action,
        from,
        note: note.as_deref(),
    };
    effects::record(c, &row, Some(actor.id), step, now)?;
    Ok(row)
}

/// The room a check-in or room change asked for, if the student may still
/// have it (their college or gender may have changed since they asked).
fn requested_room(c: &mut DbConn, row: &RequestRow) -> AppResult<NodeRow> {
    let room = nodes::find(c, row.place_id)?.ok_or_else(|| AppError::not_found("the room"))?;
    check_choice(c, row.student_id, &room)?.map_err(|e| AppError::Conflict {
        code: ProblemCode::RoomNotAllowed,
        detail: format!("the student may not have this room: {}", e.message),
    })?;
    Ok(room)
}

/// What resolving does beyond the state: residency changes and pickup codes.
fn complete(
    c: &mut DbConn,
    actor: &Actor,
    row: &mut RequestRow,
    form: &Form,
    now: DateTime<Utc>,
    data: &mut serde_json::Value,
) -> AppResult<()> {
    let by = Some(actor.id);
    match form {
        Form::Stamp(_) => {
            let code = pickup_code(uuid::Uuid::new_v4().as_u128());
            *data = json!({"pickup_code": code});
            row.pickup_code = Some(code);
        }
        Form::CheckIn(CheckInForm { bed, .. }) => {
            let room = requested_room(c, row)?;
            let stay = place_student(c, row.student_id, &room, *bed, by, &actor.scope, now)?;
            *data = json!({"room": room.name, "bed": stay.bed});
        }
        Form::CheckOut(_) => {
            let stay = residency::current_of_student(c, row.student_id)?.ok_or_else(|| {
                AppError::Conflict {
                    code: ProblemCode::NoRoom,
                    detail: "the student has no bed to check out of".into(),
                }
            })?;
            residency::check_out(c, stay.id, by, now)?;
            *data = json!({"checked_out_of": stay.room_id, "bed": stay.bed});
        }
        Form::RoomChange(RoomChangeForm { bed, .. }) => {
            let room = requested_room(c, row)?;
            if let Some(stay) = residency::current_of_student(c, row.student_id)? {
                residency::check_out(c, stay.id, by, now)?;
            }
            let stay = place_student(c, row.student_id, &room, *bed, by, &actor.scope, now)?;
            *data = json!({"room": room.name, "bed": stay.bed});
        }
        Form::Repair(_) | Form::InsuranceClaim(_) => {}
    }
    Ok(())
}

/// A rating after closing; 1 or 2 reopens the request for review.
pub fn rate(
    c: &mut DbConn,
    actor: &Actor,
    before: RequestRow,
    rating: i32,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<RequestRow> {
    if before.student_id != actor.id {
        return Err(AppError::Forbidden {
            detail: "only the student who submitted the request rates it".into(),
        });
    }
    if before.state != State::Closed {
        return Err(AppError::Conflict {
            code: ProblemCode::IllegalTransition,
            detail: format!(
                "only closed requests can be rated; this one is {}",
                before.state.as_str()
            ),
        });
    }
    if before.rating.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::AlreadyRated,
            detail: "this request has been rated already".into(),
        });
    }
    if !(1..=5).contains(&rating) {
        return Err(AppError::field("rating", "range", "rate from 1 to 5"));
    }
    let comment = notes::note("comment", comment.as_deref(), false)
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    let mut row = before.clone();
    row.rating = Some(rating);
    row.rating_comment = comment.clone();
    let reopen = rating <= 2;
    if reopen {
        row.state = State::Reopened;
        row.closed_at = None;
    }
    row.version += 1;
    row.updated_at = to_db(now);
    if !requests::update_versioned(c, &row, before.version)? {
        return Err(stale(&before));
    }
    events::add(
        c,
        events::NewEvent {
            request_id: row.id,
            kind: EventKind::Rated,
            actor: Some(actor.id),
            action: None,
            from: Some(State::Closed),
            to: Some(if reopen {
                State::Reopened
            } else {
                State::Closed
            }),
            note: comment.as_deref(),
            data: json!({"rating": rating, "reopened_for_review": reopen}),
        },
        now,
    )?;
    effects::record(c, &row, Some(actor.id), Change::Rated, now)?;
    Ok(row)
}
