//! Small pure helpers the pages share: times in campus time, money, queue
//! filters in the address bar (so a reload or a shared link keeps its place).

use crate::forms::{code_of, enum_of};
use chrono::{DateTime, Duration, Utc};
use onestop_domain::service::{Kind, Priority, State};
use onestop_domain::NodeId;

/// Campus time (UTC+8), as people read it: `11-26 14:05`.
pub fn when(t: DateTime<Utc>) -> String {
    (t + Duration::hours(8)).format("%m-%d %H:%M").to_string()
}

/// For an `<input type="datetime-local">`: campus time to the minute.
pub fn campus_input(t: DateTime<Utc>) -> String {
    (t + Duration::hours(8))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// What a `datetime-local` input holds, read as campus time.
pub fn from_campus_input(s: &str) -> Option<DateTime<Utc>> {
    let local = chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Some((local - Duration::hours(8)).and_utc())
}

/// Now, by the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date on campus, from the browser's clock.
pub fn today() -> chrono::NaiveDate {
    onestop_domain::grid::local_date(now())
}

/// How long ago a request was submitted, as the queue narrows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    Day,
    ThreeDays,
    Week,
    Older,
}

impl Age {
    pub const ALL: [Age; 4] = [Age::Day, Age::ThreeDays, Age::Week, Age::Older];

    pub fn code(self) -> &'static str {
        match self {
            Age::Day => "1d",
            Age::ThreeDays => "3d",
            Age::Week => "7d",
            Age::Older => "older",
        }
    }

    pub fn parse(s: &str) -> Option<Age> {
        Self::ALL.into_iter().find(|a| a.code() == s)
    }

    /// (submitted from, submitted before) as of `now`.
    pub fn window(self, now: DateTime<Utc>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        match self {
            Age::Day => (Some(now - Duration::days(1)), None),
            Age::ThreeDays => (Some(now - Duration::days(3)), None),
            Age::Week => (Some(now - Duration::days(7)), None),
            Age::Older => (None, Some(now - Duration::days(7))),
        }
    }
}

/// Yuan as typed (`12.5`, `12.50`, `１２`) to fen; None when it is not an amount.
pub fn yuan_to_fen(s: &str) -> Option<i64> {
    let s: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect();
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty()
        || frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let yuan: i64 = whole.parse().ok()?;
    let fen: i64 = format!("{frac:0<2}").parse().ok()?;
    yuan.checked_mul(100)?.checked_add(fen)
}

/// The queue's place: which tab, which filters, which order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueView {
    pub state: Option<State>,
    pub kind: Option<Kind>,
    pub priority: Option<Priority>,
    pub building: Option<NodeId>,
    pub age: Option<Age>,
    pub overdue: bool,
    pub oldest: bool,
}

impl crate::components::InAddress for QueueView {
    fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.state {
            parts.push(format!("state={}", s.as_str()));
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.as_str()));
        }
        if let Some(p) = self.priority {
            parts.push(format!("priority={}", code_of(&p)));
        }
        if let Some(b) = self.building {
            parts.push(format!("building={b}"));
        }
        if let Some(a) = self.age {
            parts.push(format!("age={}", a.code()));
        }
        if self.overdue {
            parts.push("overdue=1".into());
        }
        if self.oldest {
            parts.push("sort=oldest".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Unknown or damaged values are ignored, not fatal: the link still opens.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        QueueView {
            state: get("state").and_then(|s| State::parse(&s)),
            kind: get("kind").and_then(|s| Kind::parse(&s)),
            priority: get("priority").and_then(|s| enum_of(&s)),
            building: get("building").and_then(|s| s.parse().ok()),
            age: get("age").and_then(|s| Age::parse(&s)),
            overdue: get("overdue").is_some_and(|v| v == "1"),
            oldest: get("sort").is_some_and(|v| v == "oldest"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::InAddress;

    #[test]
    fn a_picked_time_is_campus_time() {
        let t = from_campus_input("2026-12-01T08:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-12-01T00:30:00+00:00");
        assert_eq!(campus_input(t), "2026-12-01T08:30");
        assert!(from_campus_input("12/01 08:30").is_none());
    }

    #[test]
    fn money_is_read_as_people_type_it() {
        assert_eq!(yuan_to_fen("12"), Some(1200));
        assert_eq!(yuan_to_fen(" 12.5 "), Some(1250));
        assert_eq!(yuan_to_fen("０.０５"), Some(5));
        assert_eq!(yuan_to_fen("1.234"), None);
        assert_eq!(yuan_to_fen("-3"), None);
        assert_eq!(yuan_to_fen(""), None);
        assert_eq!(yuan_to_fen("abc"), None);
    }

    #[test]
    fn queue_place_round_trips_through_the_address() {
        let v = QueueView {
            state: Some(State::WaitingOnStudent),
            kind: Some(Kind::Repair),
            priority: Some(Priority::Urgent),
            building: Some(onestop_domain::NodeId::new()),
            age: Some(Age::Older),
            overdue: true,
            oldest: true,
        };
        let q = v.to_query();
        let pairs: Vec<(String, String)> = q
            .trim_start_matches('?')
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
        let back =
            QueueView::from_query(|k| pairs.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone()));
        assert_eq!(back, v);
        assert_eq!(QueueView::default().to_query(), "");
        let junk = QueueView::from_query(|_| Some("nonsense".into()));
        assert_eq!(junk, QueueView::default());
    }

    #[test]
    fn times_are_campus_times() {
        let t = DateTime::parse_from_rfc3339("2026-11-26T22:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(when(t), "11-27 06:05");
    }

    #[test]
    fn ages_are_windows_back_from_now() {
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let (from, to) = Age::ThreeDays.window(now);
        assert_eq!(from.unwrap().to_rfc3339(), "2026-11-23T12:00:00+00:00");
        assert_eq!(to, None);
        let (from, to) = Age::Older.window(now);
        assert_eq!(
            (from, to.unwrap().to_rfc3339().as_str()),
            (None, "2026-11-19T12:00:00+00:00")
        );
        for a in Age::ALL {
            assert_eq!(Age::parse(a.code()), Some(a));
        }
    }
}
