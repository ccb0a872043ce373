//! The grid's rules: tree shape, subtrees, moves, responsibility, beds, imports.

use crate::helpers::{call, problem, Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    parent_rules_are_enforced,
    subtrees_and_ancestors_come_in_one_call,
    moving_a_building_carries_its_rooms_and_residents,
    responsibility_walks_up_from_a_room,
    a_bed_holds_one_student_and_a_student_one_bed,
    a_student_sees_their_room_roommates_and_contacts,
    roster_import_is_all_or_nothing_and_reads_gbk,
    grid_import_builds_rooms_and_export_lists_residents,
    duties_and_meetings,
    two_check_ins_race_for_one_bed,
);

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
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
    let admin = app.token("admin").await;
    let zone = node_id(&app, &admin, "college_zone", "经济学院包干区").await;
    let community = node_id(&app, &admin, "community", "庠园").await;
    let post = |body: Value| call(&app, &admin, Method::POST, "/api/v1/grid/nodes", Some(body));

    let (s, body) = post(json!({"parent_id": zone, "level": "room", "code": "999", "floor": 9, "capacity": 4, "gender": "male"})).await;
    assert_eq!(s, 400, "{body}");
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
    assert_eq!(s, 400);
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
    let (s, moved) = call(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/grid/nodes/{x1}/move"),
        Some(json!({"parent_id": law})),
    )
    .await;
    assert_eq!(s, 200, "{moved}");
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

    if let Some(other) = other {
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

async fn roster_import_is_all_or_nothing_and_reads_gbk(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let room102 = room_id(&app, &admin, "X1", "102").await;
    let taken = get(
        &app,
        &admin,
        &format!("/api/v1/grid/residencies?node={room102}"),
    )
    .await;
    let beds: Vec<i64> = taken["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["bed"].as_i64().unwrap())
        .collect();
    let free: Vec<i64> = (1..=4).filter(|b| !beds.contains(b)).collect();
    assert!(free.len() >= 2, "TINY fills half the beds");
    let good = format!(
        "2099000001,赵一,经济学院,男,X1,102,{}\n2099000002,钱二,college-economics,male,X1,102,{}\n",
        free[0], free[1]
    );
    let send = |body: Vec<u8>| {
        app.http
            .post(app.url("/api/v1/grid/import/roster"))
            .bearer_auth(&admin)
            .header("content-type", "text/csv")
            .body(body)
            .send()
    };

    let bad = format!(
        "学号,姓名,学院,性别,楼栋,寝室,床位\n{good}2099000003,孙三,没有这个学院,女,X1,999,x\n"
    );
    let res = send(bad.into_bytes()).await.unwrap();
    let body = problem(res, 400, "validation").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"line 4: college")
            && fields.contains(&"line 4: room")
            && fields.contains(&"line 4: bed"),
        "{body}"
    );
    assert!(
        fields.iter().all(|f| f.starts_with("line 4")),
        "only the bad row is named: {body}"
    );
    let after = get(&app, &admin, "/api/v1/users?q=2099000001").await;
    assert!(
        after["items"].as_array().unwrap().is_empty(),
        "nothing was written"
    );

    // The good rows alone, saved by Excel as GBK.
    let text = format!("学号,姓名,学院,性别,楼栋,寝室,床位\n{good}");
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);
    let res = send(gbk.into_owned()).await.unwrap();
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!(
        (
            report["rows"].as_i64(),
            report["created"].as_i64(),
            report["applied"].as_bool()
        ),
        (Some(2), Some(2), Some(true))
    );
    let housed = get(
        &app,
        &admin,
        &format!("/api/v1/grid/residencies?node={room102}"),
    )
    .await;
    let names: Vec<&str> = housed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["student"]["display_name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"赵一") && names.contains(&"钱二"),
        "{housed}"
    );
    // Imported students cannot sign in until given a password.
    assert!(app
        .client()
        .login("2099000001", "anything-at-all")
        .await
        .is_err());

    // A counsellor may not import.
    let res = app
        .http
        .post(app.url("/api/v1/grid/import/roster"))
        .bearer_auth(app.token("counsellor1").await)
        .header("content-type", "text/csv")
        .body("x")
        .send()
        .await
        .unwrap();
    problem(res, 403, "forbidden").await;
}

