//! The grid's rules: tree shape, subtrees, moves, responsibility, beds, imports.

use crate::helpers::{building, call, node, refused, room, Backend, TestApp};
use onestop_client::{NodeQuery, ResidencyQuery};
use onestop_domain::grid::wire::{CreateNodeRequest, EndPostRequest};
use onestop_domain::grid::{Gender, Level, PostType};
use reqwest::Method;
use serde_json::Value;

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
    let admin = app.login("admin").await;
    let zone = node(&admin, Level::CollegeZone, "经济学院包干区").await.id;
    let community = node(&admin, Level::Community, "庠园").await.id;
    let new = |level: Level| CreateNodeRequest {
        parent_id: None,
        level,
        name: None,
        code: None,
        floor: None,
        capacity: None,
        gender: None,
        college: None,
    };
    let a_room = |code: &str| CreateNodeRequest {
        code: Some(code.into()),
        floor: Some(1),
        capacity: Some(4),
        gender: Some(Gender::Female),
        ..new(Level::Room)
    };
    let fields = |p: &onestop_domain::problem::Problem| -> Vec<String> {
        p.errors.iter().map(|e| e.field.clone()).collect()
    };

    // The body fits the document; the parent's level (stored) refuses it.
    let p = refused(
        admin
            .create_node(&CreateNodeRequest {
                parent_id: Some(zone),
                ..a_room("999")
            })
            .await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].code, "wrong_level");
    let p = refused(
        admin
            .create_node(&CreateNodeRequest {
                parent_id: Some(community),
                name: Some("新园".into()),
                ..new(Level::Community)
            })
            .await,
        400,
        "validation",
    );
    assert_eq!(fields(&p), ["parent_id"]);
    let p = refused(
        admin
            .create_node(&CreateNodeRequest {
                name: Some("孤楼".into()),
                code: Some("Q1".into()),
                ..new(Level::Building)
            })
            .await,
        400,
        "validation",
    );
    assert_eq!(p.errors[0].code, "required");
    let p = refused(
        admin
            .create_node(&CreateNodeRequest {
                parent_id: Some(community),
                name: Some("新包干区".into()),
                ..new(Level::CollegeZone)
            })
            .await,
        400,
        "validation",
    );
    assert_eq!(fields(&p), ["college"]);

    let x9 = CreateNodeRequest {
        parent_id: Some(zone),
        name: Some("庠园9栋".into()),
        code: Some("X9".into()),
        gender: Some(Gender::Female),
        ..new(Level::Building)
    };
    let b9 = admin.create_node(&x9).await.unwrap();
    assert_eq!((b9.zone_id, b9.community_id), (Some(zone), community));
    let again = CreateNodeRequest {
        name: Some("又一栋".into()),
        gender: None,
        ..x9
    };
    let err = admin.create_node(&again).await.unwrap_err();
    assert_eq!(err.status(), Some(409), "building codes are unique");

    let p = refused(
        admin
            .create_node(&CreateNodeRequest {
                parent_id: Some(b9.id),
                capacity: Some(40),
                ..new(Level::Room)
            })
            .await,
        400,
        "validation",
    );
    assert_eq!(fields(&p), ["name", "code", "floor", "capacity", "gender"]);
    let in_b9 = CreateNodeRequest {
        parent_id: Some(b9.id),
        ..a_room("101")
    };
    let r101 = admin.create_node(&in_b9).await.unwrap();
    assert_eq!(
        (r101.name.as_str(), r101.building_id, r101.occupied),
        ("101", Some(b9.id), Some(0))
    );
    let err = admin.create_node(&in_b9).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(409),
        "room numbers are unique within a building"
    );

    // Moving a room under a zone breaks the shape.
    let err = admin.move_node(r101.id, zone).await.unwrap_err();
    assert_eq!(err.status(), Some(422));
}

