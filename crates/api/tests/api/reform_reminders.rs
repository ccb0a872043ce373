//! The reminders job with a clock the test moves: overdue milestones and silent months, once.

use crate::helpers::{Backend, TestApp};
use crate::reform_progress::{assignment_of, task_seven};
use chrono::{Datelike, NaiveDate};
use onestop_client::{Client, InboxQuery};
use onestop_domain::dates::Day;
use onestop_domain::reform::progress::ReportStatus;
use onestop_domain::reform::wire::{
    MilestoneInput, MilestoneUpdate, NewReportRequest, ReformEventKind, ReformEventView,
};

both_backends!(
    reminders_record_overdue_and_silent_once,
    a_milestone_overdue_again_never_stops_the_reminders,
);

fn day(d: NaiveDate) -> Day {
    Day::try_from(d).unwrap()
}

/// Everything ever recorded in the caller's inbox, answered or not.
async fn record(client: &Client) -> Vec<ReformEventView> {
    client
        .reform_inbox_of(&InboxQuery {
            open: Some(false),
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap()
}

async fn reminders_record_overdue_and_silent_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let econ_staff = app.login("counsellor1").await;
    let task = task_seven(&league).await;
    let mine = assignment_of(&task, "youth-league");
    let econ = assignment_of(&task, "college-economics");
    let today = app.today();
    let this_month = today.format("%Y-%m").to_string();

    // A milestone due tomorrow, a report this month from the college only.
    let tomorrow = today.succ_opt().unwrap();
    let m = league
        .add_milestone(
            mine,
            &MilestoneInput {
                title: "路线图".into(),
                due_on: day(tomorrow),
                done_on: None,
            },
        )
        .await
        .unwrap();
    assert!(!m.overdue);
    let report = |status: ReportStatus, percent: i32, text: &str| NewReportRequest {
        period: this_month.clone(),
        status,
        percent,
        text: text.into(),
    };
    econ_staff
        .file_report(econ, &report(ReportStatus::OnTrack, 20, "启动"))
        .await
        .unwrap();
    // Nothing new is due yet (the server's own start-up run has recorded last month already).
    app.run_reminders().await;
    assert_eq!(app.run_reminders().await, (0, 0));

    // Into the next month: the milestone is past due, this month has closed.
    let next_month = today
        .with_day(1)
        .unwrap()
        .checked_add_months(chrono::Months::new(1))
        .unwrap();
    let days = (next_month - today).num_days() + 1;
    app.clock.advance(chrono::Duration::days(days));
    let (overdue, silent) = app.run_reminders().await;
    assert_eq!(overdue, 1);
    assert!(silent > 100, "every assignment but the college's: {silent}");
    assert_eq!(app.run_reminders().await, (0, 0), "recorded once");
    // Tokens have expired in the meantime.
    let league = app.login("league1").await;
    let econ_staff = app.login("counsellor1").await;

    let inbox = league.reform_inbox().await.unwrap();
    let kinds: Vec<ReformEventKind> = inbox
        .iter()
        .filter(|e| e.assignment_id == mine)
        .map(|e| e.kind)
        .collect();
    assert!(
        kinds.contains(&ReformEventKind::MilestoneOverdue)
            && kinds.contains(&ReformEventKind::Silent),
        "{kinds:?}"
    );
    let silent_for = |inbox: &[ReformEventView], a| {
        inbox.iter().any(|e| {
            e.assignment_id == a
                && e.kind == ReformEventKind::Silent
                && e.period.as_deref() == Some(this_month.as_str())
        })
    };
    assert!(silent_for(&inbox, mine));
    let econ_inbox = econ_staff
        .reform_inbox_of(&InboxQuery {
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!silent_for(&econ_inbox, econ), "the college reported");

    let detail = league.assignment(mine).await.unwrap();
    assert!(detail.assignment.silent);
    assert_eq!(detail.assignment.overdue_milestones, 1);
    assert!(detail.milestones[0].overdue_since.is_some());
    let detail = econ_staff.assignment(econ).await.unwrap();
    assert!(!detail.assignment.silent);

    // A late report clears the silence; marking the milestone done clears the overdue.
    league
        .file_report(mine, &report(ReportStatus::AtRisk, 10, "补报"))
        .await
        .unwrap();
    league
        .update_milestone(
            m.id,
            &MilestoneUpdate {
                title: "路线图".into(),
                due_on: day(tomorrow),
                done_on: Some(day(app.today())),
                version: 1,
            },
        )
        .await
        .unwrap();
    let detail = league.assignment(mine).await.unwrap();
    assert_eq!(
        (
            detail.assignment.silent,
            detail.assignment.overdue_milestones
        ),
        (false, 0)
    );
    // Both answered: they leave the to-do, and stay in the record. (Last month's
    // silence, recorded at start-up and never answered, stays open.)
    let answered = |inbox: &[ReformEventView]| -> Vec<ReformEventKind> {
        inbox
            .iter()
            .filter(|e| {
                e.assignment_id == mine
                    && (e.kind == ReformEventKind::MilestoneOverdue
                        || (e.kind == ReformEventKind::Silent
                            && e.period.as_deref() == Some(this_month.as_str())))
            })
            .map(|e| e.kind)
            .collect()
    };
    let open = league.reform_inbox().await.unwrap();
    assert!(answered(&open).is_empty(), "{open:?}");
    let mut kinds = answered(&record(&league).await);
    kinds.sort_by_key(|k| k.as_str());
    assert_eq!(
        kinds,
        [ReformEventKind::MilestoneOverdue, ReformEventKind::Silent]
    );
}

async fn a_milestone_overdue_again_never_stops_the_reminders(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let mine = assignment_of(&task_seven(&league).await, "youth-league");
    let today = app.today();
    let yesterday = today.pred_opt().unwrap();
    let m = league
        .add_milestone(
            mine,
            &MilestoneInput {
                title: "路线图".into(),
                due_on: day(yesterday),
                done_on: None,
            },
        )
        .await
        .unwrap();
    app.run_reminders().await;
    assert_eq!(app.run_reminders().await, (0, 0));

    // Done, then not done after all; moved, then moved back: overdue again each time.
    let edits = [
        (yesterday, Some(today)),
        (yesterday, None),
        (yesterday.pred_opt().unwrap(), None),
        (yesterday, None),
    ];
    for (i, (due, done)) in edits.into_iter().enumerate() {
        let change = MilestoneUpdate {
            title: "路线图".into(),
            due_on: day(due),
            done_on: done.map(day),
            version: i32::try_from(i).unwrap() + 1,
        };
        league.update_milestone(m.id, &change).await.unwrap();
        // Reminded at most once per date; before the fix the duplicate failed the whole run.
        let (overdue, _) = app.run_reminders().await;
        assert!(overdue <= 1);
    }
    let reminders = record(&league)
        .await
        .iter()
        .filter(|e| e.kind == ReformEventKind::MilestoneOverdue)
        .count();
    assert_eq!(reminders, 2, "one for each due date");

    // The job still works: the next month's silences are recorded.
    let first_of_next = today
        .with_day(1)
        .unwrap()
        .checked_add_months(chrono::Months::new(1))
        .unwrap();
    app.clock.advance(chrono::Duration::days(
        (first_of_next - today).num_days() + 1,
    ));
    let (_, silent) = app.run_reminders().await;
    assert!(silent > 100, "{silent}");
}
