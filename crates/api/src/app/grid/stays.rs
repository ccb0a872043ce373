//! A student's stays in the grid's beds, changed by staff in scope:
//! checking in, checking out, and moving from one bed to another in one step.

use crate::app::service::residency::place_student;
use crate::app::{AppError, AppResult};
use crate::auth::GridActor;
use crate::db::repo::grid::vacancy::{self, Among};
use crate::db::repo::grid::{nodes, residency};
use crate::db::rows::{NodeRow, ResidencyRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::wire::{CheckInRequest, ResidencyView, VacantRoom};
use onestop_domain::grid::Scope;
use onestop_domain::{NodeId, UserId};

pub fn check_in(
    c: &mut DbConn,
    scope: &Scope,
    by: UserId,
    req: &CheckInRequest,
    now: DateTime<Utc>,
) -> AppResult<ResidencyView> {
    let room = room_in_scope(c, req.room_id, scope)?;
    place_student(c, req.student_id, &room, req.bed, Some(by), scope, now)
}

pub fn check_out(
    c: &mut DbConn,
    scope: &Scope,
    by: UserId,
    student: UserId,
    now: DateTime<Utc>,
) -> AppResult<ResidencyView> {
    let current = current_in_scope(c, student, scope)?;
    residency::check_out(c, current.id, Some(by), now)?;
    let done =
        residency::find(c, current.id)?.ok_or_else(|| AppError::internal("stay vanished"))?;
    residency::views(c, &[done])?
        .pop()
        .ok_or_else(|| AppError::internal("stay vanished"))
}

/// The whole move is one transaction: a taken bed leaves the old stay as it was.
pub fn move_student(
    c: &mut DbConn,
    scope: &Scope,
    by: UserId,
    req: &CheckInRequest,
    now: DateTime<Utc>,
) -> AppResult<ResidencyView> {
    let student = req.student_id;
    let current = current_in_scope(c, student, scope)?;
    let room = room_in_scope(c, req.room_id, scope)?;
    residency::check_out(c, current.id, Some(by), now)?;
    place_student(c, student, &room, req.bed, Some(by), scope, now)
}

fn current_in_scope(c: &mut DbConn, student: UserId, scope: &Scope) -> AppResult<ResidencyRow> {
    let filter = residency::ResidencyFilter {
        student_id: Some(student),
        current_only: true,
        ..Default::default()
    };
    residency::list(c, scope, &filter, Some(1))?
        .0
        .pop()
        .ok_or_else(|| AppError::not_found("a current bed for this student in your scope"))
}

fn room_in_scope(c: &mut DbConn, room_id: NodeId, scope: &Scope) -> AppResult<NodeRow> {
    nodes::find_in_scope(c, room_id, scope)?.ok_or_else(super::nodes::not_found)
}

/// Stays under a node in scope (or anywhere in scope), one keyset page.
pub fn list(
    c: &mut DbConn,
    scope: &Scope,
    node: Option<NodeId>,
    filter: residency::ResidencyFilter,
    limit: u32,
) -> AppResult<(Vec<ResidencyView>, bool)> {
    let under = match node {
        Some(n) => {
            let row = nodes::find_in_scope(c, n, scope)?.ok_or_else(super::nodes::not_found)?;
            Some((row.level, row.id))
        }
        None => None,
    };
    let filter = residency::ResidencyFilter { under, ..filter };
    let (rows, more) = residency::list(c, scope, &filter, Some(limit))?;
    Ok((residency::views(c, &rows)?, more))
}

/// Rooms with free beds: for a student, those they may choose (their
/// college's zones, their gender, not their own room); for staff, those in scope.
pub fn vacancies(
    c: &mut DbConn,
    actor: &GridActor,
    as_student: bool,
    building: Option<NodeId>,
) -> AppResult<Vec<VacantRoom>> {
    if !as_student {
        return Ok(vacancy::vacant_rooms(
            c,
            Among::Staff(&actor.scope),
            building,
        )?);
    }
    let choice = vacancy::choice_for(c, actor.user.id)?
        .ok_or_else(|| AppError::not_found("your account"))?;
    Ok(vacancy::vacant_rooms(c, Among::Student(&choice), building)?)
}
