//! Read-then-write races: what two callers decide at the same moment must hold
//! as if they had come one after the other. Counted limits are hit with many
//! calls at once; on PostgreSQL, where transactions really overlap, each rule
//! is also met by a second transaction that holds the row and has not
//! committed: the call must wait for it, then decide on what it wrote.

use crate::helpers::{call, Backend, TestApp};
use crate::reform_progress::{on, task7};
use crate::service::repair;
use crate::service_files::png;
use diesel::{Connection, PgConnection, RunQueryDsl};
use futures_util::future::join_all;
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

both_backends!(
    parallel_uploads_stop_at_ten_attachments,
    parallel_uploads_stop_at_ten_pieces_of_evidence,
    two_edits_of_one_milestone_one_wins,
);

mod postgres_only {
    #[actix_web::test]
    async fn a_check_in_waits_for_an_edit_of_its_room() {
        super::a_check_in_waits_for_an_edit_of_its_room().await
    }
    #[actix_web::test]
    async fn an_edit_of_a_room_waits_for_a_check_in_to_it() {
        super::an_edit_of_a_room_waits_for_a_check_in_to_it().await
    }
    #[actix_web::test]
    async fn archiving_a_room_waits_for_a_check_in_to_it() {
        super::archiving_a_room_waits_for_a_check_in_to_it().await
    }
    #[actix_web::test]
    async fn an_upload_waits_for_the_tenth_attachment_in_flight() {
        super::an_upload_waits_for_the_tenth_attachment_in_flight().await
    }
    #[actix_web::test]
    async fn an_upload_waits_for_the_tenth_evidence_in_flight() {
        super::an_upload_waits_for_the_tenth_evidence_in_flight().await
    }
}

async fn upload(app: &TestApp, token: &str, path: &str, n: usize) -> u16 {
    // Different bytes each time, so each is a file of its own.
    let mut bytes = png();
    bytes.extend_from_slice(n.to_string().as_bytes());
    let form = Form::new().part(
        "file",
        Part::bytes(bytes)
            .file_name(format!("{n}.png"))
            .mime_str("image/png")
            .unwrap(),
    );
    app.http
        .post(app.url(path))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// The Youth League's assignment on task 7 and a report for this month, awaiting review.
async fn pending_report(app: &TestApp, league: &str) -> (String, Value) {
    let task = task7(app, league).await;
    let mine = on(&task, "youth-league");
    let period = app.today().format("%Y-%m").to_string();
    let (s, report) = call(
        app,
        league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(json!({"period": period, "status": "on_track", "percent": 30, "text": "按计划推进"})),
    )
    .await;
    assert_eq!(s, 201, "{report}");
    (mine, report)
}

fn tally(statuses: &[u16]) -> (usize, usize) {
    let n = |s: u16| statuses.iter().filter(|&&x| x == s).count();
    (n(201), n(409))
}

async fn parallel_uploads_stop_at_ten_attachments(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let request = repair(&app, &s1).await;
    let path = format!(
        "/api/v1/requests/{}/attachments",
        request["id"].as_str().unwrap()
    );
    let statuses = join_all((0..15).map(|n| upload(&app, &s1, &path, n))).await;
    assert_eq!(tally(&statuses), (10, 5), "{statuses:?}");
    let (_, listed) = call(&app, &s1, Method::GET, &path, None).await;
    assert_eq!(listed.as_array().unwrap().len(), 10);
    // Refused uploads leave no file behind: only the ten stored ones remain.
    let stored = std::fs::read_dir(app.data_dir().join("attachments"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|d| d.file_name() != "incoming")
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap())
        .count();
    assert_eq!(stored, 10);
    let incoming = std::fs::read_dir(app.data_dir().join("attachments/incoming"))
        .unwrap()
        .count();
    assert_eq!(incoming, 0, "no temporary file is left");
}

async fn parallel_uploads_stop_at_ten_pieces_of_evidence(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let (mine, report) = pending_report(&app, &league).await;
    let path = format!(
        "/api/v1/reports/{}/evidence",
        report["id"].as_str().unwrap()
    );
    let statuses = join_all((0..15).map(|n| upload(&app, &league, &path, n))).await;
    assert_eq!(tally(&statuses), (10, 5), "{statuses:?}");
    let (_, detail) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    assert_eq!(
        detail["reports"][0]["evidence"].as_array().unwrap().len(),
        10
    );
}

async fn two_edits_of_one_milestone_one_wins(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let task = task7(&app, &league).await;
    let mine = on(&task, "youth-league");
    let (s, m) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/milestones"),
        Some(json!({"title": "路线图", "due_on": app.today()})),
    )
    .await;
    assert_eq!(s, 201, "{m}");
    assert_eq!(m["version"], 1);
    let path = format!("/api/v1/milestones/{}", m["id"].as_str().unwrap());
    let edit = |title: &'static str| {
        call(
            &app,
            &league,
            Method::PUT,
            &path,
            Some(json!({"title": title, "due_on": app.today(), "version": 1})),
        )
    };
    let (a, b2) = futures_util::future::join(edit("路线图（甲）"), edit("路线图（乙）")).await;
    let mut statuses = [a.0, b2.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{a:?} {b2:?}");
    let lost = if a.0 == 409 { &a.1 } else { &b2.1 };
    assert_eq!(lost["code"], "stale_version");
    // The winner's version moved on; sending it again works.
    let won: &Value = if a.0 == 200 { &a.1 } else { &b2.1 };
    assert_eq!(won["version"], 2);
    let (s, _) = call(
        &app,
        &league,
        Method::PUT,
        &path,
        Some(json!({"title": "路线图", "due_on": app.today(), "version": 2})),
    )
    .await;
    assert_eq!(s, 200);
}

