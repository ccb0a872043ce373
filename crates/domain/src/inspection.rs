//! The monthly dorm evaluation (任务9: 寝室安检, 卫生检查, 书香寝室评比 and
//! 月度文明寝室评比): rooms inspected against a scored checklist, the
//! problems found kept open until someone else re-checks them, and at each
//! month's end (campus time) a ranking per building and zone that awards
//! the titles by the rules in [`evaluation`].

pub mod evaluation;
#[cfg(test)]
mod tests;
pub mod wire;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::grid::{local_date, local_midnight_utc};
use crate::reform::period::Period;

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    /// 寝室安检: what it finds is a safety problem, which bars 文明寝室 while open.
    Safety = "safety",
    /// 卫生检查: its scores rank the rooms for 文明寝室.
    Hygiene = "hygiene",
    /// 书香寝室评比: its scores rank the rooms for 书香寝室.
    Reading = "reading",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RectificationState {
    /// Found and not yet confirmed fixed.
    Open = "open",
    /// A re-check by someone other than the finder confirmed it fixed.
    Closed = "closed",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Title {
    /// 文明寝室
    Civilized = "civilized",
    /// 书香寝室
    Reading = "reading",
}
}

impl Title {
    pub fn name_zh(self) -> &'static str {
        match self {
            Title::Civilized => "文明寝室",
            Title::Reading => "书香寝室",
        }
    }
}

pub const MAX_LABEL_CHARS: usize = 60;
pub const MAX_ITEM_SCORE: i32 = 100;
pub const MAX_ITEMS: usize = 30;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_PROBLEMS: usize = 10;
/// A problem is put right within a month at most: longer is not a rectification.
pub const MAX_DUE_DAYS: i64 = 30;

/// A score as a percentage in tenths (925 is 92.5 %), rounded half up: kept
/// as an integer so that both databases and every server agree on ties.
pub fn percent_tenths(score: i32, max: i32) -> i32 {
    if max <= 0 {
        return 0;
    }
    let (s, m) = (i64::from(score.clamp(0, max)), i64::from(max));
    ((s * 1000 * 2 + m) / (m * 2)) as i32
}

/// Why a due date is refused: before today, or more than [`MAX_DUE_DAYS`] ahead.
pub fn due_refusal(due_on: NaiveDate, today: NaiveDate) -> Option<&'static str> {
    if due_on < today {
        Some("past")
    } else if due_on > today + Duration::days(MAX_DUE_DAYS) {
        Some("too_far")
    } else {
        None
    }
}

/// Four eyes: a problem is confirmed fixed by someone other than its finder.
pub fn may_recheck<T: PartialEq>(caller: T, found_by: T) -> bool {
    caller != found_by
}

/// The month (campus time) an instant falls in.
pub fn month_of(at: DateTime<Utc>) -> Period {
    Period::of(local_date(at))
}

/// The instants a month begins and ends, campus time: `[start, end)`.
pub fn month_bounds(month: Period) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        local_midnight_utc(month.first_day()),
        local_midnight_utc(month.next().first_day()),
    )
}

/// Whether a month has ended at `now`, campus time: only then is it ranked for good.
pub fn month_over(month: Period, now: DateTime<Utc>) -> bool {
    now >= month_bounds(month).1
}

/// Whether a safety problem open from `opened` until `closed` (never: still
/// open) was open at some moment of the month; if so the room cannot be
/// 文明寝室 that month, however well it scored.
pub fn open_during(opened: DateTime<Utc>, closed: Option<DateTime<Utc>>, month: Period) -> bool {
    let (start, end) = month_bounds(month);
    opened < end && closed.is_none_or(|c| c > start)
}
