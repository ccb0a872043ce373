//! Notifications: each person hears of what concerns them — never of what
//! they did themselves — and marks it read.

use crate::helpers::{refused, Backend, TestApp};
use crate::reform_progress::{assignment_of, task_seven};
use crate::service_flow::{assign, leak, noted, triage};
use onestop_client::{Client, NotificationQuery};
use onestop_domain::notify::{NotificationKind, NotificationView};
use onestop_domain::reform::progress::{ReportStatus, Verdict};
use onestop_domain::reform::wire::{MilestoneInput, NewReportRequest, NewReviewRequest};
use onestop_domain::service::{Action, Priority, State};
use onestop_domain::NotificationId;

both_backends!(
    people_hear_of_what_concerns_them,
    notifications_are_marked_read_by_their_reader_only,
    a_report_sent_back_and_an_overdue_milestone_are_told,
);

async fn all(c: &Client) -> Vec<NotificationView> {
    c.list_notifications(&NotificationQuery::default())
        .await
        .unwrap()
        .items
}

fn kinds(list: &[NotificationView]) -> Vec<NotificationKind> {
    list.iter().map(|n| n.kind).collect()
}

async fn people_hear_of_what_concerns_them(b: Backend) {
    use NotificationKind::*;
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let h1 = app.login("handler1").await;
    let c2 = app.login("counsellor2").await;
    let handler = h1.me().await.unwrap().id;

    let req = leak(&s1).await;
    assert!(
        all(&s1).await.is_empty(),
        "nobody is told of their own step"
    );
    let v = c1
        .transition(req.id, &triage(req.version, Priority::High, "logistics"))
        .await
        .unwrap();
    let v = c1
        .transition(req.id, &assign(v.version, handler))
        .await
        .unwrap();
    assert!(all(&c1).await.is_empty());
    assert_eq!(kinds(&all(&h1).await), [RequestAssigned]);

    h1.comment(req.id, "明天上午来修").await.unwrap();
    let v = h1
        .transition(req.id, &noted(Action::Ask, v.version, "几点方便上门？"))
        .await
        .unwrap();
    assert_eq!(v.state, State::WaitingOnStudent);
    // The student answers: the assignee hears of it.
    s1.transition(req.id, &noted(Action::Answer, v.version, "下午都在"))
        .await
        .unwrap();

    let mine = all(&s1).await;
    assert_eq!(
        kinds(&mine),
        [
            RequestStateChanged,
            RequestCommented,
            RequestStateChanged,
            RequestStateChanged
        ],
        "newest first"
    );
    let asked = &mine[0];
    let r = asked.data.request.as_ref().unwrap();
    assert_eq!((r.id, r.state), (req.id, State::WaitingOnStudent));
    assert_eq!(asked.data.quote.as_deref(), Some("几点方便上门？"));
    assert_eq!(asked.data.actor.as_ref().unwrap().id, handler, "{asked:?}");
    assert_eq!(mine[1].data.quote.as_deref(), Some("明天上午来修"));
    assert_eq!(mine[3].data.request.as_ref().unwrap().state, State::Triaged);
    let page = s1
        .list_notifications(&NotificationQuery::default())
        .await
        .unwrap();
    assert_eq!(page.unread, 4);
    assert_eq!(s1.unread_count().await.unwrap().unread, 4);

    let theirs = all(&h1).await;
    assert_eq!(kinds(&theirs), [RequestStateChanged, RequestAssigned]);
    assert_eq!(theirs[0].data.quote.as_deref(), Some("下午都在"));
    assert!(all(&c2).await.is_empty(), "another building's counsellor");
}

async fn notifications_are_marked_read_by_their_reader_only(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let c1 = app.login("counsellor1").await;
    let req = leak(&s1).await;
    for text in ["一", "二", "三"] {
        c1.comment(req.id, text).await.unwrap();
    }
    let list = all(&s1).await;
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|n| n.read_at.is_none()));

    // Someone else cannot mark them, nor see that they exist.
    refused(c1.mark_read(list[0].id).await, 404, "not_found");
    refused(s1.mark_read(NotificationId::new()).await, 404, "not_found");
    let one = s1.mark_read(list[2].id).await.unwrap();
    assert!(one.read_at.is_some());
    assert_eq!(s1.unread_count().await.unwrap().unread, 2);
    // Up to the one in the middle: the newest stays unread.
    let left = s1.mark_all_read(Some(list[1].id)).await.unwrap();
    assert_eq!(left.unread, 1);
    let unread = s1
        .list_notifications(&NotificationQuery {
            unread: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(unread.items.len(), 1);
    assert_eq!(unread.items[0].id, list[0].id);
    assert_eq!(s1.mark_all_read(None).await.unwrap().unread, 0);

    // Paging, newest first.
    let first = s1
        .list_notifications(&NotificationQuery {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(first.items.len(), 2);
    let rest = s1
        .list_notifications(&NotificationQuery {
            limit: Some(2),
            cursor: first.next_cursor.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0].id, list[2].id);
    assert!(rest.next_cursor.is_none());
}

async fn a_report_sent_back_and_an_overdue_milestone_are_told(b: Backend) {
    use NotificationKind::*;
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let econ_staff = app.login("counsellor1").await;
    let task = task_seven(&league).await;
    let econ = assignment_of(&task, "college-economics");
    let period = app.today().format("%Y-%m").to_string();
    let report = econ_staff
        .file_report(
            econ,
            &NewReportRequest {
                period,
                status: ReportStatus::AtRisk,
                percent: 30,
                text: "宿舍走访推进中".into(),
            },
        )
        .await
        .unwrap();
    league
        .review_report(
            report.id,
            &NewReviewRequest {
                verdict: Verdict::Rework,
                text: "请补充走访记录".into(),
            },
        )
        .await
        .unwrap();
    let told = all(&econ_staff).await;
    assert_eq!(kinds(&told), [ReportReturned]);
    let a = told[0].data.assignment.as_ref().unwrap();
    assert_eq!(
        (a.id.0, a.task_no, a.report_id),
        (econ, 7, Some(report.id.into()))
    );
    assert_eq!(told[0].data.quote.as_deref(), Some("请补充走访记录"));
    assert!(all(&league).await.is_empty());

    // A milestone of the league's own assignment, which league1 answers for.
    let mine = assignment_of(&task, "youth-league");
    let detail = league.assignment(mine).await.unwrap();
    let me = league.me().await.unwrap().id;
    league
        .update_assignment(
            mine,
            &onestop_domain::reform::wire::UpdateAssignmentRequest {
                version: detail.assignment.version,
                responsible_id: Some(me),
                due_on: None,
            },
        )
        .await
        .unwrap();
    let tomorrow = app.today().succ_opt().unwrap();
    league
        .add_milestone(
            mine,
            &MilestoneInput {
                title: "路线图".into(),
                due_on: tomorrow.to_string().parse().unwrap(),
                done_on: None,
            },
        )
        .await
        .unwrap();
    app.clock.advance(chrono::Duration::days(2));
    app.run_reminders().await;
    let league = app.login("league1").await;
    let told = all(&league).await;
    assert_eq!(kinds(&told), [MilestoneOverdue]);
    assert_eq!(
        told[0].data.assignment.as_ref().unwrap().label.as_deref(),
        Some("路线图")
    );
}
