//! Values no campus sends on purpose — dates thousands of years away, NUL
//! characters, a roster number that is already someone's username — are
//! refused (400, or 422 for a CSV row) naming the field or row, on both
//! databases (PostgreSQL used to answer 500), and nothing is written.

use crate::grid::get;
use crate::helpers::{call, problem, Backend, TestApp};
use crate::reform_progress::{on, task7};
use crate::service::repair;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    the_document_decides_400_and_rules_beyond_it_422,
    dates_outside_1900_to_2200_are_refused_by_field,
    nul_characters_are_refused_by_field,
    a_roster_number_taken_as_a_username_is_a_bad_row,
);

/// Send and expect a 400 whose first error names `field` with `code`.
async fn refused(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
    field: &str,
    code: &str,
) {
    let mut rb = app.http.request(method, app.url(path)).bearer_auth(token);
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let res = rb.send().await.unwrap();
    let p = problem(res, 400, "validation").await;
    assert_eq!(
        (
            p["errors"][0]["field"].as_str(),
            p["errors"][0]["code"].as_str()
        ),
        (Some(field), Some(code)),
        "{path}: {p}"
    );
}

/// 400: the request does not fit the OpenAPI document; 422: it does, and a
/// rule the document cannot state refuses it. Neither writes anything.
async fn the_document_decides_400_and_rules_beyond_it_422(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    // A misspelt or extra field is refused, not ignored (bodies are closed objects).
    refused(
        &app,
        &admin,
        Method::POST,
        "/api/v1/auth/login",
        Some(json!({"username": "admin", "password": "demo1234", "remember": true})),
        "remember",
        "unknown_field",
    )
    .await;
    // serde alone would read an array as the struct's fields in order.
    let me = get(&app, &admin, "/api/v1/me").await;
    let res = app
        .http
        .patch(app.url(&format!("/api/v1/users/{}", me["id"].as_str().unwrap())))
        .bearer_auth(&admin)
        .json(&json!(["新名字", null, null]))
        .send()
        .await
        .unwrap();
    problem(res, 400, "malformed_json").await;
    // A condition between two fields is in the document (`if`/`then`): 400.
    let (s, body) = call(
        &app,
        &admin,
        Method::PUT,
        "/api/v1/sla-rules/repair/urgent",
        Some(json!({"first_response_minutes": 0, "resolution_minutes": 60})),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["code"].as_str()),
        (400, Some("range")),
        "{body}"
    );
    // A code that names no unit fits the document; the data refuses it.
    let new_user = json!({"username": "nobody9", "display_name": "无名", "password": "long-enough-1",
        "roles": ["office"], "unit": "no-such-unit"});
    let (s, body) = call(&app, &admin, Method::POST, "/api/v1/users", Some(new_user)).await;
    assert_eq!(
        (s, body["errors"][0]["code"].as_str()),
        (422, Some("unknown")),
        "{body}"
    );
    let (s, found) = call(&app, &admin, Method::GET, "/api/v1/users?q=nobody9", None).await;
    assert_eq!((s, found["items"].as_array().map(Vec::len)), (200, Some(0)));
    // As a list filter it matches nothing; empty is no filter.
    let none = get(&app, &admin, "/api/v1/users?unit=no-such-unit").await;
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0));
    let all = get(&app, &admin, "/api/v1/users?unit=").await;
    assert!(!all["items"].as_array().unwrap().is_empty());
}

