//! Deadlines: SLA rules, the paused clock, and escalation on a controllable clock.

use crate::helpers::{call, Backend, TestApp};
use crate::service::{act, repair};
use crate::service_flow::events;
use chrono::Duration;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    overdue_requests_escalate_once_per_level_and_waiting_pauses_the_clock,
    a_request_that_moved_on_after_loading_is_not_escalated,
    sla_rules_are_seeded_and_admins_edit_them,
);

async fn overdue_requests_escalate_once_per_level_and_waiting_pauses_the_clock(b: Backend) {
    let app = TestApp::spawn(b).await;
    // Tokens live 15 minutes and the clock jumps hours: sign in afresh for each call.
    let get = |id: Value| {
        let app = &app;
        async move {
            let c1 = app.token("counsellor1").await;
            call(
                app,
                &c1,
                Method::GET,
                &format!("/api/v1/requests/{}", id.as_str().unwrap()),
                None,
            )
            .await
            .1
        }
    };
    let late = repair(&app, &app.token("student1").await).await; // normal: first response due in 8 hours
    app.clock.advance(Duration::hours(7));
    assert_eq!(app.run_deadline_watch().await, 0);
    app.clock.advance(Duration::hours(2));
    assert_eq!(app.run_deadline_watch().await, 1);
    assert_eq!(
        app.run_deadline_watch().await,
        0,
        "each breach is escalated once"
    );
    let v = get(late["id"].clone()).await;
    assert_eq!(
        (v["overdue"].as_bool(), v["escalations"].as_i64()),
        (Some(true), Some(1))
    );
    let timeline = events(&app, &app.token("student1").await, &late).await;
    let esc = timeline.iter().find(|e| e["kind"] == "escalated").unwrap();
    assert_eq!(
        esc["data"]["node_name"], "经济学院包干区",
        "one level up from the building: the college zone"
    );
    assert_eq!(esc["data"]["breach"], "first_response");
    assert!(
        !esc["data"]["to"].as_array().unwrap().is_empty(),
        "names the college head"
    );
    let (_, overdue) = call(
        &app,
        &app.token("counsellor1").await,
        Method::GET,
        "/api/v1/requests?overdue=true",
        None,
    )
    .await;
    assert_eq!(overdue["items"].as_array().unwrap().len(), 1);

    // Urgent: resolution due 4 hours after submission; 10 hours waiting on the student do not count.
    let paused = repair(&app, &app.token("student1").await).await;
    let c1 = app.token("counsellor1").await;
    let (_, t) = act(
        &app,
        &c1,
        &paused,
        json!({"action": "triage", "version": 1, "priority": "urgent", "unit": "logistics"}),
    )
    .await;
    let (_, asked) = act(
        &app,
        &c1,
        &paused,
        json!({"action": "ask", "version": t["version"], "note": "请上传照片"}),
    )
    .await;
    assert_eq!(asked["state"], "waiting_on_student");
    app.clock.advance(Duration::hours(10));
    app.run_deadline_watch().await;
    let (_, answered) = act(
        &app,
        &app.token("student1").await,
        &paused,
        json!({"action": "answer", "version": asked["version"], "note": "已上传"}),
    )
    .await;
    assert_eq!(answered["state"], "triaged");
    assert_eq!(
        get(paused["id"].clone()).await["escalations"],
        0,
        "no escalation while waiting"
    );
    app.clock.advance(Duration::hours(3));
    app.run_deadline_watch().await;
    assert_eq!(
        get(paused["id"].clone()).await["escalations"],
        0,
        "3 of 4 working hours used"
    );
    app.clock.advance(Duration::hours(2));
    app.run_deadline_watch().await;
    let v = get(paused["id"].clone()).await;
    assert_eq!(
        (v["escalations"].as_i64(), v["overdue"].as_bool()),
        (Some(1), Some(true)),
        "4 working hours have passed"
    );

    // The first request went on to miss its resolution deadline: the community is next.
    app.clock.advance(Duration::days(3));
    app.run_deadline_watch().await;
    let timeline = events(&app, &app.token("student1").await, &late).await;
    let levels: Vec<&str> = timeline
        .iter()
        .filter(|e| e["kind"] == "escalated")
        .map(|e| e["data"]["node_name"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["经济学院包干区", "庠园"]);
}

async fn sla_rules_are_seeded_and_admins_edit_them(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let (s, rules) = call(&app, &admin, Method::GET, "/api/v1/sla-rules", None).await;
    assert_eq!((s, rules.as_array().unwrap().len()), (200, 6 * 4));
    let rule = json!({"first_response_minutes": 10, "resolution_minutes": 60});
    let (s, _) = call(
        &app,
        &app.token("counsellor1").await,
        Method::PUT,
        "/api/v1/sla-rules/repair/urgent",
        Some(rule.clone()),
    )
    .await;
    assert_eq!(s, 403);
    let (s, body) = call(
        &app,
        &admin,
        Method::PUT,
        "/api/v1/sla-rules/repair/urgent",
        Some(json!({"first_response_minutes": 90, "resolution_minutes": 60})),
    )
    .await;
    assert_eq!(s, 422, "{body}");
    let (s, _) = call(
        &app,
        &admin,
        Method::PUT,
        "/api/v1/sla-rules/repair/urgent",
        Some(rule),
    )
    .await;
    assert_eq!(s, 200);
    let req = repair(&app, &app.token("student1").await).await;
    let (_, t) = act(
        &app,
        &app.token("counsellor1").await,
        &req,
        json!({"action": "triage", "version": 1, "priority": "urgent", "unit": "logistics"}),
    )
    .await;
    let at = |k: &str| chrono::DateTime::parse_from_rfc3339(t[k].as_str().unwrap()).unwrap();
    assert_eq!(
        at("resolution_due") - at("created_at"),
        Duration::minutes(60)
    );
    assert_eq!(
        at("first_response_due") - at("created_at"),
        Duration::minutes(10)
    );
}

/// The watch loads what is due, then claims each: a request rejected (or
/// otherwise moved on) in between must not be escalated from the stale copy.
async fn a_request_that_moved_on_after_loading_is_not_escalated(b: Backend) {
    use onestop_api::app::service::escalation;
    use onestop_api::db::repo::service::requests;
    let app = TestApp::spawn(b).await;
    let late = repair(&app, &app.token("student1").await).await;
    app.clock.advance(Duration::hours(9));
    let now = onestop_api::clock::Clock::now(&app.clock);
    let due = app
        .state
        .db
        .read::<_, onestop_api::db::DbError, _>(move |c| {
            Ok(requests::due_for_escalation(c, now, 10)?)
        })
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    let c1 = app.token("counsellor1").await;
    let (s, _) = act(
        &app,
        &c1,
        &late,
        json!({"action": "reject", "version": 1, "reason": "不属于一站式服务范围"}),
    )
    .await;
    assert_eq!(s, 200);
    let stale = due.into_iter().next().unwrap();
    let claimed = app
        .state
        .db
        .write(move |c| escalation::escalate(c, &stale, now))
        .await
        .unwrap();
    assert!(!claimed, "a rejected request is not escalated");
    let timeline = events(&app, &app.token("student1").await, &late).await;
    assert!(
        timeline.iter().all(|e| e["kind"] != "escalated"),
        "{timeline:?}"
    );
}
