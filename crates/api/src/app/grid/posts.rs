//! Appointing grid leaders and members to a node, and ending their terms,
//! within the actor's scope and the domain's rules for each level.

use crate::app::{AppError, AppResult};
use crate::auth::GridActor;
use crate::db::repo::grid::{nodes, posts};
use crate::db::repo::users;
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use onestop_domain::grid::post::check_appointment;
use onestop_domain::grid::wire::{AppointRequest, PostView};
use onestop_domain::grid::GridAction;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{PostId, ValidationErrors};

/// Leaders are appointed by those who may appoint leaders; members by grid staff.
pub fn appointing(post_type: onestop_domain::grid::PostType) -> GridAction {
    if post_type.is_leader() {
        GridAction::AppointLeaders
    } else {
        GridAction::AppointMembers
    }
}

fn view(c: &mut DbConn, row: crate::db::rows::PostRow, today: NaiveDate) -> AppResult<PostView> {
    posts::views(c, &[row], today)?
        .pop()
        .ok_or_else(|| AppError::internal("post vanished"))
}

/// Appoint an active person to a post on a node in scope, for a term that
/// overlaps none they already hold there.
pub fn appoint(
    c: &mut DbConn,
    actor: &GridActor,
    req: &AppointRequest,
    now: DateTime<Utc>,
) -> AppResult<PostView> {
    actor.require(appointing(req.post_type))?;
    let today = actor.today;
    let node =
        nodes::find_in_scope(c, req.node_id, &actor.scope)?.ok_or_else(super::nodes::not_found)?;
    let person = users::find(c, req.user_id)?
        .filter(|a| a.row.active)
        .ok_or_else(|| AppError::not_found("this person"))?;
    let starts = req.starts_on.map_or(today, |d| d.get());
    let ends_on = req.ends_on.map(|d| d.get());
    check_appointment(req.post_type, node.level, starts, ends_on)
        .map_err(|e| AppError::Validation(ValidationErrors(e)))?;
    if posts::overlapping(c, node.id, person.row.id, req.post_type, starts, ends_on)? {
        return Err(AppError::Conflict {
            code: ProblemCode::PostHeld,
            detail: format!(
                "{} already holds this post here for an overlapping term",
                person.row.display_name
            ),
        });
    }
    let row = posts::insert(c, &node, person.row.id, req.post_type, starts, ends_on, now)?;
    view(c, row, today)
}

/// End a post's term on `ends` (not before it started).
pub fn end(c: &mut DbConn, actor: &GridActor, id: PostId, ends: NaiveDate) -> AppResult<PostView> {
    let row = posts::find_in_scope(c, id, &actor.scope)?
        .ok_or_else(|| AppError::not_found("this post"))?;
    actor.require(appointing(row.post_type))?;
    if ends < row.starts_on {
        return Err(AppError::field(
            "ends_on",
            "before_start",
            "the term cannot end before it starts",
        ));
    }
    posts::set_end(c, row.id, ends)?;
    let row = posts::find_in_scope(c, row.id, &actor.scope)?
        .ok_or_else(|| AppError::not_found("this post"))?;
    view(c, row, actor.today)
}
