//! Progress reports and their review (对标校准): what a unit may file, who may
//! review it, and how a review changes the report's standing.

use super::period::Period;
use super::UnitRole;
use crate::validation::{FieldError, ValidationErrors};
use crate::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// How the unit says the work stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum ReportStatus {
        OnTrack = "on_track",
        AtRisk = "at_risk",
        Blocked = "blocked",
        Done = "done",
    }
}

crate::string_enum! {
    /// Where a report stands with its supervisors.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum ReviewState {
        /// Filed, not yet accepted or returned.
        Pending = "pending",
        Accepted = "accepted",
        /// Sent back for rework: the unit files a new report for the period.
        Returned = "returned",
    }
}

crate::string_enum! {
    /// What a supervisor's review does.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Verdict {
        /// A calibration note only; the report's standing does not change.
        Comment = "comment",
        Accept = "accept",
        /// Send back for rework (退回整改).
        Rework = "rework",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("this report was already {0}; file or review a newer report instead")]
    Settled(&'static str),
    #[error("say why the report goes back, so the unit knows what to rework")]
    ReasonRequired,
}

impl ReviewState {
    /// The standing after a review: comments leave it, accept and rework settle a pending report once.
    pub fn after(self, verdict: Verdict, has_text: bool) -> Result<ReviewState, ReviewError> {
        match (verdict, self) {
            (Verdict::Comment, s) => Ok(s),
            (_, ReviewState::Accepted) => Err(ReviewError::Settled("accepted")),
            (_, ReviewState::Returned) => Err(ReviewError::Settled("returned for rework")),
            (Verdict::Accept, ReviewState::Pending) => Ok(ReviewState::Accepted),
            (Verdict::Rework, ReviewState::Pending) if !has_text => {
                Err(ReviewError::ReasonRequired)
            }
            (Verdict::Rework, ReviewState::Pending) => Ok(ReviewState::Returned),
        }
    }
}

pub const MAX_TEXT: usize = 4000;
pub const MAX_TITLE: usize = 200;

fn text(field: &str, raw: &str, required: bool, max: usize) -> Result<String, FieldError> {
    let t = raw.trim();
    if required && t.is_empty() {
        return Err(FieldError::new(field, "required", "write a few words here"));
    }
    if raw.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("at most {max} characters"),
        ));
    }
    Ok(t.to_owned())
}

/// A report as filed, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub period: Period,
    pub status: ReportStatus,
    pub percent: i32,
    pub text: String,
}

/// Check a report: a month no later than `today`'s and at most a year back,
/// a percent of 0–100 (100 only when done), and what was done in words.
pub fn check_report(
    period: &str,
    status: ReportStatus,
    percent: i32,
    body: &str,
    today: NaiveDate,
) -> Result<NewReport, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let current = Period::of(today);
    let period = match Period::parse(period) {
        None => {
            errs.push(FieldError::new(
                "period",
                "invalid",
                "write the month as YYYY-MM, e.g. 2026-10",
            ));
            None
        }
        Some(p) if p > current => {
            errs.push(FieldError::new(
                "period",
                "future",
                format!("{p} has not started; report on {current} or earlier"),
            ));
            None
        }
        Some(p) if p.first_day() < current.first_day() - chrono::Months::new(12) => {
            errs.push(FieldError::new(
                "period",
                "too_old",
                "reports go back at most twelve months",
            ));
            None
        }
        Some(p) => Some(p),
    };
    if !(0..=100).contains(&percent) {
        errs.push(FieldError::new(
            "percent",
            "out_of_range",
            "a percent from 0 to 100",
        ));
    } else if status == ReportStatus::Done && percent != 100 {
        errs.push(FieldError::new(
            "percent",
            "done_not_100",
            "work reported done is 100 percent done",
        ));
    }
    let body = errs.check(text("text", body, true, MAX_TEXT));
    errs.finish(|| {
        Some(NewReport {
            period: period?,
            status,
            percent,
            text: body?,
        })
    })
}

/// A milestone as set, checked: a title and a due date; a done date not in the future.
pub fn check_milestone(
    title: &str,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<String, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let title = errs.check(text("title", title, true, MAX_TITLE));
    if done_on.is_some_and(|d| d > today) {
        errs.push(FieldError::new(
            "done_on",
            "future",
            "a milestone is marked done on or after the day it was done",
        ));
    }
    errs.finish(|| title)
}

