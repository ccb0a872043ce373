//! The permission matrix: every grid endpoint as each role, on a node inside
//! and a node outside the caller's scope. Out of scope is 404 (the data is
//! not even acknowledged), a role without the right is 403, and nothing out
//! of scope is returned or changed.

use crate::grid::{node_id, room_id};
use crate::helpers::{building, call, Backend, TestApp};
use onestop_client::{NodeQuery, PostQuery, ResidencyQuery};
use onestop_domain::grid::Level;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    every_grid_endpoint_respects_role_and_scope,
    lists_return_only_what_is_in_scope
);

struct Actor {
    name: &'static str,
    read: bool,
    manage_nodes: bool,
    appoint_leaders: bool,
    appoint_members: bool,
    residency: bool,
    meetings: bool,
    /// Building codes whose subtree the actor leads.
    scope: &'static [&'static str],
}

const ACTORS: &[Actor] = &[
    Actor {
        name: "admin",
        read: true,
        manage_nodes: true,
        appoint_leaders: true,
        appoint_members: true,
        residency: true,
        meetings: true,
        scope: &["X1", "Z1"],
    },
    Actor {
        name: "office1",
        read: true,
        manage_nodes: true,
        appoint_leaders: true,
        appoint_members: true,
        residency: true,
        meetings: true,
        scope: &["X1"],
    },
    Actor {
        name: "counsellor1",
        read: true,
        manage_nodes: false,
        appoint_leaders: false,
        appoint_members: true,
        residency: true,
        meetings: true,
        scope: &["X1"],
    },
    Actor {
        name: "counsellor2",
        read: true,
        manage_nodes: false,
        appoint_leaders: false,
        appoint_members: true,
        residency: true,
        meetings: true,
        scope: &["Z1"],
    },
    Actor {
        name: "handler1",
        read: true,
        manage_nodes: false,
        appoint_leaders: false,
        appoint_members: false,
        residency: false,
        meetings: false,
        scope: &[],
    },
    Actor {
        name: "student1",
        read: false,
        manage_nodes: false,
        appoint_leaders: false,
        appoint_members: false,
        residency: false,
        meetings: false,
        scope: &[],
    },
];

fn expect(allowed: bool, in_scope: bool, success: u16) -> u16 {
    match (allowed, in_scope) {
        (false, _) => 403,
        (true, false) => 404,
        (true, true) => success,
    }
}

