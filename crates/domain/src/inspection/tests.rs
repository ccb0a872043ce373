use super::evaluation::{evaluate, mean, places, RoomMonth};
use super::*;
use crate::ids::NodeId;
use chrono::TimeZone;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn percents_round_half_up_and_never_exceed_the_lines() {
    assert_eq!(percent_tenths(37, 40), 925);
    assert_eq!(percent_tenths(2, 3), 667);
    assert_eq!(percent_tenths(1, 8), 125);
    assert_eq!(percent_tenths(50, 40), 1000);
    assert_eq!(percent_tenths(3, 0), 0);
    assert_eq!(mean(&[900, 901]), Some(901));
    assert_eq!(mean(&[]), None);
}

#[test]
fn due_days_run_from_today_for_thirty_days() {
    let today = day("2026-12-31");
    assert_eq!(due_refusal(today, today), None);
    assert_eq!(due_refusal(day("2026-12-30"), today), Some("past"));
    assert_eq!(due_refusal(day("2027-01-30"), today), None);
    assert_eq!(due_refusal(day("2027-01-31"), today), Some("too_far"));
}

#[test]
fn months_turn_at_midnight_on_campus() {
    // 23:59 on 30 Nov in UTC is already December on campus.
    assert_eq!(month_of(at("2026-11-30T16:00:00Z")).to_string(), "2026-12");
    assert_eq!(month_of(at("2026-11-30T15:59:59Z")).to_string(), "2026-11");
    let nov = Period::parse("2026-11").unwrap();
    let (start, end) = month_bounds(nov);
    assert_eq!(start, at("2026-10-31T16:00:00Z"));
    assert_eq!(end, at("2026-11-30T16:00:00Z"));
    assert!(!month_over(nov, at("2026-11-30T15:59:59Z")));
    assert!(month_over(nov, at("2026-11-30T16:00:00Z")));
}

#[test]
fn a_safety_problem_bars_every_month_it_was_open_in() {
    let nov = Period::parse("2026-11").unwrap();
    let dec = nov.next();
    // Found on campus 30 Nov 23:50, fixed 1 Dec 00:10: both months.
    let found = Utc.with_ymd_and_hms(2026, 11, 30, 15, 50, 0).unwrap();
    let fixed = Utc.with_ymd_and_hms(2026, 11, 30, 16, 10, 0).unwrap();
    assert!(open_during(found, Some(fixed), nov));
    assert!(open_during(found, Some(fixed), dec));
    // Fixed at the stroke of midnight: December never saw it open.
    assert!(!open_during(found, Some(at("2026-11-30T16:00:00Z")), dec));
    // Found in December: November is clear; still open, every month after is barred.
    let later = at("2026-12-02T02:00:00Z");
    assert!(!open_during(later, None, nov));
    assert!(open_during(later, None, dec.next()));
}

fn room(n: u128, building: u128, zone: u128, hygiene: &[i32], reading: &[i32]) -> RoomMonth {
    RoomMonth {
        room: NodeId(uuid::Uuid::from_u128(n)),
        building: NodeId(uuid::Uuid::from_u128(building)),
        zone: Some(NodeId(uuid::Uuid::from_u128(zone))),
        hygiene: hygiene.to_vec(),
        reading: reading.to_vec(),
        safety_open: false,
    }
}

#[test]
fn titles_go_to_the_best_share_above_the_bar() {
    assert_eq!(places(1, 30), 1);
    assert_eq!(places(10, 30), 3);
    assert_eq!(places(11, 30), 4);
    assert_eq!(places(0, 30), 0);
    // Building 100 has four rooms: 30 % of 4 rounds up to 2 places.
    let mut rooms = vec![
        room(1, 100, 900, &[980], &[]),
        room(2, 100, 900, &[950, 930], &[900]),
        room(3, 100, 900, &[920], &[800]),
        room(4, 100, 900, &[700], &[]),
    ];
    rooms[0].safety_open = true;
    let out = evaluate(&rooms);
    let ranks: Vec<_> = out.iter().map(|r| r.building_rank).collect();
    assert_eq!(ranks, vec![Some(1), Some(2), Some(3), Some(4)]);
    // The best room had a safety problem open: no 文明寝室, and its place is not passed on.
    assert!(out[0].titles.is_empty());
    assert!(out[0].safety_blocked);
    assert_eq!(out[1].titles, vec![Title::Civilized, Title::Reading]);
    assert!(out[2].titles.is_empty(), "third of four is past 30 %");
    assert_eq!(out[1].hygiene, Some(940));
    // Reading: two rooms ranked in the zone; 20 % of 2 is one place; 80 % is below the bar anyway.
    assert_eq!(out[2].reading_rank, Some(2));
    assert_eq!(out[3].reading_rank, None);
}

#[test]
fn equal_scores_share_a_rank_and_the_title() {
    let rooms = vec![
        room(1, 100, 900, &[950], &[]),
        room(2, 100, 900, &[950], &[]),
        room(3, 100, 900, &[940], &[]),
        room(4, 101, 900, &[960], &[]),
    ];
    let out = evaluate(&rooms);
    assert_eq!(out[0].building_rank, Some(1));
    assert_eq!(out[1].building_rank, Some(1));
    assert_eq!(out[2].building_rank, Some(3));
    // 30 % of 3 rounds up to one place; both firsts hold it.
    assert_eq!(out[0].titles, vec![Title::Civilized]);
    assert_eq!(out[1].titles, vec![Title::Civilized]);
    assert!(out[2].titles.is_empty());
    // The zone ranks all four.
    assert_eq!(out[3].zone_rank, Some(1));
    assert_eq!(out[2].zone_rank, Some(4));
}

#[test]
fn below_the_bar_wins_nothing_however_high_the_rank() {
    let out = evaluate(&[room(1, 100, 900, &[899], &[849])]);
    assert_eq!(out[0].building_rank, Some(1));
    assert!(out[0].titles.is_empty());
}

#[test]
fn a_failed_recheck_needs_a_reason_and_a_new_day() {
    let today = day("2026-12-07");
    let failed = wire::RecheckRequest {
        passed: false,
        note: " ".into(),
        due_on: None,
        version: 1,
    };
    let errs = failed.check(today).unwrap_err();
    let fields: Vec<_> = errs.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["note", "due_on"]);
    let passed = wire::RecheckRequest {
        passed: true,
        note: String::new(),
        due_on: Some(today),
        version: 1,
    };
    assert!(passed.check(today).is_ok());
    assert!(may_recheck(1, 2));
    assert!(!may_recheck(1, 1));
}
