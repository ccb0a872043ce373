//! The service hall's workflow: creating requests and applying transitions
//! with their effects (deadlines, residency, pickup codes, the timeline).
//! Handlers and the demo seed both go through here, so the rules live in
//! one place; the rules themselves are the domain crate's.

pub mod attachments;
pub mod comments;
pub mod create;
pub mod effects;
pub mod escalation;
pub mod residency;
pub mod submit;
pub mod transition;
pub mod views;

use crate::auth::GridActor;
use crate::db::repo::service::requests::Visibility;
use crate::db::rows::RequestRow;
use onestop_domain::grid::scope::Place;
use onestop_domain::integration::events::RequestChange;
use onestop_domain::service::Relation;
use onestop_domain::{Role, UnitId, UserId};

/// Who is acting, as the hall needs it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: UserId,
    pub roles: onestop_domain::Roles,
    pub unit_id: Option<UnitId>,
    pub scope: onestop_domain::grid::Scope,
}

impl From<&GridActor> for Actor {
    fn from(a: &GridActor) -> Self {
        Actor {
            id: a.user.id,
            roles: a.user.roles.clone(),
            unit_id: a.user.unit_id,
            scope: a.scope.clone(),
        }
    }
}

impl Actor {
    fn triages(&self) -> bool {
        self.roles.contains(Role::Counsellor) || self.roles.contains(Role::Office)
    }

    /// Which requests this person may see.
    pub fn visibility(&self) -> Visibility {
        // Each clause only for the roles it can match, so a staff queue is one
        // indexed condition rather than an OR across columns, which SQLite
        // cannot serve from an index (measured: 500 ms instead of 2 ms for a
        // handler's queue at 200,000 requests).
        let handler = self.roles.contains(Role::Handler);
        Visibility {
            all: self.roles.is_admin(),
            // Students file requests; leaders file the repairs they raise on visits.
            own: (self.roles.contains(Role::Student) || self.roles.contains(Role::Leader))
                .then_some(self.id),
            scope: if self.triages() {
                self.scope.clone()
            } else {
                Default::default()
            },
            unit: if handler { self.unit_id } else { None },
            // An assignee is a handler of the request's unit, so already covered
            // by `unit`, unless the person has no unit on record.
            assignee: (handler && self.unit_id.is_none()).then_some(self.id),
        }
    }

    /// Whether this person may see the request a change is about, as it
    /// stands after the change (`unit_code`: the code of their unit), the
    /// same rule as [`Actor::visibility`], for a stream that filters in memory.
    pub fn sees(&self, r: &RequestChange, unit_code: Option<&str>) -> bool {
        let v = self.visibility();
        let place = Place {
            community: r.community_id,
            zone: r.zone_id,
            building: r.building_id,
            room: Some(r.place_id),
        };
        v.all
            || v.own == Some(r.student_id)
            || v.scope.covers(&place)
            || (v.unit.is_some() && unit_code.is_some() && r.unit.as_deref() == unit_code)
            || (v.assignee.is_some() && v.assignee == r.assignee_id)
    }

    /// How this person stands to one request.
    pub fn relation(&self, r: &RequestRow) -> Relation {
        let place = Place {
            community: r.community_id,
            zone: r.zone_id,
            building: r.building_id,
            room: Some(r.place_id),
        };
        Relation {
            owner: r.student_id == self.id,
            triager: self.triages() && self.scope.covers(&place),
            unit_staff: self.roles.contains(Role::Handler)
                && r.unit_id.is_some()
                && r.unit_id == self.unit_id,
            assignee: r.assignee_id == Some(self.id),
            admin: self.roles.is_admin(),
        }
    }
}
