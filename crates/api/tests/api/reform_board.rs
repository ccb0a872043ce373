//! The oversight board against a hand-built case on task 7.

use crate::helpers::{Backend, TestApp};
use crate::reform_progress::{assignment_of, task_seven};
use onestop_client::{Client, TaskQuery};
use onestop_domain::dates::Day;
use onestop_domain::reform::board::Standing;
use onestop_domain::reform::progress::{ReportStatus, Verdict};
use onestop_domain::reform::wire::{
    MilestoneInput, NewReportRequest, NewReviewRequest, ReformEventKind, UnitLine,
};
use uuid::Uuid;

both_backends!(the_board_adds_up_a_hand_built_case);

fn line<'a>(lines: &'a [UnitLine], code: &str) -> &'a UnitLine {
    lines
        .iter()
        .find(|l| l.unit.code == code)
        .unwrap_or_else(|| panic!("a line for {code}"))
}

async fn the_board_adds_up_a_hand_built_case(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.login("league1").await;
    let econ_staff = app.login("counsellor1").await;
    let comp_staff = app.login("counsellor2").await;
    let affairs = app.login("office1").await;
    let admin = app.login("admin").await;
    let task = task_seven(&league).await;
    let plan = task.plan_id;
    let today = app.today();
    let month = today.format("%Y-%m").to_string();
    let yesterday = today.pred_opt().unwrap();
    // Last month closes with nobody reporting: every assignment is silent for it.
    app.run_reminders().await;

    let report = |period: &str, status: ReportStatus, percent: i32| NewReportRequest {
        period: period.into(),
        status,
        percent,
        text: "进展".into(),
    };
    let file = |who: &Client, unit: &str, body: NewReportRequest| {
        let (who, id) = (who.clone(), assignment_of(&task, unit));
        async move { who.file_report(id, &body).await.unwrap() }
    };
    let done = file(
        &league,
        "youth-league",
        report(&month, ReportStatus::Done, 100),
    )
    .await;
    admin
        .review_report(
            done.id,
            &NewReviewRequest {
                verdict: Verdict::Accept,
                text: String::new(),
            },
        )
        .await
        .unwrap();
    file(
        &econ_staff,
        "college-economics",
        report(&month, ReportStatus::AtRisk, 40),
    )
    .await;
    file(
        &affairs,
        "student-affairs",
        report(&month, ReportStatus::Blocked, 10),
    )
    .await;
    // An overdue milestone on the computing college, and a late due date on the league's part.
    comp_staff
        .add_milestone(
            assignment_of(&task, "college-computing"),
            &MilestoneInput {
                title: "场地方案".into(),
                due_on: Day::try_from(yesterday).unwrap(),
                done_on: None,
            },
        )
        .await
        .unwrap();
    // Last month, late: the college's silence for it is lifted.
    let last = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .unwrap()
        .pred_opt()
        .unwrap()
        .format("%Y-%m")
        .to_string();
    file(
        &econ_staff,
        "college-economics",
        report(&last, ReportStatus::OnTrack, 30),
    )
    .await;

    let board = league.board(plan, Some(&today.to_string())).await.unwrap();
    assert_eq!(board.current_period, month);
    let t7 = board.by_task.iter().find(|t| t.no == 7).unwrap();
    let units_on_7 = u32::try_from(task.parts[0].units.len()).unwrap();
    assert_eq!(
        units_on_7, 15,
        "youth-league + student-affairs + academic-affairs + 12 colleges"
    );
    let tally = &t7.tally;
    assert_eq!(tally.assignments, units_on_7);
    // (100 + 40 + 10) / 15 = 10; the college's latest report is this month's 40, not last month's 30.
    assert_eq!(tally.percent, 10);
    assert_eq!((tally.done, tally.at_risk, tally.blocked), (1, 1, 1));
    assert_eq!(tally.never_reported, units_on_7 - 3);
    assert_eq!(tally.reported_this_period, 3);
    assert_eq!(tally.overdue_milestones, 1);
    assert_eq!(
        tally.silent,
        units_on_7 - 1,
        "all but the college that reported late"
    );
    assert_eq!(t7.standing, Standing::Blocked);
    assert!(t7.overdue);
    assert_eq!(t7.lead_units[0].code, "youth-league");

    let league_line = line(&board.by_unit, "youth-league");
    assert_eq!((league_line.leads, league_line.tally.done), (1, 1));
    let econ_line = line(&board.by_unit, "college-economics");
    assert_eq!(econ_line.tally.at_risk, 1);
    assert_eq!(econ_line.tally.silent, econ_line.tally.assignments - 1);

    let totals = &board.totals;
    assert_eq!(totals.assignments as usize, board.assignments.len());
    assert_eq!(totals.reported_this_period, 3);
    let flagged: Vec<_> = board
        .assignments
        .iter()
        .filter(|a| a.overdue_milestones == 1)
        .collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].unit.code, "college-computing");

    // Changes since today: the four reports, the review and the milestone; the reminders are too.
    let count = |kind: ReformEventKind| board.changes.iter().filter(|c| c.kind == kind).count();
    assert_eq!(count(ReformEventKind::ReportFiled), 4);
    assert_eq!(count(ReformEventKind::ReportAccepted), 1);
    assert_eq!(count(ReformEventKind::MilestoneAdded), 1);
    // Every assignment's silence for last month, then the six actions above: more than the 200
    // a board lists (newest first, so the actions are among them), all counted in the total.
    let everything = totals.assignments as usize + 6;
    assert_eq!(board.changes_total as usize, everything);
    assert_eq!(board.changes.len(), everything.min(200));
    let tomorrow = today.succ_opt().unwrap();
    let later = league
        .board(plan, Some(&tomorrow.to_string()))
        .await
        .unwrap();
    assert_eq!(later.changes_total, 0);

    // The task filters agree with the board.
    let tasks = |status: Option<Standing>, overdue: Option<bool>| TaskQuery {
        status,
        overdue,
        ..Default::default()
    };
    let blocked = league
        .tasks(&tasks(Some(Standing::Blocked), None))
        .await
        .unwrap();
    assert_eq!(blocked.iter().map(|t| t.no).collect::<Vec<_>>(), [7]);
    let overdue = league.tasks(&tasks(None, Some(true))).await.unwrap();
    assert_eq!(overdue.len(), 1);
    let fresh = league
        .tasks(&tasks(Some(Standing::NotStarted), None))
        .await
        .unwrap();
    assert_eq!(fresh.len(), 11);

    // Leadership reads it; students do not; an unknown plan is 404.
    let err = app
        .login("student1")
        .await
        .board(plan, None)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let err = admin.board(Uuid::nil(), None).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
}
