//! Contact visits: the plan's rules and who is bound by them, visit records
//! with the problems they raise, who sees what, and who is behind — counted
//! in campus time (UTC+8).

use crate::helpers::{node, refused, Backend, TestApp};
use chrono::{DateTime, Duration, Utc};
use onestop_api::clock::Clock;
use onestop_client::{Client, ComplianceQuery, FollowUpQuery, NotificationQuery, VisitQuery};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::period::Per;
use onestop_domain::community::visits::{DutyKind, VisitKind};
use onestop_domain::community::wire::{
    AnswerFollowUpRequest, Compliance, CreateVisitDutyRequest, CreateVisitRuleRequest,
    EndVisitDutyRequest, FollowUpProblem, ProblemInput, RecordVisitRequest, RepairProblem,
    StandingRow,
};
use onestop_domain::dates::{Day, Moment};
use onestop_domain::grid::Level;
use onestop_domain::notify::NotificationKind;
use onestop_domain::service::forms::RepairCategory;
use onestop_domain::service::State;
use onestop_domain::NodeId;

both_backends!(
    rules_and_duties_are_kept_by_administrators_and_the_community_office,
    a_visit_counts_in_the_campus_day_it_was_made,
    problems_raised_become_a_repair_and_a_follow_up,
    visits_are_seen_by_those_they_concern,
    a_leader_picks_the_place_a_level_at_a_time,
);

/// 10:00 on 1 December 2026 in campus time.
pub fn december_first() -> DateTime<Utc> {
    "2026-12-01T02:00:00Z".parse().unwrap()
}

pub fn visit(at: DateTime<Utc>, place_id: NodeId, kind: VisitKind) -> RecordVisitRequest {
    RecordVisitRequest {
        visitor_id: None,
        companions: Vec::new(),
        at: Moment::try_from(at).unwrap(),
        place_id,
        kind,
        students_met: 3,
        note: String::new(),
        problems: Vec::new(),
    }
}

pub async fn standing(c: &Client, on: &str, per: Option<Per>) -> Compliance {
    c.visit_compliance(&ComplianceQuery {
        on: Some(on.into()),
        per,
    })
    .await
    .unwrap()
}

pub fn row<'a>(report: &'a Compliance, name_part: &str) -> &'a StandingRow {
    report
        .rows
        .iter()
        .find(|r| r.person.display_name.contains(name_part))
        .unwrap_or_else(|| panic!("{name_part} in {report:?}"))
}

