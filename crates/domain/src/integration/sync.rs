//! Keeping students and rooms in step with the student information system:
//! records keyed by the SIS's own keys (student number; building code and
//! room number), applied row by row or all together.

use crate::grid::Gender;
use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

/// The most records one call takes.
pub const MAX_RECORDS: usize = 1000;

crate::string_enum! {
/// How a batch is applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SyncMode {
    /// Every record or none: one bad record refuses the batch (422), naming each.
    #[default]
    AllOrNothing = "all_or_nothing",
    /// Each record on its own: the good ones are applied, the bad ones reported.
    EachRecord = "each_record",
}
}

crate::string_enum! {
/// What became of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Created = "created",
    Updated = "updated",
    /// Already as the record says: nothing was written.
    Unchanged = "unchanged",
    /// Refused (see its errors); nothing of it was written.
    Failed = "failed",
}
}

/// A student as the SIS knows them. With `building`, `room` and `bed` the
/// student is put in that bed (moved out of another); without them their
/// residency is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StudentRecord {
    /// The key: 4 to 20 letters or digits.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9]{4,20}$"))]
    pub student_no: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: String,
    /// The college: code, id or Chinese name.
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub college: String,
    pub gender: Gender,
    /// The building's code, e.g. `X1`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 16))]
    pub building: Option<String>,
    /// The room's number in the building, e.g. `101`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 16))]
    pub room: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub bed: Option<i32>,
}

impl StudentRecord {
    pub fn key(&self) -> String {
        self.student_no.clone()
    }

    /// What the document states of the references (the names and numbers
    /// themselves are parsed where they are used).
    pub fn shape(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        too_long(&mut out, "college", Some(&self.college), 64);
        too_long(&mut out, "building", self.building.as_deref(), 16);
        too_long(&mut out, "room", self.room.as_deref(), 16);
        if self.bed.is_some_and(|b| !(1..=12).contains(&b)) {
            out.push(FieldError::new("bed", "range", "a bed is numbered 1 to 12"));
        }
        out
    }
}

fn too_long(out: &mut Vec<FieldError>, field: &str, value: Option<&str>, max: usize) {
    if value.is_some_and(|v| v.chars().count() > max) {
        out.push(FieldError::new(
            field,
            "length",
            format!("at most {max} characters"),
        ));
    }
}

/// A room as the SIS knows it, in a building that exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomRecord {
    /// The building's code, e.g. `X1`.
    #[cfg_attr(feature = "openapi", schema(max_length = 16))]
    pub building: String,
    /// The room's number, e.g. `101`: 1 to 16 letters, digits or hyphens.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9-]{1,16}$"))]
    pub room: String,
    #[cfg_attr(feature = "openapi", schema(minimum = -5, maximum = 100))]
    pub floor: i32,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub beds: i32,
    pub gender: Gender,
}

impl RoomRecord {
    /// `X1-101`: the building's code and the room's number.
    pub fn key(&self) -> String {
        format!("{}-{}", self.building, self.room)
    }

    /// What the document states of the building reference (the room's own
    /// fields are the grid's, checked by its rules).
    pub fn shape(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        too_long(&mut out, "building", Some(&self.building), 16);
        out
    }
}

/// `POST /api/v1/sync/students`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SyncStudentsRequest {
    #[serde(default)]
    pub mode: SyncMode,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 1000))]
    pub students: Vec<StudentRecord>,
}

/// `POST /api/v1/sync/rooms`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SyncRoomsRequest {
    #[serde(default)]
    pub mode: SyncMode,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 1000))]
    pub rooms: Vec<RoomRecord>,
}

/// What became of one record, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordResult {
    /// Its place in the list sent, from 0.
    pub index: usize,
    /// Its key: the student number, or the building code and room number (`X1-101`).
    pub key: String,
    pub outcome: Outcome,
    /// Why it failed, field by field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub records: Vec<RecordResult>,
}

impl SyncReport {
    pub fn add(&mut self, index: usize, key: String, result: Result<Outcome, Vec<FieldError>>) {
        let (outcome, errors) = match result {
            Ok(o) => (o, Vec::new()),
            Err(e) => (Outcome::Failed, e),
        };
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Failed => self.failed += 1,
        }
        self.records.push(RecordResult {
            index,
            key,
            outcome,
            errors,
        });
    }

    /// The failures as one list of fields named by their place in the batch
    /// (`students[3].room`), for refusing an all-or-nothing batch.
    pub fn failures(&self, list: &str) -> Vec<FieldError> {
        self.records
            .iter()
            .flat_map(|r| {
                r.errors.iter().map(move |e| {
                    FieldError::new(
                        format!("{list}[{}].{}", r.index, e.field),
                        &e.code,
                        format!("{}: {}", r.key, e.message),
                    )
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_counts_each_outcome_and_names_failed_fields_by_place() {
        let mut r = SyncReport::default();
        r.add(0, "20260001".into(), Ok(Outcome::Created));
        r.add(1, "20260002".into(), Ok(Outcome::Unchanged));
        r.add(
            2,
            "20260003".into(),
            Err(vec![FieldError::new("room", "unknown", "no room 909")]),
        );
        assert_eq!((r.created, r.unchanged, r.failed), (1, 1, 1));
        let f = r.failures("students");
        assert_eq!(f[0].field, "students[2].room");
        assert!(f[0].message.starts_with("20260003: "));
        assert_eq!(
            serde_json::to_string(&SyncMode::EachRecord).unwrap(),
            "\"each_record\""
        );
    }
}
