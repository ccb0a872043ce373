//! Importing a roster: one row per student (student_no, name, college,
//! gender, building, room, bed). Students are created or updated and put in
//! their beds (by the same rules as the SIS sync: `integration::sync`); on
//! any bad row nothing is written and every bad row is named.

use super::csv_in::{rejected, row_error, Table};
use crate::app::integration::sync;
use crate::app::AppResult;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::Gender;
use onestop_domain::integration::sync::{Outcome, StudentRecord};
use onestop_domain::UserId;

pub const COLUMNS: [&str; 7] = [
    "student_no",
    "name",
    "college",
    "gender",
    "building",
    "room",
    "bed",
];

/// Apply a roster read with [`COLUMNS`], as the person `by`, inside the caller's transaction.
pub fn import_roster(
    c: &mut DbConn,
    table: &Table,
    by: UserId,
    now: DateTime<Utc>,
) -> AppResult<ImportReport> {
    let mut errors = Vec::new();
    let (mut created, mut updated) = (0, 0);
    let n = table.rows.len();
    for (line, row) in &table.rows {
        let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
        // What the file itself gets wrong; the record's rules say the rest.
        let mut own = Vec::new();
        let gender = Gender::parse(get("gender"));
        if gender.is_none() {
            own.push(("gender", "write 男/女 or male/female".to_owned()));
        }
        let bed = get("bed").parse::<i32>().ok();
        if bed.is_none() {
            own.push(("bed", "write the bed as a number".to_owned()));
        }
        for col in ["building", "room"] {
            if get(col).is_empty() {
                own.push((col, format!("give the {col}")));
            }
        }
        let record = StudentRecord {
            student_no: get("student_no").to_owned(),
            name: get("name").to_owned(),
            college: get("college").to_owned(),
            // A row refused for its gender is rolled back with the whole file.
            gender: gender.unwrap_or(Gender::Male),
            building: Some(get("building").to_owned()).filter(|b| !b.is_empty()),
            room: Some(get("room").to_owned()).filter(|r| !r.is_empty()),
            bed,
        };
        let result = sync::student_row(c, &record, by, now)?;
        let flagged: Vec<&str> = own.iter().map(|(col, _)| *col).collect();
        let theirs = match &result {
            Err(fields) => fields
                .iter()
                .filter(|f| !flagged.contains(&f.field.as_str()))
                .map(|f| row_error(*line, &f.field, f.message.clone()))
                .collect(),
            Ok(_) => Vec::new(),
        };
        if own.is_empty() && theirs.is_empty() {
            match result {
                Ok(Outcome::Created) => created += 1,
                _ => updated += 1,
            }
        }
        errors.extend(own.into_iter().map(|(col, msg)| row_error(*line, col, msg)));
        errors.extend(theirs);
    }
    if !errors.is_empty() {
        return Err(rejected(errors));
    }
    Ok(ImportReport {
        rows: n,
        applied: true,
        created,
        updated,
        errors: vec![],
    })
}
