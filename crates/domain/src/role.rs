//! Roles a person holds. Roles say what kind of work someone does; where they
//! may do it (their scope) comes from their unit and, later, their grid posts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Lives in the dormitory area; submits and follows requests.
    Student = "student",
    /// A student holding a grid post (dorm head, party pioneer, volunteer, work-study).
    GridMember = "grid_member",
    /// Resident counsellor (驻楼辅导员): triages the queues of their buildings.
    Counsellor = "counsellor",
    /// Staff of a unit that does the work (logistics, assets, general office).
    Handler = "handler",
    /// Community office or college student-work staff: manages the grid in scope.
    Office = "office",
    /// Student affairs administrator: everything.
    Admin = "admin",
    /// A school leader, or the head of a department or college: visits the
    /// community (their duties say where and how often) and reads the boards.
    Leader = "leader",
}
}

impl Role {
    /// Staff roles work on other people's requests and see more than their own records.
    pub fn is_staff(self) -> bool {
        matches!(
            self,
            Role::Counsellor | Role::Handler | Role::Office | Role::Admin | Role::Leader
        )
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role `{0}`; expected one of student, grid_member, counsellor, handler, office, admin, leader"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// The set of roles one person holds: sorted, without duplicates, never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "Vec<Role>", into = "Vec<Role>")]
pub struct Roles(Vec<Role>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a person needs at least one role")]
pub struct NoRoles;

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Result<Self, NoRoles> {
        let mut v: Vec<Role> = roles.into_iter().collect();
        v.sort();
        v.dedup();
        if v.is_empty() {
            Err(NoRoles)
        } else {
            Ok(Self(v))
        }
    }

    pub fn one(role: Role) -> Self {
        Self(vec![role])
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn is_admin(&self) -> bool {
        self.contains(Role::Admin)
    }

    pub fn is_staff(&self) -> bool {
        self.0.iter().any(|r| r.is_staff())
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }
}

impl TryFrom<Vec<Role>> for Roles {
    type Error = NoRoles;
    fn try_from(value: Vec<Role>) -> Result<Self, Self::Error> {
        Roles::new(value)
    }
}

impl From<Roles> for Vec<Role> {
    fn from(value: Roles) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_wire_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn role_sets_are_sorted_deduplicated_and_non_empty() {
        let r = Roles::new([Role::Admin, Role::Student, Role::Admin]).unwrap();
        assert_eq!(
            r.iter().collect::<Vec<_>>(),
            vec![Role::Student, Role::Admin]
        );
        assert_eq!(Roles::new([]), Err(NoRoles));
        assert!(serde_json::from_str::<Roles>("[]").is_err());
        assert!(r.is_staff());
        assert!(!Roles::one(Role::GridMember).is_staff());
    }
}
