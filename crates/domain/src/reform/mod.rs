//! Reform-task tracking (任务分解与督办): the plan as data — sections, tasks,
//! parts, and the units that lead (牵头) or cooperate (配合) on each part.

pub mod board;
pub mod inbox;
pub mod period;
pub mod progress;
pub mod wire;

use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitRole {
    /// 牵头单位
    Lead = "lead",
    /// 配合单位
    Cooperating = "cooperating",
}
}

/// The plan's unit groups, which stand for many units at once.
pub const ALL_COLLEGES: &str = "all-colleges";
pub const ALL_FUNCTIONAL_DEPTS: &str = "all-functional-depts";

/// Expand a part's lead and cooperating unit codes into single units.
///
/// 各二级学院 becomes every college, 各职能部门 every department. A unit that
/// leads a part does not also cooperate on it, and each unit appears once.
pub fn expand_units(
    lead: &[String],
    coop: &[String],
    colleges: &[String],
    departments: &[String],
) -> Vec<(String, UnitRole)> {
    let expand = |codes: &[String]| -> Vec<String> {
        codes
            .iter()
            .flat_map(|c| match c.as_str() {
                ALL_COLLEGES => colleges.to_vec(),
                ALL_FUNCTIONAL_DEPTS => departments.to_vec(),
                _ => vec![c.clone()],
            })
            .collect()
    };
    let mut out: Vec<(String, UnitRole)> = Vec::new();
    for code in expand(lead) {
        if !out.iter().any(|(c, _)| *c == code) {
            out.push((code, UnitRole::Lead));
        }
    }
    for code in expand(coop) {
        if !out.iter().any(|(c, _)| *c == code) {
            out.push((code, UnitRole::Cooperating));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn groups_expand_and_leads_do_not_also_cooperate() {
        let colleges = v(&["c1", "c2"]);
        let depts = v(&["logistics", "youth-league", "student-affairs"]);
        let got = expand_units(
            &v(&["student-affairs"]),
            &v(&["all-functional-depts", "all-colleges"]),
            &colleges,
            &depts,
        );
        assert_eq!(got[0], ("student-affairs".to_string(), UnitRole::Lead));
        assert_eq!(got.len(), 1 + 2 + 2, "student-affairs once, as lead");
        assert!(got
            .iter()
            .filter(|(_, r)| *r == UnitRole::Cooperating)
            .all(|(c, _)| c != "student-affairs"));
        let led_by_colleges = expand_units(
            &v(&["all-colleges"]),
            &v(&["party-affairs"]),
            &colleges,
            &depts,
        );
        assert_eq!(
            led_by_colleges
                .iter()
                .filter(|(_, r)| *r == UnitRole::Lead)
                .count(),
            2
        );
    }
}
