//! CSV in and out: roster and grid imports (all rows or none, with every bad
//! row named) and a subtree's residents as CSV. Files may be UTF-8 or GBK,
//! which is how Excel saves CSV on Chinese Windows.

mod export;
mod grid_import;
mod roster;

use crate::db::repo::units;
use crate::db::schema::units as units_t;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use actix_web::web;
use diesel::prelude::*;
use futures_util::StreamExt;
use onestop_domain::problem::ProblemCode;
use onestop_domain::unit::UnitKind;
use onestop_domain::{FieldError, ValidationErrors};
use std::collections::HashMap;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(roster::import_roster)
        .service(grid_import::import_grid)
        .service(export::export_residents);
}

/// Imports are larger than JSON bodies: a school's roster is tens of thousands of rows.
pub const CSV_LIMIT: usize = 16 * 1024 * 1024;

pub(super) async fn read_body(mut payload: web::Payload) -> ApiResult<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: ProblemCode::UnreadableBody,
            detail: "the upload could not be read".into(),
        })?;
        if body.len() + chunk.len() > CSV_LIMIT {
            return Err(ApiError::PayloadTooLarge { limit: CSV_LIMIT });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// UTF-8 (with or without a BOM) as it is; anything else is read as GBK/GB18030.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Column names in English or as Chinese spreadsheets title them.
fn canonical(header: &str) -> String {
    let h = header.trim();
    let name = match h {
        "学号" => "student_no",
        "姓名" => "name",
        "学院" => "college",
        "性别" => "gender",
        "楼栋" | "楼栋编号" => "building",
        "楼栋名称" => "building_name",
        "寝室" | "寝室号" => "room",
        "床位" | "床号" => "bed",
        "社区" => "community",
        "包干区" => "zone",
        "楼层" => "floor",
        "床位数" => "capacity",
        other => other,
    };
    name.to_ascii_lowercase()
}

pub(super) struct Table {
    pub rows: Vec<(usize, HashMap<String, String>)>,
}

pub(super) fn parse_csv(text: &str, required: &[&str]) -> ApiResult<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            rejected(vec![row_error(
                1,
                "",
                format!("the header row cannot be read: {e}"),
            )])
        })?
        .iter()
        .map(canonical)
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !headers.iter().any(|h| h == r))
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::field(
            "header",
            "missing_columns",
            format!(
                "the file lacks the column(s) {}; expected {}",
                missing.join(", "),
                required.join(", ")
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut controls = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| {
            rejected(vec![row_error(
                line,
                "",
                format!("the line cannot be read: {e}"),
            )])
        })?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        // Nothing a person types, and PostgreSQL cannot store it.
        for (h, cell) in headers.iter().zip(rec.iter()) {
            if cell.contains('\0') {
                controls.push(row_error(
                    line,
                    h,
                    "the cell contains a NUL character; remove it",
                ));
            }
        }
        let map = headers
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_owned))
            .collect();
        rows.push((line, map));
    }
    if !controls.is_empty() {
        return Err(rejected(controls));
    }
    Ok(Table { rows })
}

/// A cell as a spreadsheet should show it: text that Excel or WPS would take
/// for a formula (`=`, `+`, `-`, `@`, or a tab or carriage return first) gets
/// a leading apostrophe, so a name like `=HYPERLINK(...)` stays a name.
pub(super) fn safe_cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

pub(super) fn row_error(line: usize, column: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(format!("line {line}: {column}"), "invalid_row", message)
}

pub(super) fn rejected(errors: Vec<FieldError>) -> ApiError {
    ApiError::Validation(ValidationErrors(errors))
}

pub(super) fn college(c: &mut DbConn, reference: &str) -> QueryResult<Option<String>> {
    if let Some(u) = units::find_by_ref(c, reference)? {
        return Ok((u.kind == UnitKind::College.as_str()).then_some(u.id));
    }
    units_t::table
        .filter(units_t::name_zh.eq(reference))
        .filter(units_t::kind.eq(UnitKind::College.as_str()))
        .select(units_t::id)
        .first(c)
        .optional()
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