async fn rules_and_duties_are_kept_by_administrators_and_the_community_office(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let office = app.login("office1").await;
    let c1 = app.login("counsellor1").await;
    let rules = admin.visit_rules().await.unwrap();
    assert_eq!(rules.len(), 2, "the plan's two rules: {rules:?}");
    assert!(rules.iter().all(|r| r.in_force && r.minimum == 1));
    let tomorrow = Day::try_from(app.today() + Duration::days(1)).unwrap();
    let stricter = CreateVisitRuleRequest {
        duty: DutyKind::UnitHead,
        per: Per::Month,
        minimum: 2,
        counts: vec![VisitKind::DormVisit, VisitKind::FieldWork],
        effective_from: tomorrow,
    };
    refused(c1.create_visit_rule(&stricter).await, 403, "forbidden");
    let made = office.create_visit_rule(&stricter).await.unwrap();
    assert!(!made.in_force, "it judges periods from tomorrow on");
    refused(
        office.create_visit_rule(&stricter).await,
        409,
        "rule_exists",
    );
    let past = CreateVisitRuleRequest {
        effective_from: Day::try_from(app.today() - Duration::days(1)).unwrap(),
        counts: vec![VisitKind::Forum, VisitKind::Forum],
        ..stricter
    };
    let p = refused(admin.create_visit_rule(&past).await, 422, "validation");
    let fields: Vec<_> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["counts", "effective_from"], "{p:?}");

    let duties = admin.visit_duties().await.unwrap();
    assert_eq!(duties.len(), 5, "{duties:?}");
    let leader2 = duties
        .iter()
        .find(|d| d.person.display_name.contains("马校长"))
        .unwrap();
    assert_eq!(leader2.community.as_ref().unwrap().name, "智园");
    let student = app.login("student1").await.me().await.unwrap();
    let to = |user_id, duty, community_id| CreateVisitDutyRequest {
        user_id,
        duty,
        community_id,
        starts_on: Day::try_from(app.today()).unwrap(),
        ends_on: None,
    };
    let zhiyuan = node(&admin, Level::Community, "智园").await.id;
    let p = refused(
        admin
            .create_visit_duty(&to(student.id, DutyKind::UnitHead, None))
            .await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].code, "not_a_leader");
    refused(
        admin
            .create_visit_duty(&to(
                leader2.person.id,
                DutyKind::SchoolLeader,
                Some(zhiyuan),
            ))
            .await,
        409,
        "duty_overlaps",
    );
    let p = refused(
        admin
            .create_visit_duty(&to(leader2.person.id, DutyKind::SchoolLeader, None))
            .await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].field, "community_id");
    refused(
        c1.end_visit_duty(
            leader2.id,
            &EndVisitDutyRequest {
                ends_on: None,
                version: 1,
            },
        )
        .await,
        403,
        "forbidden",
    );
    let end = EndVisitDutyRequest {
        ends_on: Some(Day::try_from(app.today()).unwrap()),
        version: leader2.version,
    };
    let ended = admin.end_visit_duty(leader2.id, &end).await.unwrap();
    assert_eq!(ended.ends_on, Some(app.today()));
    refused(
        admin.end_visit_duty(leader2.id, &end).await,
        409,
        "stale_version",
    );
    // Ended today, a new duty may start tomorrow.
    let again = CreateVisitDutyRequest {
        starts_on: tomorrow,
        ..to(leader2.person.id, DutyKind::SchoolLeader, Some(zhiyuan))
    };
    admin.create_visit_duty(&again).await.unwrap();
}

async fn a_visit_counts_in_the_campus_day_it_was_made(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let admin = app.login("admin").await;
    let head2 = app.login("head2").await;
    let place = node(&admin, Level::Community, "慧园").await.id;
    // 00:30 on 1 December in campus time, 16:30 on 30 November in UTC.
    let past_midnight: DateTime<Utc> = "2026-11-30T16:30:00Z".parse().unwrap();
    head2
        .record_visit(&visit(past_midnight, place, VisitKind::FieldWork))
        .await
        .unwrap();
    let dec = standing(&admin, "2026-12-01", Some(Per::Month)).await;
    let r = row(&dec, "何院长");
    assert_eq!((r.period.as_str(), r.visits, r.met), ("2026-12", 1, true));
    let nov = standing(&admin, "2026-11-30", Some(Per::Month)).await;
    assert_eq!(
        row(&nov, "何院长").visits,
        1,
        "only the seeded visit of November: {nov:?}"
    );
    // 23:59 on 30 November in campus time.
    let before_midnight: DateTime<Utc> = "2026-11-30T15:59:00Z".parse().unwrap();
    head2
        .record_visit(&visit(before_midnight, place, VisitKind::Forum))
        .await
        .unwrap();
    let nov = standing(&admin, "2026-11-30", Some(Per::Month)).await;
    assert_eq!(row(&nov, "何院长").visits, 2);
    let dec = standing(&admin, "2026-12-01", Some(Per::Month)).await;
    assert_eq!(row(&dec, "何院长").visits, 1);
    // The semester holds both, and runs to 31 January.
    let sem = standing(&admin, "2027-01-31", Some(Per::Semester)).await;
    let leader1 = row(&sem, "黄书记");
    assert_eq!(
        (
            leader1.period.as_str(),
            leader1.last_day.to_string().as_str()
        ),
        ("2026-autumn", "2027-01-31")
    );
    let spring = standing(&admin, "2027-02-01", Some(Per::Semester)).await;
    assert_eq!(
        (
            row(&spring, "黄书记").visits,
            row(&spring, "黄书记").shortfall
        ),
        (0, 1)
    );

    // A visit in the future, or one nobody bound made, is refused.
    let p = refused(
        head2
            .record_visit(&visit(
                december_first() + Duration::hours(1),
                place,
                VisitKind::Forum,
            ))
            .await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].code, "future");
    let c1 = app.login("counsellor1").await;
    let p = refused(
        c1.record_visit(&visit(december_first(), place, VisitKind::Forum))
            .await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].code, "not_bound");
}

