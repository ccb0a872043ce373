//! Rooms with free beds, as the check-in and room-change forms offer them.

use crate::helpers::{building, node, room, Backend, TestApp};
use onestop_client::Client;
use onestop_domain::grid::wire::{CheckInRequest, CheckOutRequest, NodeView, VacantRoom};
use onestop_domain::grid::Level;
use onestop_domain::user::CreateUserRequest;
use onestop_domain::{NodeId, Role};
use std::collections::HashMap;

both_backends!(
    a_student_is_offered_free_beds_of_their_college_and_gender,
    every_staff_member_lists_the_buildings,
    a_counsellor_is_offered_the_buildings_they_cover,
);

async fn offered(who: &Client, building: Option<NodeId>) -> HashMap<NodeId, VacantRoom> {
    who.vacancies(building)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r))
        .collect()
}

async fn a_student_is_offered_free_beds_of_their_college_and_gender(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let s1 = app.login("student1").await;
    let gender = s1.me().await.unwrap().gender;

    let zone = node(&admin, Level::CollegeZone, "经济学院包干区").await.id;
    let zone_rooms: HashMap<NodeId, NodeView> = admin
        .subtree(zone, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.level == Level::Room)
        .map(|n| (n.id, n))
        .collect();
    assert!(!zone_rooms.is_empty());
    assert!(
        zone_rooms
            .values()
            .any(|n| n.gender.is_some() && n.gender != gender),
        "the zone has rooms of the other gender, so the gender rule is exercised"
    );

    let c1 = app.login("counsellor1").await;
    let home = room(&c1, "X1", "101").await.id;
    let for_student = offered(&s1, None).await;
    // Exactly the zone's rooms of the student's gender that have room left, but their own.
    for (id, n) in &zone_rooms {
        let fits = n.gender.is_none() || gender.is_none() || n.gender == gender;
        let has_room = n.occupied.unwrap_or(0) < n.capacity.unwrap();
        let own = *id == home;
        assert_eq!(
            for_student.contains_key(id),
            fits && has_room && !own,
            "room {n:?}"
        );
    }
    assert!(for_student.keys().all(|id| zone_rooms.contains_key(id)));
    for r in for_student.values() {
        let n = &zone_rooms[&r.id];
        assert_eq!(
            r.free_beds.len() as i32,
            n.capacity.unwrap() - n.occupied.unwrap_or(0)
        );
    }

    // student1 holds bed 1 of X1-101, so staff see it without that bed; fill the rest
    // and the room goes from everyone's list.
    let staff_view = offered(&c1, None).await;
    let free = staff_view[&home].free_beds.clone();
    assert!(!free.contains(&1), "student1's own bed: {free:?}");
    for (i, bed) in free.iter().enumerate() {
        let newcomer = admin
            .create_user(&CreateUserRequest {
                username: format!("newcomer{i}"),
                display_name: "新同学".into(),
                password: "a-good-password".into(),
                roles: vec![Role::Student],
                unit: Some("college-economics".into()),
                student_no: Some(format!("20269900{i}")),
                gender,
            })
            .await
            .unwrap();
        c1.check_in(&CheckInRequest {
            student_id: newcomer.id,
            room_id: home,
            bed: *bed,
        })
        .await
        .unwrap();
    }
    let after = offered(&c1, None).await;
    assert!(!after.contains_key(&home), "a full room is not offered");
    assert_eq!(after.len(), staff_view.len() - 1);

    // Staff see their scope: the admin the whole grid, a counsellor only their zone.
    let all = offered(&admin, None).await;
    assert!(all.len() > after.len());
    assert!(!after.is_empty());
    assert!(after.keys().all(|id| zone_rooms.contains_key(id)));
    let x1 = building(&admin, "X1").await.id;
    let one = offered(&admin, Some(x1)).await;
    assert!(one.values().all(|r| r.building_id == x1));
}

async fn every_staff_member_lists_the_buildings(b: Backend) {
    let app = TestApp::spawn(b).await;
    // A handler holds no grid post, yet filters the queue by building.
    let handler = app.login("handler1").await;
    let list = handler.buildings().await.unwrap();
    let names: Vec<&str> = list.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names.len(), 23, "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);

    // Archived buildings are gone from the list.
    let admin = app.login("admin").await;
    let x1 = building(&admin, "X1").await.id;
    let c1 = app.login("counsellor1").await;
    for r in c1.residents(x1).await.unwrap().items {
        admin
            .check_out(&CheckOutRequest {
                student_id: r.student.id,
            })
            .await
            .unwrap();
    }
    admin.archive_node(x1).await.unwrap();
    assert_eq!(handler.buildings().await.unwrap().len(), 22);

    let err = app.login("student1").await.buildings().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
}

/// The queue's building filter offers the buildings of the caller's queue.
async fn a_counsellor_is_offered_the_buildings_they_cover(b: Backend) {
    let app = TestApp::spawn(b).await;
    let codes = |who: &'static str| {
        let app = &app;
        async move {
            let mut codes: Vec<String> = app
                .login(who)
                .await
                .buildings()
                .await
                .unwrap()
                .into_iter()
                .filter_map(|b| b.code)
                .collect();
            codes.sort();
            codes
        }
    };
    assert_eq!(codes("counsellor1").await, ["X1"]);
    assert_eq!(codes("counsellor2").await, ["Z1"]);
    // The head of 庠园 covers its eight buildings; an administrator all 23.
    assert_eq!(
        codes("office1").await,
        ["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"]
    );
    assert_eq!(codes("admin").await.len(), 23);
}
