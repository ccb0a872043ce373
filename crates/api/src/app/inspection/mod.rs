//! The monthly dorm evaluation (任务9): rooms inspected against the
//! checklists, the problems found kept open until someone else re-checks
//! them, and each month's ranking and titles, closed at the month's end
//! (campus time) and kept as they were computed.
//!
//! Who: [`Inspector`] — the caller's reach, looked up once per call: grid
//! leaders (counsellors, community and college heads, the office through
//! its posts) inspect their subtree; grid members where they serve, a dorm
//! head the other rooms of their building (寝室长互查); nobody their own room.
//! 学生处 (task 9's lead) and administrators keep the checklists and close
//! months.

pub mod evaluate;
pub mod items;
pub mod record;
pub mod rectify;
mod views;

use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, posts, residency};
use crate::db::repo::units;
use crate::db::rows::NodeRow;
use crate::db::DbConn;
use chrono::NaiveDate;
use onestop_domain::grid::{Level, PostType, Scope};
use onestop_domain::{NodeId, Role};

/// The unit that leads task 9 and keeps the checklists, by its code in plan.json.
pub const STUDENT_AFFAIRS: &str = "student-affairs";

/// The caller's reach in the evaluation.
#[derive(Debug, Clone)]
pub struct Inspector {
    /// Where the caller inspects, reads inspections and re-checks.
    pub scope: Scope,
    /// Keeps the checklists and closes months.
    pub keeper: bool,
    /// The room the caller lives in, which they never inspect.
    pub home: Option<NodeId>,
}

impl Inspector {
    pub fn of(c: &mut DbConn, caller: &Caller, today: NaiveDate) -> AppResult<Inspector> {
        let mut scope = caller.scope.clone();
        for p in posts::active_for_user(c, caller.id, today)? {
            if p.post_type.is_leader() {
                continue;
            }
            let (level, node) = if p.post_type == PostType::DormHead {
                // A dorm head checks the other rooms of the building.
                match nodes::find(c, p.node_id)?.and_then(|n| n.building_id) {
                    Some(b) => (Level::Building, b),
                    None => continue,
                }
            } else {
                (p.level, p.node_id)
            };
            let list = match level {
                Level::Community => &mut scope.communities,
                Level::CollegeZone => &mut scope.zones,
                Level::Building => &mut scope.buildings,
                Level::Room => &mut scope.rooms,
            };
            if !list.contains(&node) {
                list.push(node);
            }
        }
        let keeper = caller.roles.contains(Role::Admin)
            || (caller.roles.contains(Role::Office)
                && match caller.unit_id {
                    Some(u) => units::by_ids(c, &[u])?
                        .pop()
                        .is_some_and(|u| u.code == STUDENT_AFFAIRS),
                    None => false,
                });
        let home = residency::current_of_student(c, caller.id)?.map(|r| r.room_id);
        Ok(Inspector {
            scope,
            keeper,
            home,
        })
    }

    pub fn require_keeper(&self) -> AppResult<()> {
        if self.keeper {
            Ok(())
        } else {
            Err(forbidden(
                "the checklists and the month's close are kept by 学生处 and the administrators",
            ))
        }
    }

    /// 403 when the caller reaches no room at all: the page is not for them.
    pub fn require_reach(&self) -> AppResult<()> {
        if self.scope.is_empty() {
            Err(forbidden(
                "inspections are for grid leaders and members, counsellors and the office",
            ))
        } else {
            Ok(())
        }
    }
}

/// A room the inspector reaches: 404 outside the scope, 422 for a node that is not a room.
fn room_in_reach(c: &mut DbConn, who: &Inspector, id: NodeId) -> AppResult<NodeRow> {
    let row = nodes::find_in_scope(c, id, &who.scope)?
        .filter(|n| n.archived_at.is_none())
        .ok_or_else(|| AppError::not_found("this room"))?;
    if row.level != Level::Room {
        return Err(AppError::field(
            "room_id",
            "not_a_room",
            "inspections are of rooms",
        ));
    }
    Ok(row)
}

fn forbidden(detail: &str) -> AppError {
    AppError::Forbidden {
        detail: detail.into(),
    }
}

fn stale(what: &str) -> AppError {
    AppError::Conflict {
        code: onestop_domain::problem::ProblemCode::StaleVersion,
        detail: format!("{what} changed since it was read; read it again"),
    }
}
