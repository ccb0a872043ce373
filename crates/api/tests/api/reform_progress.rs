//! Following the plan: who edits which assignment, who reviews whose report,
//! and the reminders job with a clock the test moves.

use crate::helpers::{call, Backend, TestApp};
use crate::service_files::png;
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    units_edit_only_their_own_assignments,
    a_cooperating_unit_cannot_review_the_leads_report
);

/// Task 7 (led by 团委 youth-league; student-affairs and every college cooperate).
pub async fn task7(app: &TestApp, token: &str) -> Value {
    let (_, tasks) = call(
        app,
        token,
        Method::GET,
        "/api/v1/tasks?unit=youth-league&role=lead",
        None,
    )
    .await;
    tasks
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["no"] == 7)
        .cloned()
        .expect("task 7 led by youth-league")
}

/// The assignment id of `unit` on task 7.
pub fn on(task: &Value, unit: &str) -> String {
    task["parts"][0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"]["code"] == unit)
        .unwrap_or_else(|| panic!("{unit} on task 7"))["assignment_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn user_id(app: &TestApp, username: &str) -> String {
    let token = app.token(username).await;
    let (_, me) = call(app, &token, Method::GET, "/api/v1/me", None).await;
    me["id"].as_str().unwrap().to_owned()
}

async fn units_edit_only_their_own_assignments(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let admin = app.token("admin").await;
    let counsellor = app.token("counsellor1").await;
    let student = app.token("student1").await;
    let task = task7(&app, &league).await;
    let mine = on(&task, "youth-league");
    let theirs = on(&task, "student-affairs");
    let econ = on(&task, "college-economics");
    let league_id = user_id(&app, "league1").await;

    let path = format!("/api/v1/assignments/{mine}");
    let (s, before) = call(&app, &league, Method::GET, &path, None).await;
    assert_eq!(s, 200);
    assert_eq!(
        (before["can_edit"].as_bool(), before["can_report"].as_bool()),
        (Some(true), Some(true))
    );
    let v = before["assignment"]["version"].as_i64().unwrap();
    let (s, after) = call(
        &app,
        &league,
        Method::PUT,
        &path,
        Some(json!({"version": v, "responsible_id": league_id, "due_on": "2027-06-30"})),
    )
    .await;
    assert_eq!(s, 200, "{after}");
    assert_eq!(after["assignment"]["responsible"]["id"], league_id.as_str());
    assert_eq!(after["assignment"]["due_on"], "2027-06-30");
    assert_eq!(after["history"][0]["kind"], "assignment_updated");

    // The same stale version again: someone else's change must not be overwritten.
    let (s, body) = call(
        &app,
        &admin,
        Method::PUT,
        &path,
        Some(json!({"version": v, "due_on": null})),
    )
    .await;
    assert_eq!((s, body["code"].as_str()), (409, Some("stale_version")));

    // Another unit's assignment: refused, unchanged.
    let other = format!("/api/v1/assignments/{theirs}");
    let (_, o) = call(&app, &league, Method::GET, &other, None).await;
    assert_eq!(o["can_edit"], false);
    let ov = o["assignment"]["version"].as_i64().unwrap();
    let (s, _) = call(
        &app,
        &league,
        Method::PUT,
        &other,
        Some(json!({"version": ov, "due_on": "2027-01-01"})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = call(
        &app,
        &league,
        Method::POST,
        &format!("{other}/milestones"),
        Some(json!({"title": "x", "due_on": "2027-01-01"})),
    )
    .await;
    assert_eq!(s, 403);
    let (_, o2) = call(&app, &admin, Method::GET, &other, None).await;
    assert_eq!(o2["assignment"]["version"], ov);
    assert!(o2["milestones"].as_array().unwrap().is_empty());

    // The responsible person must belong to the unit.
    let (s, body) = call(
        &app,
        &admin,
        Method::PUT,
        &other,
        Some(json!({"version": ov, "responsible_id": league_id})),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(body["errors"][0]["field"], "responsible_id");
    // Admins edit every unit's assignments.
    let (s, _) = call(
        &app,
        &admin,
        Method::PUT,
        &other,
        Some(json!({"version": ov, "due_on": "2027-01-01"})),
    )
    .await;
    assert_eq!(s, 200);

    // Milestones: a college's counsellor keeps its own roadmap, not the league's.
    let (s, m) = call(
        &app,
        &counsellor,
        Method::POST,
        &format!("/api/v1/assignments/{econ}/milestones"),
        Some(json!({"title": "楼栋活动方案", "due_on": "2027-03-01"})),
    )
    .await;
    assert_eq!(s, 201, "{m}");
    let (s, lm) = call(
        &app,
        &league,
        Method::POST,
        &format!("{path}/milestones"),
        Some(json!({"title": "路线图", "due_on": "2027-02-01"})),
    )
    .await;
    assert_eq!(s, 201);
    let lm_path = format!("/api/v1/milestones/{}", lm["id"].as_str().unwrap());
    let (s, _) = call(
        &app,
        &counsellor,
        Method::PUT,
        &lm_path,
        Some(json!({"title": "改", "due_on": "2027-02-01", "version": 1})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = call(&app, &counsellor, Method::DELETE, &lm_path, None).await;
    assert_eq!(s, 403);
    let today = app.today();
    let (s, done) = call(
        &app,
        &league,
        Method::PUT,
        &lm_path,
        Some(json!({"title": "路线图", "due_on": "2027-02-01", "done_on": today, "version": 1})),
    )
    .await;
    assert_eq!(
        (s, done["done_on"].as_str()),
        (200, Some(today.to_string().as_str()))
    );
    let tomorrow = today.succ_opt().unwrap();
    let (s, body) = call(
        &app,
        &league,
        Method::PUT,
        &lm_path,
        Some(json!({"title": " ", "due_on": "2027-02-01", "done_on": tomorrow, "version": 2})),
    )
    .await;
    assert_eq!(s, 400);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "done_on"]);

    // Students do not take part.
    let (s, _) = call(&app, &student, Method::GET, &path, None).await;
    assert_eq!(s, 403);
    let (s, _) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/assignments/00000000-0000-0000-0000-000000000000",
        None,
    )
    .await;
    assert_eq!(s, 404);
}

async fn a_cooperating_unit_cannot_review_the_leads_report(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let econ_staff = app.token("counsellor1").await;
    let comp_staff = app.token("counsellor2").await;
    let admin = app.token("admin").await;
    let task = task7(&app, &league).await;
    let period = app.today().format("%Y-%m").to_string();

    // A college (cooperating) reports; only its own staff may.
    let econ = on(&task, "college-economics");
    let report =
        json!({"period": period, "status": "at_risk", "percent": 40, "text": "活动场地未落实"});
    let (s, _) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{econ}/reports"),
        Some(report.clone()),
    )
    .await;
    assert_eq!(s, 403, "a lead does not report for a cooperating unit");
    let (s, _) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/assignments/{econ}/reports"),
        Some(report.clone()),
    )
    .await;
    assert_eq!(s, 403, "nor does an admin");
    let (s, r) = call(
        &app,
        &econ_staff,
        Method::POST,
        &format!("/api/v1/assignments/{econ}/reports"),
        Some(report),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["review_state"], "pending");
    let econ_report = r["id"].as_str().unwrap().to_owned();

    // The lead calibrates the college's report; another college cannot.
    let reviews = format!("/api/v1/reports/{econ_report}/reviews");
    let (s, _) = call(
        &app,
        &comp_staff,
        Method::POST,
        &reviews,
        Some(json!({"verdict": "comment", "text": "x"})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, r) = call(
        &app,
        &league,
        Method::POST,
        &reviews,
        Some(json!({"verdict": "comment", "text": "请补充场地协调方案"})),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(
        (
            r["review_state"].as_str(),
            r["reviews"].as_array().unwrap().len()
        ),
        (Some("pending"), 1)
    );

    // The lead's own report: a cooperating unit cannot review it, nor can the lead itself.
    let mine = on(&task, "youth-league");
    let (s, r) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(json!({"period": period, "status": "on_track", "percent": 30, "text": "方案已印发"})),
    )
    .await;
    assert_eq!(s, 201);
    let lead_reviews = format!("/api/v1/reports/{}/reviews", r["id"].as_str().unwrap());
    for who in [&econ_staff, &league] {
        let (s, _) = call(
            &app,
            who,
            Method::POST,
            &lead_reviews,
            Some(json!({"verdict": "accept"})),
        )
        .await;
        assert_eq!(s, 403);
    }
    let (_, detail) = call(
        &app,
        &econ_staff,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    assert_eq!(detail["can_review"], false);
    assert_eq!(
        detail["reports"][0]["review_state"], "pending",
        "refused reviews changed nothing"
    );
    assert!(detail["reports"][0]["reviews"]
        .as_array()
        .unwrap()
        .is_empty());

    // Sent back for rework needs a reason; then it is settled, and the unit's inbox says so.
    let (s, body) = call(
        &app,
        &admin,
        Method::POST,
        &lead_reviews,
        Some(json!({"verdict": "rework"})),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("text"))
    );
    let (s, r) = call(
        &app,
        &admin,
        Method::POST,
        &lead_reviews,
        Some(json!({"verdict": "rework", "text": "缺少时间表"})),
    )
    .await;
    assert_eq!((s, r["review_state"].as_str()), (201, Some("returned")));
    let (s, body) = call(
        &app,
        &admin,
        Method::POST,
        &lead_reviews,
        Some(json!({"verdict": "accept"})),
    )
    .await;
    assert_eq!((s, body["code"].as_str()), (409, Some("report_settled")));
    let (_, inbox) = call(&app, &league, Method::GET, "/api/v1/reform/inbox", None).await;
    assert_eq!(inbox[0]["kind"], "report_returned");
    assert_eq!(inbox[0]["note"], "缺少时间表");
    let (s, _) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/reform/inbox?unit=college-economics",
        None,
    )
    .await;
    assert_eq!(s, 403, "another unit's inbox");

    // Append-only: the rework is a new report; the returned one stays in the history.
    let (s, again) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(
            json!({"period": period, "status": "on_track", "percent": 35, "text": "已补充时间表"}),
        ),
    )
    .await;
    assert_eq!(s, 201);
    // Refiled: the item leaves the to-do, and stays in the record.
    let returned = |inbox: &Value| {
        inbox
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "report_returned" && e["assignment_id"] == mine.as_str())
    };
    let (_, inbox) = call(&app, &league, Method::GET, "/api/v1/reform/inbox", None).await;
    assert!(!returned(&inbox), "{inbox}");
    let (_, record) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/reform/inbox?open=false",
        None,
    )
    .await;
    assert!(returned(&record), "{record}");

    // Evidence: from the reporting unit only, checked by content, downloadable.
    let evidence = format!("/api/v1/reports/{}/evidence", again["id"].as_str().unwrap());
    let upload = |token: &str, bytes: Vec<u8>| {
        let form = Form::new().part("file", Part::bytes(bytes).file_name("时间表.png"));
        app.http
            .post(app.url(&evidence))
            .bearer_auth(token.to_owned())
            .multipart(form)
            .send()
    };
    assert_eq!(upload(&econ_staff, png()).await.unwrap().status(), 403);
    assert_eq!(
        upload(&league, b"not a photo".to_vec())
            .await
            .unwrap()
            .status(),
        415
    );
    let res = upload(&league, png()).await.unwrap();
    assert_eq!(res.status(), 201);
    let file: Value = res.json().await.unwrap();
    assert_eq!(file["filename"], "时间表.png");
    let got = app
        .http
        .get(app.url(&format!("{evidence}/{}", file["id"].as_str().unwrap())))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.unwrap().to_vec(), png());
    let (_, detail) = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    let states: Vec<&str> = detail["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["review_state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["pending", "returned"]);
    assert_eq!(
        detail["reports"][0]["evidence"].as_array().unwrap().len(),
        1
    );
    assert_eq!(detail["assignment"]["percent"], 35);

    // Bad reports name their fields and store nothing.
    let (s, body) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(json!({"period": "2026-13", "status": "done", "percent": 90, "text": ""})),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(body["errors"].as_array().unwrap().len(), 3, "{body}");
    let (s, _) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(json!({"period": period, "status": "finished", "percent": 1, "text": "x"})),
    )
    .await;
    assert_eq!(s, 400, "unknown status is a bad request");
    let (_, again) = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    assert_eq!(again["reports"].as_array().unwrap().len(), 2);
}