async fn subtrees_and_ancestors_come_in_one_call(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let x1 = building(&admin, "X1").await.id;
    let tree = admin.subtree(x1, None).await.unwrap();
    assert_eq!(tree.len(), 1 + 2, "the building and its two rooms");
    assert_eq!(tree[0].id, x1);
    assert!(tree[1..]
        .iter()
        .all(|n| n.level == Level::Room && n.building_id == Some(x1)));

    let xiang = node(&admin, Level::Community, "庠园").await.id;
    let tree = admin.subtree(xiang, None).await.unwrap();
    let count = |level: Level| tree.iter().filter(|n| n.level == level).count();
    assert_eq!(
        Level::ALL.map(count),
        [1, 4, 8, 16],
        "community, zones, buildings, rooms"
    );
    let shallow = admin.subtree(xiang, Some(Level::Building)).await.unwrap();
    assert_eq!(shallow.len(), 1 + 4 + 8);

    let r101 = room(&admin, "X1", "101").await.id;
    let detail = admin.grid_node(r101).await.unwrap();
    let path: Vec<&str> = detail.ancestors.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(path, ["庠园", "经济学院包干区", "庠园1栋"]);
    assert_eq!(detail.node.capacity, Some(4));
    assert!(detail.node.occupied.unwrap() >= 1, "student1 lives there");

    // The whole grid: 3 communities, 12 zones, 23 buildings.
    let all = admin
        .grid_nodes(&NodeQuery {
            level: Some(Level::Building),
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.items.len(), 23);
    let zones = |limit: u32, cursor: Option<String>| NodeQuery {
        level: Some(Level::CollegeZone),
        limit: Some(limit),
        cursor,
        ..Default::default()
    };
    let first = admin.grid_nodes(&zones(5, None)).await.unwrap();
    let next = admin
        .grid_nodes(&zones(200, first.next_cursor.clone()))
        .await
        .unwrap();
    let names: Vec<String> = first
        .items
        .iter()
        .chain(&next.items)
        .map(|z| z.name.clone())
        .collect();
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
    let admin = app.login("admin").await;
    let x1 = building(&admin, "X1").await.id;
    let law = node(&admin, Level::CollegeZone, "法学院包干区").await.id;
    let economics = node(&admin, Level::CollegeZone, "经济学院包干区").await.id;
    let moved = admin.move_node(x1, law).await.unwrap();
    assert_eq!(moved.zone_id, Some(law));
    let rooms: Vec<_> = admin
        .subtree(law, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.building_id == Some(x1) && n.level == Level::Room)
        .collect();
    assert_eq!(rooms.len(), 2);
    assert!(rooms.iter().all(|r| r.zone_id == Some(law)));
    let under_economics = admin.subtree(economics, None).await.unwrap();
    assert!(!under_economics.iter().any(|n| n.building_id == Some(x1)));
    // Residents follow: listed under the new zone.
    let residents = admin
        .residencies(&ResidencyQuery {
            node: Some(law),
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(residents
        .items
        .iter()
        .any(|r| r.student.display_name == "张三"));
}

async fn responsibility_walks_up_from_a_room(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let r101 = room(&admin, "X1", "101").await.id;
    let chain = admin.responsible(r101).await.unwrap();
    let levels: Vec<Level> = chain.iter().map(|l| l.node.level).collect();
    assert_eq!(
        levels,
        [
            Level::Room,
            Level::Building,
            Level::CollegeZone,
            Level::Community
        ]
    );
    let holders = |i: usize, post: PostType| -> Vec<String> {
        chain[i]
            .holders
            .iter()
            .filter(|h| h.post_type == post)
            .map(|h| h.holder.display_name.clone())
            .collect()
    };
    assert_eq!(holders(0, PostType::StudentCadre).len(), 1);
    assert_eq!(
        holders(1, PostType::ResidentCounsellor),
        ["驻楼辅导员 陈老师"]
    );
    assert_eq!(holders(2, PostType::CollegeHead).len(), 1);
    assert_eq!(holders(3, PostType::CommunityHead), ["社区办公室 周老师"]);

    // A term that ended yesterday no longer counts.
    let ended = admin
        .end_post(chain[1].holders[0].id, &EndPostRequest { ends_on: None })
        .await
        .unwrap();
    assert!(ended.active, "the last day of a term is still in it");
    app.clock.advance(chrono::Duration::days(1));
    let admin = app.login("admin").await;
    let chain = admin.responsible(r101).await.unwrap();
    assert!(chain[1].holders.is_empty(), "{chain:?}");
    let counsellor = app.login("counsellor1").await;
    counsellor
        .grid_nodes(&NodeQuery {
            level: Some(Level::Building),
            ..Default::default()
        })
        .await
        .expect("a counsellor reads the grid");
}
