//! Reading an uploaded CSV: the encoding (UTF-8, or GBK as Excel saves it
//! on Chinese Windows), column names in English or Chinese, and every bad
//! row named by line and column. Imports are all rows or none.

use crate::app::{AppError, AppResult};
use onestop_domain::{FieldError, ValidationErrors};
use std::collections::HashMap;

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

pub struct Table {
    pub rows: Vec<(usize, HashMap<String, String>)>,
}

pub fn parse_csv(text: &str, required: &[&str]) -> AppResult<Table> {
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
        return Err(AppError::field(
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

pub fn row_error(line: usize, column: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(format!("line {line}: {column}"), "invalid_row", message)
}

pub fn rejected(errors: Vec<FieldError>) -> AppError {
    AppError::Validation(ValidationErrors(errors))
}
