//! The kinds of request and each kind's own form, validated field by field.

use crate::ids::NodeId;
use crate::validation::{FieldError, ValidationErrors};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Repair,
    InsuranceClaim,
    Stamp,
    CheckIn,
    CheckOut,
    RoomChange,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Repair,
        Kind::InsuranceClaim,
        Kind::Stamp,
        Kind::CheckIn,
        Kind::CheckOut,
        Kind::RoomChange,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Repair => "repair",
            Kind::InsuranceClaim => "insurance_claim",
            Kind::Stamp => "stamp",
            Kind::CheckIn => "check_in",
            Kind::CheckOut => "check_out",
            Kind::RoomChange => "room_change",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

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

/// What a student submits: `kind` and that kind's fields, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Form {
    /// 物品报修
    Repair {
        category: RepairCategory,
        /// What is broken.
        description: String,
        /// A public-area node; the student's own room when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place_id: Option<NodeId>,
        /// When a repairer may come, e.g. "weekday evenings".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preferred_time: Option<String>,
    },
    /// 保险理赔
    InsuranceClaim {
        policy_kind: PolicyKind,
        incident_date: NaiveDate,
        description: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hospital: Option<String>,
        /// Integer fen (1 yuan = 100 fen).
        amount_fen: i64,
    },
    /// 有关材料用印
    Stamp {
        document_title: String,
        document_kind: DocumentKind,
        seal: Seal,
        copies: i32,
        purpose: String,
    },
    /// 寝室入住
    CheckIn {
        term: String,
        room_id: NodeId,
        bed: i32,
    },
    /// 退宿
    CheckOut {
        term: String,
        #[serde(default)]
        reason: String,
    },
    /// 调换寝室
    RoomChange {
        term: String,
        room_id: NodeId,
        bed: i32,
        reason: String,
    },
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
            Form::Repair { .. } => Kind::Repair,
            Form::InsuranceClaim { .. } => Kind::InsuranceClaim,
            Form::Stamp { .. } => Kind::Stamp,
            Form::CheckIn { .. } => Kind::CheckIn,
            Form::CheckOut { .. } => Kind::CheckOut,
            Form::RoomChange { .. } => Kind::RoomChange,
        }
    }

    /// Check every field of the kind; `today` bounds incident dates.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        match self {
            Form::Repair {
                description,
                preferred_time,
                ..
            } => {
                text(
                    &mut errs,
                    "description",
                    description,
                    2000,
                    "what is broken",
                );
                if preferred_time
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
            Form::InsuranceClaim {
                incident_date,
                description,
                hospital,
                amount_fen,
                ..
            } => {
                if *incident_date > today {
                    errs.push(FieldError::new(
                        "incident_date",
                        "future",
                        "the incident date cannot be in the future",
                    ));
                } else if today - *incident_date > Duration::days(365) {
                    errs.push(FieldError::new(
                        "incident_date",
                        "too_old",
                        "claims must be made within a year of the incident",
                    ));
                }
                text(&mut errs, "description", description, 4000, "what happened");
                if hospital.as_deref().is_some_and(|h| h.chars().count() > 100) {
                    errs.push(FieldError::new(
                        "hospital",
                        "length",
                        "the hospital name is at most 100 characters",
                    ));
                }
                if !(1..=MAX_CLAIM_FEN).contains(amount_fen) {
                    errs.push(FieldError::new(
                        "amount_fen",
                        "range",
                        "the amount is a positive number of fen, at most 1,000,000 yuan",
                    ));
                }
            }
            Form::Stamp {
                document_title,
                copies,
                purpose,
                ..
            } => {
                text(
                    &mut errs,
                    "document_title",
                    document_title,
                    200,
                    "the document's title",
                );
                if !(1..=20).contains(copies) {
                    errs.push(FieldError::new("copies", "range", "stamp 1 to 20 copies"));
                }
                text(
                    &mut errs,
                    "purpose",
                    purpose,
                    500,
                    "what the document is for",
                );
            }
            Form::CheckIn { term: t, bed, .. } => {
                term(&mut errs, t);
                if *bed < 1 {
                    errs.push(FieldError::new("bed", "range", "beds are numbered from 1"));
                }
            }
            Form::CheckOut { term: t, reason } => {
                term(&mut errs, t);
                if reason.chars().count() > 500 {
                    errs.push(FieldError::new(
                        "reason",
                        "length",
                        "the reason is at most 500 characters",
                    ));
                }
            }
            Form::RoomChange {
                term: t,
                bed,
                reason,
                ..
            } => {
                term(&mut errs, t);
                if *bed < 1 {
                    errs.push(FieldError::new("bed", "range", "beds are numbered from 1"));
                }
                text(
                    &mut errs,
                    "reason",
                    reason,
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
            Form::Repair { description, .. } => clip(description),
            Form::InsuranceClaim {
                description,
                amount_fen,
                ..
            } => {
                format!(
                    "¥{}.{:02} {}",
                    amount_fen / 100,
                    amount_fen % 100,
                    clip(description)
                )
            }
            Form::Stamp {
                document_title,
                copies,
                ..
            } => format!("{} ×{copies}", clip(document_title)),
            Form::CheckIn { term, bed, .. } => format!("{term} bed {bed}"),
            Form::CheckOut { term, .. } => term.clone(),
            Form::RoomChange { term, reason, .. } => format!("{term} {}", clip(reason)),
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
    }

    #[test]
    fn claims_check_dates_and_money() {
        let f = |date: &str, fen: i64| Form::InsuranceClaim {
            policy_kind: PolicyKind::Accident,
            incident_date: date.parse().unwrap(),
            description: "打球扭伤".into(),
            hospital: None,
            amount_fen: fen,
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
        let s = Form::Stamp {
            document_title: "在读证明".into(),
            document_kind: DocumentKind::Certificate,
            seal: Seal::School,
            copies: 21,
            purpose: "".into(),
        };
        let e = s.validate(today()).unwrap_err();
        assert_eq!(
            e.0.iter().map(|x| x.field.as_str()).collect::<Vec<_>>(),
            ["copies", "purpose"]
        );
        let c = Form::CheckIn {
            term: "2026-2028-1".into(),
            room_id: NodeId::new(),
            bed: 0,
        };
        assert_eq!(c.validate(today()).unwrap_err().0.len(), 2);
        let ok = Form::CheckOut {
            term: "2026-2027-2".into(),
            reason: String::new(),
        };
        assert!(ok.validate(today()).is_ok());
    }

    #[test]
    fn unknown_kinds_and_fields_of_the_wrong_type_fail_to_parse() {
        assert!(serde_json::from_str::<Form>(r#"{"kind": "laundry"}"#).is_err());
        assert!(serde_json::from_str::<Form>(r#"{"kind": "stamp", "document_title": "x", "document_kind": "other", "seal": "school", "copies": "two", "purpose": "x"}"#).is_err());
    }
}
