//! The service hall's contract, validation, visibility and races.

use crate::helpers::{call, Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

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

pub async fn act(app: &TestApp, token: &str, req: &Value, body: Value) -> (u16, Value) {
    let id = req["id"].as_str().unwrap();
    call(
        app,
        token,
        Method::POST,
        &format!("/api/v1/requests/{id}/transitions"),
        Some(body),
    )
    .await
}

pub async fn user_id(app: &TestApp, who: &str) -> String {
    app.login(who).await.me().await.unwrap().id.to_string()
}

async fn a_repair_needs_only_category_and_description(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let created = repair(&app, &s1).await;
    assert_eq!(
        (created["state"].as_str(), created["version"].as_i64()),
        (Some("submitted"), Some(1))
    );
    assert!(created["id"].is_string());
    assert_eq!(
        created["place_name"], "101",
        "defaults to the student's room"
    );
    let id = created["id"].as_str().unwrap();
    let (s, got) = call(
        &app,
        &s1,
        Method::GET,
        &format!("/api/v1/requests/{id}"),
        None,
    )
    .await;
    assert_eq!(
        (s, got["state"].as_str(), got["version"].as_i64()),
        (200, Some("submitted"), Some(1))
    );
    let (_, events) = call(
        &app,
        &s1,
        Method::GET,
        &format!("/api/v1/requests/{id}/events"),
        None,
    )
    .await;
    assert_eq!(events[0]["kind"], "created");
    assert_eq!(events[0]["actor"]["display_name"], "张三");
    // Staff do not submit requests.
    let (s, _) = call(
        &app,
        &app.token("counsellor1").await,
        Method::POST,
        "/api/v1/requests",
        Some(json!({"kind": "repair", "category": "water", "description": "x"})),
    )
    .await;
    assert_eq!(s, 403);
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
    let (s1, s2) = (app.token("student1").await, app.token("student2").await);
    let (c1, c2) = (
        app.token("counsellor1").await,
        app.token("counsellor2").await,
    );
    let mine = repair(&app, &s1).await;
    let theirs = repair(&app, &s2).await;
    let id = mine["id"].as_str().unwrap();
    let ids = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };

    let (_, q1) = call(
        &app,
        &c1,
        Method::GET,
        "/api/v1/requests?state=submitted",
        None,
    )
    .await;
    assert_eq!(ids(&q1), [id]);
    let (_, q2) = call(&app, &c2, Method::GET, "/api/v1/requests", None).await;
    assert_eq!(
        ids(&q2),
        [theirs["id"].as_str().unwrap()],
        "counsellor2 never sees counsellor1's requests"
    );
    let (s, body) = call(
        &app,
        &c2,
        Method::GET,
        &format!("/api/v1/requests/{id}"),
        None,
    )
    .await;
    assert_eq!((s, body["code"].as_str()), (404, Some("not_found")));
    let (s, _) = call(
        &app,
        &s2,
        Method::GET,
        &format!("/api/v1/requests/{id}"),
        None,
    )
    .await;
    assert_eq!(s, 404, "student2 gets 404 for student1's request");
    let (s, _) = call(
        &app,
        &s2,
        Method::GET,
        &format!("/api/v1/requests/{id}/events"),
        None,
    )
    .await;
    assert_eq!(s, 404);
    let (_, own) = call(&app, &s2, Method::GET, "/api/v1/requests", None).await;
    assert_eq!(ids(&own), [theirs["id"].as_str().unwrap()]);
    // Handlers see a request once it is routed to their unit.
    let h1 = app.token("handler1").await;
    let (_, none) = call(&app, &h1, Method::GET, "/api/v1/requests", None).await;
    assert!(ids(&none).is_empty());
    let (s, _) = act(
        &app,
        &c1,
        &mine,
        json!({"action": "triage", "version": 1, "priority": "high", "unit": "logistics"}),
    )
    .await;
    assert_eq!(s, 200);
    let (_, routed) = call(
        &app,
        &h1,
        Method::GET,
        "/api/v1/requests?kind=repair&priority=high",
        None,
    )
    .await;
    assert_eq!(ids(&routed), [id]);
    // Counts per state, for queue tabs, under the same visibility.
    let (_, counts) = call(&app, &c1, Method::GET, "/api/v1/requests/counts", None).await;
    let count = |st: &str| {
        counts
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["state"] == st)
            .map(|c| c["count"].as_i64().unwrap())
    };
    assert_eq!((count("triaged"), count("submitted")), (Some(1), Some(0)));
}

