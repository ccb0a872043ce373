//! A college's view of its students' 第二课堂 in one academic year: each
//! student's hours by 五育 category, the categories they have none in, and
//! how many students lack each — so a college sees whom to reach.

use super::transcript::CategoryHours;
use super::Category;
use crate::grid::wire::PersonRef;
use crate::unit::UnitView;
use crate::UserId;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An academic year in campus time: from 1 August of `year` to 31 July after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcademicYear(pub i32);

impl AcademicYear {
    /// The autumn semester and the spring after it (see `community::period`).
    pub fn containing(day: NaiveDate) -> AcademicYear {
        AcademicYear(if day.month() >= 8 {
            day.year()
        } else {
            day.year() - 1
        })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 8, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The day after its last.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 8, 1).unwrap_or(NaiveDate::MAX)
    }
}

/// One student of the college in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StudentHours {
    pub student: PersonRef,
    pub student_no: Option<String>,
    /// Every category, in the order of the 五育.
    pub by_category: Vec<CategoryHours>,
    pub hours: i32,
    /// The categories without an hour this year.
    pub missing: Vec<Category>,
}

/// How many of the college's students have no hours in a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryGap {
    pub category: Category,
    pub students: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TranscriptSummary {
    pub unit: UnitView,
    /// The academic year by the year it begins in (`2026`: August 2026 to July 2027).
    pub year: i32,
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Those with the most categories missing first, then by student number.
    pub students: Vec<StudentHours>,
    pub gaps: Vec<CategoryGap>,
}

/// Each student with their hours (`credits`: student, category, 学时 of one
/// attendance), and the gaps.
pub fn summarise(
    students: Vec<(PersonRef, Option<String>)>,
    credits: &[(UserId, Category, i32)],
) -> (Vec<StudentHours>, Vec<CategoryGap>) {
    // One pass over the credits: a college has thousands of students.
    let mut sums: HashMap<(UserId, Category), i32> = HashMap::new();
    for (s, c, h) in credits {
        *sums.entry((*s, *c)).or_default() += h;
    }
    let mut out: Vec<StudentHours> = students
        .into_iter()
        .map(|(student, student_no)| {
            let by_category: Vec<CategoryHours> = Category::ALL
                .into_iter()
                .map(|category| CategoryHours {
                    category,
                    hours: sums.get(&(student.id, category)).copied().unwrap_or(0),
                })
                .collect();
            StudentHours {
                hours: by_category.iter().map(|c| c.hours).sum(),
                missing: by_category
                    .iter()
                    .filter(|c| c.hours == 0)
                    .map(|c| c.category)
                    .collect(),
                by_category,
                student,
                student_no,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.missing
            .len()
            .cmp(&a.missing.len())
            .then_with(|| a.student_no.cmp(&b.student_no))
            .then_with(|| a.student.display_name.cmp(&b.student.display_name))
    });
    let gaps = Category::ALL
        .into_iter()
        .map(|category| CategoryGap {
            category,
            students: i32::try_from(out.iter().filter(|s| s.missing.contains(&category)).count())
                .unwrap_or(i32::MAX),
        })
        .collect();
    (out, gaps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_year_runs_from_august_to_july() {
        assert_eq!(
            AcademicYear::containing(d("2026-08-01")),
            AcademicYear(2026)
        );
        assert_eq!(
            AcademicYear::containing(d("2027-01-31")),
            AcademicYear(2026)
        );
        assert_eq!(
            AcademicYear::containing(d("2027-02-01")),
            AcademicYear(2026)
        );
        assert_eq!(
            AcademicYear::containing(d("2027-07-31")),
            AcademicYear(2026)
        );
        assert_eq!(
            AcademicYear::containing(d("2026-07-31")),
            AcademicYear(2025)
        );
        assert_eq!(AcademicYear(2026).end(), d("2027-08-01"));
    }

    #[test]
    fn gaps_count_students_without_hours_and_come_first() {
        let (a, b) = (UserId::new(), UserId::new());
        let person = |id, name: &str| PersonRef {
            id,
            display_name: name.into(),
        };
        let credits = [
            (a, Category::Moral, 2),
            (a, Category::Moral, 1),
            (a, Category::Physical, 4),
        ];
        let (rows, gaps) = summarise(
            vec![
                (person(a, "甲"), Some("1".into())),
                (person(b, "乙"), Some("2".into())),
            ],
            &credits,
        );
        assert_eq!(rows[0].student.id, b, "the one with most missing first");
        assert_eq!(rows[0].missing.len(), 5);
        assert_eq!(rows[1].hours, 7);
        assert_eq!(rows[1].by_category[0].hours, 3);
        assert_eq!(
            rows[1].missing,
            [
                Category::Intellectual,
                Category::Aesthetic,
                Category::Labour
            ]
        );
        let moral = gaps.iter().find(|g| g.category == Category::Moral).unwrap();
        assert_eq!(moral.students, 1);
        let labour = gaps
            .iter()
            .find(|g| g.category == Category::Labour)
            .unwrap();
        assert_eq!(labour.students, 2);
    }
}
