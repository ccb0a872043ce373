//! Beds: who holds them, moves, races, and a student's own view.

use crate::helpers::{building, refused, room, Backend, TestApp};
use onestop_client::ResidencyQuery;
use onestop_domain::grid::wire::{
    CheckInRequest, CheckOutRequest, CreateNodeRequest, UpdateNodeRequest,
};
use onestop_domain::grid::{Gender, Level};
use onestop_domain::{NodeId, UserId};

both_backends!(
    a_bed_holds_one_student_and_a_student_one_bed,
    a_student_sees_their_room_roommates_and_contacts,
    two_check_ins_race_for_one_bed,
    a_room_cannot_shrink_below_a_taken_bed,
    a_room_keeps_the_gender_of_its_residents,
);

fn bed(student_id: UserId, room_id: NodeId, bed: i32) -> CheckInRequest {
    CheckInRequest {
        student_id,
        room_id,
        bed,
    }
}

async fn a_bed_holds_one_student_and_a_student_one_bed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c1 = app.login("counsellor1").await;
    let student1 = app.login("student1").await.me().await.unwrap().id;
    let room101 = room(&c1, "X1", "101").await.id;
    let room102 = room(&c1, "X1", "102").await.id;
    let other = c1
        .residents(room101)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|r| r.bed != 1)
        .expect("room X1-101 has a resident besides student1");

    // student1 already has bed 1 of room 101.
    let p = refused(
        c1.check_in(&bed(student1, room102, 4)).await,
        409,
        "student_housed",
    );
    assert!(p.detail.contains("101"), "{p:?}");

    let p = refused(
        c1.move_student(&bed(other.student.id, room101, 1)).await,
        409,
        "bed_taken",
    );
    assert!(p.detail.contains("张三"), "names who holds it: {p:?}");
    // The failed move changed nothing: still in the old bed.
    let again = c1
        .residencies(&ResidencyQuery {
            student: Some(other.student.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(again.items[0].bed, other.bed);

    // No bed 9 in a room of four.
    let err = c1.check_in(&bed(student1, room101, 9)).await.unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");

    // Move student1 to a free bed, then out; the history keeps both stays.
    let taken: Vec<i32> = c1
        .residents(room102)
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.bed)
        .collect();
    let free = (1..=4)
        .find(|b| !taken.contains(b))
        .expect("a free bed in 102");
    c1.move_student(&bed(student1, room102, free))
        .await
        .unwrap();
    let out = c1
        .check_out(&CheckOutRequest {
            student_id: student1,
        })
        .await
        .unwrap();
    assert!(out.checked_out_at.is_some());
    let history = c1
        .residencies(&ResidencyQuery {
            student: Some(student1),
            current: Some(false),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(history.items.len(), 2);
    let err = c1
        .check_out(&CheckOutRequest {
            student_id: student1,
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "no current bed any more");
}

async fn a_student_sees_their_room_roommates_and_contacts(b: Backend) {
    let app = TestApp::spawn(b).await;
    let student = app.login("student1").await;
    let mine = student.my_residence().await.unwrap();
    assert_eq!((mine.room.name.as_str(), mine.bed), ("101", 1));
    let path: Vec<&str> = mine.ancestors.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(path, ["庠园", "经济学院包干区", "庠园1栋"]);
    // Roommates are names and beds only: no ids a student could look up.
    assert!(mine.roommates.iter().all(|r| r.display_name != "张三"));
    let counsellor = mine.contacts[1]
        .holders
        .iter()
        .any(|h| h.holder.display_name == "驻楼辅导员 陈老师");
    assert!(counsellor, "{mine:?}");
    // Students read only their own place, not the grid.
    let err = student.grid_children(None).await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    let err = app
        .login("handler1")
        .await
        .my_residence()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
}

async fn two_check_ins_race_for_one_bed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c1 = app.login("counsellor1").await;
    let x1 = building(&c1, "X1").await.id;
    let room102 = room(&c1, "X1", "102").await.id;
    let students: Vec<UserId> = c1
        .residents(x1)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|s| s.student.display_name != "张三")
        .map(|s| s.student.id)
        .take(2)
        .collect();
    assert_eq!(students.len(), 2);
    for s in &students {
        c1.check_out(&CheckOutRequest { student_id: *s })
            .await
            .unwrap();
    }
    let taken: Vec<i32> = c1
        .residents(room102)
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.bed)
        .collect();
    let free = (1..=4).find(|b| !taken.contains(b)).unwrap();
    let (first, second) = (
        bed(students[0], room102, free),
        bed(students[1], room102, free),
    );
    let (a, b2) = futures_util::future::join(c1.check_in(&first), c1.check_in(&second)).await;
    let mut statuses = [
        a.as_ref().map_or_else(|e| e.status(), |_| Some(201)),
        b2.as_ref().map_or_else(|e| e.status(), |_| Some(201)),
    ];
    statuses.sort();
    assert_eq!(
        statuses,
        [Some(201), Some(409)],
        "one wins, the other is told the bed is taken: {a:?} {b2:?}"
    );
    let in_bed = c1
        .residents(room102)
        .await
        .unwrap()
        .items
        .iter()
        .filter(|r| r.bed == free)
        .count();
    assert_eq!(in_bed, 1);
}

/// A new empty room of four under building X1, for a male student.
async fn new_room(admin: &onestop_client::Client, code: &str) -> NodeId {
    let x1 = building(admin, "X1").await.id;
    admin
        .create_node(&CreateNodeRequest {
            parent_id: Some(x1),
            level: Level::Room,
            name: None,
            code: Some(code.into()),
            floor: Some(1),
            capacity: Some(4),
            gender: Some(Gender::Male),
            college: None,
        })
        .await
        .unwrap()
        .id
}

async fn a_room_cannot_shrink_below_a_taken_bed(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let room_id = new_room(&admin, "199").await;
    let student = app.login("student1").await.me().await.unwrap().id;
    admin.move_student(&bed(student, room_id, 4)).await.unwrap();
    // One student lives there, but in bed 4: two beds would drop them.
    let shrink = UpdateNodeRequest {
        capacity: Some(2),
        ..Default::default()
    };
    refused(
        admin.update_node(room_id, &shrink).await,
        409,
        "room_occupied",
    );
    let detail = admin.grid_node(room_id).await.unwrap();
    assert_eq!(detail.node.capacity, Some(4), "nothing changed");
    let grown = admin
        .update_node(
            room_id,
            &UpdateNodeRequest {
                capacity: Some(5),
                name: Some("199室".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (grown.capacity, grown.name.as_str(), grown.occupied),
        (Some(5), "199室", Some(1))
    );
}

async fn a_room_keeps_the_gender_of_its_residents(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let room_id = new_room(&admin, "198").await;
    let to = |gender: Gender| UpdateNodeRequest {
        gender: Some(gender),
        ..Default::default()
    };
    // Empty, it may change freely.
    admin
        .update_node(room_id, &to(Gender::Female))
        .await
        .unwrap();
    admin.update_node(room_id, &to(Gender::Male)).await.unwrap();

    let student1 = app.login("student1").await.me().await.unwrap().id;
    admin
        .move_student(&bed(student1, room_id, 1))
        .await
        .unwrap();
    // student1 is male: the room cannot become a female room around him.
    refused(
        admin.update_node(room_id, &to(Gender::Female)).await,
        409,
        "room_gender_conflict",
    );
    let detail = admin.grid_node(room_id).await.unwrap();
    assert_eq!(detail.node.gender, Some(Gender::Male), "nothing changed");
    admin
        .update_node(room_id, &to(Gender::Male))
        .await
        .expect("the same gender is no change");
}
