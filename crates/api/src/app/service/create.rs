use super::effects::{self, Change};
use super::residency::check_choice;
use super::Actor;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::service::{events, requests, sla};
use crate::db::repo::users;
use crate::db::rows::{to_db, NodeRow, RequestRow};
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::grid::residency::check_bed;
use onestop_domain::grid::Level;
use onestop_domain::problem::ProblemCode;
use onestop_domain::service::forms::{CheckInForm, RepairForm, RoomChangeForm};
use onestop_domain::service::sla::deadlines;
use onestop_domain::service::wire::EventKind;
use onestop_domain::service::{Form, Priority, State};
use onestop_domain::{NodeId, RequestId, Role, UserId, ValidationErrors};

fn node(c: &mut DbConn, id: NodeId, field: &str) -> AppResult<NodeRow> {
    nodes::find(c, id)?
        .filter(|n| n.archived_at.is_none())
        .ok_or_else(|| AppError::field(field, "unknown", "no such place in the grid"))
}

fn target_room(c: &mut DbConn, room_id: NodeId, bed: i32) -> AppResult<NodeRow> {
    let room = node(c, room_id, "room_id")?;
    if room.level != Level::Room {
        return Err(AppError::field(
            "room_id",
            "not_a_room",
            "choose a dorm room",
        ));
    }
    check_bed(room.capacity.unwrap_or(0), bed)
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    Ok(room)
}

/// A room the student asks to live in: a room, with that bed, that they may choose.
fn chosen_room(c: &mut DbConn, student: UserId, room_id: NodeId, bed: i32) -> AppResult<NodeRow> {
    let room = target_room(c, room_id, bed)?;
    check_choice(c, student, &room)?
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    Ok(room)
}

/// Where the request is located: the place it is about, by kind.
fn place(c: &mut DbConn, student: UserId, form: &Form) -> AppResult<NodeRow> {
    let home = residency::current_of_student(c, student)?;
    let no_room = || {
        AppError::Conflict {
        code: ProblemCode::NoRoom,
        detail: "you have no room on record; choose the place of the repair, or ask your counsellor to check you in".into(),
    }
    };
    match form {
        Form::Repair(RepairForm {
            place_id: Some(p), ..
        }) => {
            let n = node(c, *p, "place_id")?;
            let own_room = home.as_ref().is_some_and(|h| h.room_id == n.id);
            if n.level == Level::Room && !own_room {
                return Err(AppError::field(
                    "place_id",
                    "not_yours",
                    "report repairs in your own room or in a public area",
                ));
            }
            Ok(n)
        }
        Form::Repair(RepairForm { place_id: None, .. })
        | Form::InsuranceClaim(_)
        | Form::Stamp(_)
        | Form::CheckOut(_) => {
            let h = home.ok_or_else(no_room)?;
            nodes::find(c, h.room_id)?.ok_or_else(no_room)
        }
        Form::CheckIn(CheckInForm { room_id, bed, .. }) => {
            if let Some(h) = home {
                let name = nodes::find(c, h.room_id)?
                    .map(|r| r.name)
                    .unwrap_or_default();
                return Err(AppError::Conflict {
                    code: ProblemCode::StudentHoused,
                    detail: format!(
                        "you already have bed {} in room {name}; ask for a room change instead",
                        h.bed
                    ),
                });
            }
            chosen_room(c, student, *room_id, *bed)
        }
        Form::RoomChange(RoomChangeForm { room_id, bed, .. }) => {
            home.ok_or_else(no_room)?;
            chosen_room(c, student, *room_id, *bed)
        }
    }
}

/// Submit a request for the acting student, who may have at most `max_open`
/// requests open at once. Runs inside the caller's transaction.
pub fn create(
    c: &mut DbConn,
    actor: &Actor,
    form: Form,
    max_open: i64,
    now: DateTime<Utc>,
) -> AppResult<RequestRow> {
    if !actor.roles.contains(Role::Student) {
        return Err(AppError::Forbidden {
            detail: "requests are submitted by students".into(),
        });
    }
    form.validate(local_date(now))?;
    // Two submissions at once count one after the other.
    users::lock(c, actor.id)?;
    let open = requests::open_count_of_student(c, actor.id)?;
    if open >= max_open {
        return Err(AppError::Conflict {
            code: ProblemCode::TooManyOpenRequests,
            detail: format!(
                "you have {open} requests still open; wait for them to finish, or cancel one, before asking for more"
            ),
        });
    }
    let place = place(c, actor.id, &form)?;
    insert(c, actor.id, &place, &form, now)
}

/// A repair raised by a member of staff where they saw it (a leader's visit):
/// filed in their name, at that place, and routed like any other request.
/// No student's limit of open requests applies.
pub fn raise_repair(
    c: &mut DbConn,
    raiser: UserId,
    place: &NodeRow,
    form: RepairForm,
    now: DateTime<Utc>,
) -> AppResult<RequestRow> {
    let form = Form::Repair(form);
    form.validate(local_date(now))?;
    insert(c, raiser, place, &form, now)
}

fn insert(
    c: &mut DbConn,
    owner: UserId,
    place: &NodeRow,
    form: &Form,
    now: DateTime<Utc>,
) -> AppResult<RequestRow> {
    let kind = form.kind();
    let rule = sla::rule(c, kind, Priority::Normal)?;
    let (first_due, resolution_due) = deadlines(now, &rule, Duration::zero());
    let row = RequestRow {
        id: RequestId::new(),
        kind,
        state: State::Submitted,
        version: 1,
        priority: None,
        summary: form.summary(),
        form: serde_json::to_string(form).map_err(AppError::internal)?,
        student_id: owner,
        place_id: place.id,
        community_id: place.community_id,
        zone_id: place.zone_id,
        building_id: place.building_id,
        unit_id: None,
        assignee_id: None,
        resume_state: None,
        created_at: to_db(now),
        updated_at: to_db(now),
        first_response_due: to_db(first_due),
        resolution_due: to_db(resolution_due),
        first_responded_at: None,
        resolved_at: None,
        closed_at: None,
        paused_since: None,
        paused_seconds: 0,
        overdue: false,
        escalations: 0,
        pickup_code: None,
        rating: None,
        rating_comment: None,
    };
    requests::insert(c, &row)?;
    events::add(
        c,
        events::NewEvent {
            request_id: row.id,
            kind: EventKind::Created,
            actor: Some(owner),
            action: None,
            from: None,
            to: Some(State::Submitted),
            note: None,
            data: serde_json::json!({"kind": kind.as_str()}),
        },
        now,
    )?;
    effects::record(c, &row, Some(owner), Change::Created, now)?;
    Ok(row)
}
