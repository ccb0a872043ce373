//! One idempotency mechanism for every creating POST: a retry with the same
//! key and body answers the first result and creates nothing more; the same
//! key with another body is refused (422); retries in flight at once create
//! one row; a key is someone's own and is forgotten after 24 hours.

use crate::helpers::{building, refused, Backend, TestApp};
use crate::raw::Raw;
use crate::reform_progress::{assignment_of, task_seven};
use crate::service_flow::leak;
use onestop_domain::dates::Day;
use onestop_domain::grid::wire::{CreateMeetingRequest, CreateNodeRequest};
use onestop_domain::grid::{Gender, Level};
use onestop_domain::reform::wire::MilestoneInput;
use onestop_domain::user::CreateUserRequest;
use onestop_domain::Role;

both_backends!(
    retries_answer_the_first_result_on_every_kind_of_creation,
    a_key_reused_for_another_request_is_refused,
    concurrent_retries_create_one_row,
    keys_are_per_person_and_forgotten_after_a_day,
);

fn person(username: &str) -> CreateUserRequest {
    CreateUserRequest {
        username: username.into(),
        display_name: "新老师".into(),
        password: "a-good-password".into(),
        roles: vec![Role::Office],
        unit: Some("logistics".into()),
        student_no: None,
        gender: None,
    }
}

async fn retries_answer_the_first_result_on_every_kind_of_creation(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut raw = Raw::open(&app);
    let admin = app
        .login("admin")
        .await
        .with_idempotency_key("admin-retry-1");
    let first = admin.create_user(&person("newcomer")).await.unwrap();
    let again = admin.create_user(&person("newcomer")).await.unwrap();
    assert_eq!(
        first.id, again.id,
        "the first answer, not a 409 for a taken name"
    );

    let x1 = building(&admin, "X1").await.id;
    let room = CreateNodeRequest {
        parent_id: Some(x1),
        level: Level::Room,
        name: None,
        code: Some("188".into()),
        floor: Some(1),
        capacity: Some(4),
        gender: Some(Gender::Male),
        college: None,
    };
    let nodes = admin.with_idempotency_key("node-1");
    let made = nodes.create_node(&room).await.unwrap();
    assert_eq!(nodes.create_node(&room).await.unwrap().id, made.id);

    let student = app.login("student1").await;
    let request = leak(&student).await.id;
    let commenting = student.with_idempotency_key("comment-1");
    let said = commenting.comment(request, "几点来修？").await.unwrap();
    assert_eq!(
        commenting.comment(request, "几点来修？").await.unwrap().id,
        said.id
    );
    let comments = student
        .timeline(request)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.note.as_deref() == Some("几点来修？"))
        .count();
    assert_eq!(comments, 1);

    let c1 = app
        .login("counsellor1")
        .await
        .with_idempotency_key("meeting-1");
    let meeting = CreateMeetingRequest {
        held_on: "2026-11-20".parse::<Day>().unwrap(),
        title: "楼栋网格例会".into(),
        attendees: vec!["陈老师".into()],
        minutes: String::new(),
        decisions: vec![],
    };
    let held = c1.record_meeting(x1, &meeting).await.unwrap();
    assert_eq!(c1.record_meeting(x1, &meeting).await.unwrap().id, held.id);
    assert_eq!(c1.meetings(x1).await.unwrap().len(), 1);

    let league = app.login("league1").await;
    let mine = assignment_of(&task_seven(&league).await, "youth-league");
    let step = MilestoneInput {
        title: "路线图".into(),
        due_on: "2027-02-01".parse::<Day>().unwrap(),
        done_on: None,
    };
    let planning = league.with_idempotency_key("milestone-1");
    let m = planning.add_milestone(mine, &step).await.unwrap();
    assert_eq!(planning.add_milestone(mine, &step).await.unwrap().id, m.id);
    assert_eq!(league.assignment(mine).await.unwrap().milestones.len(), 1);
    assert_eq!(raw.count("idempotency_keys"), 5);
}

async fn a_key_reused_for_another_request_is_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let student = app.login("student1").await;
    let request = leak(&student).await.id;
    let keyed = student.with_idempotency_key("k-1");
    keyed.comment(request, "第一条").await.unwrap();
    refused(
        keyed.comment(request, "第二条").await,
        422,
        "idempotency_key_reused",
    );
    // The same text on another request is another request too.
    let other = leak(&student).await.id;
    refused(
        keyed.comment(other, "第一条").await,
        422,
        "idempotency_key_reused",
    );
    let notes = student.timeline(request).await.unwrap();
    assert!(notes.iter().all(|e| e.note.as_deref() != Some("第二条")));
}

async fn concurrent_retries_create_one_row(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut raw = Raw::open(&app);
    let before = raw.count("users");
    let admin = app.login("admin").await.with_idempotency_key("burst-1");
    let body = person("burst");
    let tries = futures_util::future::join_all((0..4).map(|_| admin.create_user(&body))).await;
    let ids: Vec<_> = tries
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|u| u.id)
        .collect();
    assert!(!ids.is_empty(), "{tries:?}");
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "one account: {ids:?}");
    for r in tries.iter().filter_map(|r| r.as_ref().err()) {
        let p = r.problem().expect("a problem document");
        assert_eq!(
            (p.status, p.code.as_str()),
            (409, "idempotency_key_busy"),
            "{p:?}"
        );
    }
    assert_eq!(raw.count("users"), before + 1);
    // Once settled, a retry gets the first answer.
    assert_eq!(admin.create_user(&body).await.unwrap().id, ids[0]);
}

async fn keys_are_per_person_and_forgotten_after_a_day(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let s2 = app.login("student2").await;
    let mine = leak(&s1).await.id;
    let theirs = leak(&s2).await.id;
    // Two people may pick the same key: each is their own.
    let a = s1
        .with_idempotency_key("same")
        .comment(mine, "一")
        .await
        .unwrap();
    let b2 = s2
        .with_idempotency_key("same")
        .comment(theirs, "二")
        .await
        .unwrap();
    assert_ne!(a.id, b2.id);
    // A day later the key is free: the same call creates again.
    app.clock.advance(chrono::Duration::hours(25));
    let s1 = app.login("student1").await.with_idempotency_key("same");
    let later = s1.comment(mine, "一").await.unwrap();
    assert_ne!(later.id, a.id);
}