async fn every_grid_endpoint_respects_role_and_scope(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let mut targets = Vec::new();
    for code in ["X1", "Z1"] {
        let building = node_id(&app, &admin, "building", code).await;
        let room = room_id(&app, &admin, code, "101").await;
        targets.push((code, building, room));
    }
    let student1 = app
        .login("student1")
        .await
        .me()
        .await
        .unwrap()
        .id
        .to_string();

    for actor in ACTORS {
        let token = app.token(actor.name).await;
        let me = app
            .client()
            .with_token(&token)
            .me()
            .await
            .unwrap()
            .id
            .to_string();
        for (code, building, room) in &targets {
            let inside = actor.scope.contains(code);
            let case = |what: &str| {
                format!(
                    "{} on {code} ({}): {what}",
                    actor.name,
                    if inside { "in scope" } else { "out of scope" }
                )
            };
            let checks: Vec<(Method, String, Option<Value>, u16)> = vec![
                (
                    Method::GET,
                    format!("/api/v1/grid/nodes/{building}"),
                    None,
                    expect(actor.read, inside, 200),
                ),
                (
                    Method::GET,
                    format!("/api/v1/grid/nodes/{building}/subtree"),
                    None,
                    expect(actor.read, inside, 200),
                ),
                (
                    Method::GET,
                    format!("/api/v1/grid/nodes/{room}/responsible"),
                    None,
                    expect(actor.read, inside, 200),
                ),
                (
                    Method::GET,
                    format!("/api/v1/grid/nodes/{building}/meetings"),
                    None,
                    expect(actor.read, inside, 200),
                ),
                (
                    Method::GET,
                    format!("/api/v1/grid/nodes/{building}/residents.csv"),
                    None,
                    expect(actor.read, inside, 200),
                ),
                (
                    Method::GET,
                    format!("/api/v1/grid/residencies?node={building}"),
                    None,
                    expect(actor.read, inside, 200),
                ),
                (
                    Method::PATCH,
                    format!("/api/v1/grid/nodes/{building}"),
                    Some(json!({"name": format!("{code}-renamed-by-{}", actor.name)})),
                    expect(actor.manage_nodes, inside, 200),
                ),
                (
                    Method::POST,
                    "/api/v1/grid/nodes".into(),
                    Some(
                        json!({"parent_id": building, "level": "room", "code": format!("9{}", actor.name.len()), "floor": 9, "capacity": 2, "gender": "male"}),
                    ),
                    expect(actor.manage_nodes, inside, 201),
                ),
                (
                    Method::POST,
                    format!("/api/v1/grid/nodes/{building}/archive"),
                    None,
                    expect(actor.manage_nodes, inside, 409),
                ),
                (
                    Method::POST,
                    format!("/api/v1/grid/nodes/{building}/meetings"),
                    Some(
                        json!({"held_on": "2026-11-01", "title": format!("meeting by {}", actor.name), "attendees": ["x"]}),
                    ),
                    expect(actor.meetings, inside, 201),
                ),
                (
                    Method::POST,
                    "/api/v1/grid/posts".into(),
                    Some(json!({"node_id": building, "user_id": me, "post_type": "volunteer"})),
                    expect(actor.appoint_members, inside, 201),
                ),
                (
                    Method::POST,
                    "/api/v1/grid/posts".into(),
                    Some(
                        json!({"node_id": building, "user_id": me, "post_type": "resident_counsellor", "starts_on": "2030-01-01"}),
                    ),
                    expect(actor.appoint_leaders, inside, 201),
                ),
                (
                    Method::POST,
                    "/api/v1/grid/residencies/check-in".into(),
                    Some(json!({"student_id": student1, "room_id": room, "bed": 1})),
                    expect(actor.residency, inside, 409),
                ),
            ];
            for (method, path, body, want) in checks {
                let (status, got) = call(&app, &token, method.clone(), &path, body).await;
                assert_eq!(status, want, "{}: {got}", case(&format!("{method} {path}")));
                if status == 404 {
                    assert_eq!(got["code"], "not_found", "{}", case(&path));
                }
            }
        }
    }

    // Nothing out of scope changed: only renames by those allowed went through.
    let z1 = &targets[1].1;
    let detail = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/grid/nodes/{z1}"),
        None,
    )
    .await
    .1;
    assert_eq!(detail["node"]["name"], "Z1-renamed-by-admin");
    let meetings = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/grid/nodes/{z1}/meetings"),
        None,
    )
    .await
    .1;
    let by: Vec<&str> = meetings
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(by.len(), 2, "{by:?}");
    assert!(by.contains(&"meeting by admin") && by.contains(&"meeting by counsellor2"));
}

async fn lists_return_only_what_is_in_scope(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let x1 = building(&admin, "X1").await.id;
    let z1 = building(&admin, "Z1").await.id;
    let expected = [
        ("admin", 23usize),
        ("office1", 8),
        ("counsellor1", 1),
        ("counsellor2", 1),
        ("handler1", 0),
    ];
    for (who, buildings) in expected {
        let client = app.login(who).await;
        let page = client
            .grid_nodes(&NodeQuery {
                level: Some(Level::Building),
                limit: Some(200),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(page.items.len(), buildings, "{who}: {page:?}");
        let stays = client
            .residencies(&ResidencyQuery {
                limit: Some(200),
                ..Default::default()
            })
            .await
            .unwrap()
            .items;
        let posts = client
            .grid_posts(&PostQuery {
                limit: Some(200),
                ..Default::default()
            })
            .await
            .unwrap()
            .items;
        let zhang_san = stays.iter().any(|s| s.student.display_name == "张三");
        match who {
            "counsellor1" => {
                assert!(
                    !stays.is_empty() && stays.iter().all(|s| s.building_id == x1),
                    "{who}"
                );
                assert!(!posts.is_empty());
                assert!(zhang_san);
            }
            "counsellor2" => {
                assert!(
                    !stays.is_empty() && stays.iter().all(|s| s.building_id == z1),
                    "{who}"
                );
                assert!(!zhang_san, "counsellor2 never sees counsellor1's residents");
            }
            "handler1" => assert!(stays.is_empty() && posts.is_empty()),
            _ => assert!(!stays.is_empty()),
        }
    }
}
