//! Contact visits (任务5): the rules and who is bound by them, visit
//! records with the problems raised (a repair request or a follow-up for a
//! unit), and who has met the minimum.

pub mod compliance;
pub mod duties;
pub(crate) mod effects;
pub mod follow_ups;
pub mod photos;
pub mod places;
pub mod record;
pub mod reminders;
pub mod rules;
mod views;

use crate::app::{AppError, AppResult};
use crate::db::repo::visits::{follow_ups as fu, records};
use onestop_domain::grid::Scope;
use onestop_domain::{Role, Roles, UnitId, UserId};

pub use views::{follow_up_views, visit_views};

/// Who is acting, as the area needs it.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: UserId,
    pub roles: Roles,
    pub unit_id: Option<UnitId>,
    pub scope: Scope,
}

impl From<&crate::auth::GridActor> for Caller {
    fn from(a: &crate::auth::GridActor) -> Self {
        Caller {
            id: a.user.id,
            roles: a.user.roles.clone(),
            unit_id: a.user.unit_id,
            scope: a.scope.clone(),
        }
    }
}

impl Caller {
    /// The seed and the jobs: an administrator of the whole grid, nobody in particular.
    pub fn system() -> Self {
        Caller {
            id: UserId::default(),
            roles: Roles::one(Role::Admin),
            unit_id: None,
            scope: Scope::everything(),
        }
    }

    /// Administrators and the community office.
    pub fn manages(&self) -> bool {
        onestop_domain::community::manages(&self.roles, &self.scope)
    }

    pub fn require_manager(&self) -> AppResult<()> {
        if self.manages() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                detail:
                    "visit rules and duties are kept by administrators and the community office"
                        .into(),
            })
        }
    }

    pub fn require_staff(&self) -> AppResult<()> {
        if self.roles.is_staff() {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                detail: "this is for staff and leaders".into(),
            })
        }
    }

    pub fn visits_seen(&self) -> records::Seen {
        records::Seen {
            all: self.roles.contains(Role::Admin),
            me: self.id,
            scope: self.scope.clone(),
        }
    }

    pub fn follow_ups_seen(&self) -> fu::Seen {
        fu::Seen {
            all: self.roles.contains(Role::Admin),
            me: self.id,
            unit: self.roles.is_staff().then_some(self.unit_id).flatten(),
            scope: self.scope.clone(),
        }
    }
}
