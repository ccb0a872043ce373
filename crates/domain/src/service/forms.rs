//! The kinds of request and each kind's own form, validated field by field.

use crate::dates::Day;
use crate::ids::NodeId;
use crate::validation::{FieldError, ValidationErrors};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Repair = "repair",
    InsuranceClaim = "insurance_claim",
    Stamp = "stamp",
    CheckIn = "check_in",
    CheckOut = "check_out",
    RoomChange = "room_change",
}
}

impl Kind {
    /// The unit that usually does this kind of work (a plan.json unit code).
    pub fn default_unit(self) -> &'static str {
        match self {
            Kind::Repair => "logistics",
            Kind::InsuranceClaim => "student-affairs",
            Kind::Stamp => "general-office",
            Kind::CheckIn | Kind::CheckOut | Kind::RoomChange => "student-affairs",
        }
    }

    /// Completing these changes who sleeps where.
    pub fn changes_residency(self) -> bool {
        matches!(self, Kind::CheckIn | Kind::CheckOut | Kind::RoomChange)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RepairCategory {
    Water,
    Electricity,
    Furniture,
    DoorLock,
    Network,
    Appliance,
    Other,
}

impl RepairCategory {
    pub const ALL: [RepairCategory; 7] = [
        RepairCategory::Water,
        RepairCategory::Electricity,
        RepairCategory::Furniture,
        RepairCategory::DoorLock,
        RepairCategory::Network,
        RepairCategory::Appliance,
        RepairCategory::Other,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PolicyKind {
    Accident,
    Medical,
    Property,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Transcript,
    Certificate,
    Application,
    Agreement,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Seal {
    School,
    StudentAffairs,
    College,
}

/// 物品报修
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RepairForm {
    pub category: RepairCategory,
    /// What is broken.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, pattern = r"\S"))]
    pub description: String,
    /// A public-area node; the student's own room when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_id: Option<NodeId>,
    /// When a repairer may come, e.g. "weekday evenings".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub preferred_time: Option<String>,
}

/// 保险理赔
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InsuranceClaimForm {
    pub policy_kind: PolicyKind,
    /// Within the last year, not in the future.
    pub incident_date: Day,
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub hospital: Option<String>,
    /// Integer fen (1 yuan = 100 fen).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100_000_000))]
    pub amount_fen: i64,
}

/// 有关材料用印
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StampForm {
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub document_title: String,
    pub document_kind: DocumentKind,
    pub seal: Seal,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 20))]
    pub copies: i32,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub purpose: String,
}

/// 寝室入住
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckInForm {
    /// Academic year and semester, e.g. 2026-2027-1 (the second year follows the first).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\s*[0-9]{4}-[0-9]{4}-[12]\s*$", example = "2026-2027-1")
    )]
    pub term: String,
    pub room_id: NodeId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub bed: i32,
}

/// 退宿
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckOutForm {
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\s*[0-9]{4}-[0-9]{4}-[12]\s*$", example = "2026-2027-1")
    )]
    pub term: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: String,
}

/// 调换寝室
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomChangeForm {
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\s*[0-9]{4}-[0-9]{4}-[12]\s*$", example = "2026-2027-1")
    )]
    pub term: String,
    pub room_id: NodeId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub bed: i32,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub reason: String,
}

/// What a student submits: `kind` and that kind's fields, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Form {
    Repair(RepairForm),
    InsuranceClaim(InsuranceClaimForm),
    Stamp(StampForm),
    CheckIn(CheckInForm),
    CheckOut(CheckOutForm),
    RoomChange(RoomChangeForm),
}

pub const MAX_CLAIM_FEN: i64 = 100_000_000;

fn text(errs: &mut ValidationErrors, field: &str, value: &str, max: usize, what: &str) {
    let n = value.trim().chars().count();
    if n == 0 {
        errs.push(FieldError::new(
            field,
            "required",
            format!("describe {what}"),
        ));
    } else if n > max {
        errs.push(FieldError::new(
            field,
            "length",
            format!("{what} is at most {max} characters"),
        ));
    }
}

fn term(errs: &mut ValidationErrors, value: &str) {
    // 2026-2027-1: academic year and semester.
    let parts: Vec<&str> = value.trim().split('-').collect();
    let ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 4
        && parts[0].parse::<i32>().ok().map(|y| y + 1) == parts[1].parse::<i32>().ok()
        && matches!(parts[2], "1" | "2");
    if !ok {
        errs.push(FieldError::new(
            "term",
            "format",
            "write the term as academic year and semester, e.g. 2026-2027-1",
        ));
    }
}

impl Form {
    pub fn kind(&self) -> Kind {
        match self {
            Form::Repair(_) => Kind::Repair,
            Form::InsuranceClaim(_) => Kind::InsuranceClaim,
            Form::Stamp(_) => Kind::Stamp,
            Form::CheckIn(_) => Kind::CheckIn,
            Form::CheckOut(_) => Kind::CheckOut,
            Form::RoomChange(_) => Kind::RoomChange,
        }
    }

