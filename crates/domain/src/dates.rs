//! Dates and times as the API accepts them: from the year 1900 to 2200.
//!
//! chrono reads years far outside any campus's life (`-262143-01-01`), where
//! date arithmetic overflows and PostgreSQL refuses to store them. Every date
//! the API accepts is a [`Day`] and every instant a [`Moment`], so a value out
//! of range is a 400 naming its field before any handler sees it.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;

pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// A whole RFC 3339 instant in those years, spelt out like [`DAY_PATTERN`].
pub const MOMENT_PATTERN: &str = "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
/// A whole `YYYY-MM-DD` in those years: spelt out, so that generators make
/// dates in range rather than filter the years 0001–9999 down to them.
pub const DAY_PATTERN: &str =
    "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// A date that is not one, or not in the years 1900–2200. Field errors carry
/// [`BadDate::CODE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("use a date from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31")]
pub struct BadDate;

impl BadDate {
    pub const CODE: &'static str = "date_range";
}

fn in_range(year: i32) -> Result<(), BadDate> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(BadDate)
    }
}

/// A calendar day from 1900-01-01 to 2200-12-31, `YYYY-MM-DD` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "NaiveDate", into = "NaiveDate")]
pub struct Day(NaiveDate);

impl Day {
    pub fn get(self) -> NaiveDate {
        self.0
    }
}

impl TryFrom<NaiveDate> for Day {
    type Error = BadDate;
    fn try_from(d: NaiveDate) -> Result<Self, BadDate> {
        in_range(d.year()).map(|()| Day(d))
    }
}

impl std::str::FromStr for Day {
    type Err = BadDate;
    /// `YYYY-MM-DD`, as a date input gives it.
    fn from_str(s: &str) -> Result<Self, BadDate> {
        let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| BadDate)?;
        Day::try_from(d)
    }
}

impl From<Day> for NaiveDate {
    fn from(d: Day) -> NaiveDate {
        d.0
    }
}

impl Deref for Day {
    type Target = NaiveDate;
    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An instant in the years 1900–2200, RFC 3339 on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "DateTime<FixedOffset>", into = "DateTime<Utc>")]
pub struct Moment(DateTime<Utc>);

impl Moment {
    pub fn get(self) -> DateTime<Utc> {
        self.0
    }
}

impl TryFrom<DateTime<Utc>> for Moment {
    type Error = BadDate;
    fn try_from(t: DateTime<Utc>) -> Result<Self, BadDate> {
        in_range(t.year()).map(|()| Moment(t))
    }
}

/// The year as written counts (`2200-12-31T23:00:00-05:00` is in range,
/// though it is 2201 in UTC), so the pattern the document states holds.
impl TryFrom<DateTime<FixedOffset>> for Moment {
    type Error = BadDate;
    fn try_from(t: DateTime<FixedOffset>) -> Result<Self, BadDate> {
        in_range(t.year()).map(|()| Moment(t.with_timezone(&Utc)))
    }
}

impl From<Moment> for DateTime<Utc> {
    fn from(t: Moment) -> DateTime<Utc> {
        t.0
    }
}

impl Deref for Moment {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

#[cfg(feature = "openapi")]
mod schema {
    use super::{Day, Moment, DAY_PATTERN, FIRST_YEAR, LAST_YEAR, MOMENT_PATTERN};
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::{RefOr, Schema};
    use utoipa::{PartialSchema, ToSchema};

    fn string(format: KnownFormat, pattern: &str, what: &str) -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(format)))
            .pattern(Some(pattern))
            .description(Some(format!(
                "{what} in the years {FIRST_YEAR} to {LAST_YEAR}"
            )))
            .into()
    }

    impl PartialSchema for Day {
        fn schema() -> RefOr<Schema> {
            string(
                KnownFormat::Date,
                DAY_PATTERN,
                "A calendar day (YYYY-MM-DD)",
            )
        }
    }
    impl ToSchema for Day {}

    impl PartialSchema for Moment {
        fn schema() -> RefOr<Schema> {
            string(
                KnownFormat::DateTime,
                MOMENT_PATTERN,
                "An instant (RFC 3339)",
            )
        }
    }
    impl ToSchema for Moment {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_outside_the_range_do_not_parse() {
        let day = |s: &str| serde_json::from_str::<Day>(&format!("\"{s}\""));
        assert!(day("1900-01-01").is_ok() && day("2200-12-31").is_ok());
        for bad in ["1899-12-31", "2201-01-01", "-262143-01-01", "+262142-12-31"] {
            let e = day(bad).unwrap_err().to_string();
            assert!(e.contains("1900-01-01"), "{bad}: {e}");
        }
        let moment = |s: &str| serde_json::from_str::<Moment>(&format!("\"{s}\""));
        assert!(moment("2026-12-01T00:00:00Z").is_ok());
        assert!(moment("0001-01-01T00:00:00Z").is_err());
        assert!(
            moment("2200-12-31T23:00:00-05:00").is_ok(),
            "the year as written"
        );
        assert!(moment("1900-01-01T00:30:00+08:00").is_ok());
        assert_eq!(
            serde_json::to_string(&day("2026-12-01").unwrap()).unwrap(),
            "\"2026-12-01\""
        );
        assert_eq!(
            "2026-12-01".parse::<Day>().map(Day::get),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        );
        assert_eq!("0001-01-01".parse::<Day>(), Err(BadDate));
        assert_eq!("soon".parse::<Day>(), Err(BadDate));
    }
}