async fn problems_raised_become_a_repair_and_a_follow_up(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let leader1 = app.login("leader1").await;
    let x1 = crate::helpers::building(&admin, "X1").await.id;
    let due = Day::try_from(app.today() + Duration::days(7)).unwrap();
    let mut req = visit(
        app.clock.now() - Duration::hours(1),
        x1,
        VisitKind::DormVisit,
    );
    req.problems = vec![
        ProblemInput::Repair(RepairProblem {
            text: "三楼开水房的热水器坏了".into(),
            category: RepairCategory::Appliance,
            place_id: None,
        }),
        ProblemInput::FollowUp(FollowUpProblem {
            text: "晚自习教室不够，希望开放社区多功能室".into(),
            unit: "nowhere".into(),
            due_on: due,
        }),
    ];
    let p = refused(leader1.record_visit(&req).await, 422, "validation");
    assert_eq!(p.errors[0].field, "problems[1].unit");
    if let ProblemInput::FollowUp(FollowUpProblem { unit, .. }) = &mut req.problems[1] {
        *unit = "logistics".into();
    }
    let v = leader1.record_visit(&req).await.unwrap();
    let repair = v.problems[0].request.clone().expect("a request");
    assert_eq!(repair.state, State::Submitted);
    let follow = v.problems[1].follow_up.clone().expect("a follow-up");
    assert_eq!(
        (follow.unit.code.as_str(), follow.state),
        ("logistics", FollowUpState::Open)
    );

    // The repair is in the hall: the leader owns it, X1's counsellor triages it.
    let mine = leader1.get_request(repair.id.0).await.unwrap();
    assert_eq!(mine.summary, "三楼开水房的热水器坏了");
    let c1 = app.login("counsellor1").await;
    c1.get_request(repair.id.0).await.unwrap();
    let c2 = app.login("counsellor2").await;
    refused(c2.get_request(repair.id.0).await, 404, "not_found");

    // Logistics answers; the leader is told and sees the answer.
    let h1 = app.login("handler1").await;
    let todo = h1
        .list_follow_ups(&FollowUpQuery {
            mine_to_answer: true,
            state: Some(FollowUpState::Open),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(todo.items.iter().any(|f| f.id == follow.id), "{todo:?}");
    refused(
        c2.answer_follow_up(
            follow.id,
            &AnswerFollowUpRequest {
                answer: "好".into(),
                version: 1,
            },
        )
        .await,
        404,
        "not_found",
    );
    refused(
        c1.answer_follow_up(
            follow.id,
            &AnswerFollowUpRequest {
                answer: "好".into(),
                version: 1,
            },
        )
        .await,
        403,
        "forbidden",
    );
    let answer = AnswerFollowUpRequest {
        answer: "下周起多功能室晚上开放到 22:30".into(),
        version: follow.version,
    };
    let done = h1.answer_follow_up(follow.id, &answer).await.unwrap();
    assert_eq!(done.state, FollowUpState::Answered);
    refused(
        h1.answer_follow_up(follow.id, &answer).await,
        409,
        "already_answered",
    );
    let seen = leader1.get_visit(v.id).await.unwrap();
    let answered = seen.problems[1].follow_up.as_ref().unwrap();
    assert_eq!(
        answered.answer.as_deref(),
        Some("下周起多功能室晚上开放到 22:30")
    );
    let told = leader1
        .list_notifications(&NotificationQuery::default())
        .await
        .unwrap()
        .items;
    assert!(
        told.iter()
            .any(|n| n.kind == NotificationKind::FollowUpAnswered
                && n.data.follow_up.as_ref().is_some_and(|f| f.id == follow.id)),
        "{told:?}"
    );
}

async fn visits_are_seen_by_those_they_concern(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let all = admin
        .list_visits(&VisitQuery::default())
        .await
        .unwrap()
        .items;
    let in_x1 = all
        .iter()
        .find(|v| v.visitor.display_name.contains("黄书记"))
        .expect("leader1's seeded visit in X1")
        .clone();
    let id = in_x1.id;
    let sees = |c: Client| async move {
        let listed = c.list_visits(&VisitQuery::default()).await.unwrap().items;
        let got = c.get_visit(id).await;
        (listed.iter().any(|v| v.id == id), got.is_ok())
    };
    assert_eq!(
        sees(app.login("leader1").await).await,
        (true, true),
        "the visitor"
    );
    assert_eq!(
        sees(app.login("counsellor1").await).await,
        (true, true),
        "X1's counsellor"
    );
    assert_eq!(
        sees(app.login("office1").await).await,
        (true, true),
        "the community's office"
    );
    assert_eq!(
        sees(app.login("counsellor2").await).await,
        (false, false),
        "another community"
    );
    assert_eq!(
        sees(app.login("leader2").await).await,
        (false, false),
        "another leader"
    );
    let leader2 = app.login("leader2").await;
    refused(leader2.get_visit(in_x1.id).await, 404, "not_found");
    let student = app.login("student1").await;
    refused(
        student.list_visits(&VisitQuery::default()).await,
        403,
        "forbidden",
    );
    refused(
        student.visit_compliance(&ComplianceQuery::default()).await,
        403,
        "forbidden",
    );
    // A leader's office records for them; another unit's office cannot.
    let office = app.login("office1").await;
    let mut for_leader = visit(app.clock.now(), in_x1.place.id, VisitKind::Forum);
    for_leader.visitor_id = Some(in_x1.visitor.id);
    refused(office.record_visit(&for_leader).await, 403, "forbidden");
    let recorded = admin.record_visit(&for_leader).await.unwrap();
    assert_eq!(recorded.visitor.id, in_x1.visitor.id);
    assert_ne!(recorded.recorded_by.id, recorded.visitor.id);
}

async fn a_leader_picks_the_place_a_level_at_a_time(b: Backend) {
    let app = TestApp::spawn(b).await;
    // leader1 holds no grid post: the grid's own lists show them nothing.
    let leader = app.login("leader1").await;
    let communities = leader.visit_places(None).await.unwrap();
    let names: Vec<&str> = communities.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(communities.len(), 3, "{names:?}");
    assert!(communities.iter().all(|p| p.level == Level::Community));
    let xiang = communities
        .iter()
        .find(|p| p.name.contains("庠园"))
        .unwrap();
    let buildings = leader.visit_places(Some(xiang.id)).await.unwrap();
    assert!(!buildings.is_empty());
    assert!(buildings.iter().all(|p| p.level == Level::Building));
    let x1 = buildings
        .iter()
        .find(|p| p.name == "庠园1栋")
        .expect("X1 in 庠园");
    let rooms = leader.visit_places(Some(x1.id)).await.unwrap();
    assert!(!rooms.is_empty());
    assert!(rooms.iter().all(|p| p.level == Level::Room));
    assert!(leader
        .visit_places(Some(rooms[0].id))
        .await
        .unwrap()
        .is_empty());
    refused(
        leader.visit_places(Some(NodeId::new())).await,
        404,
        "not_found",
    );
    let student = app.login("student1").await;
    refused(student.visit_places(None).await, 403, "forbidden");
}
