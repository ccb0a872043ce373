//! A move carries everything located in the subtree: the old leaders stop
//! seeing the moved building's requests, the new ones see and act on them,
//! and escalations go to the new zone.

use crate::grid::{get, move_node, node_id};
use crate::helpers::{call, Backend, TestApp};
use crate::raw::Raw;
use crate::service::repair;
use crate::service_flow::events;
use chrono::Duration;
use onestop_api::db::repo::grid::relocate::LOCATED_TABLES;
use reqwest::Method;

both_backends!(
    a_moved_building_takes_its_requests_to_the_new_leaders,
    every_located_table_is_rewritten_by_a_move,
);

/// The username of the college head of `zone` (the demo names them after it).
pub async fn college_head(app: &TestApp, admin: &str, zone: &str) -> String {
    let name = format!("{}学工负责人", zone.trim_end_matches("包干区"));
    let page = get(
        app,
        admin,
        &format!("/api/v1/users?q={}", crate::grid::urlencode(&name)),
    )
    .await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    items[0]["username"].as_str().unwrap().to_owned()
}

async fn sees(app: &TestApp, who: &str, request: &serde_json::Value) -> bool {
    let token = app.token(who).await;
    let (_, page) = call(app, &token, Method::GET, "/api/v1/requests?limit=200", None).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == request["id"])
}

async fn a_moved_building_takes_its_requests_to_the_new_leaders(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let request = repair(&app, &app.token("student1").await).await;
    let old_head = college_head(&app, &admin, "经济学院包干区").await;
    let new_head = college_head(&app, &admin, "法学院包干区").await;
    assert!(
        sees(&app, &old_head, &request).await,
        "the premise: the zone's head sees it"
    );
    assert!(!sees(&app, &new_head, &request).await);

    let x1 = node_id(&app, &admin, "building", "X1").await;
    let law = node_id(&app, &admin, "college_zone", "法学院包干区").await;
    move_node(&app, &admin, &x1, &law).await;

    assert!(
        !sees(&app, &old_head, &request).await,
        "the old zone's head no longer sees it"
    );
    assert!(
        sees(&app, &new_head, &request).await,
        "the new zone's head does"
    );
    let (s, one) = call(
        &app,
        &app.token(&old_head).await,
        Method::GET,
        &format!("/api/v1/requests/{}", request["id"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(s, 404, "{one}");

    // Past the first-response deadline: escalated to the zone it is in now.
    app.clock.advance(Duration::hours(9));
    assert_eq!(app.run_deadline_watch().await, 1);
    let timeline = events(&app, &app.token("student1").await, &request).await;
    let esc = timeline.iter().find(|e| e["kind"] == "escalated").unwrap();
    assert_eq!(esc["data"]["node_name"], "法学院包干区");
}

/// A table added later with the ancestor columns must be added to the move too.
async fn every_located_table_is_rewritten_by_a_move(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut carrying = Raw::open(&app).tables_with_column("building_id");
    carrying.sort();
    let mut listed: Vec<String> = LOCATED_TABLES.iter().map(|t| t.to_string()).collect();
    listed.sort();
    assert_eq!(carrying, listed);
}
