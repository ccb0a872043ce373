//! Read-then-write races: what two callers decide at the same moment must hold
//! as if they had come one after the other. Counted limits are hit with many
//! calls at once; on PostgreSQL, where transactions really overlap, each rule
//! is also met by a second transaction that holds the row and has not
//! committed: the call must wait for it, then decide on what it wrote.

use crate::helpers::{building, refused, Backend, TestApp};
use crate::reform_progress::{assignment_of, task_seven};
use crate::service_files::png;
use crate::service_flow::leak;
use diesel::{Connection, PgConnection, RunQueryDsl};
use futures_util::future::join_all;
use onestop_client::{Client, ResidencyQuery};
use onestop_domain::dates::Day;
use onestop_domain::grid::wire::{
    CheckInRequest, CheckOutRequest, CreateNodeRequest, UpdateNodeRequest,
};
use onestop_domain::grid::{Gender, Level};
use onestop_domain::reform::progress::ReportStatus;
use onestop_domain::reform::wire::{MilestoneInput, MilestoneUpdate, NewReportRequest, ReportView};
use onestop_domain::{NodeId, UserId};
use std::time::Duration;
use uuid::Uuid;

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

/// A photo of its own (different bytes each time, so each is a file of its own).
fn photo(n: usize) -> Vec<u8> {
    let mut bytes = png();
    bytes.extend_from_slice(n.to_string().as_bytes());
    bytes
}

/// The status of an upload: 201 stored, or the refusal's status.
fn status<T>(r: &onestop_client::Result<T>) -> u16 {
    r.as_ref().map_or_else(|e| e.status().unwrap_or(0), |_| 201)
}

/// The Youth League's assignment on task 7 and a report for this month, awaiting review.
async fn pending_report(app: &TestApp, league: &Client) -> (Uuid, ReportView) {
    let mine = assignment_of(&task_seven(league).await, "youth-league");
    let report = NewReportRequest {
        period: app.today().format("%Y-%m").to_string(),
        status: ReportStatus::OnTrack,
        percent: 30,
        text: "按计划推进".into(),
    };
    (mine, league.file_report(mine, &report).await.unwrap())
}

fn tally(statuses: &[u16]) -> (usize, usize) {
    let n = |s: u16| statuses.iter().filter(|&&x| x == s).count();
    (n(201), n(409))
}

async fn parallel_uploads_stop_at_ten_attachments(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let request = leak(&s1).await.id;
    let uploads = (0..15).map(|n| {
        let s1 = &s1;
        async move {
            status(
                &s1.upload_attachment(request, &format!("{n}.png"), photo(n))
                    .await,
            )
        }
    });
    let statuses = join_all(uploads).await;
    assert_eq!(tally(&statuses), (10, 5), "{statuses:?}");
    assert_eq!(s1.attachments(request).await.unwrap().len(), 10);
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
    let league = app.login("league1").await;
    let (mine, report) = pending_report(&app, &league).await;
    let uploads = (0..15).map(|n| {
        let league = &league;
        async move {
            status(
                &league
                    .upload_evidence(report.id, &format!("{n}.png"), photo(n))
                    .await,
            )
        }
    });
    let statuses = join_all(uploads).await;
    assert_eq!(tally(&statuses), (10, 5), "{statuses:?}");
    let detail = league.assignment(mine).await.unwrap();
    assert_eq!(detail.reports[0].evidence.len(), 10);
}