async fn dates_outside_1900_to_2200_are_refused_by_field(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let admin = app.token("admin").await;
    let plans = get(&app, &league, "/api/v1/plans").await;
    let plan = plans[0]["id"].as_str().unwrap();
    refused(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/plans/{plan}/board?since=-262143-01-01"),
        None,
        "since",
        "date_range",
    )
    .await;
    refused(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/plans/{plan}/board?since=1899-12-31"),
        None,
        "since",
        "date_range",
    )
    .await;
    let (s, _) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/plans/{plan}/board?since=2200-12-31"),
        None,
    )
    .await;
    assert_eq!(s, 200, "the last day of 2200 is in range");

    let task = task7(&app, &league).await;
    let mine = on(&task, "youth-league");
    refused(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/milestones"),
        Some(json!({"title": "路线图", "due_on": "+262142-12-31"})),
        "due_on",
        "date_range",
    )
    .await;
    refused(
        &app,
        &app.token("student1").await,
        Method::POST,
        "/api/v1/requests",
        Some(json!({"kind": "insurance_claim", "policy_kind": "accident", "incident_date": "0001-01-01", "description": "x", "amount_fen": 100})),
        "incident_date",
        "date_range",
    )
    .await;
    refused(
        &app,
        &app.token("counsellor1").await,
        Method::GET,
        "/api/v1/requests?created_from=0001-01-01T00:00:00Z",
        None,
        "created_from",
        "date_range",
    )
    .await;
    let x1 = crate::grid::node_id(&app, &admin, "building", "X1").await;
    refused(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/grid/nodes/{x1}/meetings"),
        Some(json!({"held_on": "9999-01-01", "title": "例会", "attendees": []})),
        "held_on",
        "date_range",
    )
    .await;
    let (_, milestones) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    assert!(
        milestones["milestones"].as_array().unwrap().is_empty(),
        "nothing was written"
    );
}

async fn nul_characters_are_refused_by_field(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let admin = app.token("admin").await;
    refused(
        &app,
        &s1,
        Method::POST,
        "/api/v1/requests",
        Some(json!({"kind": "repair", "category": "water", "description": "漏\u{0}水"})),
        "description",
        "control_character",
    )
    .await;
    let request = repair(&app, &s1).await;
    let id = request["id"].as_str().unwrap();
    refused(
        &app,
        &s1,
        Method::POST,
        &format!("/api/v1/requests/{id}/comments"),
        Some(json!({"text": "补充\u{0}"})),
        "text",
        "control_character",
    )
    .await;
    refused(
        &app,
        &admin,
        Method::POST,
        "/api/v1/users",
        Some(json!({"username": "newbie", "display_name": "新\u{0}人", "password": "a-long-passphrase", "roles": ["office"]})),
        "display_name",
        "control_character",
    )
    .await;
    refused(
        &app,
        &admin,
        Method::GET,
        "/api/v1/users?q=%00",
        None,
        "q",
        "control_character",
    )
    .await;
    let x1 = crate::grid::node_id(&app, &admin, "building", "X1").await;
    refused(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/grid/nodes/{x1}/meetings"),
        Some(json!({"held_on": "2026-11-20", "title": "例会", "attendees": ["陈老师", "\u{0}"]})),
        "attendees[1]",
        "control_character",
    )
    .await;
    // A roster cell.
    let res = app
        .http
        .post(app.url("/api/v1/grid/import/roster"))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body("student_no,name,college,gender,building,room,bed\n2099000001,赵\0一,经济学院,男,X1,102,4\n")
        .send()
        .await
        .unwrap();
    // The file fits the document (it is text); a row of it is refused.
    let p = problem(res, 422, "validation").await;
    assert_eq!(p["errors"][0]["field"], "line 2: name", "{p}");
    let (_, mine) = call(&app, &s1, Method::GET, "/api/v1/requests", None).await;
    assert_eq!(
        mine["items"].as_array().unwrap().len(),
        1,
        "only the good request"
    );
}

async fn a_roster_number_taken_as_a_username_is_a_bad_row(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    // "handler1" is a valid student number (letters and digits) and a staff username.
    let res = app
        .http
        .post(app.url("/api/v1/grid/import/roster"))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body("student_no,name,college,gender,building,room,bed\nhandler1,冒名,经济学院,男,X1,102,4\n")
        .send()
        .await
        .unwrap();
    let p = problem(res, 422, "validation").await;
    assert_eq!(p["errors"][0]["field"], "line 2: student_no", "{p}");
    // The staff account is untouched.
    app.login("handler1").await.me().await.unwrap();
}
