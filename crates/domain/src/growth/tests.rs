use super::code::{self, Refused, GRACE_SECS, STEP_SECS};
use super::*;
use crate::ids::ActivityId;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

fn all_met() -> Vec<Standard> {
    Standard::ALL.to_vec()
}

#[test]
fn approval_needs_every_point_of_the_standard() {
    let p = ActivityState::Proposed;
    assert_eq!(
        p.reviewed(Review::Approve, &all_met()),
        Ok(ActivityState::Approved)
    );
    let mut some = all_met();
    some.retain(|c| *c != Standard::Safety);
    assert_eq!(
        p.reviewed(Review::Approve, &some),
        Err(Refusal::Unconfirmed(vec![Standard::Safety]))
    );
    assert_eq!(p.reviewed(Review::Reject, &[]), Ok(ActivityState::Rejected));
    assert_eq!(
        ActivityState::Approved.reviewed(Review::Reject, &[]),
        Err(Refusal::State(ActivityState::Approved))
    );
    assert_eq!(
        ActivityState::Approved.cancelled(),
        Ok(ActivityState::Cancelled)
    );
    assert!(ActivityState::Rejected.cancelled().is_err());
}

#[test]
fn reviewers_are_the_youth_league_the_organising_college_and_administrators() {
    let staff = Roles::one(Role::Counsellor);
    assert!(may_review(&staff, true, false));
    assert!(may_review(&staff, false, true));
    assert!(!may_review(&staff, false, false));
    assert!(may_review(&Roles::one(Role::Admin), false, false));
    assert!(!may_review(&Roles::one(Role::Student), true, true));
}

#[test]
fn places_then_the_waiting_list() {
    assert_eq!(signup_state(0, 2), SignupState::Placed);
    assert_eq!(signup_state(1, 2), SignupState::Placed);
    assert_eq!(signup_state(2, 2), SignupState::Waiting);
}

#[test]
fn the_code_is_six_digits_that_change_every_thirty_seconds() {
    let a = ActivityId::new();
    let w = code::window_of(t("2026-12-04T10:00:05Z"));
    let c = code::code(SECRET, a, w);
    assert_eq!(c.len(), 6);
    assert!(c.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(code::window_of(t("2026-12-04T10:00:29Z")), w);
    assert_eq!(code::window_of(t("2026-12-04T10:00:30Z")), w + 1);
    assert_eq!(code::window_ends(w), t("2026-12-04T10:00:30Z"));
    // Over a day of windows the code changes nearly every time.
    let changes = (0..2880)
        .filter(|i| code::code(SECRET, a, w + i) != code::code(SECRET, a, w + i + 1))
        .count();
    assert!(changes > 2870, "{changes}");
}

#[test]
fn a_code_is_taken_in_its_window_while_the_activity_runs() {
    let a = ActivityId::new();
    let (starts, ends) = (t("2026-12-04T10:00:00Z"), t("2026-12-04T12:00:00Z"));
    let now = t("2026-12-04T11:00:12Z");
    let shown = code::code(SECRET, a, code::window_of(now));
    let check =
        |entered: &str, at: DateTime<Utc>| code::check(SECRET, a, entered, at, starts, ends);
    assert_eq!(check(&shown, now), Ok(code::window_of(now)));
    // Typed as it changed: taken for a few seconds into the next window, not after.
    let next = code::window_ends(code::window_of(now));
    assert!(check(&shown, next + Duration::seconds(GRACE_SECS - 1)).is_ok());
    assert_eq!(
        check(&shown, next + Duration::seconds(GRACE_SECS)),
        Err(Refused::Expired)
    );
    assert_eq!(
        check(&shown, now + Duration::seconds(5 * STEP_SECS)),
        Err(Refused::Expired)
    );
    // Another activity's code, or digits never shown.
    let other = code::code(SECRET, ActivityId::new(), code::window_of(now));
    let other_secret = code::code(b"another secret", a, code::window_of(now));
    for wrong in [other, other_secret] {
        if wrong != shown {
            assert_eq!(check(&wrong, now), Err(Refused::Wrong));
        }
    }
    // Before the start and after the end nothing is taken, not even the right code.
    let early = starts - Duration::seconds(1);
    assert_eq!(
        check(&code::code(SECRET, a, code::window_of(early)), early),
        Err(Refused::NotStarted)
    );
    let late = ends + Duration::seconds(1);
    assert_eq!(
        check(&code::code(SECRET, a, code::window_of(late)), late),
        Err(Refused::Ended)
    );
}

#[test]
fn a_proposal_starts_ahead_and_lasts_at_most_a_day_s_event() {
    use super::wire::ProposeActivityRequest;
    use crate::dates::Moment;
    let now = t("2026-12-04T10:00:00Z");
    let req = |starts: &str, ends: &str| ProposeActivityRequest {
        title: "志愿服务".into(),
        description: String::new(),
        category: Category::Labour,
        level: ActivityLevel::Building,
        organisation: String::new(),
        place_id: crate::ids::NodeId::new(),
        location: String::new(),
        starts_at: Moment::try_from(t(starts)).unwrap(),
        ends_at: Moment::try_from(t(ends)).unwrap(),
        capacity: 30,
        hours: 2,
    };
    assert!(req("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z")
        .check(now)
        .is_ok());
    let fields = |r: ProposeActivityRequest| -> Vec<String> {
        r.check(now)
            .unwrap_err()
            .0
            .into_iter()
            .map(|f| f.field)
            .collect()
    };
    assert_eq!(
        fields(req("2026-12-04T09:00:00Z", "2026-12-04T11:00:00Z")),
        ["starts_at"]
    );
    let long = req("2026-12-05T10:00:00Z", "2026-12-05T23:00:00Z")
        .check(now)
        .unwrap_err();
    assert_eq!(
        (long.0[0].field.as_str(), long.0[0].code.as_str()),
        ("ends_at", "too_long")
    );
    assert_eq!(
        fields(req("2026-12-05T10:00:00Z", "2026-12-05T10:00:00Z")),
        ["ends_at"]
    );
}

#[test]
fn the_transcript_sums_by_semester_and_category_in_campus_time() {
    use super::transcript::{semester_of, sums, totals_of, totals_text, TranscriptLine};
    let line = |day: &str, category, hours| {
        let on: chrono::NaiveDate = day.parse().unwrap();
        TranscriptLine {
            activity_id: ActivityId::new(),
            title: "x".into(),
            category,
            hours,
            on,
            semester: semester_of(on),
        }
    };
    let lines = vec![
        line("2026-09-10", Category::Labour, 2),
        line("2027-01-31", Category::Moral, 3),
        line("2027-02-01", Category::Labour, 4),
    ];
    let (semesters, totals, hours) = sums(&lines);
    let names: Vec<_> = semesters.iter().map(|s| s.semester.as_str()).collect();
    assert_eq!(names, ["2026-autumn", "2027-spring"]);
    assert_eq!((semesters[0].hours, semesters[1].hours, hours), (5, 4, 9));
    assert_eq!(totals.len(), 5, "every category, zero where none");
    let labour = totals
        .iter()
        .find(|c| c.category == Category::Labour)
        .unwrap();
    assert_eq!(labour.hours, 6);
    assert_eq!(totals_of(&totals_text(&totals)), totals);
}
