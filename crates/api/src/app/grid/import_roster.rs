//! Importing a roster: one row per student (student_no, name, college,
//! gender, building, room, bed). Students are created or updated and put in
//! their beds; on any bad row nothing is written and every bad row is named.

use super::csv_in::{rejected, row_error, Table};
use crate::app::service::residency::place_student;
use crate::app::AppResult;
use crate::db::repo::grid::{nodes, residency, transfer};
use crate::db::repo::users;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::wire::ImportReport;
use onestop_domain::grid::{Gender, Level, Scope};
use onestop_domain::user::{parse_student_no, DisplayName, Username};
use onestop_domain::{Role, Roles, UserId};

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
        let mut bad = |col: &str, msg: String| errors.push(row_error(*line, col, msg));
        let student_no = parse_student_no("student_no", get("student_no"))
            .map_err(|e| bad("student_no", e.message))
            .ok();
        let name = DisplayName::parse("name", get("name"))
            .map_err(|e| bad("name", e.message))
            .ok();
        let gender = Gender::parse(get("gender"));
        if gender.is_none() {
            bad("gender", "write 男/女 or male/female".into());
        }
        let college_id = transfer::college_by_ref_or_name(c, get("college"))?;
        if college_id.is_none() {
            bad(
                "college",
                format!("no college is called `{}`", get("college")),
            );
        }
        let building = nodes::building_by_code(c, get("building"))?;
        let room = match &building {
            Some(b) => nodes::child_by(c, Some(b.id), Level::Room, get("room"))?,
            None => None,
        };
        if building.is_none() {
            bad(
                "building",
                format!("no building has the code `{}`", get("building")),
            );
        } else if room.is_none() {
            bad(
                "room",
                format!("building {} has no room `{}`", get("building"), get("room")),
            );
        }
        let bed = get("bed").parse::<i32>().ok();
        if bed.is_none() {
            bad("bed", "write the bed as a number".into());
        }
        let (Some(student_no), Some(name), Some(gender), Some(college_id), Some(room), Some(bed)) =
            (student_no, name, gender, college_id, room, bed)
        else {
            continue;
        };
        let student_id = match transfer::student_by_no(c, &student_no)? {
            Some(id) => {
                transfer::update_student(c, id, name.as_str(), college_id, gender)?;
                updated += 1;
                id
            }
            None => {
                let Ok(username) = Username::parse("username", &student_no) else {
                    bad(
                        "student_no",
                        "this student number cannot be a username".into(),
                    );
                    continue;
                };
                // A student's username is their number: taken by another account, it is a bad row.
                if users::find_by_username(c, username.as_str())?.is_some() {
                    bad(
                        "student_no",
                        format!(
                            "the username {} is already another account's; check the number",
                            username.as_str()
                        ),
                    );
                    continue;
                }
                created += 1;
                // "!" is no argon2 hash, so nobody can sign in as an imported
                // student until an administrator sets a password.
                users::insert(
                    c,
                    users::NewAccount {
                        username: username.as_str(),
                        display_name: name.as_str(),
                        password_hash: "!",
                        unit_id: Some(college_id),
                        roles: &Roles::one(Role::Student),
                        student_no: Some(&student_no),
                        gender: Some(gender),
                    },
                    now,
                )?
            }
        };
        let current = residency::current_of_student(c, student_id)?;
        if current
            .as_ref()
            .is_some_and(|s| s.room_id == room.id && s.bed == bed)
        {
            continue;
        }
        if let Some(stay) = current {
            residency::check_out(c, stay.id, Some(by), now)?;
        }
        if let Err(e) = place_student(
            c,
            student_id,
            &room,
            bed,
            Some(by),
            &Scope::everything(),
            now,
        ) {
            bad("bed", e.to_string());
        }
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
