use super::ledger::{correction, totals, Line};
use super::wire::{CreatePointRuleRequest, ReviewPointsRequest, UpdateMemberRequest};
use super::*;
use crate::UserId;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn a_decision_is_taken_once() {
    assert_eq!(EntryState::Pending.decided(true), Ok(EntryState::Approved));
    assert_eq!(EntryState::Pending.decided(false), Ok(EntryState::Rejected));
    assert_eq!(
        EntryState::Approved.decided(false),
        Err(EntryState::Approved)
    );
    assert_eq!(
        EntryState::Rejected.decided(true),
        Err(EntryState::Rejected)
    );
}

#[test]
fn nobody_approves_their_own_points_or_their_own_proposal() {
    let (me, other) = (UserId::new(), UserId::new());
    let secretary = Oversight {
        branch_secretary: true,
        ..Oversight::default()
    };
    assert!(may_approve(me, other, Some(other), secretary));
    assert!(may_approve(me, other, None, secretary));
    assert!(!may_approve(me, me, Some(other), secretary));
    assert!(!may_approve(me, other, Some(me), secretary));
    let office = Oversight {
        party_office: true,
        ..Oversight::default()
    };
    assert!(
        !may_approve(me, other, Some(other), office),
        "the office keeps the rules, branches approve"
    );
    assert!(may_propose(me, me, Oversight::default()));
    assert!(!may_propose(me, other, Oversight::default()));
    assert!(may_propose(me, other, secretary));
}

#[test]
fn dates_are_recent_and_not_to_come() {
    let today = day(2026, 12, 7);
    assert_eq!(date_refusal(today, today), None);
    assert_eq!(date_refusal(day(2026, 12, 8), today), Some("future"));
    assert_eq!(date_refusal(day(2026, 9, 8), today), None);
    assert_eq!(date_refusal(day(2026, 9, 7), today), Some("too_old"));
}

#[test]
fn totals_count_approved_lines_of_the_year_by_category_and_semester() {
    let line = |category, points, state, on| Line {
        category,
        points,
        state,
        on,
    };
    let lines = [
        line(
            PointCategory::StudyDay,
            2,
            EntryState::Approved,
            day(2026, 9, 1),
        ),
        // 31 January is still the autumn semester; 1 February is spring.
        line(
            PointCategory::Volunteer,
            3,
            EntryState::Approved,
            day(2027, 1, 31),
        ),
        line(
            PointCategory::Volunteer,
            -1,
            EntryState::Approved,
            day(2027, 2, 1),
        ),
        line(PointCategory::Duty, 5, EntryState::Pending, day(2027, 3, 1)),
        line(
            PointCategory::Duty,
            9,
            EntryState::Rejected,
            day(2027, 3, 1),
        ),
        // Outside the year on both sides.
        line(
            PointCategory::StudyDay,
            7,
            EntryState::Approved,
            day(2026, 7, 31),
        ),
        line(
            PointCategory::StudyDay,
            7,
            EntryState::Approved,
            day(2027, 8, 1),
        ),
    ];
    let t = totals(2026, &lines);
    assert_eq!((t.approved, t.pending), (4, 5));
    let of = |c| {
        t.by_category
            .iter()
            .find(|x| x.category == c)
            .map(|x| x.points)
    };
    assert_eq!(of(PointCategory::StudyDay), Some(2));
    assert_eq!(of(PointCategory::Volunteer), Some(2));
    assert_eq!(of(PointCategory::SecondClassroom), Some(0));
    let sems: Vec<_> = t
        .by_semester
        .iter()
        .map(|s| (s.semester.as_str(), s.points))
        .collect();
    assert_eq!(sems, [("2026-autumn", 5), ("2027-spring", -1)]);
}

#[test]
fn a_correction_holds_the_difference() {
    assert_eq!(correction(3, 0), Some(-3));
    assert_eq!(correction(3, 5), Some(2));
    assert_eq!(correction(3, 3), None);
    assert_eq!(credited(2, 4, true), 8);
    assert_eq!(credited(2, 4, false), 0);
}

#[test]
fn branches_sit_on_communities_and_buildings() {
    assert_eq!(
        BranchKind::for_level(Level::Community),
        Some(BranchKind::Committee)
    );
    assert_eq!(
        BranchKind::for_level(Level::Building),
        Some(BranchKind::Building)
    );
    assert_eq!(BranchKind::for_level(Level::Room), None);
    assert_eq!(BranchKind::for_level(Level::CollegeZone), None);
}

#[test]
fn requests_say_what_is_wrong() {
    let rule = |code: &str, points| CreatePointRuleRequest {
        code: code.into(),
        category: PointCategory::Volunteer,
        name_zh: "志愿服务".into(),
        name_en: String::new(),
        points,
    };
    assert!(rule("volunteer", 2).check().is_ok());
    let codes = |r: Result<(), crate::ValidationErrors>| -> Vec<String> {
        r.err()
            .map(|e| e.0.into_iter().map(|f| f.code).collect())
            .unwrap_or_default()
    };
    assert_eq!(codes(rule("Volunteer", 2).check()), ["pattern"]);
    assert_eq!(codes(rule("volunteer", 0).check()), ["zero"]);
    assert_eq!(codes(rule("volunteer", 51).check()), ["range"]);
    let reject = ReviewPointsRequest {
        approve: false,
        note: " ".into(),
    };
    assert_eq!(codes(reject.check()), ["reason_required"]);
    let room = crate::NodeId::new();
    let member = UpdateMemberRequest {
        standing: PartyStanding::Full,
        model_room_id: None,
        duty_room_ids: vec![room, room],
        ended_on: None,
        version: 1,
    };
    assert_eq!(codes(member.check()), ["duplicate"]);
}
