//! The service hall's contract, validation, visibility and races.

use crate::helpers::{call, refused, Backend, TestApp};
use crate::service_flow::{assign, leak, leak_as, triage};
use onestop_client::RequestQuery;
use onestop_domain::page::Page;
use onestop_domain::service::forms::{RepairCategory, RepairForm};
use onestop_domain::service::wire::{EventKind, RequestView};
use onestop_domain::service::{Action, Form, Kind, Priority, State};
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

both_backends!(
    a_repair_needs_only_category_and_description,
    each_kind_validates_its_fields,
    queues_show_each_person_only_their_requests,
    queue_pages_stay_correct_while_requests_arrive,
    two_staff_assigning_at_once_one_wins,
    an_idempotency_key_creates_once,
);

pub async fn submit(app: &TestApp, token: &str, body: Value) -> Value {
    let (s, v) = call(app, token, Method::POST, "/api/v1/requests", Some(body)).await;
    assert_eq!(s, 201, "{v}");
    v
}

pub async fn repair(app: &TestApp, token: &str) -> Value {
    submit(
        app,
        token,
        json!({"kind": "repair", "category": "water", "description": "卫生间水龙头漏水"}),
    )
    .await
}

async fn a_repair_needs_only_category_and_description(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let created = leak(&s1).await;
    assert_eq!((created.state, created.version), (State::Submitted, 1));
    assert_eq!(created.place_name, "101", "defaults to the student's room");
    let got = s1.get_request(created.id).await.unwrap();
    assert_eq!((got.state, got.version), (State::Submitted, 1));
    let events = s1.timeline(created.id).await.unwrap();
    assert_eq!(events[0].kind, EventKind::Created);
    assert_eq!(
        events[0].actor.as_ref().map(|a| a.display_name.as_str()),
        Some("张三")
    );
    // Staff do not submit requests.
    let err = leak_as(&app.login("counsellor1").await).await.unwrap_err();
    assert_eq!(err.status(), Some(403));
}

async fn each_kind_validates_its_fields(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    // A room the student may ask for: one the room picker offers them.
    let (_, rooms) = call(&app, &s1, Method::GET, "/api/v1/grid/vacancies", None).await;
    let room = rooms[0]["id"].as_str().unwrap().to_owned();
    let recent = (chrono::Utc::now() - chrono::Duration::days(10))
        .date_naive()
        .to_string();
    let cases: Vec<(Value, Option<Vec<&str>>)> = vec![
        (
            json!({"kind": "repair", "category": "electricity", "description": "插座没电", "preferred_time": "工作日晚上"}),
            None,
        ),
        (
            json!({"kind": "repair", "category": "plumbing", "description": "x"}),
            Some(vec!["category"]),
        ),
        (
            json!({"kind": "repair", "category": "water", "description": ""}),
            Some(vec!["description"]),
        ),
        (
            json!({"kind": "insurance_claim", "policy_kind": "accident", "incident_date": recent, "description": "打篮球扭伤脚踝", "hospital": "校医院", "amount_fen": 35000}),
            None,
        ),
        (
            json!({"kind": "insurance_claim", "policy_kind": "accident", "incident_date": "2099-01-01", "description": "x", "amount_fen": -5}),
            Some(vec!["incident_date", "amount_fen"]),
        ),
        (
            json!({"kind": "insurance_claim", "policy_kind": "accident", "incident_date": recent, "description": "x", "amount_fen": 12.5}),
            Some(vec!["amount_fen"]),
        ),
        (
            json!({"kind": "stamp", "document_title": "在读证明", "document_kind": "certificate", "seal": "school", "copies": 2, "purpose": "办理签证"}),
            None,
        ),
        (
            json!({"kind": "stamp", "document_title": "", "document_kind": "certificate", "seal": "school", "copies": 50, "purpose": ""}),
            Some(vec!["document_title", "copies", "purpose"]),
        ),
        (
            json!({"kind": "room_change", "term": "2026-2027-1", "room_id": room, "bed": 4, "reason": "作息不同"}),
            None,
        ),
        (
            json!({"kind": "room_change", "term": "2026", "room_id": room, "bed": 40, "reason": ""}),
            Some(vec!["term", "reason"]),
        ),
        (
            json!({"kind": "check_out", "term": "2026-2027-1", "reason": "毕业"}),
            None,
        ),
        (
            json!({"kind": "check_in", "term": "2026-2027-1", "room_id": room, "bed": 1}),
            Some(vec![]),
        ),
    ];
    for (body, bad) in cases {
        let (s, v) = call(
            &app,
            &s1,
            Method::POST,
            "/api/v1/requests",
            Some(body.clone()),
        )
        .await;
        match bad {
            None => assert_eq!(s, 201, "{body}: {v}"),
            Some(fields) if fields.is_empty() => assert_eq!(
                (s, v["code"].as_str()),
                (409, Some("student_housed")),
                "{body}: {v}"
            ),
            Some(fields) => {
                assert_eq!(s, 400, "{body}: {v}");
                let got: Vec<&str> = v["errors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["field"].as_str().unwrap())
                    .collect();
                assert_eq!(got, fields, "{body}: {v}");
            }
        }
    }
}

async fn queues_show_each_person_only_their_requests(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (s1, s2) = (app.login("student1").await, app.login("student2").await);
    let (c1, c2) = (
        app.login("counsellor1").await,
        app.login("counsellor2").await,
    );
    let mine = leak(&s1).await.id;
    let theirs = leak(&s2).await.id;
    let ids = |page: Page<RequestView>| -> Vec<Uuid> { page.items.iter().map(|r| r.id).collect() };
    let all = RequestQuery::default();

    let submitted = RequestQuery {
        state: Some(State::Submitted),
        ..Default::default()
    };
    assert_eq!(ids(c1.list_requests(&submitted).await.unwrap()), [mine]);
    assert_eq!(
        ids(c2.list_requests(&all).await.unwrap()),
        [theirs],
        "counsellor2 never sees counsellor1's requests"
    );
    refused(c2.get_request(mine).await, 404, "not_found");
    let err = s2.get_request(mine).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(404),
        "student2 gets 404 for student1's request"
    );
    let err = s2.timeline(mine).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(ids(s2.list_requests(&all).await.unwrap()), [theirs]);
    // Handlers see a request once it is routed to their unit.
    let h1 = app.login("handler1").await;
    assert!(ids(h1.list_requests(&all).await.unwrap()).is_empty());
    c1.transition(mine, &triage(1, Priority::High, "logistics"))
        .await
        .unwrap();
    let routed = RequestQuery {
        kind: Some(Kind::Repair),
        priority: Some(Priority::High),
        ..Default::default()
    };
    assert_eq!(ids(h1.list_requests(&routed).await.unwrap()), [mine]);
    // Counts per state, for queue tabs, under the same visibility.
    let counts = c1.count_requests(&all).await.unwrap();
    let count = |st: State| counts.iter().find(|c| c.state == st).map(|c| c.count);
    assert_eq!(
        (count(State::Triaged), count(State::Submitted)),
        (Some(1), Some(0))
    );
}

