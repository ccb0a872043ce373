//! The grid's rules: tree shape, subtrees, moves, responsibility, beds, imports.

use crate::helpers::{call, Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    parent_rules_are_enforced,
    subtrees_and_ancestors_come_in_one_call,
    moving_a_building_carries_its_rooms_and_residents,
    responsibility_walks_up_from_a_room,
);

pub async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let (status, body) = call(app, token, Method::GET, path, None).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

/// Move a node under another parent (as `token`, who may); the moved node.
pub async fn move_node(app: &TestApp, token: &str, node: &str, parent: &str) -> Value {
    let (s, moved) = call(
        app,
        token,
        Method::POST,
        &format!("/api/v1/grid/nodes/{node}/move"),
        Some(json!({"parent_id": parent})),
    )
    .await;
    assert_eq!(s, 200, "{moved}");
    moved
}

/// The id of the node found by text at a level.
pub async fn node_id(app: &TestApp, token: &str, level: &str, q: &str) -> String {
    let page = get(
        app,
        token,
        &format!("/api/v1/grid/nodes?level={level}&q={}", urlencode(q)),
    )
    .await;
    let items = page["items"].as_array().unwrap();
    let found: Vec<&Value> = items
        .iter()
        .filter(|n| n["name"] == q || n["code"] == q)
        .collect();
    assert_eq!(found.len(), 1, "one {level} named {q}: {page}");
    found[0]["id"].as_str().unwrap().to_owned()
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Room `number` of building `code`.
pub async fn room_id(app: &TestApp, token: &str, code: &str, number: &str) -> String {
    let building = node_id(app, token, "building", code).await;
    let page = get(
        app,
        token,
        &format!("/api/v1/grid/nodes?parent={building}&level=room"),
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == number)
        .unwrap_or_else(|| panic!("room {code}-{number}: {page}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn parent_rules_are_enforced(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let zone = node_id(&app, &admin, "college_zone", "经济学院包干区").await;
    let community = node_id(&app, &admin, "community", "庠园").await;
    let post = |body: Value| call(&app, &admin, Method::POST, "/api/v1/grid/nodes", Some(body));

    // The body fits the document; the parent's level (stored) refuses it.
    let (s, body) = post(json!({"parent_id": zone, "level": "room", "code": "999", "floor": 9, "capacity": 4, "gender": "male"})).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(body["errors"][0]["code"], "wrong_level");
    let (s, body) =
        post(json!({"parent_id": community, "level": "community", "name": "新园"})).await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("parent_id"))
    );
    let (s, body) = post(json!({"level": "building", "name": "孤楼", "code": "Q1"})).await;
    assert_eq!(
        (s, body["errors"][0]["code"].as_str()),
        (400, Some("required"))
    );
    let (s, body) =
        post(json!({"parent_id": community, "level": "college_zone", "name": "新包干区"})).await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("college")),
        "{body}"
    );

    let (s, building) = post(json!({"parent_id": zone, "level": "building", "name": "庠园9栋", "code": "X9", "gender": "female"})).await;
    assert_eq!(s, 201, "{building}");
    assert_eq!(building["zone_id"], zone.as_str());
    assert_eq!(building["community_id"], community.as_str());
    let (s, _) =
        post(json!({"parent_id": zone, "level": "building", "name": "又一栋", "code": "X9"})).await;
    assert_eq!(s, 409, "building codes are unique");

    let bid = building["id"].as_str().unwrap();
    let (s, body) = post(json!({"parent_id": bid, "level": "room", "capacity": 40})).await;
    assert_eq!(s, 400);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "code", "floor", "capacity", "gender"]);
    let (s, room) = post(json!({"parent_id": bid, "level": "room", "code": "101", "floor": 1, "capacity": 4, "gender": "female"})).await;
    assert_eq!(s, 201, "{room}");
    assert_eq!(
        (
            room["name"].as_str(),
            room["building_id"].as_str(),
            room["occupied"].as_i64()
        ),
        (Some("101"), Some(bid), Some(0))
    );
    let (s, _) = post(json!({"parent_id": bid, "level": "room", "code": "101", "floor": 1, "capacity": 4, "gender": "female"})).await;
    assert_eq!(s, 409, "room numbers are unique within a building");

    // Moving a room under a zone breaks the shape.
    let (s, _) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/grid/nodes/{}/move", room["id"].as_str().unwrap()),
        Some(json!({"parent_id": zone})),
    )
    .await;
    assert_eq!(s, 422);
}