    /// Check every field of the kind; `today` bounds incident dates.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        match self {
            Form::Repair(f) => {
                text(
                    &mut errs,
                    "description",
                    &f.description,
                    2000,
                    "what is broken",
                );
                if f.preferred_time
                    .as_deref()
                    .is_some_and(|p| p.chars().count() > 100)
                {
                    errs.push(FieldError::new(
                        "preferred_time",
                        "length",
                        "the preferred time is at most 100 characters",
                    ));
                }
            }
            Form::InsuranceClaim(f) => {
                if *f.incident_date > today {
                    errs.push(FieldError::new(
                        "incident_date",
                        "future",
                        "the incident date cannot be in the future",
                    ));
                } else if today - *f.incident_date > Duration::days(365) {
                    errs.push(FieldError::new(
                        "incident_date",
                        "too_old",
                        "claims must be made within a year of the incident",
                    ));
                }
                text(
                    &mut errs,
                    "description",
                    &f.description,
                    4000,
                    "what happened",
                );
                if f.hospital
                    .as_deref()
                    .is_some_and(|h| h.chars().count() > 100)
                {
                    errs.push(FieldError::new(
                        "hospital",
                        "length",
                        "the hospital name is at most 100 characters",
                    ));
                }
                if !(1..=MAX_CLAIM_FEN).contains(&f.amount_fen) {
                    errs.push(FieldError::new(
                        "amount_fen",
                        "range",
                        "the amount is a positive number of fen, at most 1,000,000 yuan",
                    ));
                }
            }
            Form::Stamp(f) => {
                text(
                    &mut errs,
                    "document_title",
                    &f.document_title,
                    200,
                    "the document's title",
                );
                if !(1..=20).contains(&f.copies) {
                    errs.push(FieldError::new("copies", "range", "stamp 1 to 20 copies"));
                }
                text(
                    &mut errs,
                    "purpose",
                    &f.purpose,
                    500,
                    "what the document is for",
                );
            }
            Form::CheckIn(f) => {
                term(&mut errs, &f.term);
                if f.bed < 1 {
                    errs.push(FieldError::new("bed", "range", "beds are numbered from 1"));
                }
            }
            Form::CheckOut(f) => {
                term(&mut errs, &f.term);
                if f.reason.chars().count() > 500 {
                    errs.push(FieldError::new(
                        "reason",
                        "length",
                        "the reason is at most 500 characters",
                    ));
                }
            }
            Form::RoomChange(f) => {
                term(&mut errs, &f.term);
                if f.bed < 1 {
                    errs.push(FieldError::new("bed", "range", "beds are numbered from 1"));
                }
                text(
                    &mut errs,
                    "reason",
                    &f.reason,
                    500,
                    "why you want to change rooms",
                );
            }
        }
        errs.finish(|| Some(()))
    }

    /// A one-line summary for queues.
    pub fn summary(&self) -> String {
        let clip = |s: &str| s.trim().chars().take(60).collect::<String>();
        match self {
            Form::Repair(f) => clip(&f.description),
            Form::InsuranceClaim(f) => format!(
                "¥{}.{:02} {}",
                f.amount_fen / 100,
                f.amount_fen % 100,
                clip(&f.description)
            ),
            Form::Stamp(f) => format!("{} ×{}", clip(&f.document_title), f.copies),
            Form::CheckIn(f) => format!("{} bed {}", f.term, f.bed),
            Form::CheckOut(f) => f.term.clone(),
            Form::RoomChange(f) => format!("{} {}", f.term, clip(&f.reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-11-26".parse().unwrap()
    }

    #[test]
    fn a_repair_needs_only_category_and_description() {
        let f: Form = serde_json::from_str(
            r#"{"kind": "repair", "category": "water", "description": "水龙头漏水"}"#,
        )
        .unwrap();
        assert_eq!(f.kind(), Kind::Repair);
        assert!(f.validate(today()).is_ok());
        let blank: Form =
            serde_json::from_str(r#"{"kind": "repair", "category": "water", "description": "  "}"#)
                .unwrap();
        assert_eq!(
            blank.validate(today()).unwrap_err().0[0].field,
            "description"
        );
        assert_eq!(
            serde_json::to_value(&f).unwrap()["kind"],
            "repair",
            "stored and shown flat, with its kind"
        );
    }

    #[test]
    fn claims_check_dates_and_money() {
        let f = |date: &str, fen: i64| {
            Form::InsuranceClaim(InsuranceClaimForm {
                policy_kind: PolicyKind::Accident,
                incident_date: date.parse().unwrap(),
                description: "打球扭伤".into(),
                hospital: None,
                amount_fen: fen,
            })
        };
        assert!(f("2026-11-01", 35_000).validate(today()).is_ok());
        let fields = |e: ValidationErrors| e.0.into_iter().map(|x| x.field).collect::<Vec<_>>();
        assert_eq!(
            fields(f("2026-12-01", 0).validate(today()).unwrap_err()),
            ["incident_date", "amount_fen"]
        );
        assert_eq!(
            fields(f("2025-01-01", 1).validate(today()).unwrap_err()),
            ["incident_date"]
        );
    }

    #[test]
    fn stamps_and_terms() {
        let s = Form::Stamp(StampForm {
            document_title: "在读证明".into(),
            document_kind: DocumentKind::Certificate,
            seal: Seal::School,
            copies: 21,
            purpose: "".into(),
        });
        let e = s.validate(today()).unwrap_err();
        assert_eq!(
            e.0.iter().map(|x| x.field.as_str()).collect::<Vec<_>>(),
            ["copies", "purpose"]
        );
        let c = Form::CheckIn(CheckInForm {
            term: "2026-2028-1".into(),
            room_id: NodeId::new(),
            bed: 0,
        });
        assert_eq!(c.validate(today()).unwrap_err().0.len(), 2);
        let ok = Form::CheckOut(CheckOutForm {
            term: "2026-2027-2".into(),
            reason: String::new(),
        });
        assert!(ok.validate(today()).is_ok());
    }

    #[test]
    fn unknown_kinds_and_fields_of_the_wrong_type_fail_to_parse() {
        assert!(serde_json::from_str::<Form>(r#"{"kind": "laundry"}"#).is_err());
        assert!(serde_json::from_str::<Form>(r#"{"kind": "stamp", "document_title": "x", "document_kind": "other", "seal": "school", "copies": "two", "purpose": "x"}"#).is_err());
    }
}
