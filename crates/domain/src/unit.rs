//! Units: the school's departments and its colleges.

use crate::ids::UnitId;
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A functional department (职能部门), e.g. logistics or the general office.
    Department = "department",
    /// A college (二级学院); each has a zone in the dormitory grid.
    College = "college",
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
