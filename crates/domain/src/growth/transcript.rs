//! The 第二课堂成绩单: a student's activities with the 学时 they earned, by
//! 五育 category and by semester (campus time), and the totals. Pure: the
//! lines come from attendance, the sums are made here.

use super::Category;
use crate::community::period::{CampusPeriod, Per};
use crate::grid::wire::PersonRef;
use crate::ids::ActivityId;
use crate::unit::UnitView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One activity a student was present at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TranscriptLine {
    pub activity_id: ActivityId,
    pub title: String,
    pub category: Category,
    pub hours: i32,
    /// The campus date it began.
    pub on: NaiveDate,
    /// `2026-autumn`, `2027-spring`.
    pub semester: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryHours {
    pub category: Category,
    pub hours: i32,
}

/// A semester's hours, every category listed (zero where none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SemesterHours {
    pub semester: String,
    pub by_category: Vec<CategoryHours>,
    pub hours: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TranscriptView {
    pub student: PersonRef,
    pub student_no: Option<String>,
    pub unit: Option<UnitView>,
    /// Oldest first.
    pub lines: Vec<TranscriptLine>,
    /// Oldest first.
    pub semesters: Vec<SemesterHours>,
    /// Every category, zero where none.
    pub totals: Vec<CategoryHours>,
    pub hours: i32,
}

/// A transcript issued for printing: its code is what the verification page takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedTranscript {
    /// Twelve letters and digits, printed on the transcript.
    pub code: String,
    pub issued_at: DateTime<Utc>,
    /// The public page that confirms it: `/verify/{code}` in the web app.
    pub verify_path: String,
    pub transcript: TranscriptView,
}

/// What the public verification page shows of an issued transcript: the
/// name, the student number and the totals as issued — nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifiedTranscript {
    pub code: String,
    pub issued_at: DateTime<Utc>,
    pub name: String,
    pub student_no: Option<String>,
    pub totals: Vec<CategoryHours>,
    pub hours: i32,
}

/// Every category with the hours of `lines` in it.
pub fn by_category<'a>(lines: impl IntoIterator<Item = &'a TranscriptLine>) -> Vec<CategoryHours> {
    let mut out: Vec<CategoryHours> = Category::ALL
        .into_iter()
        .map(|category| CategoryHours { category, hours: 0 })
        .collect();
    for l in lines {
        if let Some(c) = out.iter_mut().find(|c| c.category == l.category) {
            c.hours += l.hours;
        }
    }
    out
}

/// The semester (campus time) a day falls in, as the transcript names it.
pub fn semester_of(day: NaiveDate) -> String {
    CampusPeriod::containing(Per::Semester, day).to_string()
}

/// Sums by semester (oldest first) and in all, of lines oldest first.
pub fn sums(lines: &[TranscriptLine]) -> (Vec<SemesterHours>, Vec<CategoryHours>, i32) {
    let mut semesters: Vec<SemesterHours> = Vec::new();
    for l in lines {
        if semesters.last().is_none_or(|s| s.semester != l.semester) {
            let of: Vec<_> = lines.iter().filter(|x| x.semester == l.semester).collect();
            let by = by_category(of.iter().copied());
            semesters.push(SemesterHours {
                semester: l.semester.clone(),
                hours: by.iter().map(|c| c.hours).sum(),
                by_category: by,
            });
        }
    }
    let totals = by_category(lines);
    let hours = totals.iter().map(|c| c.hours).sum();
    (semesters, totals, hours)
}

/// The stored form of totals (`moral:4,intellectual:0,…`) and back.
pub fn totals_text(totals: &[CategoryHours]) -> String {
    totals
        .iter()
        .map(|c| format!("{}:{}", c.category.as_str(), c.hours))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn totals_of(text: &str) -> Vec<CategoryHours> {
    text.split(',')
        .filter_map(|p| {
            let (c, h) = p.split_once(':')?;
            Some(CategoryHours {
                category: Category::parse(c)?,
                hours: h.parse().ok()?,
            })
        })
        .collect()
}