async fn grid_import_builds_rooms_and_export_lists_residents(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let csv = "community,zone,college,building,building_name,room,floor,capacity,gender\n\
               庠园,经济学院包干区,经济学院,X1,庠园1栋,301,3,6,male\n\
               新园,新园包干区,法学院,N1,新园1栋,101,1,4,女\n";
    let res = app
        .http
        .post(app.url("/api/v1/grid/import/grid"))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let report: Value = res.json().await.unwrap();
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        report["created"], 5,
        "room 301, and community, zone, building and room of 新园: {report}"
    );
    let room = room_id(&app, &admin, "N1", "101").await;
    let detail = get(&app, &admin, &format!("/api/v1/grid/nodes/{room}")).await;
    assert_eq!(detail["node"]["gender"], "female");
    assert_eq!(detail["ancestors"][0]["name"], "新园");

    let bad = "community,zone,college,building,building_name,room,floor,capacity,gender\n庠园,经济学院包干区,经济学院,X1,庠园1栋,401,4,99,male\n";
    let res = app
        .http
        .post(app.url("/api/v1/grid/import/grid"))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body(bad)
        .send()
        .await
        .unwrap();
    let body = problem(res, 400, "validation").await;
    assert_eq!(body["errors"][0]["field"], "line 2: capacity");

    let x1 = node_id(&app, &admin, "building", "X1").await;
    let res = app
        .http
        .get(app.url(&format!("/api/v1/grid/nodes/{x1}/residents.csv")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let bytes = res.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM so Excel reads UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("student_no,name,college,gender,building,room,bed,checked_in_at")
    );
    assert!(text.contains(",张三,经济学院,male,X1,101,1,"), "{text}");
}

async fn duties_and_meetings(b: Backend) {
    let app = TestApp::spawn(b).await;
    let office = app.token("office1").await;
    let c1 = app.token("counsellor1").await;
    let list = get(&app, &c1, "/api/v1/grid/duties?level=building").await;
    assert!(!list.as_array().unwrap().is_empty(), "seeded lists");
    let items = json!({"items": [{"post_type": "resident_counsellor", "title": "每周走访寝室", "description": "至少走访十间寝室"}, {"post_type": "volunteer", "title": "楼栋志愿服务"}]});
    let (s, _) = call(
        &app,
        &c1,
        Method::PUT,
        "/api/v1/grid/duties/building",
        Some(items.clone()),
    )
    .await;
    assert_eq!(s, 403, "counsellors read the lists, office edits them");
    let (s, saved) = call(
        &app,
        &office,
        Method::PUT,
        "/api/v1/grid/duties/building",
        Some(items),
    )
    .await;
    assert_eq!(s, 200, "{saved}");
    let titles: Vec<&str> = saved
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["每周走访寝室", "楼栋志愿服务"]);
    let (s, body) = call(
        &app,
        &office,
        Method::PUT,
        "/api/v1/grid/duties/room",
        Some(json!({"items": [{"post_type": "community_head", "title": "x"}]})),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("items[0].post_type"))
    );

    let x1 = node_id(&app, &c1, "building", "X1").await;
    let meeting = json!({"held_on": "2026-11-20", "title": "楼栋网格例会", "attendees": ["陈老师", "张三"], "minutes": "讨论了冬季用电安全。", "decisions": ["每周安全检查"]});
    let (s, saved) = call(
        &app,
        &c1,
        Method::POST,
        &format!("/api/v1/grid/nodes/{x1}/meetings"),
        Some(meeting.clone()),
    )
    .await;
    assert_eq!(s, 201, "{saved}");
    assert_eq!(saved["recorded_by"]["display_name"], "驻楼辅导员 陈老师");
    let listed = get(&app, &c1, &format!("/api/v1/grid/nodes/{x1}/meetings")).await;
    assert_eq!(listed[0]["decisions"][0], "每周安全检查");
    let (s, body) = call(
        &app,
        &c1,
        Method::POST,
        &format!("/api/v1/grid/nodes/{x1}/meetings"),
        Some(json!({"held_on": "2026-11-20", "title": "", "attendees": []})),
    )
    .await;
    assert_eq!(s, 400, "{body}");
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
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