async fn queue_pages_stay_correct_while_requests_arrive(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let c1 = app.token("counsellor1").await;
    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(repair(&app, &s1).await["id"].as_str().unwrap().to_owned());
    }
    let (_, p1) = call(&app, &c1, Method::GET, "/api/v1/requests?limit=2", None).await;
    let mut seen: Vec<String> = p1["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    // New requests arrive between pages: they must neither shift nor repeat the older ones.
    repair(&app, &s1).await;
    repair(&app, &s1).await;
    let mut cursor = p1["next_cursor"].as_str().map(str::to_owned);
    while let Some(c) = cursor {
        let (_, p) = call(
            &app,
            &c1,
            Method::GET,
            &format!("/api/v1/requests?limit=2&cursor={c}"),
            None,
        )
        .await;
        seen.extend(
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned()),
        );
        cursor = p["next_cursor"].as_str().map(str::to_owned);
    }
    made.reverse();
    assert_eq!(seen, made, "newest first, each once");
    let (_, oldest) = call(
        &app,
        &c1,
        Method::GET,
        "/api/v1/requests?sort=oldest&limit=1",
        None,
    )
    .await;
    assert_eq!(oldest["items"][0]["id"], made.last().unwrap().as_str());
}

async fn two_staff_assigning_at_once_one_wins(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let (c1, h1) = (app.token("counsellor1").await, app.token("handler1").await);
    let req = repair(&app, &s1).await;
    let (_, triaged) = act(
        &app,
        &c1,
        &req,
        json!({"action": "triage", "version": 1, "priority": "normal", "unit": "logistics"}),
    )
    .await;
    let handler = user_id(&app, "handler1").await;
    let body = json!({"action": "assign", "version": triaged["version"], "assignee": handler});
    let (a, b2) = futures_util::future::join(
        act(&app, &c1, &req, body.clone()),
        act(&app, &h1, &req, body),
    )
    .await;
    let mut statuses = [a.0, b2.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b2:?}");
    let loser = if a.0 == 409 { a.1 } else { b2.1 };
    assert_eq!(loser["code"], "stale_version");
    assert!(
        loser["detail"].as_str().unwrap().contains("version 3"),
        "{loser}"
    );
    let (_, events) = call(
        &app,
        &s1,
        Method::GET,
        &format!("/api/v1/requests/{}/events", req["id"].as_str().unwrap()),
        None,
    )
    .await;
    let assigns = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "assign")
        .count();
    assert_eq!(assigns, 1, "no lost or doubled update");
}

async fn an_idempotency_key_creates_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("student1").await;
    let body = json!({"kind": "repair", "category": "door_lock", "description": "门锁坏了"});
    let send = |key: &'static str, body: Value| {
        app.http
            .post(app.url("/api/v1/requests"))
            .bearer_auth(&token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = send("k-1", body.clone()).await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = send("k-1", body.clone()).await.unwrap();
    assert_eq!(again.status(), 201);
    let again: Value = again.json().await.unwrap();
    assert_eq!(first["id"], again["id"]);
    let (_, list) = call(&app, &token, Method::GET, "/api/v1/requests", None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let other = send(
        "k-1",
        json!({"kind": "repair", "category": "door_lock", "description": "另一件事"}),
    )
    .await
    .unwrap();
    assert_eq!(other.status(), 409);
}
