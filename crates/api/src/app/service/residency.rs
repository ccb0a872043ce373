//! Giving a student a bed: the one way it happens, whether from the grid
//! API, a roster import, or a resolved check-in or room-change request.

use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, residency, vacancy};
use crate::db::repo::{is_unique_violation, users};
use crate::db::rows::NodeRow;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::residency::{check_bed, check_gender};
use onestop_domain::grid::wire::ResidencyView;
use onestop_domain::grid::{Level, Scope};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{FieldError, Role, UserId, ValidationErrors};

/// A room a student asked for (check-in or room change) must be one they may
/// choose: in their college's zone, of their gender, not their own room.
pub fn check_choice(
    c: &mut DbConn,
    student_id: UserId,
    room: &NodeRow,
) -> AppResult<Result<(), FieldError>> {
    let choice =
        vacancy::choice_for(c, student_id)?.ok_or_else(|| AppError::not_found("this student"))?;
    Ok(choice.check(room.id, room.zone_id, room.gender))
}

/// Put a student in a bed, checking the room's rules. A conflict names
/// people and rooms only where `viewer` (the caller's scope) may see them.
pub fn place_student(
    c: &mut DbConn,
    student_id: UserId,
    room: &NodeRow,
    bed: i32,
    actor: Option<UserId>,
    viewer: &Scope,
    now: DateTime<Utc>,
) -> AppResult<ResidencyView> {
    // The room as it is once locked: an edit or archive of it finishes first, or waits.
    nodes::lock(c, room.id)?;
    let room = &nodes::find(c, room.id)?.ok_or_else(|| AppError::not_found("the room"))?;
    if room.level != Level::Room {
        return Err(AppError::field(
            "room_id",
            "not_a_room",
            "students can only be placed in rooms",
        ));
    }
    if room.archived_at.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::RoomArchived,
            detail: "this room is archived".into(),
        });
    }
    let student = users::find(c, student_id)?.ok_or_else(|| AppError::not_found("this student"))?;
    if !student.roles.contains(Role::Student) {
        return Err(AppError::field(
            "student_id",
            "not_a_student",
            "only students can be given a bed",
        ));
    }
    let mut errs = ValidationErrors::new();
    errs.check(check_bed(room.capacity.unwrap_or(0), bed));
    errs.check(check_gender(room.gender, student.row.gender));
    errs.finish(|| Some(()))?;
    if let Some(holder) = residency::current_in_bed(c, room.id, bed)? {
        let detail = if viewer.covers(&nodes::place_of(room)) {
            let who = residency::people(c, &[holder.student_id])?
                .remove(&holder.student_id)
                .map(|p| p.display_name)
                .unwrap_or_default();
            format!("bed {bed} of room {} is taken by {who}", room.name)
        } else {
            format!("bed {bed} of room {} is taken", room.name)
        };
        return Err(AppError::Conflict {
            code: ProblemCode::BedTaken,
            detail,
        });
    }
    if let Some(current) = residency::current_of_student(c, student_id)? {
        let home = nodes::find(c, current.room_id)?;
        let detail = match home.filter(|h| viewer.covers(&nodes::place_of(h))) {
            Some(h) => format!(
                "{} already has bed {} in room {}; check them out or move them instead",
                student.row.display_name, current.bed, h.name
            ),
            // Where they live is for the leaders of that building to know.
            None => format!(
                "{} already has a bed in a room outside your part of the grid; their building's counsellor can move or check them out",
                student.row.display_name
            ),
        };
        return Err(AppError::Conflict {
            code: ProblemCode::StudentHoused,
            detail,
        });
    }
    let row = residency::insert(c, student_id, room, bed, actor, now).map_err(|e| {
        if is_unique_violation(&e) {
            AppError::Conflict {
                code: ProblemCode::BedTaken,
                detail: "the bed was taken a moment ago; reload and try again".into(),
            }
        } else {
            e.into()
        }
    })?;
    residency::views(c, &[row])?
        .pop()
        .ok_or_else(|| AppError::internal("stay vanished"))
}
