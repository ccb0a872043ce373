use super::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn hours(opens: &str, closes: &str) -> Hours {
    Hours {
        opens: opens.parse().unwrap(),
        closes: closes.parse().unwrap(),
    }
}

fn codes(r: Result<(), ValidationErrors>) -> Vec<(String, String)> {
    r.err()
        .map(|e| e.0.into_iter().map(|f| (f.field, f.code)).collect())
        .unwrap_or_default()
}

#[test]
fn a_slot_lies_in_one_campus_days_opening_hours() {
    let now = at("2026-12-03T09:00:00+08:00");
    let h = hours("08:00", "22:00");
    let ok = |s: &str, e: &str| check_slot(at(s), at(e), h, now);
    assert!(ok("2026-12-04T08:00:00+08:00", "2026-12-04T10:00:00+08:00").is_ok());
    assert!(ok("2026-12-04T20:00:00+08:00", "2026-12-04T22:00:00+08:00").is_ok());
    // The same instants written in UTC are the same slot.
    assert!(ok("2026-12-04T00:00:00Z", "2026-12-04T02:00:00Z").is_ok());
    let outside = vec![("ends_at".to_owned(), "outside_hours".to_owned())];
    assert_eq!(
        codes(ok("2026-12-04T07:45:00+08:00", "2026-12-04T09:00:00+08:00")),
        outside
    );
    assert_eq!(
        codes(ok("2026-12-04T21:00:00+08:00", "2026-12-04T22:15:00+08:00")),
        outside
    );
    // 23:00 UTC is 07:00 the next campus day: before opening.
    assert_eq!(
        codes(ok("2026-12-04T23:00:00Z", "2026-12-05T01:00:00Z")),
        outside
    );
}

#[test]
fn slots_are_quarter_hours_ahead_and_at_most_eight_hours() {
    let now = at("2026-12-03T09:00:00+08:00");
    let h = hours("00:00", "23:45");
    let c = |s: &str, e: &str| codes(check_slot(at(s), at(e), h, now));
    assert_eq!(
        c("2026-12-04T08:10:00+08:00", "2026-12-04T09:00:00+08:00"),
        [("starts_at".into(), "granularity".into())]
    );
    assert_eq!(
        c("2026-12-03T08:45:00+08:00", "2026-12-03T10:00:00+08:00"),
        [("starts_at".into(), "past".into())]
    );
    assert_eq!(
        c("2027-02-02T08:00:00+08:00", "2027-02-02T09:00:00+08:00"),
        [("starts_at".into(), "too_far".into())]
    );
    assert_eq!(
        c("2026-12-04T08:00:00+08:00", "2026-12-04T16:15:00+08:00"),
        [("ends_at".into(), "too_long".into())]
    );
    assert_eq!(
        c("2026-12-04T10:00:00+08:00", "2026-12-04T10:00:00+08:00"),
        [("ends_at".into(), "before_start".into())]
    );
    assert!(c("2026-12-04T08:00:00+08:00", "2026-12-04T16:00:00+08:00").is_empty());
}

#[test]
fn opening_hours_are_quarters_and_close_after_opening() {
    assert!(check_hours(hours("08:00", "22:00")).is_ok());
    assert_eq!(
        codes(check_hours(hours("08:05", "08:00"))),
        [
            ("opens".into(), "granularity".into()),
            ("closes".into(), "before_start".into())
        ]
    );
}

#[test]
fn only_shared_moments_overlap() {
    let (a, b, c, d) = (
        at("2026-12-04T10:00:00Z"),
        at("2026-12-04T11:00:00Z"),
        at("2026-12-04T12:00:00Z"),
        at("2026-12-04T10:30:00Z"),
    );
    assert!(!overlaps((a, b), (b, c)), "back to back");
    assert!(overlaps((a, b), (d, c)));
    assert!(overlaps((a, c), (d, b)), "one inside the other");
}

#[test]
fn who_books_and_how_a_booking_moves() {
    let staff = Roles::one(Role::Counsellor);
    let student = Roles::one(Role::Student);
    assert!(may_book(&staff, &[Booker::Staff]));
    assert!(!may_book(&student, &[Booker::Staff]));
    assert!(may_book(&student, &[Booker::Staff, Booker::Students]));
    assert_eq!(first_state(true), BookingState::Pending);
    assert_eq!(first_state(false), BookingState::Approved);
    assert_eq!(
        decide(BookingState::Pending, false),
        Ok(BookingState::Rejected)
    );
    assert_eq!(
        decide(BookingState::Approved, true),
        Err(Refusal::NotPending)
    );
    let (now, later) = (at("2026-12-04T10:00:00Z"), at("2026-12-04T11:00:00Z"));
    assert_eq!(
        cancel(BookingState::Approved, later, now),
        Ok(BookingState::Cancelled)
    );
    assert_eq!(
        cancel(BookingState::Approved, now, later),
        Err(Refusal::NotCancellable)
    );
    assert_eq!(
        cancel(BookingState::Rejected, later, now),
        Err(Refusal::NotCancellable)
    );
    assert!(BookingState::ALL
        .iter()
        .all(|s| s.holds() == BookingState::HOLDING.contains(&s.as_str())));
}
