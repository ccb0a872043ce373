//! Rooms a student asks for: the college-zone and gender rules hold on the
//! server, when the request is made and again when it is resolved; and a
//! conflict over a bed names only what the caller may see.

use crate::grid::{move_node, node_id};
use crate::helpers::{call, Backend, TestApp};
use crate::service::act;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    a_student_may_ask_only_for_rooms_of_their_college_and_gender,
    resolving_checks_the_room_again,
    a_housing_conflict_hides_rooms_outside_the_callers_scope,
);

/// The rooms with free beds that `who` (staff) may offer.
async fn vacant(app: &TestApp, who: &str) -> Vec<Value> {
    let token = app.token(who).await;
    let (s, rooms) = call(app, &token, Method::GET, "/api/v1/grid/vacancies", None).await;
    assert_eq!(s, 200, "{rooms}");
    rooms.as_array().unwrap().clone()
}

fn room_change(room: &Value) -> Value {
    json!({"kind": "room_change", "term": "2026-2027-1", "room_id": room["id"], "bed": room["free_beds"][0], "reason": "作息不同"})
}

async fn a_student_may_ask_only_for_rooms_of_their_college_and_gender(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    // 智园 Z1 belongs to the School of Computer Engineering; student1 studies economics.
    let elsewhere = vacant(&app, "counsellor2").await;
    let male_elsewhere = elsewhere.iter().find(|r| r["gender"] == "male").unwrap();
    let (s, body) = call(
        &app,
        &s1,
        Method::POST,
        "/api/v1/requests",
        Some(room_change(male_elsewhere)),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["code"].as_str()),
        (422, Some("other_college")),
        "{body}"
    );
    // In the college's own zone, a room of the other gender is refused too.
    let head =
        crate::grid_move::college_head(&app, &app.token("admin").await, "经济学院包干区").await;
    let own_zone = vacant(&app, &head).await;
    let female = own_zone
        .iter()
        .find(|r| r["gender"] == "female")
        .expect("the zone has female rooms");
    let (s, body) = call(
        &app,
        &s1,
        Method::POST,
        "/api/v1/requests",
        Some(room_change(female)),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["code"].as_str()),
        (422, Some("gender_mismatch")),
        "{body}"
    );
    let (_, mine) = call(&app, &s1, Method::GET, "/api/v1/requests", None).await;
    assert!(
        mine["items"].as_array().unwrap().is_empty(),
        "nothing was filed"
    );
    // One the picker offers is fine.
    let (_, offered) = call(&app, &s1, Method::GET, "/api/v1/grid/vacancies", None).await;
    let (s, body) = call(
        &app,
        &s1,
        Method::POST,
        "/api/v1/requests",
        Some(room_change(&offered[0])),
    )
    .await;
    assert_eq!(s, 201, "{body}");
}

async fn resolving_checks_the_room_again(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let (_, offered) = call(&app, &s1, Method::GET, "/api/v1/grid/vacancies", None).await;
    let target = offered[0].clone();
    let (s, request) = call(
        &app,
        &s1,
        Method::POST,
        "/api/v1/requests",
        Some(room_change(&target)),
    )
    .await;
    assert_eq!(s, 201, "{request}");
    // The target's building moves to another college's zone before anyone resolves it.
    let admin = app.token("admin").await;
    let building = target["building_id"].as_str().unwrap();
    let law = node_id(&app, &admin, "college_zone", "法学院包干区").await;
    move_node(&app, &admin, building, &law).await;
    let handler2 = crate::service::user_id(&app, "handler2").await;
    let mut version = 1;
    for step in [
        json!({"action": "triage", "priority": "normal", "unit": "student-affairs"}),
        json!({"action": "assign", "assignee": handler2}),
    ] {
        let mut body = step.clone();
        body["version"] = json!(version);
        let (s, after) = act(&app, &admin, &request, body).await;
        assert_eq!(s, 200, "{after}");
        version = after["version"].as_i64().unwrap();
    }
    let (s, body) = act(
        &app,
        &admin,
        &request,
        json!({"action": "resolve", "version": version}),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("room_not_allowed")),
        "{body}"
    );
    let (_, home) = call(&app, &s1, Method::GET, "/api/v1/me/residence", None).await;
    assert_ne!(home["room"]["id"], target["id"], "nothing changed: {home}");
}

async fn a_housing_conflict_hides_rooms_outside_the_callers_scope(b: Backend) {
    let app = TestApp::spawn(b).await;
    let student1 = crate::service::user_id(&app, "student1").await;
    let free = vacant(&app, "counsellor2").await;
    let room = free.iter().find(|r| r["gender"] == "male").unwrap();
    let check_in =
        json!({"student_id": student1, "room_id": room["id"], "bed": room["free_beds"][0]});
    // counsellor2 leads Z1; student1 lives in X1, which is not theirs to know.
    let (s, body) = call(
        &app,
        &app.token("counsellor2").await,
        Method::POST,
        "/api/v1/grid/residencies/check-in",
        Some(check_in.clone()),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("student_housed")),
        "{body}"
    );
    let detail = body["detail"].as_str().unwrap();
    assert!(
        !detail.contains("101") && !detail.contains("X1"),
        "{detail}"
    );
    // An administrator sees the whole grid, and is told where.
    let (s, body) = call(
        &app,
        &app.token("admin").await,
        Method::POST,
        "/api/v1/grid/residencies/check-in",
        Some(check_in),
    )
    .await;
    assert_eq!(s, 409);
    assert!(body["detail"].as_str().unwrap().contains("101"), "{body}");
}
