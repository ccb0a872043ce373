//! Beds: who holds them, moves, races, and a student's own view.

use crate::grid::{get, node_id, room_id};
use crate::helpers::{call, Backend, TestApp};
use reqwest::Method;
use serde_json::json;

both_backends!(
    a_bed_holds_one_student_and_a_student_one_bed,
    a_student_sees_their_room_roommates_and_contacts,
    two_check_ins_race_for_one_bed,
    a_room_cannot_shrink_below_a_taken_bed,
    a_room_keeps_the_gender_of_its_residents,
);

async fn a_bed_holds_one_student_and_a_student_one_bed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c1 = app.token("counsellor1").await;
    let student1 = app
        .login("student1")
        .await
        .me()
        .await
        .unwrap()
        .id
        .to_string();
    let room101 = room_id(&app, &c1, "X1", "101").await;
    let room102 = room_id(&app, &c1, "X1", "102").await;
    let occupants = get(
        &app,
        &c1,
        &format!("/api/v1/grid/residencies?node={room101}"),
    )
    .await;
    let other = occupants["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["bed"] != 1)
        .cloned();

    // student1 already has bed 1 of room 101.
    let (s, body) = call(
        &app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/check-in",
        Some(json!({"student_id": student1, "room_id": room102, "bed": 4})),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("student_housed")),
        "{body}"
    );
    assert!(body["detail"].as_str().unwrap().contains("101"));

    let other = other.expect("room X1-101 has a resident besides student1");
    {
        let sid = other["student"]["id"].as_str().unwrap();
        let (s, body) = call(
            &app,
            &c1,
            Method::POST,
            "/api/v1/grid/residencies/move",
            Some(json!({"student_id": sid, "room_id": room101, "bed": 1})),
        )
        .await;
        assert_eq!(
            (s, body["code"].as_str()),
            (409, Some("bed_taken")),
            "{body}"
        );
        assert!(
            body["detail"].as_str().unwrap().contains("张三"),
            "names who holds it: {body}"
        );
        // The failed move changed nothing: still in the old bed.
        let again = get(
            &app,
            &c1,
            &format!("/api/v1/grid/residencies?student={sid}"),
        )
        .await;
        assert_eq!(again["items"][0]["bed"], other["bed"]);
    }

    let (s, body) = call(
        &app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/check-in",
        Some(json!({"student_id": student1, "room_id": room101, "bed": 9})),
    )
    .await;
    assert_eq!(s, 400, "{body}");

    // Move student1 to a free bed, then out; the history keeps both stays.
    let free = get(
        &app,
        &c1,
        &format!("/api/v1/grid/residencies?node={room102}"),
    )
    .await;
    let taken: Vec<i64> = free["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["bed"].as_i64().unwrap())
        .collect();
    let bed = (1..=4)
        .find(|b| !taken.contains(b))
        .expect("a free bed in 102");
    let (s, body) = call(
        &app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/move",
        Some(json!({"student_id": student1, "room_id": room102, "bed": bed})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = call(
        &app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/check-out",
        Some(json!({"student_id": student1})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert!(body["checked_out_at"].is_string());
    let history = get(
        &app,
        &c1,
        &format!("/api/v1/grid/residencies?student={student1}&current=false"),
    )
    .await;
    assert_eq!(history["items"].as_array().unwrap().len(), 2);
    let (s, _) = call(
        &app,
        &c1,
        Method::POST,
        "/api/v1/grid/residencies/check-out",
        Some(json!({"student_id": student1})),
    )
    .await;
    assert_eq!(s, 404, "no current bed any more");
}

async fn a_student_sees_their_room_roommates_and_contacts(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("student1").await;
    let mine = get(&app, &token, "/api/v1/me/residence").await;
    assert_eq!(
        (mine["room"]["name"].as_str(), mine["bed"].as_i64()),
        (Some("101"), Some(1))
    );
    let path: Vec<&str> = mine["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(path, ["庠园", "经济学院包干区", "庠园1栋"]);
    assert!(mine["roommates"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["display_name"] != "张三" && r.get("id").is_none()));
    let counsellor = mine["contacts"][1]["holders"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["holder"]["display_name"] == "驻楼辅导员 陈老师");
    assert!(counsellor, "{mine}");
    // Students read only their own place, not the grid.
    let (s, _) = call(&app, &token, Method::GET, "/api/v1/grid/nodes", None).await;
    assert_eq!(s, 403);
    let (s, body) = call(
        &app,
        &app.token("handler1").await,
        Method::GET,
        "/api/v1/me/residence",
        None,
    )
    .await;
    assert_eq!(s, 404, "{body}");
}

async fn two_check_ins_race_for_one_bed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c1 = app.token("counsellor1").await;
    let x1 = node_id(&app, &c1, "building", "X1").await;
    let room = room_id(&app, &c1, "X1", "102").await;
    let stays = get(&app, &c1, &format!("/api/v1/grid/residencies?node={x1}")).await;
    let students: Vec<String> = stays["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["student"]["display_name"] != "张三")
        .map(|s| s["student"]["id"].as_str().unwrap().to_owned())
        .take(2)
        .collect();
    assert_eq!(students.len(), 2);
    for s in &students {
        let (status, _) = call(
            &app,
            &c1,
            Method::POST,
            "/api/v1/grid/residencies/check-out",
            Some(json!({"student_id": s})),
        )
        .await;
        assert_eq!(status, 200);
    }
    let taken = get(&app, &c1, &format!("/api/v1/grid/residencies?node={room}")).await;
    let beds: Vec<i64> = taken["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["bed"].as_i64().unwrap())
        .collect();
    let bed = (1..=4).find(|b| !beds.contains(b)).unwrap();
    let check_in = |s: &String| {
        call(
            &app,
            &c1,
            Method::POST,
            "/api/v1/grid/residencies/check-in",
            Some(json!({"student_id": s, "room_id": room, "bed": bed})),
        )
    };
    let (a, b2) = futures_util::future::join(check_in(&students[0]), check_in(&students[1])).await;
    let mut statuses = [a.0, b2.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [201, 409],
        "one wins, the other is told the bed is taken: {a:?} {b2:?}"
    );
    let after = get(&app, &c1, &format!("/api/v1/grid/residencies?node={room}")).await;
    let in_bed = after["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["bed"] == bed)
        .count();
    assert_eq!(in_bed, 1);
}

async fn a_room_cannot_shrink_below_a_taken_bed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let x1 = node_id(&app, &admin, "building", "X1").await;
    let (s, room) = call(&app, &admin, Method::POST, "/api/v1/grid/nodes", Some(json!({"parent_id": x1, "level": "room", "code": "199", "floor": 1, "capacity": 4, "gender": "male"}))).await;
    assert_eq!(s, 201, "{room}");
    let room_id = room["id"].as_str().unwrap();
    let student = app
        .login("student1")
        .await
        .me()
        .await
        .unwrap()
        .id
        .to_string();
    let (s, _) = call(
        &app,
        &admin,
        Method::POST,
        "/api/v1/grid/residencies/move",
        Some(json!({"student_id": student, "room_id": room_id, "bed": 4})),
    )
    .await;
    assert_eq!(s, 200);
    // One student lives there, but in bed 4: two beds would drop them.
    let (s, body) = call(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/grid/nodes/{room_id}"),
        Some(json!({"capacity": 2})),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("room_occupied")),
        "{body}"
    );
    let detail = get(&app, &admin, &format!("/api/v1/grid/nodes/{room_id}")).await;
    assert_eq!(detail["node"]["capacity"], 4, "nothing changed");
    let (s, body) = call(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/grid/nodes/{room_id}"),
        Some(json!({"capacity": 5, "name": "199室"})),
    )
    .await;
    assert_eq!(
        (
            s,
            body["capacity"].as_i64(),
            body["name"].as_str(),
            body["occupied"].as_i64()
        ),
        (200, Some(5), Some("199室"), Some(1))
    );
}

async fn a_room_keeps_the_gender_of_its_residents(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let x1 = node_id(&app, &admin, "building", "X1").await;
    let (s, room) = call(&app, &admin, Method::POST, "/api/v1/grid/nodes", Some(json!({"parent_id": x1, "level": "room", "code": "198", "floor": 1, "capacity": 4, "gender": "male"}))).await;
    assert_eq!(s, 201, "{room}");
    let room_id = room["id"].as_str().unwrap();
    let path = format!("/api/v1/grid/nodes/{room_id}");
    let patch = |gender: &'static str| {
        let (app, admin, path) = (&app, admin.clone(), path.clone());
        async move {
            call(
                app,
                &admin,
                Method::PATCH,
                &path,
                Some(json!({ "gender": gender })),
            )
            .await
        }
    };
    // Empty, it may change freely.
    assert_eq!(patch("female").await.0, 200);
    assert_eq!(patch("male").await.0, 200);

    let student1 = app.login("student1").await.me().await.unwrap().id;
    let (s, _) = call(
        &app,
        &admin,
        Method::POST,
        "/api/v1/grid/residencies/move",
        Some(json!({"student_id": student1, "room_id": room_id, "bed": 1})),
    )
    .await;
    assert_eq!(s, 200);
    // student1 is male: the room cannot become a female room around him.
    let (s, body) = patch("female").await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("room_gender_conflict")),
        "{body}"
    );
    let detail = get(&app, &admin, &format!("/api/v1/grid/nodes/{room_id}")).await;
    assert_eq!(detail["node"]["gender"], "male", "nothing changed");
    assert_eq!(patch("male").await.0, 200, "the same gender is no change");
}