/// Who is acting on the plan: admins, or staff of one unit.
#[derive(Debug, Clone, Copy)]
pub struct PlanActor {
    pub admin: bool,
    pub staff: bool,
    pub unit_id: Option<UnitId>,
}

impl PlanActor {
    fn of_unit(&self, unit_id: UnitId) -> bool {
        self.staff && self.unit_id == Some(unit_id)
    }

    /// A unit's staff edit their own assignments (responsible person, due date,
    /// milestones); admins edit all.
    pub fn may_edit(&self, assignment_unit: UnitId) -> bool {
        self.admin || self.of_unit(assignment_unit)
    }

    /// Reports come from the unit itself: nobody reports on another unit's behalf.
    pub fn may_report(&self, assignment_unit: UnitId) -> bool {
        self.of_unit(assignment_unit)
    }

    /// Supervisors are admins and the lead units of the part. A lead does not
    /// review its own report (an admin does), so a cooperating unit's staff
    /// never review a lead's report.
    pub fn may_review(&self, report_unit: UnitId, part_units: &[(UnitId, UnitRole)]) -> bool {
        if self.admin {
            return true;
        }
        let Some(me) = self.unit_id.filter(|_| self.staff) else {
            return false;
        };
        me != report_unit
            && part_units
                .iter()
                .any(|(u, r)| *u == me && *r == UnitRole::Lead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn review_settles_a_pending_report_once() {
        use ReviewState::*;
        use Verdict::*;
        for s in ReviewState::ALL {
            assert_eq!(s.after(Comment, false), Ok(s), "comments never settle");
        }
        assert_eq!(Pending.after(Accept, false), Ok(Accepted));
        assert_eq!(Pending.after(Rework, true), Ok(Returned));
        assert_eq!(
            Pending.after(Rework, false),
            Err(ReviewError::ReasonRequired)
        );
        for v in [Accept, Rework] {
            assert!(Accepted.after(v, true).is_err());
            assert!(Returned.after(v, true).is_err());
        }
    }

    #[test]
    fn reports_name_every_bad_field() {
        let today = d(2026, 11, 26);
        let ok = check_report("2026-10", ReportStatus::OnTrack, 40, " 完成方案 ", today).unwrap();
        assert_eq!(ok.period.to_string(), "2026-10");
        assert_eq!(ok.text, "完成方案");
        let errs = check_report("2026-12", ReportStatus::Done, 80, "  ", today).unwrap_err();
        let fields: Vec<_> = errs
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("period", "future"),
                ("percent", "done_not_100"),
                ("text", "required")
            ]
        );
        assert!(check_report("2025-10", ReportStatus::OnTrack, 1, "x", today).is_err());
        assert!(check_report("2025-11", ReportStatus::OnTrack, 1, "x", today).is_ok());
        assert!(check_report("2026-11", ReportStatus::OnTrack, 101, "x", today).is_err());
    }

    #[test]
    fn units_edit_their_own_and_leads_review_others() {
        let [youth, logistics] = [UnitId::new(), UnitId::new()];
        let part = [(youth, UnitRole::Lead), (logistics, UnitRole::Cooperating)];
        let lead = PlanActor {
            admin: false,
            staff: true,
            unit_id: Some(youth),
        };
        let coop = PlanActor {
            admin: false,
            staff: true,
            unit_id: Some(logistics),
        };
        let admin = PlanActor {
            admin: true,
            staff: true,
            unit_id: None,
        };
        let student = PlanActor {
            admin: false,
            staff: false,
            unit_id: Some(logistics),
        };
        assert!(coop.may_edit(logistics) && !coop.may_edit(youth));
        assert!(admin.may_edit(youth) && !admin.may_report(youth));
        assert!(!student.may_edit(logistics) && !student.may_report(logistics));
        assert!(lead.may_review(logistics, &part));
        assert!(!lead.may_review(youth, &part), "no self-review");
        assert!(
            !coop.may_review(youth, &part),
            "a cooperator never reviews the lead"
        );
        assert!(admin.may_review(youth, &part));
    }

    #[test]
    fn milestones_need_a_title_and_a_past_done_date() {
        let today = d(2026, 11, 26);
        assert_eq!(check_milestone(" 路线图 ", None, today).unwrap(), "路线图");
        assert!(check_milestone("", None, today).is_err());
        assert!(check_milestone("x", Some(d(2026, 11, 27)), today).is_err());
    }
}
