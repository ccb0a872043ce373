//! Sync for the student information system: students and rooms upserted by
//! the SIS's keys, each record's outcome reported, all or nothing on request.

use crate::helpers::{refused, room, Backend, TestApp};
use onestop_client::{ResidencyQuery, UserListQuery};
use onestop_domain::grid::Gender;
use onestop_domain::integration::sync::{
    Outcome, RoomRecord, StudentRecord, SyncMode, SyncRoomsRequest, SyncStudentsRequest,
};
use onestop_domain::page::Page;
use onestop_domain::user::UserView;

both_backends!(
    students_are_created_updated_and_housed_by_their_number,
    a_bad_record_refuses_the_batch_or_only_itself,
    rooms_are_upserted_by_building_and_number,
);

fn student(no: &str, name: &str, bed: Option<(&str, i32)>) -> StudentRecord {
    StudentRecord {
        student_no: no.into(),
        name: name.into(),
        college: "college-economics".into(),
        gender: Gender::Male,
        building: bed.map(|_| "X1".into()),
        room: bed.map(|(r, _)| r.into()),
        bed: bed.map(|(_, b)| b),
    }
}

fn batch(mode: SyncMode, students: Vec<StudentRecord>) -> SyncStudentsRequest {
    SyncStudentsRequest { mode, students }
}

async fn users_matching(admin: &onestop_client::Client, q: &str) -> Page<UserView> {
    admin
        .list_users(&UserListQuery {
            q: Some(q.into()),
            ..Default::default()
        })
        .await
        .unwrap()
}

