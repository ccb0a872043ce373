//! Who may see and change which part of the grid.
//!
//! A person's scope is the union of the subtrees under the nodes where they
//! hold an active leader post (admins: everything). The store turns a scope
//! into an indexed `... IN (...)` filter on the ancestor columns that every
//! grid-located row carries, so out-of-scope rows are never read.

use super::node::Level;
use super::post::PostType;
use crate::ids::NodeId;
use crate::role::{Role, Roles};

/// An active post as scope needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldPost {
    pub post_type: PostType,
    pub level: Level,
    pub node_id: NodeId,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub all: bool,
    pub communities: Vec<NodeId>,
    pub zones: Vec<NodeId>,
    pub buildings: Vec<NodeId>,
    pub rooms: Vec<NodeId>,
}

/// Where a node or a grid-located record sits: its own id at its level and
/// every ancestor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub community: NodeId,
    pub zone: Option<NodeId>,
    pub building: Option<NodeId>,
    pub room: Option<NodeId>,
}

impl Scope {
    pub fn everything() -> Self {
        Scope {
            all: true,
            ..Default::default()
        }
    }

    pub fn of(roles: &Roles, posts: &[HeldPost]) -> Self {
        if roles.is_admin() {
            return Scope::everything();
        }
        let mut s = Scope::default();
        for p in posts.iter().filter(|p| p.post_type.is_leader()) {
            let list = match p.level {
                Level::Community => &mut s.communities,
                Level::CollegeZone => &mut s.zones,
                Level::Building => &mut s.buildings,
                Level::Room => &mut s.rooms,
            };
            if !list.contains(&p.node_id) {
                list.push(p.node_id);
            }
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        !self.all
            && self.communities.is_empty()
            && self.zones.is_empty()
            && self.buildings.is_empty()
            && self.rooms.is_empty()
    }

    /// Whether the place lies in one of the scope's subtrees.
    pub fn covers(&self, place: &Place) -> bool {
        self.all
            || self.communities.contains(&place.community)
            || place.zone.is_some_and(|z| self.zones.contains(&z))
            || place.building.is_some_and(|b| self.buildings.contains(&b))
            || place.room.is_some_and(|r| self.rooms.contains(&r))
    }
}

/// Things done on the grid. Whether the target is in scope is checked by the
/// store's queries; this says which roles may do the thing at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridAction {
    /// Nodes, posts, residents and meetings in scope.
    Read,
    /// Create, rename, move and archive nodes.
    ManageNodes,
    /// Appoint and end grid-leader posts.
    AppointLeaders,
    /// Appoint and end grid-member posts (dorm heads, volunteers…).
    AppointMembers,
    /// Check students in and out, move them.
    ManageResidency,
    /// Record grid meetings.
    HoldMeetings,
    /// Edit the service item lists (school-wide, per level): only with a scope
    /// over the whole grid, since a list binds every community.
    EditDuties,
    /// Import rosters and grids from CSV.
    Import,
}

impl GridAction {
    pub fn allowed(self, roles: &Roles) -> bool {
        let any = |rs: &[Role]| rs.iter().any(|r| roles.contains(*r));
        match self {
            GridAction::Read => roles.is_staff() || roles.contains(Role::GridMember),
            GridAction::ManageNodes | GridAction::AppointLeaders | GridAction::EditDuties => {
                any(&[Role::Admin, Role::Office])
            }
            GridAction::AppointMembers | GridAction::ManageResidency | GridAction::HoldMeetings => {
                any(&[Role::Admin, Role::Office, Role::Counsellor])
            }
            GridAction::Import => roles.is_admin(),
        }
    }

    /// Whether the action is allowed to someone with these roles and this
    /// scope, for actions that touch no single node but the whole school.
    pub fn allowed_school_wide(self, roles: &Roles, scope: &Scope) -> bool {
        self.allowed(roles) && scope.all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(t: PostType, level: Level) -> (HeldPost, NodeId) {
        let id = NodeId::new();
        (
            HeldPost {
                post_type: t,
                level,
                node_id: id,
            },
            id,
        )
    }

    #[test]
    fn leader_posts_give_their_subtree_and_member_posts_nothing() {
        let (counsellor, building) = post(PostType::ResidentCounsellor, Level::Building);
        let (dorm_head, _) = post(PostType::DormHead, Level::Room);
        let s = Scope::of(&Roles::one(Role::Counsellor), &[counsellor, dorm_head]);
        assert_eq!(s.buildings, vec![building]);
        assert!(s.rooms.is_empty());
        let inside = Place {
            community: NodeId::new(),
            zone: Some(NodeId::new()),
            building: Some(building),
            room: Some(NodeId::new()),
        };
        let outside = Place {
            building: Some(NodeId::new()),
            ..inside
        };
        assert!(s.covers(&inside));
        assert!(!s.covers(&outside));
    }

    #[test]
    fn admins_cover_everything_and_nobody_else_does_by_default() {
        let place = Place {
            community: NodeId::new(),
            zone: None,
            building: None,
            room: None,
        };
        assert!(Scope::of(&Roles::one(Role::Admin), &[]).covers(&place));
        let none = Scope::of(&Roles::one(Role::Office), &[]);
        assert!(none.is_empty() && !none.covers(&place));
    }

    #[test]
    fn roles_gate_actions() {
        let counsellor = Roles::one(Role::Counsellor);
        assert!(GridAction::ManageResidency.allowed(&counsellor));
        assert!(!GridAction::ManageNodes.allowed(&counsellor));
        assert!(!GridAction::Read.allowed(&Roles::one(Role::Student)));
        assert!(GridAction::EditDuties.allowed(&Roles::one(Role::Office)));
        // An office account heading one community (or none) does not bind the others.
        let (head, community) = post(PostType::CommunityHead, Level::Community);
        let one_community = Scope::of(&Roles::one(Role::Office), &[head]);
        assert!(one_community.communities.contains(&community));
        assert!(
            !GridAction::EditDuties.allowed_school_wide(&Roles::one(Role::Office), &one_community)
        );
        assert!(GridAction::EditDuties
            .allowed_school_wide(&Roles::one(Role::Admin), &Scope::everything()));
        assert!(!GridAction::Import.allowed(&Roles::one(Role::Office)));
    }
}
