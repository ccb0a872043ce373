//! Following the plan: who edits which assignment, who reviews whose report,
//! and the reminders job with a clock the test moves.

use crate::helpers::{call, refused, Backend, TestApp};
use crate::service_files::png;
use onestop_client::{Client, InboxQuery, TaskQuery};
use onestop_domain::dates::Day;
use onestop_domain::reform::progress::{ReportStatus, ReviewState, Verdict};
use onestop_domain::reform::wire::{
    MilestoneInput, MilestoneUpdate, NewReportRequest, NewReviewRequest, ReformEventKind,
    ReformEventView, TaskView, UpdateAssignmentRequest,
};
use onestop_domain::reform::UnitRole;
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

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

/// Task 7 as `client` sees it (typed).
pub async fn task_seven(client: &Client) -> TaskView {
    client
        .tasks(&TaskQuery {
            unit: Some("youth-league".into()),
            role: Some(UnitRole::Lead),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.no == 7)
        .expect("task 7 led by youth-league")
}

/// The assignment of `unit` on the first part of a task.
pub fn assignment_of(task: &TaskView, unit: &str) -> Uuid {
    task.parts[0]
        .units
        .iter()
        .find(|u| u.unit.code == unit)
        .unwrap_or_else(|| panic!("{unit} on task {}", task.no))
        .assignment_id
}

fn day(s: &str) -> Day {
    s.parse().unwrap()
}

fn fields(p: &onestop_domain::problem::Problem) -> Vec<&str> {
    p.errors.iter().map(|e| e.field.as_str()).collect()
}

async fn units_edit_only_their_own_assignments(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let admin = app.login("admin").await;
    let counsellor = app.login("counsellor1").await;
    let student = app.login("student1").await;
    let task = task_seven(&league).await;
    let mine = assignment_of(&task, "youth-league");
    let theirs = assignment_of(&task, "student-affairs");
    let econ = assignment_of(&task, "college-economics");
    let league_id = league.me().await.unwrap().id;

    let before = league.assignment(mine).await.unwrap();
    assert_eq!((before.can_edit, before.can_report), (true, true));
    let v = before.assignment.version;
    let after = league
        .update_assignment(
            mine,
            &UpdateAssignmentRequest {
                version: v,
                responsible_id: Some(league_id),
                due_on: Some(day("2027-06-30")),
            },
        )
        .await
        .unwrap();
    assert_eq!(after.assignment.responsible.map(|p| p.id), Some(league_id));
    assert_eq!(after.assignment.due_on, Some(*day("2027-06-30")));
    assert_eq!(after.history[0].kind, ReformEventKind::AssignmentUpdated);

    // The same stale version again: someone else's change must not be overwritten.
    let stale = UpdateAssignmentRequest {
        version: v,
        responsible_id: None,
        due_on: None,
    };
    refused(
        admin.update_assignment(mine, &stale).await,
        409,
        "stale_version",
    );

    // Another unit's assignment: refused, unchanged.
    let o = league.assignment(theirs).await.unwrap();
    assert!(!o.can_edit);
    let ov = o.assignment.version;
    let move_due = UpdateAssignmentRequest {
        version: ov,
        responsible_id: None,
        due_on: Some(day("2027-01-01")),
    };
    let err = league
        .update_assignment(theirs, &move_due)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let step = |title: &str, due: &str| MilestoneInput {
        title: title.into(),
        due_on: day(due),
        done_on: None,
    };
    let err = league
        .add_milestone(theirs, &step("x", "2027-01-01"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let o2 = admin.assignment(theirs).await.unwrap();
    assert_eq!(o2.assignment.version, ov);
    assert!(o2.milestones.is_empty());

    // The responsible person must belong to the unit.
    let outsider = UpdateAssignmentRequest {
        version: ov,
        responsible_id: Some(league_id),
        due_on: None,
    };
    let p = refused(
        admin.update_assignment(theirs, &outsider).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), ["responsible_id"]);
    // Admins edit every unit's assignments.
    admin.update_assignment(theirs, &move_due).await.unwrap();

    // Milestones: a college's counsellor keeps its own roadmap, not the league's.
    counsellor
        .add_milestone(econ, &step("楼栋活动方案", "2027-03-01"))
        .await
        .unwrap();
    let lm = league
        .add_milestone(mine, &step("路线图", "2027-02-01"))
        .await
        .unwrap();
    let edit = |title: &str, done_on: Option<chrono::NaiveDate>, version: i32| MilestoneUpdate {
        title: title.into(),
        due_on: day("2027-02-01"),
        done_on: done_on.map(|d| Day::try_from(d).unwrap()),
        version,
    };
    let err = counsellor
        .update_milestone(lm.id, &edit("改", None, 1))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let err = counsellor.delete_milestone(lm.id).await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    let today = app.today();
    let done = league
        .update_milestone(lm.id, &edit("路线图", Some(today), 1))
        .await
        .unwrap();
    assert_eq!(done.done_on, Some(today));
    let tomorrow = today.succ_opt().unwrap();
    let p = refused(
        league
            .update_milestone(lm.id, &edit(" ", Some(tomorrow), 2))
            .await,
        400,
        "validation",
    );
    assert_eq!(fields(&p), ["title", "done_on"]);

    // Students do not take part.
    let err = student.assignment(mine).await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    let err = admin.assignment(Uuid::nil()).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
}

async fn a_cooperating_unit_cannot_review_the_leads_report(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let econ_staff = app.login("counsellor1").await;
    let comp_staff = app.login("counsellor2").await;
    let admin = app.login("admin").await;
    let task = task_seven(&league).await;
    let period = app.today().format("%Y-%m").to_string();
    let report = |status: ReportStatus, percent: i32, text: &str| NewReportRequest {
        period: period.clone(),
        status,
        percent,
        text: text.into(),
    };
    let review = |verdict: Verdict, text: &str| NewReviewRequest {
        verdict,
        text: text.into(),
    };

    // A college (cooperating) reports; only its own staff may.
    let econ = assignment_of(&task, "college-economics");
    let at_risk = report(ReportStatus::AtRisk, 40, "活动场地未落实");
    let err = league.file_report(econ, &at_risk).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(403),
        "a lead does not report for a cooperating unit"
    );
    let err = admin.file_report(econ, &at_risk).await.unwrap_err();
    assert_eq!(err.status(), Some(403), "nor does an admin");
    let r = econ_staff.file_report(econ, &at_risk).await.unwrap();
    assert_eq!(r.review_state, ReviewState::Pending);

    // The lead calibrates the college's report; another college cannot.
    let err = comp_staff
        .review_report(r.id, &review(Verdict::Comment, "x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let r = league
        .review_report(r.id, &review(Verdict::Comment, "请补充场地协调方案"))
        .await
        .unwrap();
    assert_eq!((r.review_state, r.reviews.len()), (ReviewState::Pending, 1));

    // The lead's own report: a cooperating unit cannot review it, nor can the lead itself.
    let mine = assignment_of(&task, "youth-league");
    let lead_report = league
        .file_report(mine, &report(ReportStatus::OnTrack, 30, "方案已印发"))
        .await
        .unwrap()
        .id;
    for who in [&econ_staff, &league] {
        let err = who
            .review_report(lead_report, &review(Verdict::Accept, ""))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(403));
    }
    let detail = econ_staff.assignment(mine).await.unwrap();
    assert!(!detail.can_review);
    assert_eq!(
        detail.reports[0].review_state,
        ReviewState::Pending,
        "refused reviews changed nothing"
    );
    assert!(detail.reports[0].reviews.is_empty());

    // Sent back for rework needs a reason; then it is settled, and the unit's inbox says so.
    let p = refused(
        admin
            .review_report(lead_report, &review(Verdict::Rework, ""))
            .await,
        400,
        "validation",
    );
    assert_eq!(fields(&p), ["text"]);
    let r = admin
        .review_report(lead_report, &review(Verdict::Rework, "缺少时间表"))
        .await
        .unwrap();
    assert_eq!(r.review_state, ReviewState::Returned);
    refused(
        admin
            .review_report(lead_report, &review(Verdict::Accept, ""))
            .await,
        409,
        "report_settled",
    );
    let inbox = league.reform_inbox().await.unwrap();
    assert_eq!(inbox[0].kind, ReformEventKind::ReportReturned);
    assert_eq!(inbox[0].note.as_deref(), Some("缺少时间表"));
    let err = league
        .reform_inbox_of(&InboxQuery {
            unit: Some("college-economics".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403), "another unit's inbox");

    // Append-only: the rework is a new report; the returned one stays in the history.
    let again = league
        .file_report(mine, &report(ReportStatus::OnTrack, 35, "已补充时间表"))
        .await
        .unwrap();
    // Refiled: the item leaves the to-do, and stays in the record.
    let returned = |items: &[ReformEventView]| {
        items
            .iter()
            .any(|e| e.kind == ReformEventKind::ReportReturned && e.assignment_id == mine)
    };
    let open = league.reform_inbox().await.unwrap();
    assert!(!returned(&open), "{open:?}");
    let record = league
        .reform_inbox_of(&InboxQuery {
            open: Some(false),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(returned(&record), "{record:?}");

    // Evidence: from the reporting unit only, checked by content, downloadable.
    let err = econ_staff
        .upload_evidence(again.id, "时间表.png", png())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let err = league
        .upload_evidence(again.id, "时间表.png", b"not a photo".to_vec())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(415));
    let file = league
        .upload_evidence(again.id, "时间表.png", png())
        .await
        .unwrap();
    assert_eq!(file.filename, "时间表.png");
    let got = admin
        .download(&format!(
            "/api/v1/reports/{}/evidence/{}",
            again.id, file.id
        ))
        .await
        .unwrap();
    assert_eq!(got, png());
    let detail = admin.assignment(mine).await.unwrap();
    let states: Vec<ReviewState> = detail.reports.iter().map(|r| r.review_state).collect();
    assert_eq!(states, [ReviewState::Pending, ReviewState::Returned]);
    assert_eq!(detail.reports[0].evidence.len(), 1);
    assert_eq!(detail.assignment.percent, 35);

    // Bad reports name their fields and store nothing.
    let bad = NewReportRequest {
        period: "2026-13".into(),
        status: ReportStatus::Done,
        percent: 90,
        text: String::new(),
    };
    let p = refused(league.file_report(mine, &bad).await, 400, "validation");
    assert_eq!(p.errors.len(), 3, "{p:?}");
    // A status the contract does not know cannot be typed: sent as raw JSON.
    let (s, _) = call(
        &app,
        &app.token("league1").await,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(json!({"period": period, "status": "finished", "percent": 1, "text": "x"})),
    )
    .await;
    assert_eq!(s, 400, "unknown status is a bad request");
    assert_eq!(admin.assignment(mine).await.unwrap().reports.len(), 2);
}