/// A new empty room in counsellor1's building, and a student of it to put there.
async fn room_and_student(app: &TestApp) -> (String, String, String) {
    let c1 = app.token("counsellor1").await;
    let admin = app.token("admin").await;
    let x1 = crate::grid::node_id(app, &admin, "building", "X1").await;
    let (s, room) = call(
        app,
        &admin,
        Method::POST,
        "/api/v1/grid/nodes",
        Some(json!({"parent_id": x1, "level": "room", "code": "199", "floor": 1, "capacity": 4, "gender": "male"})),
    )
    .await;
    assert_eq!(s, 201, "{room}");
    // A resident of the building, checked out so that they can be checked in again.
    let (_, residents) = call(
        app,
        &c1,
        Method::GET,
        &format!("/api/v1/grid/residencies?node={x1}&limit=5"),
        None,
    )
    .await;
    let stay = residents["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["student"]["display_name"] != "张三")
        .unwrap()
        .clone();
    let (s, out) = call(
        app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/check-out",
        Some(json!({"student_id": stay["student"]["id"]})),
    )
    .await;
    assert_eq!(s, 200, "{out}");
    (
        room["id"].as_str().unwrap().to_owned(),
        stay["student"]["id"].as_str().unwrap().to_owned(),
        c1,
    )
}

/// A second connection with a transaction open.
fn hold(app: &TestApp) -> PgConnection {
    let mut pg = PgConnection::establish(&app.database_url).unwrap();
    diesel::sql_query("BEGIN").execute(&mut pg).unwrap();
    pg
}

/// Spawn a call; it must still be waiting after a moment (for the other transaction).
async fn waits<F>(call: F) -> actix_web::rt::task::JoinHandle<(u16, Value)>
where
    F: std::future::Future<Output = (u16, Value)> + 'static,
{
    let handle = actix_web::rt::spawn(call);
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !handle.is_finished(),
        "the call did not wait for the other transaction"
    );
    handle
}

async fn a_check_in_waits_for_an_edit_of_its_room() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let (room, student, c1) = room_and_student(&app).await;
    // Someone is shrinking the room to one bed, and has not committed yet.
    let mut edit = hold(&app);
    diesel::sql_query(format!(
        "SELECT id FROM grid_nodes WHERE id = '{room}' FOR UPDATE"
    ))
    .execute(&mut edit)
    .unwrap();
    diesel::sql_query(format!(
        "UPDATE grid_nodes SET capacity = 1 WHERE id = '{room}'"
    ))
    .execute(&mut edit)
    .unwrap();
    let (base, http) = (app.base.clone(), app.http.clone());
    let body = json!({"student_id": student, "room_id": room, "bed": 4});
    let pending = waits(async move {
        let res = http
            .post(format!("{base}/api/v1/grid/residencies/check-in"))
            .bearer_auth(c1)
            .json(&body)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    })
    .await;
    diesel::sql_query("COMMIT").execute(&mut edit).unwrap();
    let (s, body) = pending.await.unwrap();
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("bed")),
        "{body}"
    );
}

async fn an_edit_of_a_room_waits_for_a_check_in_to_it() {
    let (status, body) = while_checking_in(|room| {
        (
            Method::PATCH,
            format!("/api/v1/grid/nodes/{room}"),
            Some(json!({"capacity": 1})),
        )
    })
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("room_occupied")),
        "{body}"
    );
}

