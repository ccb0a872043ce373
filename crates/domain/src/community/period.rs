//! The periods visit rules count in: calendar months and semesters, both in
//! campus time (the date in UTC+8, [`crate::grid::local_date`]).
//!
//! The year is split into two semesters with no gap, so every day belongs to
//! exactly one: autumn from 1 August to 31 January, spring from 1 February to
//! 31 July. The summer and winter breaks fall inside them; a leader who visits
//! in the break has still visited that semester.

use crate::reform::period::Period;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

crate::string_enum! {
/// How often a rule asks for visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// 每学期
    Semester = "semester",
    /// 每月
    Month = "month",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// 春季学期: 1 February to 31 July.
    Spring = "spring",
    /// 秋季学期: 1 August to 31 January of the next year.
    Autumn = "autumn",
}
}

/// One period: `2026-11` (a month) or `2026-autumn`, `2027-spring` (a
/// semester, named by the year it starts in). The text is its wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CampusPeriod {
    Month(Period),
    Semester { year: i32, term: Term },
}

impl CampusPeriod {
    /// The period of kind `per` that `day` (a campus date) falls in.
    pub fn containing(per: Per, day: NaiveDate) -> CampusPeriod {
        match per {
            Per::Month => CampusPeriod::Month(Period::of(day)),
            Per::Semester => match day.month() {
                1 => CampusPeriod::Semester {
                    year: day.year() - 1,
                    term: Term::Autumn,
                },
                2..=7 => CampusPeriod::Semester {
                    year: day.year(),
                    term: Term::Spring,
                },
                _ => CampusPeriod::Semester {
                    year: day.year(),
                    term: Term::Autumn,
                },
            },
        }
    }

    pub fn per(self) -> Per {
        match self {
            CampusPeriod::Month(_) => Per::Month,
            CampusPeriod::Semester { .. } => Per::Semester,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        match self {
            CampusPeriod::Month(m) => m.first_day(),
            CampusPeriod::Semester { year, term } => {
                let month = if term == Term::Spring { 2 } else { 8 };
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
            }
        }
    }

    /// The period's last day (inclusive).
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    pub fn next(self) -> CampusPeriod {
        match self {
            CampusPeriod::Month(m) => CampusPeriod::Month(m.next()),
            CampusPeriod::Semester {
                year,
                term: Term::Spring,
            } => CampusPeriod::Semester {
                year,
                term: Term::Autumn,
            },
            CampusPeriod::Semester {
                year,
                term: Term::Autumn,
            } => CampusPeriod::Semester {
                year: year + 1,
                term: Term::Spring,
            },
        }
    }

    pub fn prev(self) -> CampusPeriod {
        CampusPeriod::containing(self.per(), self.first_day().pred_opt().unwrap_or_default())
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// `2026-11`, `2026-autumn`; None for anything else (or a year outside 1900–2200).
    pub fn parse(s: &str) -> Option<CampusPeriod> {
        let p = if let Some((y, t)) = s.split_once('-').filter(|(_, t)| t.len() > 2) {
            let year: i32 = (y.len() == 4).then(|| y.parse().ok()).flatten()?;
            let term = Term::ALL.into_iter().find(|x| x.as_str() == t)?;
            CampusPeriod::Semester { year, term }
        } else {
            CampusPeriod::Month(Period::parse(s)?)
        };
        (crate::dates::FIRST_YEAR..=crate::dates::LAST_YEAR)
            .contains(&p.first_day().year())
            .then_some(p)
    }

    /// `2026年11月`, `2026年秋季学期`.
    pub fn name_zh(self) -> String {
        match self {
            CampusPeriod::Month(m) => {
                let d = m.first_day();
                format!("{}年{}月", d.year(), d.month())
            }
            CampusPeriod::Semester { year, term } => format!(
                "{year}年{}学期",
                if term == Term::Spring {
                    "春季"
                } else {
                    "秋季"
                }
            ),
        }
    }
}

/// The wire pattern of a period.
pub const PERIOD_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2]|spring|autumn)$";

impl fmt::Display for CampusPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CampusPeriod::Month(m) => m.fmt(f),
            CampusPeriod::Semester { year, term } => write!(f, "{year:04}-{}", term.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_day_is_in_one_semester() {
        let cases = [
            ("2026-07-31", "2026-spring"),
            ("2026-08-01", "2026-autumn"),
            ("2027-01-31", "2026-autumn"),
            ("2027-02-01", "2027-spring"),
            ("2026-12-31", "2026-autumn"),
        ];
        for (day, want) in cases {
            let p = CampusPeriod::containing(Per::Semester, d(day));
            assert_eq!(p.to_string(), want, "{day}");
            assert!(p.contains(d(day)));
        }
        let autumn = CampusPeriod::parse("2026-autumn").unwrap();
        assert_eq!(
            (autumn.first_day(), autumn.last_day()),
            (d("2026-08-01"), d("2027-01-31"))
        );
        assert_eq!(autumn.next().to_string(), "2027-spring");
        assert_eq!(autumn.prev().to_string(), "2026-spring");
        assert_eq!(autumn.next().prev(), autumn);
        assert_eq!(autumn.name_zh(), "2026年秋季学期");
    }

    #[test]
    fn months_and_their_edges() {
        let p = CampusPeriod::containing(Per::Month, d("2024-02-29"));
        assert_eq!(p.to_string(), "2024-02");
        assert_eq!(p.last_day(), d("2024-02-29"));
        assert_eq!(p.prev().to_string(), "2024-01");
        assert_eq!(
            CampusPeriod::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
        assert_eq!(p.name_zh(), "2024年2月");
    }

    #[test]
    fn only_periods_parse() {
        for bad in [
            "2026",
            "2026-13",
            "2026-summer",
            "26-autumn",
            "1899-autumn",
            "2026-1",
            "x-spring",
        ] {
            assert_eq!(CampusPeriod::parse(bad), None, "{bad}");
        }
        for good in ["2026-01", "2026-spring", "2200-autumn"] {
            assert_eq!(CampusPeriod::parse(good).unwrap().to_string(), good);
        }
    }
}
