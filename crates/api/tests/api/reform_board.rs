//! The oversight board against a hand-built case on task 7.

use crate::helpers::{call, Backend, TestApp};
use crate::reform_progress::{on, task7};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(the_board_adds_up_a_hand_built_case);

fn line<'a>(list: &'a Value, key: &str, want: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|l| l["unit"][key] == want)
        .unwrap_or_else(|| panic!("{key} = {want}"))
}

async fn the_board_adds_up_a_hand_built_case(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let econ_staff = app.token("counsellor1").await;
    let comp_staff = app.token("counsellor2").await;
    let affairs = app.token("office1").await;
    let admin = app.token("admin").await;
    let task = task7(&app, &league).await;
    let plan = task["plan_id"].as_str().unwrap().to_owned();
    let today = app.today();
    let month = today.format("%Y-%m").to_string();
    let yesterday = today.pred_opt().unwrap();
    // Last month closes with nobody reporting: every assignment is silent for it.
    app.run_reminders().await;

    let report = |status: &str, percent: i32| json!({"period": month, "status": status, "percent": percent, "text": "进展"});
    let post = |token: &str, unit: &str, body: Value| {
        let path = format!("/api/v1/assignments/{}/reports", on(&task, unit));
        let token = token.to_owned();
        let app = &app;
        async move { call(app, &token, Method::POST, &path, Some(body)).await }
    };
    let (_, done) = post(&league, "youth-league", report("done", 100)).await;
    let (s, _) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/reports/{}/reviews", done["id"].as_str().unwrap()),
        Some(json!({"verdict": "accept"})),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(
        post(&econ_staff, "college-economics", report("at_risk", 40))
            .await
            .0,
        201
    );
    assert_eq!(
        post(&affairs, "student-affairs", report("blocked", 10))
            .await
            .0,
        201
    );
    // An overdue milestone on the computing college, and a late due date on the league's part.
    let comp = on(&task, "college-computing");
    let (s, _) = call(
        &app,
        &comp_staff,
        Method::POST,
        &format!("/api/v1/assignments/{comp}/milestones"),
        Some(json!({"title": "场地方案", "due_on": yesterday})),
    )
    .await;
    assert_eq!(s, 201);
    // Last month, late: the college's silence for it is lifted.
    let last = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .unwrap()
        .pred_opt()
        .unwrap()
        .format("%Y-%m")
        .to_string();
    let (s, _) = call(
        &app,
        &econ_staff,
        Method::POST,
        &format!(
            "/api/v1/assignments/{}/reports",
            on(&task, "college-economics")
        ),
        Some(json!({"period": last, "status": "on_track", "percent": 30, "text": "补报"})),
    )
    .await;
    assert_eq!(s, 201);

    let (s, board) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/plans/{plan}/board?since={today}"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{board}");
    assert_eq!(board["current_period"], month.as_str());
    let t7 = board["by_task"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["no"] == 7)
        .unwrap();
    let units_on_7 = task["parts"][0]["units"].as_array().unwrap().len() as i64;
    assert_eq!(
        units_on_7, 15,
        "youth-league + student-affairs + academic-affairs + 12 colleges"
    );
    let tally = &t7["tally"];
    assert_eq!(tally["assignments"], units_on_7);
    // (100 + 40 + 10) / 15 = 10; the college's latest report is this month's 40, not last month's 30.
    assert_eq!(tally["percent"], 10);
    assert_eq!(
        (
            tally["done"].as_i64(),
            tally["at_risk"].as_i64(),
            tally["blocked"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(tally["never_reported"], units_on_7 - 3);
    assert_eq!(tally["reported_this_period"], 3);
    assert_eq!(tally["overdue_milestones"], 1);
    assert_eq!(
        tally["silent"],
        units_on_7 - 1,
        "all but the college that reported late"
    );
    assert_eq!(t7["standing"], "blocked");
    assert_eq!(t7["overdue"], true);
    assert_eq!(t7["lead_units"][0]["code"], "youth-league");

    let league_line = line(&board["by_unit"], "code", "youth-league");
    assert_eq!(
        (
            league_line["leads"].as_i64(),
            league_line["tally"]["done"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let econ_line = line(&board["by_unit"], "code", "college-economics");
    assert_eq!(econ_line["tally"]["at_risk"], 1);
    assert_eq!(
        econ_line["tally"]["silent"],
        econ_line["tally"]["assignments"].as_i64().unwrap() - 1
    );

    let totals = &board["totals"];
    assert_eq!(
        totals["assignments"].as_i64().unwrap() as usize,
        board["assignments"].as_array().unwrap().len()
    );
    assert_eq!(totals["reported_this_period"], 3);
    let flagged: Vec<&Value> = board["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["overdue_milestones"] == 1)
        .collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0]["unit"]["code"], "college-computing");

    // Changes since today: the four reports, the review and the milestone; the reminders are too.
    let kinds: Vec<&str> = board["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "report_filed").count(), 4);
    assert_eq!(kinds.iter().filter(|k| **k == "report_accepted").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "milestone_added").count(), 1);
    // Every assignment's silence for last month, then the six actions above: more than the 200
    // a board lists (newest first, so the actions are among them), all counted in the total.
    let everything = totals["assignments"].as_u64().unwrap() as usize + 6;
    assert_eq!(
        board["changes_total"].as_u64().unwrap() as usize,
        everything
    );
    assert_eq!(kinds.len(), everything.min(200));
    let tomorrow = today.succ_opt().unwrap();
    let (_, later) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/plans/{plan}/board?since={tomorrow}"),
        None,
    )
    .await;
    assert_eq!(later["changes_total"], 0);

    // The task filters agree with the board.
    let (_, blocked) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/tasks?status=blocked",
        None,
    )
    .await;
    assert_eq!(
        blocked
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["no"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [7]
    );
    let (_, overdue) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/tasks?overdue=true",
        None,
    )
    .await;
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    let (_, fresh) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/tasks?status=not_started",
        None,
    )
    .await;
    assert_eq!(fresh.as_array().unwrap().len(), 11);

    // Leadership reads it; students do not; an unknown plan is 404.
    let student = app.token("student1").await;
    let (s, _) = call(
        &app,
        &student,
        Method::GET,
        &format!("/api/v1/plans/{plan}/board"),
        None,
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/plans/00000000-0000-0000-0000-000000000000/board",
        None,
    )
    .await;
    assert_eq!(s, 404);
}
