//! CSV imports and exports, service item lists and meetings.

use crate::helpers::{building, refused, room, Backend, TestApp};
use onestop_client::{ResidencyQuery, UserListQuery};
use onestop_domain::dates::Day;
use onestop_domain::grid::wire::{CreateMeetingRequest, DutyInput, ReplaceDutiesRequest};
use onestop_domain::grid::{Gender, Level, PostType};
use onestop_domain::user::UpdateUserRequest;

both_backends!(
    roster_import_is_all_or_nothing_and_reads_gbk,
    grid_import_builds_rooms_and_export_lists_residents,
    duties_and_meetings,
);

async fn roster_import_is_all_or_nothing_and_reads_gbk(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let room102 = room(&admin, "X1", "102").await.id;
    let in_102 = || ResidencyQuery {
        node: Some(room102),
        ..Default::default()
    };
    let beds: Vec<i32> = admin
        .residencies(&in_102())
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.bed)
        .collect();
    let free: Vec<i32> = (1..=4).filter(|b| !beds.contains(b)).collect();
    assert!(free.len() >= 2, "TINY fills half the beds");
    let good = format!(
        "2099000001,赵一,经济学院,男,X1,102,{}\n2099000002,钱二,college-economics,male,X1,102,{}\n",
        free[0], free[1]
    );

    let bad = format!(
        "学号,姓名,学院,性别,楼栋,寝室,床位\n{good}2099000003,孙三,没有这个学院,女,X1,999,x\n"
    );
    let p = refused(
        admin.import_roster(bad.into_bytes()).await,
        422,
        "validation",
    );
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert!(
        fields.contains(&"line 4: college")
            && fields.contains(&"line 4: room")
            && fields.contains(&"line 4: bed"),
        "{p:?}"
    );
    assert!(
        fields.iter().all(|f| f.starts_with("line 4")),
        "only the bad row is named: {p:?}"
    );
    let after = admin
        .list_users(&UserListQuery {
            q: Some("2099000001".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(after.items.is_empty(), "nothing was written");

    // The good rows alone, saved by Excel as GBK.
    let text = format!("学号,姓名,学院,性别,楼栋,寝室,床位\n{good}");
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);
    let report = admin.import_roster(gbk.into_owned()).await.unwrap();
    assert_eq!((report.rows, report.created, report.applied), (2, 2, true));
    let housed = admin.residencies(&in_102()).await.unwrap();
    let names: Vec<&str> = housed
        .items
        .iter()
        .map(|r| r.student.display_name.as_str())
        .collect();
    assert!(
        names.contains(&"赵一") && names.contains(&"钱二"),
        "{names:?}"
    );
    // Imported students cannot sign in until given a password.
    assert!(app
        .client()
        .login("2099000001", "anything-at-all")
        .await
        .is_err());

    // A counsellor may not import.
    let counsellor = app.login("counsellor1").await;
    refused(
        counsellor.import_roster(b"x".to_vec()).await,
        403,
        "forbidden",
    );
}

async fn grid_import_builds_rooms_and_export_lists_residents(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let csv = "community,zone,college,building,building_name,room,floor,capacity,gender\n\
               庠园,经济学院包干区,经济学院,X1,庠园1栋,301,3,6,male\n\
               新园,新园包干区,法学院,N1,新园1栋,101,1,4,女\n";
    let report = admin.import_grid(csv.as_bytes().to_vec()).await.unwrap();
    assert_eq!(
        report.created, 5,
        "room 301, and community, zone, building and room of 新园: {report:?}"
    );
    let n101 = room(&admin, "N1", "101").await.id;
    let detail = admin.grid_node(n101).await.unwrap();
    assert_eq!(detail.node.gender, Some(Gender::Female));
    assert_eq!(detail.ancestors[0].name, "新园");

    let bad = "community,zone,college,building,building_name,room,floor,capacity,gender\n庠园,经济学院包干区,经济学院,X1,庠园1栋,401,4,99,male\n";
    let p = refused(
        admin.import_grid(bad.as_bytes().to_vec()).await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].field, "line 2: capacity");

    let x1 = building(&admin, "X1").await.id;
    // A name a spreadsheet would run as a formula.
    let student1 = app.login("student1").await.me().await.unwrap().id;
    admin
        .update_user(
            student1,
            &UpdateUserRequest {
                display_name: Some("=HYPERLINK(\"http://x\",\"张三\")".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    // The file itself is what this checks: its headers and bytes, as a browser gets them.
    let res = app
        .http
        .get(app.url(&format!("/api/v1/grid/nodes/{x1}/residents.csv")))
        .bearer_auth(app.token("admin").await)
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
    let admin = app.login("admin").await;
    let c1 = app.login("counsellor1").await;
    let list = c1.duties(Some(Level::Building)).await.unwrap();
    assert!(!list.is_empty(), "seeded lists");
    let duty = |post_type: PostType, title: &str, description: &str| DutyInput {
        post_type,
        title: title.into(),
        description: description.into(),
    };
    let items = ReplaceDutiesRequest {
        items: vec![
            duty(
                PostType::ResidentCounsellor,
                "每周走访寝室",
                "至少走访十间寝室",
            ),
            duty(PostType::Volunteer, "楼栋志愿服务", ""),
        ],
    };
    let err = c1.set_duties(Level::Building, &items).await.unwrap_err();
    assert_eq!(
        err.status(),
        Some(403),
        "counsellors read the lists, administrators edit them"
    );
    // An office account heading one community, or an office with no grid post at
    // all, cannot rewrite what binds the whole school.
    let one = ReplaceDutiesRequest {
        items: vec![duty(PostType::DormHead, "x", "")],
    };
    for who in ["office1", "league1"] {
        let err = app
            .login(who)
            .await
            .set_duties(Level::Room, &one)
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(403), "{who}");
    }
    let rooms = c1.duties(Some(Level::Room)).await.unwrap();
    assert!(rooms.iter().all(|d| d.title != "x"), "nothing changed");
    let saved = admin.set_duties(Level::Building, &items).await.unwrap();
    let titles: Vec<&str> = saved.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["每周走访寝室", "楼栋志愿服务"]);
    let misplaced = ReplaceDutiesRequest {
        items: vec![duty(PostType::CommunityHead, "x", "")],
    };
    let p = refused(
        admin.set_duties(Level::Room, &misplaced).await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].field, "items[0].post_type");

    let x1 = building(&c1, "X1").await.id;
    let meeting = CreateMeetingRequest {
        held_on: "2026-11-20".parse::<Day>().unwrap(),
        title: "楼栋网格例会".into(),
        attendees: vec!["陈老师".into(), "张三".into()],
        minutes: "讨论了冬季用电安全。".into(),
        decisions: vec!["每周安全检查".into()],
    };
    let saved = c1.record_meeting(x1, &meeting).await.unwrap();
    assert_eq!(saved.recorded_by.display_name, "驻楼辅导员 陈老师");
    let listed = c1.meetings(x1).await.unwrap();
    assert_eq!(listed[0].decisions, ["每周安全检查"]);
    let empty = CreateMeetingRequest {
        title: String::new(),
        attendees: vec![],
        minutes: String::new(),
        decisions: vec![],
        ..meeting
    };
    let p = refused(c1.record_meeting(x1, &empty).await, 400, "validation");
    assert_eq!(p.errors.len(), 2, "{p:?}");
}
