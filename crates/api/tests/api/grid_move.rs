//! A move carries everything located in the subtree: the old leaders stop
//! seeing the moved building's requests, the new ones see and act on them,
//! and escalations go to the new zone.

use crate::helpers::{building, node, Backend, TestApp};
use crate::raw::Raw;
use crate::service_flow::leak;
use chrono::Duration;
use onestop_api::db::repo::grid::relocate::LOCATED_TABLES;
use onestop_client::{Client, RequestQuery, UserListQuery};
use onestop_domain::grid::Level;
use onestop_domain::service::wire::EventKind;
use uuid::Uuid;

both_backends!(
    a_moved_building_takes_its_requests_to_the_new_leaders,
    every_located_table_is_rewritten_by_a_move,
);

/// The college head of `zone`, signed in (the demo names them after it).
pub async fn college_head(app: &TestApp, zone: &str) -> Client {
    let name = format!("{}学工负责人", zone.trim_end_matches("包干区"));
    let page = app
        .login("admin")
        .await
        .list_users(&UserListQuery {
            q: Some(name),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1, "{page:?}");
    app.login(&page.items[0].username).await
}

async fn sees(who: &Client, request: Uuid) -> bool {
    let page = who
        .list_requests(&RequestQuery {
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    page.items.iter().any(|r| r.id == request)
}

async fn a_moved_building_takes_its_requests_to_the_new_leaders(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let student = app.login("student1").await;
    let request = leak(&student).await.id;
    let old_head = college_head(&app, "经济学院包干区").await;
    let new_head = college_head(&app, "法学院包干区").await;
    assert!(
        sees(&old_head, request).await,
        "the premise: the zone's head sees it"
    );
    assert!(!sees(&new_head, request).await);

    let x1 = building(&admin, "X1").await.id;
    let law = node(&admin, Level::CollegeZone, "法学院包干区").await.id;
    admin.move_node(x1, law).await.unwrap();

    assert!(
        !sees(&old_head, request).await,
        "the old zone's head no longer sees it"
    );
    assert!(sees(&new_head, request).await, "the new zone's head does");
    let err = old_head.get_request(request).await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");

    // Past the first-response deadline: escalated to the zone it is in now.
    app.clock.advance(Duration::hours(9));
    assert_eq!(app.run_deadline_watch().await, 1);
    let timeline = app.login("student1").await.timeline(request).await.unwrap();
    let esc = timeline
        .iter()
        .find(|e| e.kind == EventKind::Escalated)
        .unwrap();
    assert_eq!(esc.data["node_name"], "法学院包干区");
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
