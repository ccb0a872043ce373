//! Reporting periods. Units report monthly, so a period is a calendar month
//! written `YYYY-MM`; that text sorts in time order, which the storage relies on.

use chrono::{Datelike, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn parse(s: &str) -> Option<Period> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        (1..=12).contains(&month).then_some(Period { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        // The month is 1..=12 by construction; only a year beyond chrono's range could fail.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The latest period that has ended on `today`: last month.
    pub fn last_closed(today: NaiveDate) -> Period {
        Period::of(today).prev()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_roll_over_years_and_text_round_trips() {
        let dec = Period::of(d(2026, 12, 31));
        assert_eq!(dec.to_string(), "2026-12");
        assert_eq!(dec.next().to_string(), "2027-01");
        assert_eq!(dec.next().prev(), dec);
        assert_eq!(Period::parse("2026-02").unwrap().last_day(), d(2026, 2, 28));
        assert_eq!(Period::parse("2024-02").unwrap().last_day(), d(2024, 2, 29));
        assert_eq!(Period::last_closed(d(2026, 1, 1)).to_string(), "2025-12");
        for bad in ["2026-13", "2026-00", "2026-1", "26-01", "2026/01", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert!(Period::parse("2026-09").unwrap() < Period::parse("2026-10").unwrap());
    }
}
