//! The sums of a ledger: per person and academic year (August–July, campus
//! time), by category and by semester. Only approved entries count; pending
//! ones are summed apart so a member sees what waits.

use super::{EntryState, PointCategory};
use crate::community::period::{CampusPeriod, Per};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryPoints {
    pub category: PointCategory,
    pub points: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SemesterPoints {
    /// `2026-autumn`, `2027-spring`.
    pub semester: String,
    pub points: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerTotals {
    /// Approved entries and their corrections.
    pub approved: i32,
    /// Entries waiting for the secretary.
    pub pending: i32,
    /// Every category, zero where none.
    pub by_category: Vec<CategoryPoints>,
    /// The year's two semesters, autumn first.
    pub by_semester: Vec<SemesterPoints>,
}

/// What a line of the ledger adds, for the sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub category: PointCategory,
    pub points: i32,
    pub state: EntryState,
    pub on: NaiveDate,
}

/// The totals of `lines` that fall in the academic year starting in August of `year`.
pub fn totals(year: i32, lines: &[Line]) -> LedgerTotals {
    let autumn = CampusPeriod::Semester {
        year,
        term: crate::community::period::Term::Autumn,
    };
    let spring = autumn.next();
    let mut by_category: Vec<_> = PointCategory::ALL
        .into_iter()
        .map(|category| CategoryPoints {
            category,
            points: 0,
        })
        .collect();
    let mut by_semester = [(autumn, 0), (spring, 0)];
    let (mut approved, mut pending) = (0, 0);
    for l in lines {
        let semester = CampusPeriod::containing(Per::Semester, l.on);
        let Some(slot) = by_semester.iter_mut().find(|(s, _)| *s == semester) else {
            continue;
        };
        match l.state {
            EntryState::Approved => {
                approved += l.points;
                slot.1 += l.points;
                if let Some(c) = by_category.iter_mut().find(|c| c.category == l.category) {
                    c.points += l.points;
                }
            }
            EntryState::Pending => pending += l.points,
            EntryState::Rejected => {}
        }
    }
    LedgerTotals {
        approved,
        pending,
        by_category,
        by_semester: by_semester
            .into_iter()
            .map(|(s, points)| SemesterPoints {
                semester: s.to_string(),
                points,
            })
            .collect(),
    }
}

/// What a correction must add so that an entry and its corrections so far
/// (`current`, approved ones only) come to `corrected`; `None` when they do.
pub fn correction(current: i32, corrected: i32) -> Option<i32> {
    (current != corrected).then(|| corrected - current)
}