async fn free_beds(admin: &onestop_client::Client, number: &str) -> Vec<i32> {
    let r = room(admin, "X1", number).await;
    let taken: Vec<i32> = admin
        .residencies(&ResidencyQuery {
            node: Some(r.id),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .iter()
        .filter(|s| s.checked_out_at.is_none())
        .map(|s| s.bed)
        .collect();
    (1..=r.capacity.unwrap_or(0))
        .filter(|b| !taken.contains(b))
        .collect()
}

async fn students_are_created_updated_and_housed_by_their_number(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let free = free_beds(&admin, "102").await;
    assert!(free.len() >= 2, "{free:?}");
    let first = batch(
        SyncMode::AllOrNothing,
        vec![
            student("2099100001", "赵一", Some(("102", free[0]))),
            student("2099100002", "钱二", None),
        ],
    );
    let r = admin.sync_students(&first).await.unwrap();
    assert_eq!((r.created, r.updated, r.unchanged, r.failed), (2, 0, 0, 0));
    assert_eq!(r.records[0].key, "2099100001");
    // The same again changes nothing.
    let r = admin.sync_students(&first).await.unwrap();
    assert_eq!((r.created, r.unchanged), (0, 2));
    // A new name and another bed: updated, and moved.
    let again = batch(
        SyncMode::AllOrNothing,
        vec![student("2099100001", "赵一一", Some(("102", free[1])))],
    );
    let r = admin.sync_students(&again).await.unwrap();
    assert_eq!(r.records[0].outcome, Outcome::Updated);
    let found = users_matching(&admin, "2099100001").await;
    assert_eq!(found.items[0].display_name, "赵一一");
    let stays = admin
        .residencies(&ResidencyQuery {
            node: Some(room(&admin, "X1", "102").await.id),
            ..Default::default()
        })
        .await
        .unwrap();
    let mine: Vec<_> = stays
        .items
        .iter()
        .filter(|s| s.student_no.as_deref() == Some("2099100001"))
        .collect();
    assert_eq!(mine.len(), 1, "one bed at a time: {mine:?}");
    assert_eq!(mine[0].bed, free[1]);
    // Only administrators (and systems holding roster:write).
    let c1 = app.login("counsellor1").await;
    refused(c1.sync_students(&first).await, 403, "forbidden");
}

async fn a_bad_record_refuses_the_batch_or_only_itself(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let mut bad = student("2099200002", "孙三", Some(("999", 1)));
    bad.college = "没有这个学院".into();
    let records = vec![student("2099200001", "李一", None), bad];
    let p = refused(
        admin
            .sync_students(&batch(SyncMode::AllOrNothing, records.clone()))
            .await,
        422,
        "validation",
    );
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["students[1].college", "students[1].room"], "{p:?}");
    let nobody = users_matching(&admin, "20992000").await;
    assert!(nobody.items.is_empty(), "nothing was written");

    let r = admin
        .sync_students(&batch(SyncMode::EachRecord, records))
        .await
        .unwrap();
    assert_eq!((r.created, r.failed), (1, 1));
    assert_eq!(r.records[1].outcome, Outcome::Failed);
    assert_eq!(r.records[1].errors.len(), 2);
    let one = users_matching(&admin, "20992000").await;
    assert_eq!(one.items.len(), 1);

    // A record breaking the document's pattern is the caller's mapping: 400 in either mode, nothing written.
    let malformed = student("20-99", "周五", None);
    let records = vec![student("2099200003", "王三", None), malformed];
    for mode in [SyncMode::AllOrNothing, SyncMode::EachRecord] {
        let p = refused(
            admin.sync_students(&batch(mode, records.clone())).await,
            400,
            "validation",
        );
        assert_eq!(p.errors[0].field, "students[1].student_no", "{p:?}");
    }
    let still_one = users_matching(&admin, "20992000").await;
    assert_eq!(
        still_one.items.len(),
        1,
        "the good record was not kept either"
    );
}

async fn rooms_are_upserted_by_building_and_number(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let new_room = RoomRecord {
        building: "X1".into(),
        room: "1901".into(),
        floor: 19,
        beds: 4,
        gender: Gender::Male,
    };
    let rooms = |mode, rooms| SyncRoomsRequest { mode, rooms };
    let r = admin
        .sync_rooms(&rooms(SyncMode::AllOrNothing, vec![new_room.clone()]))
        .await
        .unwrap();
    assert_eq!((r.created, r.records[0].key.as_str()), (1, "X1-1901"));
    let made = room(&admin, "X1", "1901").await;
    assert_eq!((made.floor, made.capacity), (Some(19), Some(4)));
    let r = admin
        .sync_rooms(&rooms(SyncMode::AllOrNothing, vec![new_room.clone()]))
        .await
        .unwrap();
    assert_eq!(r.unchanged, 1);
    let bigger = RoomRecord {
        beds: 6,
        ..new_room.clone()
    };
    let r = admin
        .sync_rooms(&rooms(SyncMode::AllOrNothing, vec![bigger]))
        .await
        .unwrap();
    assert_eq!(r.updated, 1);
    assert_eq!(room(&admin, "X1", "1901").await.capacity, Some(6));

    // A room cannot shrink below a taken bed; a building that does not exist is named.
    let x1_101 = room(&admin, "X1", "101").await;
    let free = free_beds(&admin, "101").await;
    let highest_taken = (1..=x1_101.capacity.unwrap())
        .filter(|b| !free.contains(b))
        .max()
        .unwrap();
    assert!(
        highest_taken >= 2,
        "the premise: a bed above the first is taken"
    );
    let shrink = RoomRecord {
        room: "101".into(),
        floor: x1_101.floor.unwrap(),
        beds: highest_taken - 1,
        ..new_room.clone()
    };
    let nowhere = RoomRecord {
        building: "Q9".into(),
        ..new_room
    };
    let r = admin
        .sync_rooms(&rooms(SyncMode::EachRecord, vec![shrink, nowhere]))
        .await
        .unwrap();
    assert_eq!(r.failed, 2, "{r:?}");
    assert_eq!(r.records[0].errors[0].field, "beds");
    assert_eq!(r.records[1].errors[0].field, "building");
}