async fn archiving_a_room_waits_for_a_check_in_to_it() {
    let (status, body) = while_checking_in(|room| {
        (
            Method::POST,
            format!("/api/v1/grid/nodes/{room}/archive"),
            None,
        )
    })
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("node_occupied")),
        "{body}"
    );
}

/// An administrator's call on a new room, made while a check-in to its bed 4
/// holds the room and has not committed yet: it must wait, then see the stay.
async fn while_checking_in(
    admin_call: impl FnOnce(&str) -> (Method, String, Option<Value>),
) -> (u16, Value) {
    let app = TestApp::spawn(Backend::Postgres).await;
    let (room, student, _) = room_and_student(&app).await;
    let mut check_in = hold(&app);
    diesel::sql_query(format!(
        "SELECT id FROM grid_nodes WHERE id = '{room}' FOR UPDATE"
    ))
    .execute(&mut check_in)
    .unwrap();
    diesel::sql_query(format!(
        "INSERT INTO residencies (id, student_id, room_id, bed, community_id, zone_id, building_id, checked_in_at) \
         SELECT '{}', '{student}', id, 4, community_id, zone_id, building_id, now() FROM grid_nodes WHERE id = '{room}'",
        uuid::Uuid::now_v7()
    ))
    .execute(&mut check_in)
    .unwrap();
    let (base, http) = (app.base.clone(), app.http.clone());
    let admin = app.token("admin").await;
    let (method, path, body) = admin_call(&room);
    let pending = waits(async move {
        let mut rb = http
            .request(method, format!("{base}{path}"))
            .bearer_auth(admin);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let res = rb.send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    })
    .await;
    diesel::sql_query("COMMIT").execute(&mut check_in).unwrap();
    pending.await.unwrap()
}

/// Nine files are in; a tenth is being written by a transaction that holds
/// its parent (`table`, row `id`); the next upload must wait and be refused.
async fn next_upload_waits_for_the_tenth(
    app: &TestApp,
    token: &str,
    path: &str,
    parent: (&str, &str),
    child: (&str, &str),
    code: &str,
) {
    for n in 0..9 {
        assert_eq!(upload(app, token, path, n).await, 201);
    }
    let (table, id) = parent;
    let (files, key) = child;
    let mut tenth = hold(app);
    diesel::sql_query(format!(
        "SELECT id FROM {table} WHERE id = '{id}' FOR UPDATE"
    ))
    .execute(&mut tenth)
    .unwrap();
    diesel::sql_query(format!(
        "INSERT INTO {files} (id, {key}, sha256, size, content_type, filename, uploaded_by, created_at) \
         SELECT '{}', '{id}', 'ab', 1, 'image/png', 'x.png', id, now() FROM users WHERE username = 'admin'",
        uuid::Uuid::now_v7()
    ))
    .execute(&mut tenth)
    .unwrap();
    let (base, http, token, path) = (
        app.base.clone(),
        app.http.clone(),
        token.to_owned(),
        path.to_owned(),
    );
    let pending = waits(async move {
        let form = Form::new().part(
            "file",
            Part::bytes(png())
                .file_name("11.png")
                .mime_str("image/png")
                .unwrap(),
        );
        let res = http
            .post(format!("{base}{path}"))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    })
    .await;
    diesel::sql_query("COMMIT").execute(&mut tenth).unwrap();
    let (s, body) = pending.await.unwrap();
    assert_eq!((s, body["code"].as_str()), (409, Some(code)), "{body}");
}

async fn an_upload_waits_for_the_tenth_attachment_in_flight() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let s1 = app.token("student1").await;
    let request = repair(&app, &s1).await;
    let id = request["id"].as_str().unwrap();
    let path = format!("/api/v1/requests/{id}/attachments");
    next_upload_waits_for_the_tenth(
        &app,
        &s1,
        &path,
        ("service_requests", id),
        ("request_attachments", "request_id"),
        "too_many_attachments",
    )
    .await;
}

async fn an_upload_waits_for_the_tenth_evidence_in_flight() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let league = app.token("league1").await;
    let (_, report) = pending_report(&app, &league).await;
    let id = report["id"].as_str().unwrap();
    next_upload_waits_for_the_tenth(
        &app,
        &league,
        &format!("/api/v1/reports/{id}/evidence"),
        ("progress_reports", id),
        ("report_evidence", "report_id"),
        "too_much_evidence",
    )
    .await;
}
