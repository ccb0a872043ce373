//! Keeping students and rooms in step with the student information system,
//! by its keys: a student by number, a room by building code and number.
//! The CSV roster import reads its rows into the same records and applies
//! them with the same function, so the two paths keep one set of rules.

use crate::app::service::residency::place_student;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, residency, transfer};
use crate::db::repo::users;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::Connection;
use onestop_domain::grid::node::{validate_fields, RawNodeFields};
use onestop_domain::grid::{Level, Scope};
use onestop_domain::integration::sync::{Outcome, RoomRecord, StudentRecord, SyncMode, SyncReport};
use onestop_domain::user::{parse_student_no, DisplayName, Username};
use onestop_domain::{FieldError, Role, Roles, UserId, ValidationErrors};

/// A record's refusal: its fields, or a database failure that ends the batch.
enum Refused {
    Fields(Vec<FieldError>),
    App(AppError),
}

impl From<AppError> for Refused {
    fn from(e: AppError) -> Self {
        Refused::App(e)
    }
}

impl From<diesel::result::Error> for Refused {
    fn from(e: diesel::result::Error) -> Self {
        Refused::App(e.into())
    }
}

fn field(name: &str, code: &str, message: impl Into<String>) -> Refused {
    Refused::Fields(vec![FieldError::new(name, code, message)])
}

/// Apply each record in a savepoint of its own: a refused one leaves
/// nothing behind. All or nothing: any refusal refuses the batch. A record
/// breaking what the document states of it (a pattern, a length) refuses
/// the batch in either mode: that is the caller's mapping, not one
/// student's data, and the document is a contract the server keeps.
fn apply<R>(
    c: &mut DbConn,
    mode: SyncMode,
    list: &str,
    records: &[R],
    key: impl Fn(&R) -> String,
    mut one: impl FnMut(&mut DbConn, &R) -> Result<Outcome, Refused>,
) -> AppResult<SyncReport> {
    let mut report = SyncReport::default();
    for (index, r) in records.iter().enumerate() {
        let result = c.transaction(|c| match one(c, r) {
            Ok(o) => Ok(Ok(o)),
            Err(Refused::Fields(f)) => Err(Refusal::Row(f)),
            Err(Refused::App(e)) => Err(Refusal::Batch(e)),
        });
        let result = match result {
            Ok(r) => r,
            Err(Refusal::Row(f)) => Err(f),
            Err(Refusal::Batch(e)) => return Err(e),
        };
        report.add(index, key(r), result);
    }
    let failures = ValidationErrors(report.failures(list));
    let malformed = !failures.is_empty() && !failures.only_rules();
    if (mode == SyncMode::AllOrNothing && report.failed > 0) || malformed {
        return Err(AppError::Validation(failures));
    }
    Ok(report)
}

/// Why a savepoint was rolled back.
enum Refusal {
    Row(Vec<FieldError>),
    Batch(AppError),
}

impl From<diesel::result::Error> for Refusal {
    fn from(e: diesel::result::Error) -> Self {
        Refusal::Batch(e.into())
    }
}

pub fn sync_students(
    c: &mut DbConn,
    mode: SyncMode,
    records: &[StudentRecord],
    by: UserId,
    now: DateTime<Utc>,
) -> AppResult<SyncReport> {
    apply(c, mode, "students", records, StudentRecord::key, |c, r| {
        student(c, r, by, now)
    })
}

pub fn sync_rooms(
    c: &mut DbConn,
    mode: SyncMode,
    records: &[RoomRecord],
    now: DateTime<Utc>,
) -> AppResult<SyncReport> {
    apply(c, mode, "rooms", records, RoomRecord::key, |c, r| {
        room(c, r, now)
    })
}

/// One student record, for the CSV import: its fields refused, or what was done.
pub fn student_row(
    c: &mut DbConn,
    r: &StudentRecord,
    by: UserId,
    now: DateTime<Utc>,
) -> AppResult<Result<Outcome, Vec<FieldError>>> {
    match student(c, r, by, now) {
        Ok(o) => Ok(Ok(o)),
        Err(Refused::Fields(f)) => Ok(Err(f)),
        Err(Refused::App(e)) => Err(e),
    }
}

