//! Units: the school's departments and its colleges.

use crate::ids::UnitId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A functional department (职能部门), e.g. logistics or the general office.
    Department,
    /// A college (二级学院); each has a zone in the dormitory grid.
    College,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::College => "college",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "department" => Some(UnitKind::Department),
            "college" => Some(UnitKind::College),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub id: UnitId,
    /// Stable code, e.g. `logistics` (the codes of plan.json).
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: UnitKind,
}
