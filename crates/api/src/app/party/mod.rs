//! Party-member points (任务2): the party organisation on the grid, its
//! members and their rooms, the rules table and the append-only ledger.
//!
//! Who may do what comes from the caller's place in the organisation,
//! looked up once per call ([`Position`]): the party office (党群工作部 and
//! 党委学生工作部, administrators) keeps branches and memberships, 党群工作部
//! alone the rules; a branch's secretary, and the secretary of the 党工委
//! above it, see its members' ledgers and approve their points.

pub mod branches;
pub mod credit;
pub mod points;
pub mod rules;
mod views;

use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::party::branches as repo;
use crate::db::repo::units;
use crate::db::rows::BranchRow;
use crate::db::DbConn;
use onestop_domain::party::Oversight;
use onestop_domain::{BranchId, NodeId, Role};
use std::collections::HashSet;

/// The unit that keeps the points table (task 2's lead), by its code in plan.json.
pub const PARTY_AFFAIRS: &str = "party-affairs";
/// The lead of the building branches (task 1), which also keeps branches and members.
pub const STUDENT_WORK: &str = "student-work-dept";

/// The caller's place in the party organisation.
#[derive(Debug, Clone, Default)]
pub struct Position {
    /// Keeps branches and memberships, sees every ledger.
    pub office: bool,
    /// Keeps the rules table.
    pub rules: bool,
    /// Branches the caller is secretary of.
    pub leads: HashSet<BranchId>,
    /// Communities whose 党工委 the caller is secretary of.
    pub committees: HashSet<NodeId>,
}

impl Position {
    pub fn of(c: &mut DbConn, caller: &Caller) -> AppResult<Position> {
        let code = match caller.unit_id {
            Some(u) if caller.roles.is_staff() => units::by_ids(c, &[u])?.pop().map(|u| u.code),
            _ => None,
        };
        let admin = caller.roles.contains(Role::Admin);
        let led = repo::led_by(c, caller.id)?;
        Ok(Position {
            office: admin || matches!(code.as_deref(), Some(PARTY_AFFAIRS | STUDENT_WORK)),
            rules: admin || code.as_deref() == Some(PARTY_AFFAIRS),
            committees: led
                .iter()
                .filter(|b| b.kind == onestop_domain::party::BranchKind::Committee)
                .map(|b| b.community_id)
                .collect(),
            leads: led.into_iter().map(|b| b.id).collect(),
        })
    }

    pub fn over(&self, b: &BranchRow) -> Oversight {
        Oversight {
            branch_secretary: self.leads.contains(&b.id),
            committee_secretary: self.committees.contains(&b.community_id),
            party_office: self.office,
        }
    }

    /// The branches whose ledgers the caller sees, for a query; `None`: all.
    pub fn branches(&self, c: &mut DbConn) -> AppResult<Option<Vec<BranchId>>> {
        if self.office {
            return Ok(None);
        }
        let mut ids: Vec<BranchId> = self.leads.iter().copied().collect();
        for community in &self.committees {
            ids.extend(repo::list(c, Some(*community))?.into_iter().map(|b| b.id));
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(Some(ids))
    }
}

fn branch(c: &mut DbConn, id: BranchId) -> AppResult<BranchRow> {
    repo::find(c, id)?.ok_or_else(|| AppError::not_found("this branch"))
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
