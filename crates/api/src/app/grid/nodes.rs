//! Changing the grid's nodes: creating, editing, moving and archiving, each
//! within the actor's scope and under the parent rule of the domain.

use super::node_taken;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, relocate};
use crate::db::repo::units;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::node::{check_parent, validate_fields, RawNodeFields};
use onestop_domain::grid::residency::misfits;
use onestop_domain::grid::wire::{CreateNodeRequest, NodeDetail, NodeView, UpdateNodeRequest};
use onestop_domain::grid::{Level, Scope};
use onestop_domain::problem::ProblemCode;
use onestop_domain::unit::UnitKind;
use onestop_domain::{NodeId, ValidationErrors};

pub fn not_found() -> AppError {
    AppError::not_found("this grid node")
}

/// The node as it is after a change, with its occupancy.
fn reload(c: &mut DbConn, id: NodeId) -> AppResult<NodeView> {
    let row = nodes::find(c, id)?.ok_or_else(not_found)?;
    nodes::views(c, &[row])?.pop().ok_or_else(not_found)
}

/// A node in scope with its ancestors, the community first.
pub fn detail(c: &mut DbConn, scope: &Scope, id: NodeId) -> AppResult<NodeDetail> {
    let row = nodes::find_in_scope(c, id, scope)?.ok_or_else(not_found)?;
    let ancestors = nodes::ancestors(c, &row)?;
    let node = nodes::views(c, &[row])?.pop().ok_or_else(not_found)?;
    Ok(NodeDetail {
        node,
        ancestors: ancestors.iter().map(|a| nodes::view(a, None)).collect(),
    })
}

/// A node in scope and everything under it down to `max_level`.
pub fn subtree(
    c: &mut DbConn,
    scope: &Scope,
    id: NodeId,
    max_level: Level,
    include_archived: bool,
) -> AppResult<Vec<NodeView>> {
    let root = nodes::find_in_scope(c, id, scope)?.ok_or_else(not_found)?;
    let rows = nodes::subtree(c, &root, max_level, include_archived)?;
    Ok(nodes::views(c, &rows)?)
}

/// Create a node under a parent in scope (a community: administrators only).
pub fn create(
    c: &mut DbConn,
    scope: &Scope,
    req: &CreateNodeRequest,
    now: DateTime<Utc>,
) -> AppResult<NodeView> {
    let parent = match req.parent_id {
        Some(pid) => Some(nodes::find_in_scope(c, pid, scope)?.ok_or_else(not_found)?),
        None if scope.all => None,
        None => {
            return Err(AppError::Forbidden {
                detail: "only administrators can create communities".into(),
            })
        }
    };
    let mut errs = ValidationErrors::new();
    errs.check(check_parent(req.level, parent.as_ref().map(|p| p.level)));
    let raw = RawNodeFields {
        name: req.name.as_deref(),
        code: req.code.as_deref(),
        floor: req.floor,
        capacity: req.capacity,
        gender: req.gender,
    };
    let fields = match validate_fields(req.level, &raw) {
        Ok(f) => Some(f),
        Err(e) => {
            e.0.into_iter().for_each(|f| errs.push(f));
            None
        }
    };
    let college = match (req.level, req.college.as_deref()) {
        (Level::CollegeZone, Some(r)) => match units::find_by_ref(c, r)? {
            Some(u) if u.kind == UnitKind::College => Some(u.id),
            _ => {
                errs.push(onestop_domain::FieldError::new(
                    "college",
                    "unknown",
                    format!("no college has the code or id `{r}`"),
                ));
                None
            }
        },
        (Level::CollegeZone, None) => {
            errs.push(onestop_domain::FieldError::new(
                "college",
                "required",
                "say which college this zone belongs to",
            ));
            None
        }
        _ => None,
    };
    let fields = errs.finish(|| fields)?;
    let row =
        nodes::insert(c, req.level, parent.as_ref(), &fields, college, now).map_err(node_taken)?;
    Ok(nodes::view(&row, Some(0)))
}

/// Change a node's fields; a room keeps its taken beds and its residents' gender.
pub fn update(
    c: &mut DbConn,
    scope: &Scope,
    id: NodeId,
    req: &UpdateNodeRequest,
    now: DateTime<Utc>,
) -> AppResult<NodeView> {
    // Held until commit: a check-in into this room waits, then sees the new fields.
    nodes::lock(c, id)?;
    let row = nodes::find_in_scope(c, id, scope)?.ok_or_else(not_found)?;
    let level = row.level;
    let current_gender = row.gender;
    let raw = RawNodeFields {
        name: Some(req.name.as_deref().unwrap_or(&row.name)),
        code: req.code.as_deref().or(row.code.as_deref()),
        floor: req.floor.or(row.floor),
        capacity: req.capacity.or(row.capacity),
        gender: req.gender.or(current_gender),
    };
    // A field another level has (a floor for a building) fits the
    // document, and is refused for this node's level: 422.
    let fields = validate_fields(level, &raw).map_err(|mut e| {
        for f in e.0.iter_mut().filter(|f| f.code == "not_allowed") {
            f.code = "wrong_level".into();
        }
        e
    })?;
    if level == Level::Room {
        if let Some(bed) =
            nodes::highest_taken_bed(c, row.id)?.filter(|b| *b > fields.capacity.unwrap_or(0))
        {
            return Err(AppError::Conflict {
                code: ProblemCode::RoomOccupied,
                detail: format!(
                    "bed {bed} of this room is taken; move that student before reducing its beds"
                ),
            });
        }
        if fields.gender != current_gender {
            let residents = nodes::resident_genders(c, row.id)?;
            let n = misfits(fields.gender, &residents);
            if n > 0 {
                return Err(AppError::Conflict {
                    code: ProblemCode::RoomGenderConflict,
                    detail: format!("{n} student(s) living here do not match that gender; move them before changing the room's gender"),
                });
            }
        }
    }
    nodes::update_fields(c, row.id, &fields, now).map_err(node_taken)?;
    reload(c, row.id)
}

/// Move a node, with everything under it, to a new parent of the level above.
pub fn move_under(
    c: &mut DbConn,
    scope: &Scope,
    id: NodeId,
    parent_id: NodeId,
    now: DateTime<Utc>,
) -> AppResult<NodeView> {
    let row = nodes::find_in_scope(c, id, scope)?.ok_or_else(not_found)?;
    let parent = nodes::find_in_scope(c, parent_id, scope)?
        .ok_or_else(|| AppError::not_found("the new parent node"))?;
    check_parent(row.level, Some(parent.level))
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    if parent.archived_at.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::ParentArchived,
            detail: "the new parent is archived; restore it first".into(),
        });
    }
    relocate::move_under(c, &row, &parent, now).map_err(node_taken)?;
    reload(c, row.id)
}

/// Archive a node and its subtree (refused while students live there), or restore it.
pub fn set_archived(
    c: &mut DbConn,
    scope: &Scope,
    id: NodeId,
    archived: bool,
    now: DateTime<Utc>,
) -> AppResult<NodeView> {
    let row = nodes::find_in_scope(c, id, scope)?.ok_or_else(not_found)?;
    if archived {
        // No check-in may slip into a room of the subtree between the count and the mark.
        nodes::lock_subtree(c, &row)?;
        let living = nodes::current_residents(c, &row)?;
        if living > 0 {
            return Err(AppError::Conflict {
                code: ProblemCode::NodeOccupied,
                detail: format!(
                    "{living} students still live here; check them out or move them first"
                ),
            });
        }
    }
    nodes::set_archived(c, &row, archived, now)?;
    reload(c, row.id)
}