async fn subtrees_and_ancestors_come_in_one_call(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let x1 = node_id(&app, &admin, "building", "X1").await;
    let tree = get(&app, &admin, &format!("/api/v1/grid/nodes/{x1}/subtree")).await;
    let tree = tree.as_array().unwrap();
    assert_eq!(tree.len(), 1 + 2, "the building and its two rooms");
    assert_eq!(tree[0]["id"], x1.as_str());
    assert!(tree[1..]
        .iter()
        .all(|n| n["level"] == "room" && n["building_id"] == x1.as_str()));

    let xiang = node_id(&app, &admin, "community", "庠园").await;
    let tree = get(&app, &admin, &format!("/api/v1/grid/nodes/{xiang}/subtree")).await;
    let count = |level: &str| {
        tree.as_array()
            .unwrap()
            .iter()
            .filter(|n| n["level"] == level)
            .count()
    };
    assert_eq!(
        (
            count("community"),
            count("college_zone"),
            count("building"),
            count("room")
        ),
        (1, 4, 8, 16)
    );
    let shallow = get(
        &app,
        &admin,
        &format!("/api/v1/grid/nodes/{xiang}/subtree?max_level=building"),
    )
    .await;
    assert_eq!(shallow.as_array().unwrap().len(), 1 + 4 + 8);

    let room = room_id(&app, &admin, "X1", "101").await;
    let detail = get(&app, &admin, &format!("/api/v1/grid/nodes/{room}")).await;
    let path: Vec<&str> = detail["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(path, ["庠园", "经济学院包干区", "庠园1栋"]);
    assert_eq!(detail["node"]["capacity"], 4);
    assert!(
        detail["node"]["occupied"].as_i64().unwrap() >= 1,
        "student1 lives there"
    );

    // The whole grid: 3 communities, 12 zones, 23 buildings.
    let all = get(&app, &admin, "/api/v1/grid/nodes?level=building&limit=200").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 23);
    let zones = get(
        &app,
        &admin,
        "/api/v1/grid/nodes?level=college_zone&limit=5",
    )
    .await;
    let mut names: Vec<String> = zones["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap().to_owned())
        .collect();
    let next = get(
        &app,
        &admin,
        &format!(
            "/api/v1/grid/nodes?level=college_zone&limit=200&cursor={}",
            zones["next_cursor"].as_str().unwrap()
        ),
    )
    .await;
    names.extend(
        next["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|z| z["name"].as_str().unwrap().to_owned()),
    );
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        (names.len(), unique.len()),
        (12, 12),
        "pages neither skip nor repeat"
    );
}

async fn moving_a_building_carries_its_rooms_and_residents(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let x1 = node_id(&app, &admin, "building", "X1").await;
    let law = node_id(&app, &admin, "college_zone", "法学院包干区").await;
    let economics = node_id(&app, &admin, "college_zone", "经济学院包干区").await;
    let moved = move_node(&app, &admin, &x1, &law).await;
    assert_eq!(moved["zone_id"], law.as_str());
    let under_law = get(&app, &admin, &format!("/api/v1/grid/nodes/{law}/subtree")).await;
    let rooms: Vec<&Value> = under_law
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["building_id"] == x1.as_str() && n["level"] == "room")
        .collect();
    assert_eq!(rooms.len(), 2);
    assert!(rooms.iter().all(|r| r["zone_id"] == law.as_str()));
    let under_economics = get(
        &app,
        &admin,
        &format!("/api/v1/grid/nodes/{economics}/subtree"),
    )
    .await;
    assert!(!under_economics
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["building_id"] == x1.as_str()));
    // Residents follow: listed under the new zone.
    let residents = get(
        &app,
        &admin,
        &format!("/api/v1/grid/residencies?node={law}&limit=200"),
    )
    .await;
    assert!(residents["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["student"]["display_name"] == "张三"));
}

async fn responsibility_walks_up_from_a_room(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let room = room_id(&app, &admin, "X1", "101").await;
    let chain = get(
        &app,
        &admin,
        &format!("/api/v1/grid/nodes/{room}/responsible"),
    )
    .await;
    let chain = chain.as_array().unwrap();
    let levels: Vec<&str> = chain
        .iter()
        .map(|l| l["node"]["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["room", "building", "college_zone", "community"]);
    let holders = |i: usize, post: &str| -> Vec<String> {
        chain[i]["holders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["post_type"] == post)
            .map(|h| h["holder"]["display_name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(holders(0, "student_cadre").len(), 1);
    assert_eq!(holders(1, "resident_counsellor"), ["驻楼辅导员 陈老师"]);
    assert_eq!(holders(2, "college_head").len(), 1);
    assert_eq!(holders(3, "community_head"), ["社区办公室 周老师"]);

    // A term that ended yesterday no longer counts.
    let post_id = chain[1]["holders"][0]["id"].as_str().unwrap().to_owned();
    let (s, body) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/grid/posts/{post_id}/end"),
        Some(json!({})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        body["active"], true,
        "the last day of a term is still in it"
    );
    app.clock.advance(chrono::Duration::days(1));
    let admin = app.token("admin").await;
    let chain = get(
        &app,
        &admin,
        &format!("/api/v1/grid/nodes/{room}/responsible"),
    )
    .await;
    assert!(
        chain[1]["holders"].as_array().unwrap().is_empty(),
        "{chain}"
    );
    let (s, _) = call(
        &app,
        &app.token("counsellor1").await,
        Method::GET,
        "/api/v1/grid/nodes?level=building",
        None,
    )
    .await;
    assert_eq!(s, 200);
}