async fn queue_pages_stay_correct_while_requests_arrive(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(leak(&s1).await.id);
    }
    let page = |cursor: Option<String>| RequestQuery {
        limit: Some(2),
        cursor,
        ..Default::default()
    };
    let p1 = c1.list_requests(&page(None)).await.unwrap();
    let mut seen: Vec<Uuid> = p1.items.iter().map(|r| r.id).collect();
    // New requests arrive between pages: they must neither shift nor repeat the older ones.
    leak(&s1).await;
    leak(&s1).await;
    let mut cursor = p1.next_cursor;
    while let Some(c) = cursor {
        let p = c1.list_requests(&page(Some(c))).await.unwrap();
        seen.extend(p.items.iter().map(|r| r.id));
        cursor = p.next_cursor;
    }
    made.reverse();
    assert_eq!(seen, made, "newest first, each once");
    let oldest = c1
        .list_requests(&RequestQuery {
            sort: Some("oldest".into()),
            limit: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(oldest.items[0].id, *made.last().unwrap());
}

async fn two_staff_assigning_at_once_one_wins(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let (c1, h1) = (app.login("counsellor1").await, app.login("handler1").await);
    let req = leak(&s1).await.id;
    let triaged = c1
        .transition(req, &triage(1, Priority::Normal, "logistics"))
        .await
        .unwrap();
    let handler = h1.me().await.unwrap().id;
    let body = assign(triaged.version, handler);
    let (a, b2) =
        futures_util::future::join(c1.transition(req, &body), h1.transition(req, &body)).await;
    let (won, lost) = match (a, b2) {
        (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
        other => panic!("one wins, one is told it is stale: {other:?}"),
    };
    assert_eq!(won.state, State::Assigned);
    let p = refused(Err::<(), _>(lost), 409, "stale_version");
    assert!(p.detail.contains("version 3"), "{p:?}");
    let assigns = s1
        .timeline(req)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == Some(Action::Assign))
        .count();
    assert_eq!(assigns, 1, "no lost or doubled update");
}

async fn an_idempotency_key_creates_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let student = app.login("student1").await;
    let lock = |description: &str| {
        Form::Repair(RepairForm {
            category: RepairCategory::DoorLock,
            description: description.into(),
            place_id: None,
            preferred_time: None,
        })
    };
    let first = student
        .submit_request(&lock("门锁坏了"), Some("k-1"))
        .await
        .unwrap();
    let again = student
        .submit_request(&lock("门锁坏了"), Some("k-1"))
        .await
        .unwrap();
    assert_eq!(first.id, again.id);
    let list = student
        .list_requests(&RequestQuery::default())
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);
    refused(
        student.submit_request(&lock("另一件事"), Some("k-1")).await,
        422,
        "idempotency_key_reused",
    );
}
