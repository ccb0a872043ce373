//! Deadlines: SLA rules, the paused clock, and escalation on a controllable clock.

use crate::helpers::{refused, Backend, TestApp};
use crate::service_flow::{leak, noted, step, triage};
use chrono::Duration;
use onestop_client::RequestQuery;
use onestop_domain::service::wire::{EventKind, EventView, SlaRuleUpdate, TransitionRequest};
use onestop_domain::service::{Action, Kind, Priority, State};
use uuid::Uuid;

both_backends!(
    overdue_requests_escalate_once_per_level_and_waiting_pauses_the_clock,
    a_request_that_moved_on_after_loading_is_not_escalated,
    sla_rules_are_seeded_and_admins_edit_them,
);

/// The escalations on a request's timeline.
fn escalations(timeline: &[EventView]) -> Vec<&EventView> {
    timeline
        .iter()
        .filter(|e| e.kind == EventKind::Escalated)
        .collect()
}

async fn overdue_requests_escalate_once_per_level_and_waiting_pauses_the_clock(b: Backend) {
    let app = TestApp::spawn(b).await;
    // Tokens live 15 minutes and the clock jumps hours: sign in afresh for each call.
    let get = |id: Uuid| {
        let app = &app;
        async move {
            let c1 = app.login("counsellor1").await;
            c1.get_request(id).await.unwrap()
        }
    };
    let timeline = |id: Uuid| {
        let app = &app;
        async move { app.login("student1").await.timeline(id).await.unwrap() }
    };
    let late = leak(&app.login("student1").await).await.id; // normal: first response due in 8 hours
    app.clock.advance(Duration::hours(7));
    assert_eq!(app.run_deadline_watch().await, 0);
    app.clock.advance(Duration::hours(2));
    assert_eq!(app.run_deadline_watch().await, 1);
    assert_eq!(
        app.run_deadline_watch().await,
        0,
        "each breach is escalated once"
    );
    let v = get(late).await;
    assert_eq!((v.overdue, v.escalations), (true, 1));
    let events = timeline(late).await;
    let esc = escalations(&events)[0];
    assert_eq!(
        esc.data["node_name"], "经济学院包干区",
        "one level up from the building: the college zone"
    );
    assert_eq!(esc.data["breach"], "first_response");
    assert!(
        !esc.data["to"].as_array().unwrap().is_empty(),
        "names the college head"
    );
    let overdue = app
        .login("counsellor1")
        .await
        .list_requests(&RequestQuery {
            overdue: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(overdue.items.len(), 1);

    // Urgent: resolution due 4 hours after submission; 10 hours waiting on the student do not count.
    let paused = leak(&app.login("student1").await).await.id;
    let c1 = app.login("counsellor1").await;
    let t = c1
        .transition(paused, &triage(1, Priority::Urgent, "logistics"))
        .await
        .unwrap();
    let asked = c1
        .transition(paused, &noted(Action::Ask, t.version, "请上传照片"))
        .await
        .unwrap();
    assert_eq!(asked.state, State::WaitingOnStudent);
    app.clock.advance(Duration::hours(10));
    app.run_deadline_watch().await;
    let answered = app
        .login("student1")
        .await
        .transition(paused, &noted(Action::Answer, asked.version, "已上传"))
        .await
        .unwrap();
    assert_eq!(answered.state, State::Triaged);
    assert_eq!(
        get(paused).await.escalations,
        0,
        "no escalation while waiting"
    );
    app.clock.advance(Duration::hours(3));
    app.run_deadline_watch().await;
    assert_eq!(
        get(paused).await.escalations,
        0,
        "3 of 4 working hours used"
    );
    app.clock.advance(Duration::hours(2));
    app.run_deadline_watch().await;
    let v = get(paused).await;
    assert_eq!(
        (v.escalations, v.overdue),
        (1, true),
        "4 working hours have passed"
    );

    // The first request went on to miss its resolution deadline: the community is next.
    app.clock.advance(Duration::days(3));
    app.run_deadline_watch().await;
    let events = timeline(late).await;
    let levels: Vec<&str> = escalations(&events)
        .iter()
        .map(|e| e.data["node_name"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["经济学院包干区", "庠园"]);
}

async fn sla_rules_are_seeded_and_admins_edit_them(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    assert_eq!(admin.sla_rules().await.unwrap().len(), 6 * 4);
    let rule = SlaRuleUpdate {
        first_response_minutes: 10,
        resolution_minutes: 60,
    };
    let err = app
        .login("counsellor1")
        .await
        .set_sla_rule(Kind::Repair, Priority::Urgent, &rule)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    let backwards = SlaRuleUpdate {
        first_response_minutes: 90,
        resolution_minutes: 60,
    };
    refused(
        admin
            .set_sla_rule(Kind::Repair, Priority::Urgent, &backwards)
            .await,
        422,
        "validation",
    );
    admin
        .set_sla_rule(Kind::Repair, Priority::Urgent, &rule)
        .await
        .unwrap();
    let req = leak(&app.login("student1").await).await.id;
    let t = app
        .login("counsellor1")
        .await
        .transition(req, &triage(1, Priority::Urgent, "logistics"))
        .await
        .unwrap();
    assert_eq!(t.resolution_due - t.created_at, Duration::minutes(60));
    assert_eq!(t.first_response_due - t.created_at, Duration::minutes(10));
}

/// The watch loads what is due, then claims each: a request rejected (or
/// otherwise moved on) in between must not be escalated from the stale copy.
async fn a_request_that_moved_on_after_loading_is_not_escalated(b: Backend) {
    use onestop_api::app::service::escalation;
    use onestop_api::db::repo::service::requests;
    let app = TestApp::spawn(b).await;
    let late = leak(&app.login("student1").await).await.id;
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
    let reject = TransitionRequest {
        reason: Some("不属于一站式服务范围".into()),
        ..step(Action::Reject, 1)
    };
    app.login("counsellor1")
        .await
        .transition(late, &reject)
        .await
        .unwrap();
    let stale = due.into_iter().next().unwrap();
    let claimed = app
        .state
        .db
        .write(move |c| escalation::escalate(c, &stale, now))
        .await
        .unwrap();
    assert!(!claimed, "a rejected request is not escalated");
    let events = app.login("student1").await.timeline(late).await.unwrap();
    assert!(escalations(&events).is_empty(), "{events:?}");
}
