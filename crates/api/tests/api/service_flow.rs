//! The lifecycle through the API: every role's steps, deadlines and
//! escalation on a controllable clock, and what completing a request does.

use crate::helpers::{call, Backend, TestApp};
use crate::service::{act, repair, submit, user_id};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    a_repair_goes_from_student_to_handler_and_back,
    each_step_is_allowed_only_to_its_roles_and_states,
    resolving_a_check_in_changes_residency,
    stamps_get_a_pickup_code_and_low_ratings_reopen,
);

pub async fn events(app: &TestApp, token: &str, req: &Value) -> Vec<Value> {
    let (s, v) = call(
        app,
        token,
        Method::GET,
        &format!("/api/v1/requests/{}/events", req["id"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(s, 200);
    v.as_array().unwrap().clone()
}

async fn a_repair_goes_from_student_to_handler_and_back(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (s1, c1, h1) = (
        app.token("student1").await,
        app.token("counsellor1").await,
        app.token("handler1").await,
    );
    let req = repair(&app, &s1).await;
    let handler = user_id(&app, "handler1").await;
    let steps: Vec<(&str, Value, &str)> = vec![
        (
            &c1,
            json!({"action": "triage", "priority": "high", "unit": "logistics", "note": "尽快处理"}),
            "triaged",
        ),
        (
            &c1,
            json!({"action": "assign", "assignee": handler}),
            "assigned",
        ),
        (
            &h1,
            json!({"action": "ask", "note": "几点方便上门？"}),
            "waiting_on_student",
        ),
        (
            &s1,
            json!({"action": "answer", "note": "下午都在"}),
            "assigned",
        ),
        (&h1, json!({"action": "start"}), "in_progress"),
        (
            &h1,
            json!({"action": "resolve", "note": "已更换阀芯"}),
            "resolved",
        ),
        (&s1, json!({"action": "confirm"}), "closed"),
    ];
    let mut version = 1;
    for (token, mut body, want) in steps {
        body["version"] = json!(version);
        let (s, v) = act(&app, token, &req, body.clone()).await;
        assert_eq!((s, v["state"].as_str()), (200, Some(want)), "{body}: {v}");
        version = v["version"].as_i64().unwrap();
    }
    let (s, rated) = call(
        &app,
        &s1,
        Method::POST,
        &format!("/api/v1/requests/{}/rating", req["id"].as_str().unwrap()),
        Some(json!({"rating": 5, "comment": "师傅很专业"})),
    )
    .await;
    assert_eq!(
        (s, rated["rating"].as_i64(), rated["state"].as_str()),
        (200, Some(5), Some("closed"))
    );
    let timeline = events(&app, &s1, &req).await;
    let kinds: Vec<&str> = timeline
        .iter()
        .map(|e| e["action"].as_str().unwrap_or(e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        ["created", "triage", "assign", "ask", "answer", "start", "resolve", "confirm", "rated"]
    );
    assert_eq!(timeline[1]["data"]["unit"], "logistics");
    assert_eq!(timeline[3]["note"], "几点方便上门？");
    assert_eq!(timeline[3]["actor"]["display_name"], "后勤维修 王师傅");
    assert!(timeline
        .windows(2)
        .all(|w| w[0]["at"].as_str() <= w[1]["at"].as_str()));
}

async fn each_step_is_allowed_only_to_its_roles_and_states(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let c1 = app.token("counsellor1").await;
    let h1 = app.token("handler1").await;
    let admin = app.token("admin").await;
    let handler = user_id(&app, "handler1").await;
    let req = repair(&app, &s1).await;
    // From `submitted`: who may do what.
    let attempts: Vec<(&str, &str, Value, u16)> = vec![
        (
            "student",
            &s1,
            json!({"action": "triage", "priority": "low", "unit": "logistics"}),
            403,
        ),
        ("student", &s1, json!({"action": "start"}), 409),
        ("student", &s1, json!({"action": "confirm"}), 409),
        ("student", &s1, json!({"action": "reopen"}), 409),
        (
            "student",
            &s1,
            json!({"action": "answer", "note": "x"}),
            409,
        ),
        ("counsellor", &c1, json!({"action": "cancel"}), 403),
        (
            "counsellor",
            &c1,
            json!({"action": "assign", "assignee": handler}),
            409,
        ),
        ("counsellor", &c1, json!({"action": "reject"}), 400),
        (
            "counsellor",
            &c1,
            json!({"action": "triage", "priority": "urgent", "unit": "no-such-unit"}),
            422,
        ),
        (
            "counsellor",
            &c1,
            json!({"action": "triage", "priority": "urgent"}),
            400,
        ),
        (
            "handler before routing",
            &h1,
            json!({"action": "start"}),
            404,
        ),
    ];
    for (who, token, mut body, want) in attempts {
        body["version"] = json!(1);
        let (s, v) = act(&app, token, &req, body.clone()).await;
        assert_eq!(s, want, "{who} {body}: {v}");
        if s == 409 {
            assert_eq!(v["code"], "illegal_transition");
            assert!(
                v["detail"].as_str().unwrap().contains("submitted"),
                "names the state: {v}"
            );
        }
    }
    // None of that changed anything.
    let (_, same) = call(
        &app,
        &s1,
        Method::GET,
        &format!("/api/v1/requests/{}", req["id"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(
        (same["state"].as_str(), same["version"].as_i64()),
        (Some("submitted"), Some(1))
    );
    assert_eq!(events(&app, &s1, &req).await.len(), 1);

    // A stale version is refused even for a legal step.
    let (s, v) = act(
        &app,
        &c1,
        &req,
        json!({"action": "triage", "version": 7, "priority": "low", "unit": "logistics"}),
    )
    .await;
    assert_eq!((s, v["code"].as_str()), (409, Some("stale_version")));

    // Once work starts the student can no longer cancel; the handler cannot confirm.
    let (_, t) = act(
        &app,
        &c1,
        &req,
        json!({"action": "triage", "version": 1, "priority": "low", "unit": "logistics"}),
    )
    .await;
    let (s, _) = act(&app, &c1, &req, json!({"action": "assign", "version": t["version"], "assignee": user_id(&app, "student2").await})).await;
    assert_eq!(s, 422, "only handlers of the unit can be assigned");
    let (_, a) = act(
        &app,
        &h1,
        &req,
        json!({"action": "assign", "version": t["version"], "assignee": handler}),
    )
    .await;
    let (_, st) = act(
        &app,
        &h1,
        &req,
        json!({"action": "start", "version": a["version"]}),
    )
    .await;
    assert_eq!(st["state"], "in_progress");
    let (s, _) = act(
        &app,
        &s1,
        &req,
        json!({"action": "cancel", "version": st["version"]}),
    )
    .await;
    assert_eq!(s, 409);
    let (s, _) = act(
        &app,
        &h1,
        &req,
        json!({"action": "resolve", "version": st["version"]}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = act(
        &app,
        &h1,
        &req,
        json!({"action": "confirm", "version": st["version"].as_i64().unwrap() + 1}),
    )
    .await;
    assert_eq!(s, 403);
    // Admins may reject what is not yet being worked on; the student may cancel before work starts.
    let other = repair(&app, &s1).await;
    let (s, v) = act(
        &app,
        &admin,
        &other,
        json!({"action": "reject", "version": 1, "reason": "重复提交"}),
    )
    .await;
    assert_eq!((s, v["state"].as_str()), (200, Some("rejected")));
    let third = repair(&app, &s1).await;
    let (s, v) = act(&app, &s1, &third, json!({"action": "cancel", "version": 1})).await;
    assert_eq!((s, v["state"].as_str()), (200, Some("cancelled")));
}

async fn resolving_a_check_in_changes_residency(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let c1 = app.token("counsellor1").await;
    let student = user_id(&app, "student1").await;
    let (s, _) = call(
        &app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/check-out",
        Some(json!({"student_id": student})),
    )
    .await;
    assert_eq!(s, 200);
    // A handler in student affairs does check-ins.
    let (s, h) = call(&app, &admin, Method::POST, "/api/v1/users", Some(json!({"username": "housing1", "display_name": "宿管 赵老师", "password": "housing-pass", "roles": ["handler"], "unit": "student-affairs"}))).await;
    assert_eq!(s, 201, "{h}");
    let housing = app
        .client()
        .login("housing1", "housing-pass")
        .await
        .unwrap()
        .access_token;
    let (_, page) = call(
        &app,
        &c1,
        Method::GET,
        "/api/v1/grid/nodes?level=room&q=102",
        None,
    )
    .await;
    let room = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["building_id"].is_string()
                && r["gender"] == "male"
                && (1..4).contains(&r["occupied"].as_i64().unwrap())
        })
        .unwrap()
        .clone();
    let (_, stays) = call(
        &app,
        &admin,
        Method::GET,
        &format!(
            "/api/v1/grid/residencies?node={}",
            room["id"].as_str().unwrap()
        ),
        None,
    )
    .await;
    let taken: Vec<i64> = stays["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["bed"].as_i64().unwrap())
        .collect();
    let free = (1..=4).find(|b| !taken.contains(b)).unwrap();
    let s1 = app.token("student1").await;

    let flow = |bed: i64| {
        let (s1, admin, housing, room, h) = (
            s1.clone(),
            admin.clone(),
            housing.clone(),
            room.clone(),
            h.clone(),
        );
        let app = &app;
        async move {
            let req = submit(app, &s1, json!({"kind": "check_in", "term": "2026-2027-2", "room_id": room["id"], "bed": bed})).await;
            let (_, t) = act(app, &admin, &req, json!({"action": "triage", "version": 1, "priority": "normal", "unit": "student-affairs"})).await;
            let (_, a) = act(
                app,
                &housing,
                &req,
                json!({"action": "assign", "version": t["version"], "assignee": h["id"]}),
            )
            .await;
            let (status, v) = act(
                app,
                &housing,
                &req,
                json!({"action": "resolve", "version": a["version"]}),
            )
            .await;
            (req, status, v)
        }
    };
    // A taken bed: the resolution is refused and the request stays as it was.
    let busy = *taken.first().expect("the room has a taken bed");
    {
        let (req, status, v) = flow(busy).await;
        assert_eq!(
            (status, v["code"].as_str()),
            (409, Some("bed_taken")),
            "{v}"
        );
        let (_, same) = call(
            &app,
            &s1,
            Method::GET,
            &format!("/api/v1/requests/{}", req["id"].as_str().unwrap()),
            None,
        )
        .await;
        assert_eq!(same["state"], "assigned");
        let (_, cancel) = act(
            &app,
            &s1,
            &req,
            json!({"action": "cancel", "version": same["version"]}),
        )
        .await;
        assert_eq!(cancel["state"], "cancelled");
    }
    let (_, status, v) = flow(free).await;
    assert_eq!(
        (status, v["state"].as_str()),
        (200, Some("resolved")),
        "{v}"
    );
    let (s, mine) = call(&app, &s1, Method::GET, "/api/v1/me/residence", None).await;
    assert_eq!(s, 200);
    assert_eq!(
        (mine["room"]["id"].as_str(), mine["bed"].as_i64()),
        (room["id"].as_str(), Some(free))
    );
}

async fn stamps_get_a_pickup_code_and_low_ratings_reopen(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let s1 = app.token("student1").await;
    let (s, h) = call(&app, &admin, Method::POST, "/api/v1/users", Some(json!({"username": "seals1", "display_name": "党政办 孙老师", "password": "seals-pass", "roles": ["handler"], "unit": "general-office"}))).await;
    assert_eq!(s, 201);
    let seals = app
        .client()
        .login("seals1", "seals-pass")
        .await
        .unwrap()
        .access_token;
    let req = submit(&app, &s1, json!({"kind": "stamp", "document_title": "在读证明", "document_kind": "certificate", "seal": "school", "copies": 2, "purpose": "办理签证"})).await;
    let (_, t) = act(
        &app,
        &app.token("counsellor1").await,
        &req,
        json!({"action": "triage", "version": 1, "priority": "normal", "unit": "general-office"}),
    )
    .await;
    let (_, a) = act(
        &app,
        &seals,
        &req,
        json!({"action": "assign", "version": t["version"], "assignee": h["id"]}),
    )
    .await;
    let (_, r) = act(
        &app,
        &seals,
        &req,
        json!({"action": "resolve", "version": a["version"]}),
    )
    .await;
    let code = r["pickup_code"].as_str().unwrap();
    assert!(
        code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
        "{r}"
    );
    let (s, body) = call(
        &app,
        &s1,
        Method::POST,
        &format!("/api/v1/requests/{}/rating", req["id"].as_str().unwrap()),
        Some(json!({"rating": 1})),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("illegal_transition")),
        "rate only after closing"
    );
    let (_, c) = act(
        &app,
        &s1,
        &req,
        json!({"action": "confirm", "version": r["version"]}),
    )
    .await;
    assert_eq!(c["state"], "closed");
    let (s, body) = call(
        &app,
        &s1,
        Method::POST,
        &format!("/api/v1/requests/{}/rating", req["id"].as_str().unwrap()),
        Some(json!({"rating": 9})),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("rating"))
    );
    let (s, rated) = call(
        &app,
        &s1,
        Method::POST,
        &format!("/api/v1/requests/{}/rating", req["id"].as_str().unwrap()),
        Some(json!({"rating": 2, "comment": "等了太久"})),
    )
    .await;
    assert_eq!(
        (s, rated["state"].as_str()),
        (200, Some("reopened")),
        "{rated}"
    );
    let (s, _) = call(
        &app,
        &s1,
        Method::POST,
        &format!("/api/v1/requests/{}/rating", req["id"].as_str().unwrap()),
        Some(json!({"rating": 5})),
    )
    .await;
    assert_eq!(s, 409);
}
