use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rules() -> Vec<Rule> {
    vec![
        Rule {
            duty: DutyKind::SchoolLeader,
            per: Per::Semester,
            minimum: 1,
            counts: vec![VisitKind::DormVisit, VisitKind::ThemeActivity],
            effective_from: d("2022-09-01"),
        },
        Rule {
            duty: DutyKind::UnitHead,
            per: Per::Month,
            minimum: 1,
            counts: VisitKind::ALL.to_vec(),
            effective_from: d("2022-09-01"),
        },
    ]
}

fn leader(person: UserId, community: NodeId) -> Duty {
    Duty {
        person,
        kind: DutyKind::SchoolLeader,
        community: Some(community),
        starts_on: d("2026-01-01"),
        ends_on: None,
    }
}

fn visit(people: &[UserId], day: &str, kind: VisitKind, community: NodeId) -> Visited {
    Visited {
        people: people.to_vec(),
        day: d(day),
        kind,
        community,
    }
}

#[test]
fn a_leader_counts_visits_of_the_kinds_named_in_the_linked_community() {
    let (me, other) = (UserId::new(), UserId::new());
    let (mine, theirs) = (NodeId::new(), NodeId::new());
    let duty = leader(me, mine);
    let visits = vec![
        visit(&[me], "2026-09-10", VisitKind::Forum, mine),
        visit(&[me], "2026-09-11", VisitKind::DormVisit, theirs),
        visit(&[other], "2026-09-12", VisitKind::DormVisit, mine),
    ];
    let s = standing(&duty, &rules(), &visits, d("2026-12-03")).unwrap();
    assert_eq!(s.period.to_string(), "2026-autumn");
    assert_eq!(
        (s.visits, s.minimum, s.shortfall),
        (0, 1, 1),
        "a forum, another community, another person"
    );
    let mut visits = visits;
    visits.push(visit(
        &[other, me],
        "2027-01-31",
        VisitKind::ThemeActivity,
        mine,
    ));
    let s = standing(&duty, &rules(), &visits, d("2026-12-03")).unwrap();
    assert!(
        s.met(),
        "a companion has visited too, on the semester's last day"
    );
    let next = standing(&duty, &rules(), &visits, d("2027-02-01")).unwrap();
    assert_eq!(
        (next.period.to_string(), next.visits),
        ("2027-spring".into(), 0)
    );
}

#[test]
fn a_unit_head_is_judged_month_by_month_anywhere() {
    let me = UserId::new();
    let duty = Duty {
        person: me,
        kind: DutyKind::UnitHead,
        community: None,
        starts_on: d("2026-11-15"),
        ends_on: Some(d("2026-12-01")),
    };
    let visits = vec![
        visit(&[me], "2026-11-30", VisitKind::FieldWork, NodeId::new()),
        visit(&[me], "2026-11-30", VisitKind::Forum, NodeId::new()),
    ];
    let nov = standing(&duty, &rules(), &visits, d("2026-11-20")).unwrap();
    assert_eq!((nov.visits, nov.shortfall), (2, 0));
    let dec = standing(&duty, &rules(), &visits, d("2026-12-20")).unwrap();
    assert_eq!(
        (dec.period.to_string(), dec.visits, dec.shortfall),
        ("2026-12".into(), 0, 1)
    );
    assert_eq!(
        standing(&duty, &rules(), &visits, d("2027-01-05")),
        None,
        "the duty ended before January"
    );
    assert_eq!(
        standing(&duty, &rules(), &visits, d("2026-10-31")),
        None,
        "nor was it held in October"
    );
}

#[test]
fn a_new_rule_judges_only_the_periods_that_start_under_it() {
    let me = UserId::new();
    let community = NodeId::new();
    let mut rules = rules();
    rules.push(Rule {
        duty: DutyKind::SchoolLeader,
        per: Per::Semester,
        minimum: 3,
        counts: vec![VisitKind::DormVisit],
        effective_from: d("2026-12-10"),
    });
    let visits = vec![visit(&[me], "2026-09-01", VisitKind::DormVisit, community)];
    let duty = leader(me, community);
    let now = standing(&duty, &rules, &visits, d("2026-12-20")).unwrap();
    assert_eq!(
        (now.minimum, now.shortfall),
        (1, 0),
        "autumn began under the old rule"
    );
    let spring = standing(&duty, &rules, &visits, d("2027-03-01")).unwrap();
    assert_eq!((spring.minimum, spring.shortfall), (3, 3));
    assert_eq!(
        in_force(&rules, DutyKind::SchoolLeader, d("2022-08-31")),
        None
    );
}

#[test]
fn tallies_and_reminders() {
    let me = UserId::new();
    let duty = Duty {
        person: me,
        kind: DutyKind::UnitHead,
        community: None,
        starts_on: d("2026-01-01"),
        ends_on: None,
    };
    let s = standing(&duty, &rules(), &[], d("2026-12-03")).unwrap();
    assert!(!remind(&s, d("2026-12-24")), "eight days before the end");
    assert!(remind(&s, d("2026-12-25")), "the last week");
    assert!(remind(&s, d("2026-12-31")));
    let mut t = Tally::default();
    t.add(&s);
    t.add(&Standing {
        shortfall: 0,
        visits: 2,
        ..s
    });
    assert_eq!(
        t,
        Tally {
            bound: 2,
            met: 1,
            behind: 1,
            shortfall: 1
        }
    );
}

#[test]
fn rules_and_visits_are_checked() {
    let today = d("2026-12-03");
    assert!(check_rule(1, &[VisitKind::DormVisit], today, today).is_ok());
    let e = check_rule(
        0,
        &[VisitKind::Forum, VisitKind::Forum],
        d("2026-12-02"),
        today,
    )
    .unwrap_err();
    let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["minimum", "counts", "effective_from"]);

    let now: DateTime<Utc> = "2026-12-03T08:00:00Z".parse().unwrap();
    let me = UserId::new();
    assert!(check_visit(me, &[], now, now).is_ok());
    assert_eq!(
        check_visit(me, &[], now + Duration::hours(1), now)
            .unwrap_err()
            .0[0]
            .code,
        "future"
    );
    assert_eq!(
        check_visit(me, &[], now - Duration::days(201), now)
            .unwrap_err()
            .0[0]
            .code,
        "too_old"
    );
    assert_eq!(
        check_visit(me, &[me], now, now).unwrap_err().0[0].field,
        "companions"
    );
}

#[test]
fn photos_are_added_by_those_who_were_there_or_recorded_it() {
    use crate::{Role, Roles};
    let (visitor, office, companion, other) =
        (UserId::new(), UserId::new(), UserId::new(), UserId::new());
    let leader = Roles::one(Role::Leader);
    assert!(may_add_photos(visitor, visitor, office, false, &leader));
    assert!(may_add_photos(
        office,
        visitor,
        office,
        false,
        &Roles::one(Role::Office)
    ));
    assert!(may_add_photos(companion, visitor, office, true, &leader));
    assert!(!may_add_photos(other, visitor, office, false, &leader));
    assert!(!may_add_photos(
        other,
        visitor,
        office,
        false,
        &Roles::one(Role::Counsellor)
    ));
    assert!(may_add_photos(
        other,
        visitor,
        office,
        false,
        &Roles::one(Role::Admin)
    ));
}

#[test]
fn a_visit_keeps_pictures_not_documents() {
    assert!(is_photo("image/jpeg") && is_photo("image/heic"));
    assert!(!is_photo("application/pdf"));
}
