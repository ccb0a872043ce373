//! CSV imports and exports, service item lists and meetings.

use crate::grid::{get, node_id, room_id};
use crate::helpers::{call, problem, Backend, TestApp};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    roster_import_is_all_or_nothing_and_reads_gbk,
    grid_import_builds_rooms_and_export_lists_residents,
    duties_and_meetings,
);

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
    let body = problem(res, 422, "validation").await;
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
    let body = problem(res, 422, "validation").await;
    assert_eq!(body["errors"][0]["field"], "line 2: capacity");

    let x1 = node_id(&app, &admin, "building", "X1").await;
    // A name a spreadsheet would run as a formula.
    let student1 = crate::service::user_id(&app, "student1").await;
    let (s, _) = call(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/users/{student1}"),
        Some(json!({"display_name": "=HYPERLINK(\"http://x\",\"张三\")"})),
    )
    .await;
    assert_eq!(s, 200);
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
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"张三\"\")\",经济学院,male,X1,101,1,"),
        "kept as text: {text}"
    );
}

async fn duties_and_meetings(b: Backend) {
    let app = TestApp::spawn(b).await;
    let office = app.token("admin").await;
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
    assert_eq!(
        s, 403,
        "counsellors read the lists, administrators edit them"
    );
    // An office account heading one community, or an office with no grid post at
    // all, cannot rewrite what binds the whole school.
    for who in ["office1", "league1"] {
        let (s, _) = call(
            &app,
            &app.token(who).await,
            Method::PUT,
            "/api/v1/grid/duties/room",
            Some(json!({"items": [{"post_type": "dorm_head", "title": "x"}]})),
        )
        .await;
        assert_eq!(s, 403, "{who}");
    }
    let rooms = get(&app, &c1, "/api/v1/grid/duties?level=room").await;
    assert!(
        rooms.as_array().unwrap().iter().all(|d| d["title"] != "x"),
        "nothing changed"
    );
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
        (422, Some("items[0].post_type"))
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
