//! A subtree's current residents as CSV (UTF-8 with a BOM, so Excel reads it).

use super::import_roster::COLUMNS;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, residency, transfer};
use crate::db::DbConn;
use onestop_domain::grid::Scope;
use onestop_domain::NodeId;

/// The name of the node and its residents' CSV; `None` when the node is not in the scope.
pub fn residents(
    c: &mut DbConn,
    scope: &Scope,
    id: NodeId,
) -> AppResult<Option<(String, Vec<u8>)>> {
    let Some(root) = nodes::find_in_scope(c, id, scope)? else {
        return Ok(None);
    };
    let filter = residency::ResidencyFilter {
        under: Some((root.level, root.id)),
        current_only: true,
        ..Default::default()
    };
    let (stays, _) = residency::list(c, scope, &filter, None)?;
    Ok(Some((root.name.clone(), residents_csv(c, &stays)?)))
}

fn residents_csv(c: &mut DbConn, stays: &[crate::db::rows::ResidencyRow]) -> AppResult<Vec<u8>> {
    let students = transfer::students_by_id(c, stays.iter().map(|s| s.student_id))?;
    let colleges = transfer::unit_names(c)?;
    let node_names =
        transfer::node_names(c, stays.iter().flat_map(|s| [s.room_id, s.building_id]))?;
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let write_err = |e: csv::Error| AppError::internal(e);
    // A roster's columns (so the file imports back as one), and when each moved in.
    w.write_record(COLUMNS.iter().chain(&["checked_in_at"]))
        .map_err(write_err)?;
    for s in stays {
        let student = students.get(&s.student_id);
        let college = student
            .and_then(|st| st.unit_id.as_ref())
            .and_then(|u| colleges.get(u))
            .cloned()
            .unwrap_or_default();
        let building = node_names
            .get(&s.building_id)
            .and_then(|b| b.1.clone())
            .unwrap_or_default();
        let room = node_names
            .get(&s.room_id)
            .and_then(|r| r.1.clone())
            .unwrap_or_default();
        w.write_record(
            [
                student
                    .and_then(|st| st.student_no.clone())
                    .unwrap_or_default(),
                student
                    .map(|st| st.display_name.clone())
                    .unwrap_or_default(),
                college,
                student
                    .and_then(|st| st.gender)
                    .map(|g| g.as_str().to_owned())
                    .unwrap_or_default(),
                building,
                room,
                s.bed.to_string(),
                s.checked_in_at.and_utc().to_rfc3339(),
            ]
            .map(safe_cell),
        )
        .map_err(write_err)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(e.to_string()))
}

/// A cell as a spreadsheet should show it: text that Excel or WPS would take
/// for a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first) gets
/// a leading apostrophe, so a name like `=HYPERLINK(...)` stays a name.
pub fn safe_cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::safe_cell;

    #[test]
    fn formulas_are_kept_as_text() {
        for f in ["=1+1", "+86 138", "-2", "@SUM(A1)", "\t=x", "\r=x"] {
            assert_eq!(safe_cell(f.into()), format!("'{f}"));
        }
        assert_eq!(safe_cell("张三".into()), "张三");
        assert_eq!(
            safe_cell("2026-12-01T00:00:00+00:00".into()),
            "2026-12-01T00:00:00+00:00"
        );
    }
}
