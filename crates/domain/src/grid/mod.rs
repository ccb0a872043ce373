//! The dormitory grid (网格): four levels in one tree, the posts people hold
//! on it, who sleeps where, and who may see and change what.

pub mod node;
pub mod post;
pub mod residency;
pub mod scope;
pub mod wire;

pub use node::{Gender, Level};
pub use post::PostType;
pub use scope::{GridAction, Scope};

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The university keeps China Standard Time (UTC+8, no daylight saving);
/// terms of posts and meeting dates are days there.
pub fn local_date(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(8)).date_naive()
}

/// The instant a campus day begins.
pub fn local_midnight_utc(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc() - Duration::hours(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_turn_at_midnight_in_china() {
        let late_utc = DateTime::parse_from_rfc3339("2026-09-01T16:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(local_date(late_utc).to_string(), "2026-09-02");
    }
}