async fn two_edits_of_one_milestone_one_wins(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let mine = assignment_of(&task_seven(&league).await, "youth-league");
    let today = Day::try_from(app.today()).unwrap();
    let m = league
        .add_milestone(
            mine,
            &MilestoneInput {
                title: "路线图".into(),
                due_on: today,
                done_on: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(m.version, 1);
    let edit = |title: &str, version: i32| MilestoneUpdate {
        title: title.into(),
        due_on: today,
        done_on: None,
        version,
    };
    let (first, second) = (edit("路线图（甲）", 1), edit("路线图（乙）", 1));
    let (a, b2) = futures_util::future::join(
        league.update_milestone(m.id, &first),
        league.update_milestone(m.id, &second),
    )
    .await;
    let (won, lost) = match (a, b2) {
        (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
        other => panic!("one wins, one is told it is stale: {other:?}"),
    };
    refused(Err::<(), _>(lost), 409, "stale_version");
    // The winner's version moved on; sending it again works.
    assert_eq!(won.version, 2);
    league
        .update_milestone(m.id, &edit("路线图", 2))
        .await
        .unwrap();
}

/// A new empty room in counsellor1's building, and a student of it to put there.
async fn room_and_student(app: &TestApp) -> (NodeId, UserId, Client) {
    let c1 = app.login("counsellor1").await;
    let admin = app.login("admin").await;
    let x1 = building(&admin, "X1").await.id;
    let room = admin
        .create_node(&CreateNodeRequest {
            parent_id: Some(x1),
            level: Level::Room,
            name: None,
            code: Some("199".into()),
            floor: Some(1),
            capacity: Some(4),
            gender: Some(Gender::Male),
            college: None,
        })
        .await
        .unwrap();
    // A resident of the building, checked out so that they can be checked in again.
    let stay = c1
        .residencies(&ResidencyQuery {
            node: Some(x1),
            limit: Some(5),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|s| s.student.display_name != "张三")
        .unwrap();
    c1.check_out(&CheckOutRequest {
        student_id: stay.student.id,
    })
    .await
    .unwrap();
    (room.id, stay.student.id, c1)
}

/// A second connection with a transaction open.
pub fn hold(app: &TestApp) -> PgConnection {
    let mut pg = PgConnection::establish(&app.database_url).unwrap();
    diesel::sql_query("BEGIN").execute(&mut pg).unwrap();
    pg
}

/// Spawn a call; it must still be waiting after a moment (for the other transaction).
pub async fn waits<F, T>(call: F) -> actix_web::rt::task::JoinHandle<T>
where
    F: std::future::Future<Output = T> + 'static,
    T: 'static,
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
    let body = CheckInRequest {
        student_id: student,
        room_id: room,
        bed: 4,
    };
    let pending = waits(async move { c1.check_in(&body).await }).await;
    diesel::sql_query("COMMIT").execute(&mut edit).unwrap();
    let p = refused(pending.await.unwrap(), 400, "validation");
    assert_eq!(p.errors[0].field, "bed", "{p:?}");
}

async fn an_edit_of_a_room_waits_for_a_check_in_to_it() {
    let result = while_checking_in(|admin, room| async move {
        let shrink = UpdateNodeRequest {
            capacity: Some(1),
            ..Default::default()
        };
        admin.update_node(room, &shrink).await.map(drop)
    })
    .await;
    refused(result, 409, "room_occupied");
}

async fn archiving_a_room_waits_for_a_check_in_to_it() {
    let result =
        while_checking_in(|admin, room| async move { admin.archive_node(room).await.map(drop) })
            .await;
    refused(result, 409, "node_occupied");
}

/// An administrator's call on a new room, made while a check-in to its bed 4
/// holds the room and has not committed yet: it must wait, then see the stay.
async fn while_checking_in<F, Fut>(admin_call: F) -> onestop_client::Result<()>
where
    F: FnOnce(Client, NodeId) -> Fut,
    Fut: std::future::Future<Output = onestop_client::Result<()>> + 'static,
{
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
        Uuid::now_v7()
    ))
    .execute(&mut check_in)
    .unwrap();
    let admin = app.login("admin").await;
    let pending = waits(admin_call(admin, room)).await;
    diesel::sql_query("COMMIT").execute(&mut check_in).unwrap();
    pending.await.unwrap()
}

/// Nine files are in; a tenth is being written by a transaction that holds
/// its parent (`table`, row `id`); the next upload must wait and be refused.
async fn next_upload_waits_for_the_tenth<F, Fut>(
    app: &TestApp,
    upload: F,
    parent: (&str, Uuid),
    child: (&str, &str),
    code: &str,
) where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = onestop_client::Result<()>> + 'static,
{
    for n in 0..9 {
        upload(n).await.unwrap();
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
        Uuid::now_v7()
    ))
    .execute(&mut tenth)
    .unwrap();
    let pending = waits(upload(11)).await;
    diesel::sql_query("COMMIT").execute(&mut tenth).unwrap();
    refused(pending.await.unwrap(), 409, code);
}

async fn an_upload_waits_for_the_tenth_attachment_in_flight() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let s1 = app.login("student1").await;
    let request = leak(&s1).await.id;
    let upload = |n: usize| {
        let s1 = s1.clone();
        async move {
            s1.upload_attachment(request, "x.png", photo(n))
                .await
                .map(drop)
        }
    };
    next_upload_waits_for_the_tenth(
        &app,
        upload,
        ("service_requests", request),
        ("request_attachments", "request_id"),
        "too_many_attachments",
    )
    .await;
}

async fn an_upload_waits_for_the_tenth_evidence_in_flight() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let league = app.login("league1").await;
    let (_, report) = pending_report(&app, &league).await;
    let upload = |n: usize| {
        let league = league.clone();
        async move {
            league
                .upload_evidence(report.id, "x.png", photo(n))
                .await
                .map(drop)
        }
    };
    next_upload_waits_for_the_tenth(
        &app,
        upload,
        ("progress_reports", report.id),
        ("report_evidence", "report_id"),
        "too_much_evidence",
    )
    .await;
}
