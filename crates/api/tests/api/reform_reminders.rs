//! The reminders job with a clock the test moves: overdue milestones and silent months, once.

use crate::helpers::{call, Backend, TestApp};
use crate::reform_progress::{on, task7};
use chrono::Datelike;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    reminders_record_overdue_and_silent_once,
    a_milestone_overdue_again_never_stops_the_reminders,
);

async fn reminders_record_overdue_and_silent_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let econ_staff = app.token("counsellor1").await;
    let task = task7(&app, &league).await;
    let mine = on(&task, "youth-league");
    let econ = on(&task, "college-economics");
    let today = app.today();
    let this_month = today.format("%Y-%m").to_string();

    // A milestone due tomorrow, a report this month from the college only.
    let tomorrow = today.succ_opt().unwrap();
    let (s, m) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/milestones"),
        Some(json!({"title": "路线图", "due_on": tomorrow})),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(m["overdue"], false);
    let (s, _) = call(
        &app,
        &econ_staff,
        Method::POST,
        &format!("/api/v1/assignments/{econ}/reports"),
        Some(json!({"period": this_month, "status": "on_track", "percent": 20, "text": "启动"})),
    )
    .await;
    assert_eq!(s, 201);
    // Nothing new is due yet (the server's own start-up run has recorded last month already).
    app.run_reminders().await;
    assert_eq!(app.run_reminders().await, (0, 0));

    // Into the next month: the milestone is past due, this month has closed.
    let next_month = {
        let first =
            chrono::NaiveDate::parse_from_str(&format!("{this_month}-01"), "%Y-%m-%d").unwrap();
        first.checked_add_months(chrono::Months::new(1)).unwrap()
    };
    let days = (next_month - today).num_days() + 1;
    app.clock.advance(chrono::Duration::days(days));
    let (overdue, silent) = app.run_reminders().await;
    assert_eq!(overdue, 1);
    assert!(silent > 100, "every assignment but the college's: {silent}");
    assert_eq!(app.run_reminders().await, (0, 0), "recorded once");
    // Tokens have expired in the meantime.
    let league = app.token("league1").await;
    let econ_staff = app.token("counsellor1").await;

    let (s, inbox) = call(&app, &league, Method::GET, "/api/v1/reform/inbox", None).await;
    assert_eq!(s, 200, "{inbox}");
    let kinds: Vec<&str> = inbox
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["assignment_id"] == mine.as_str())
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"milestone_overdue") && kinds.contains(&"silent"),
        "{kinds:?}"
    );
    let silent_for = |inbox: &Value, a: &str| {
        inbox.as_array().unwrap().iter().any(|e| {
            e["assignment_id"] == a && e["kind"] == "silent" && e["period"] == this_month.as_str()
        })
    };
    assert!(silent_for(&inbox, &mine));
    let (_, econ_inbox) = call(
        &app,
        &econ_staff,
        Method::GET,
        "/api/v1/reform/inbox?limit=200",
        None,
    )
    .await;
    assert!(!silent_for(&econ_inbox, &econ), "the college reported");

    let (_, detail) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    assert_eq!(detail["assignment"]["silent"], true);
    assert_eq!(detail["assignment"]["overdue_milestones"], 1);
    assert!(detail["milestones"][0]["overdue_since"].is_string());
    let (_, detail) = call(
        &app,
        &econ_staff,
        Method::GET,
        &format!("/api/v1/assignments/{econ}"),
        None,
    )
    .await;
    assert_eq!(detail["assignment"]["silent"], false);

    // A late report clears the silence; marking the milestone done clears the overdue.
    let (s, _) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/reports"),
        Some(json!({"period": this_month, "status": "at_risk", "percent": 10, "text": "补报"})),
    )
    .await;
    assert_eq!(s, 201);
    let done_on = app.today();
    let (s, _) = call(
        &app,
        &league,
        Method::PUT,
        &format!("/api/v1/milestones/{}", m["id"].as_str().unwrap()),
        Some(json!({"title": "路线图", "due_on": tomorrow, "done_on": done_on, "version": 1})),
    )
    .await;
    assert_eq!(s, 200);
    let (_, detail) = call(
        &app,
        &league,
        Method::GET,
        &format!("/api/v1/assignments/{mine}"),
        None,
    )
    .await;
    assert_eq!(
        (
            detail["assignment"]["silent"].as_bool(),
            detail["assignment"]["overdue_milestones"].as_i64()
        ),
        (Some(false), Some(0))
    );
    // Both answered: they leave the to-do, and stay in the record. (Last month's
    // silence, recorded at start-up and never answered, stays open.)
    let answered = |inbox: &Value| -> Vec<String> {
        inbox
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["assignment_id"] == mine.as_str()
                    && (e["kind"] == "milestone_overdue"
                        || (e["kind"] == "silent" && e["period"] == this_month.as_str()))
            })
            .map(|e| e["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, open) = call(&app, &league, Method::GET, "/api/v1/reform/inbox", None).await;
    assert!(answered(&open).is_empty(), "{open}");
    let (_, record) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/reform/inbox?open=false&limit=200",
        None,
    )
    .await;
    let mut kinds = answered(&record);
    kinds.sort();
    assert_eq!(kinds, ["milestone_overdue", "silent"]);
}

async fn a_milestone_overdue_again_never_stops_the_reminders(b: Backend) {
    let app = TestApp::spawn(b).await;
    let league = app.token("league1").await;
    let task = task7(&app, &league).await;
    let mine = on(&task, "youth-league");
    let today = app.today();
    let yesterday = today.pred_opt().unwrap();
    let (s, m) = call(
        &app,
        &league,
        Method::POST,
        &format!("/api/v1/assignments/{mine}/milestones"),
        Some(json!({"title": "路线图", "due_on": yesterday})),
    )
    .await;
    assert_eq!(s, 201);
    let path = format!("/api/v1/milestones/{}", m["id"].as_str().unwrap());
    app.run_reminders().await;
    assert_eq!(app.run_reminders().await, (0, 0));

    // Done, then not done after all; moved, then moved back: overdue again each time.
    for (version, body) in [
        json!({"title": "路线图", "due_on": yesterday, "done_on": today}),
        json!({"title": "路线图", "due_on": yesterday, "done_on": null}),
        json!({"title": "路线图", "due_on": yesterday.pred_opt().unwrap()}),
        json!({"title": "路线图", "due_on": yesterday}),
    ]
    .into_iter()
    .enumerate()
    {
        let mut body = body;
        body["version"] = json!(version + 1);
        let (s, _) = call(&app, &league, Method::PUT, &path, Some(body)).await;
        assert_eq!(s, 200);
        // Reminded at most once per date; before the fix the duplicate failed the whole run.
        let (overdue, _) = app.run_reminders().await;
        assert!(overdue <= 1);
    }
    let (_, record) = call(
        &app,
        &league,
        Method::GET,
        "/api/v1/reform/inbox?open=false&limit=200",
        None,
    )
    .await;
    let reminders = record
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "milestone_overdue")
        .count();
    assert_eq!(reminders, 2, "one for each due date: {record}");

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