fn student(
    c: &mut DbConn,
    r: &StudentRecord,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<Outcome, Refused> {
    let shape = r.shape();
    if !shape.is_empty() {
        return Err(Refused::Fields(shape));
    }
    let mut errs = ValidationErrors::new();
    let student_no = errs.check(parse_student_no("student_no", &r.student_no));
    let name = errs.check(DisplayName::parse("name", &r.name));
    let college = transfer::college_by_ref_or_name(c, &r.college)?;
    if college.is_none() {
        errs.push(FieldError::new(
            "college",
            "unknown",
            format!("no college is called `{}`", r.college),
        ));
    }
    let place = match (&r.building, &r.room, r.bed) {
        (None, None, None) => None,
        (Some(b), Some(number), bed) => match nodes::building_by_code(c, b)? {
            None => {
                errs.push(FieldError::new(
                    "building",
                    "unknown",
                    format!("no building has the code `{b}`"),
                ));
                None
            }
            Some(building) => match nodes::child_by(c, Some(building.id), Level::Room, number)? {
                Some(room) => match bed {
                    Some(bed) => Some((room, bed)),
                    None => {
                        errs.push(FieldError::new(
                            "bed",
                            "incomplete",
                            "give the bed, a number",
                        ));
                        None
                    }
                },
                None => {
                    errs.push(FieldError::new(
                        "room",
                        "unknown",
                        format!("building {b} has no room `{number}`"),
                    ));
                    None
                }
            },
        },
        _ => {
            errs.push(FieldError::new(
                "room",
                "incomplete",
                "give building, room and bed together, or none of them",
            ));
            None
        }
    };
    let (Some(student_no), Some(name), Some(college_id)) = (student_no, name, college) else {
        return Err(Refused::Fields(errs.0));
    };
    if !errs.is_empty() {
        return Err(Refused::Fields(errs.0));
    }
    let (student_id, mut outcome) = match transfer::student_by_no(c, &student_no)? {
        Some(id) => {
            let changed = transfer::update_student(c, id, name.as_str(), college_id, r.gender)?;
            (
                id,
                if changed {
                    Outcome::Updated
                } else {
                    Outcome::Unchanged
                },
            )
        }
        None => {
            let username =
                Username::parse("student_no", &student_no).map_err(|e| Refused::Fields(vec![e]))?;
            // A student's username is their number: taken by another account, the record is refused.
            if users::find_by_username(c, username.as_str())?.is_some() {
                return Err(field(
                    "student_no",
                    "invalid_row",
                    format!(
                        "the username {} is already another account's; check the number",
                        username.as_str()
                    ),
                ));
            }
            // "!" is no argon2 hash: nobody signs in as an imported student
            // until an administrator sets a password.
            let id = users::insert(
                c,
                users::NewAccount {
                    username: username.as_str(),
                    display_name: name.as_str(),
                    password_hash: "!",
                    unit_id: Some(college_id),
                    roles: &Roles::one(Role::Student),
                    student_no: Some(&student_no),
                    gender: Some(r.gender),
                },
                now,
            )?;
            (id, Outcome::Created)
        }
    };
    let Some((room, bed)) = place else {
        return Ok(outcome);
    };
    let current = residency::current_of_student(c, student_id)?;
    if current
        .as_ref()
        .is_some_and(|s| s.room_id == room.id && s.bed == bed)
    {
        return Ok(outcome);
    }
    if let Some(stay) = current {
        residency::check_out(c, stay.id, Some(by), now)?;
    }
    match place_student(
        c,
        student_id,
        &room,
        bed,
        Some(by),
        &Scope::everything(),
        now,
    ) {
        Ok(_) => {}
        Err(
            e @ (AppError::Conflict { .. } | AppError::Validation(_) | AppError::NotFound { .. }),
        ) => return Err(field("bed", "invalid_row", e.to_string())),
        Err(e) => return Err(Refused::App(e)),
    }
    if outcome == Outcome::Unchanged {
        outcome = Outcome::Updated;
    }
    Ok(outcome)
}

fn room(c: &mut DbConn, r: &RoomRecord, now: DateTime<Utc>) -> Result<Outcome, Refused> {
    // The fields first, so that a malformed record is told so before a lookup fails.
    let shape = r.shape();
    if !shape.is_empty() {
        return Err(Refused::Fields(shape));
    }
    let raw = RawNodeFields {
        name: Some(&r.room),
        code: Some(&r.room),
        floor: Some(r.floor),
        capacity: Some(r.beds),
        gender: Some(r.gender),
    };
    let mut fields = validate_fields(Level::Room, &raw).map_err(|e| {
        // The record calls capacity `beds`.
        Refused::Fields(
            e.0.into_iter()
                .map(|f| match f.field.as_str() {
                    "capacity" => FieldError {
                        field: "beds".into(),
                        ..f
                    },
                    _ => f,
                })
                .collect(),
        )
    })?;
    let Some(building) = nodes::building_by_code(c, &r.building)? else {
        return Err(field(
            "building",
            "unknown",
            format!("no building has the code `{}`", r.building),
        ));
    };
    let existing = nodes::child_by(c, Some(building.id), Level::Room, &r.room)?;
    // A room renamed in the app keeps its name: the record does not carry one.
    if let Some(e) = &existing {
        fields.name.clone_from(&e.name);
    }
    match existing {
        None => {
            nodes::insert(c, Level::Room, Some(&building), &fields, None, now)?;
            Ok(Outcome::Created)
        }
        Some(room)
            if room.floor == fields.floor
                && room.capacity == fields.capacity
                && room.gender == fields.gender =>
        {
            Ok(Outcome::Unchanged)
        }
        Some(room) => {
            if let Some(bed) =
                nodes::highest_taken_bed(c, room.id)?.filter(|b| *b > fields.capacity.unwrap_or(0))
            {
                return Err(field(
                    "beds",
                    "invalid_row",
                    format!("bed {bed} of room {} is taken", r.key()),
                ));
            }
            nodes::update_fields(c, room.id, &fields, now)?;
            Ok(Outcome::Updated)
        }
    }
}
