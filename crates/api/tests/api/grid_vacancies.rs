//! Rooms with free beds, as the check-in and room-change forms offer them.

use crate::grid::{get, node_id, room_id};
use crate::helpers::{call, Backend, TestApp};
use onestop_domain::user::CreateUserRequest;
use onestop_domain::Role;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;

both_backends!(
    a_student_is_offered_free_beds_of_their_college_and_gender,
    every_staff_member_lists_the_buildings,
    a_counsellor_is_offered_the_buildings_they_cover,
);

fn rooms(list: &Value) -> HashMap<String, Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r.clone()))
        .collect()
}

async fn a_student_is_offered_free_beds_of_their_college_and_gender(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let s1 = app.token("student1").await;
    let me = get(&app, &s1, "/api/v1/me").await;
    let gender = me["gender"].clone();

    let zone = node_id(&app, &admin, "college_zone", "经济学院包干区").await;
    let subtree = get(&app, &admin, &format!("/api/v1/grid/nodes/{zone}/subtree")).await;
    let zone_rooms: HashMap<String, Value> = subtree
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["level"] == "room")
        .map(|n| (n["id"].as_str().unwrap().to_owned(), n.clone()))
        .collect();
    assert!(!zone_rooms.is_empty());
    assert!(
        zone_rooms
            .values()
            .any(|n| !n["gender"].is_null() && n["gender"] != gender),
        "the zone has rooms of the other gender, so the gender rule is exercised"
    );

    let c1 = app.token("counsellor1").await;
    let home = room_id(&app, &c1, "X1", "101").await;
    let offered = rooms(&get(&app, &s1, "/api/v1/grid/vacancies").await);
    // Exactly the zone's rooms of the student's gender that have room left, but their own.
    for (id, n) in &zone_rooms {
        let fits = n["gender"].is_null() || gender.is_null() || n["gender"] == gender;
        let has_room = n["occupied"].as_i64().unwrap_or(0) < n["capacity"].as_i64().unwrap();
        let own = *id == home;
        assert_eq!(
            offered.contains_key(id),
            fits && has_room && !own,
            "room {n}"
        );
    }
    assert!(offered.keys().all(|id| zone_rooms.contains_key(id)));
    for r in offered.values() {
        let free = r["free_beds"].as_array().unwrap().len() as i64;
        let n = &zone_rooms[r["id"].as_str().unwrap()];
        assert_eq!(
            free,
            n["capacity"].as_i64().unwrap() - n["occupied"].as_i64().unwrap_or(0)
        );
    }

    // student1 holds bed 1 of X1-101, so staff see it without that bed; fill the rest
    // and the room goes from everyone's list.
    let staff_view = rooms(&get(&app, &c1, "/api/v1/grid/vacancies").await);
    let free: Vec<i64> = staff_view[&home]["free_beds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_i64().unwrap())
        .collect();
    assert!(!free.contains(&1), "student1's own bed: {free:?}");
    let admin_client = app.login("admin").await;
    for (i, bed) in free.iter().enumerate() {
        let newcomer = admin_client
            .create_user(&CreateUserRequest {
                username: format!("newcomer{i}"),
                display_name: "新同学".into(),
                password: "a-good-password".into(),
                roles: vec![Role::Student],
                unit: Some("college-economics".into()),
                student_no: Some(format!("20269900{i}")),
                gender: serde_json::from_value(gender.clone()).ok(),
            })
            .await
            .unwrap();
        let (s, body) = call(
            &app,
            &c1,
            Method::POST,
            "/api/v1/grid/residencies/check-in",
            Some(json!({"student_id": newcomer.id, "room_id": home, "bed": bed})),
        )
        .await;
        assert_eq!(s, 201, "{body}");
    }
    let after = rooms(&get(&app, &c1, "/api/v1/grid/vacancies").await);
    assert!(!after.contains_key(&home), "a full room is not offered");
    assert_eq!(after.len(), staff_view.len() - 1);

    // Staff see their scope: the admin the whole grid, a counsellor only their zone.
    let all = rooms(&get(&app, &admin, "/api/v1/grid/vacancies").await);
    assert!(all.len() > after.len());
    assert!(!after.is_empty());
    assert!(after.keys().all(|id| zone_rooms.contains_key(id)));
    let building = node_id(&app, &admin, "building", "X1").await;
    let one = get(
        &app,
        &admin,
        &format!("/api/v1/grid/vacancies?building={building}"),
    )
    .await;
    assert!(one
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["building_id"] == building.as_str()));
}

async fn every_staff_member_lists_the_buildings(b: Backend) {
    let app = TestApp::spawn(b).await;
    // A handler holds no grid post, yet filters the queue by building.
    let handler = app.token("handler1").await;
    let list = get(&app, &handler, "/api/v1/grid/buildings").await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 23, "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);

    // Archived buildings are gone from the list.
    let admin = app.token("admin").await;
    let x1 = node_id(&app, &admin, "building", "X1").await;
    let c1 = app.token("counsellor1").await;
    let residents = get(&app, &c1, &format!("/api/v1/grid/residencies?node={x1}")).await;
    for r in residents["items"].as_array().unwrap() {
        let (s, body) = call(
            &app,
            &admin,
            Method::POST,
            "/api/v1/grid/residencies/check-out",
            Some(json!({"student_id": r["student"]["id"]})),
        )
        .await;
        assert_eq!(s, 200, "{body}");
    }
    let (s, body) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/grid/nodes/{x1}/archive"),
        None,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let after = get(&app, &handler, "/api/v1/grid/buildings").await;
    assert_eq!(after.as_array().unwrap().len(), 22);

    let student = app.token("student1").await;
    let (s, _) = call(&app, &student, Method::GET, "/api/v1/grid/buildings", None).await;
    assert_eq!(s, 403);
}

/// The queue's building filter offers the buildings of the caller's queue.
async fn a_counsellor_is_offered_the_buildings_they_cover(b: Backend) {
    let app = TestApp::spawn(b).await;
    let names = |list: serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|b| b["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let c1 = app.token("counsellor1").await;
    assert_eq!(
        names(get(&app, &c1, "/api/v1/grid/buildings").await),
        ["X1"]
    );
    let c2 = app.token("counsellor2").await;
    assert_eq!(
        names(get(&app, &c2, "/api/v1/grid/buildings").await),
        ["Z1"]
    );
    // The head of 庠园 covers its eight buildings; an administrator all 23.
    let office = app.token("office1").await;
    let mut x = names(get(&app, &office, "/api/v1/grid/buildings").await);
    x.sort();
    assert_eq!(x, ["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"]);
    let admin = app.token("admin").await;
    assert_eq!(
        names(get(&app, &admin, "/api/v1/grid/buildings").await).len(),
        23
    );
}
