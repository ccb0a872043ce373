//! Leaders and teachers in the community (tasks 5, 6 and 8): contact visits
//! with the plan's minimums, and the follow-ups of the problems they raise.

pub mod follow_ups;
pub mod period;
pub mod spaces;
pub mod talks;
pub mod visits;
pub mod wire;

use crate::grid::Scope;
use crate::role::{Role, Roles};

/// Who manages the visit rules and duties: administrators and the community
/// office (office staff who lead a community on the grid).
pub fn manages(roles: &Roles, scope: &Scope) -> bool {
    roles.contains(Role::Admin)
        || (roles.contains(Role::Office) && (scope.all || !scope.communities.is_empty()))
}
