//! Giving a student a bed: the one way it happens, whether from the grid
//! API, a roster import, or a resolved check-in or room-change request.

use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::{is_unique_violation, users};
use crate::db::rows::NodeRow;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use onestop_domain::grid::residency::{check_bed, check_gender};
use onestop_domain::grid::wire::ResidencyView;
use onestop_domain::grid::{Gender, Level};
use onestop_domain::{Role, ValidationErrors};

/// Put a student in a bed, checking the room's rules.
pub fn place_student(
    c: &mut DbConn,
    student_id: &str,
    room: &NodeRow,
    bed: i32,
    actor: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<ResidencyView> {
    if nodes::level_of(room) != Level::Room {
        return Err(ApiError::field(
            "room_id",
            "not_a_room",
            "students can only be placed in rooms",
        ));
    }
    if room.archived_at.is_some() {
        return Err(ApiError::Conflict {
            code: "room_archived",
            detail: "this room is archived".into(),
        });
    }
    let student = users::find(c, student_id.parse().map_err(ApiError::internal)?)?
        .ok_or_else(|| ApiError::not_found("this student"))?;
    if !student.roles.contains(Role::Student) {
        return Err(ApiError::field(
            "student_id",
            "not_a_student",
            "only students can be given a bed",
        ));
    }
    let mut errs = ValidationErrors::new();
    errs.check(check_bed(room.capacity.unwrap_or(0), bed));
    errs.check(check_gender(
        room.gender.as_deref().and_then(Gender::parse),
        student.row.gender.as_deref().and_then(Gender::parse),
    ));
    errs.finish(|| Some(()))?;
    if let Some(holder) = residency::current_in_bed(c, &room.id, bed)? {
        let who = residency::people(c, &[holder.student_id.as_str()])?
            .remove(&holder.student_id)
            .map(|p| p.display_name)
            .unwrap_or_default();
        return Err(ApiError::Conflict {
            code: "bed_taken",
            detail: format!("bed {bed} of room {} is taken by {who}", room.name),
        });
    }
    if let Some(current) = residency::current_of_student(c, student_id)? {
        let room_name = nodes::find(c, &current.room_id)?
            .map(|r| r.name)
            .unwrap_or_default();
        return Err(ApiError::Conflict {
            code: "student_housed",
            detail: format!(
                "{} already has bed {} in room {room_name}; check them out or move them instead",
                student.row.display_name, current.bed
            ),
        });
    }
    let row = residency::insert(c, student_id, room, bed, actor, now).map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::Conflict {
                code: "bed_taken",
                detail: "the bed was taken a moment ago; reload and try again".into(),
            }
        } else {
            e.into()
        }
    })?;
    residency::views(c, &[row])?
        .pop()
        .ok_or_else(|| ApiError::internal("stay vanished"))
}
