//! Rooms a student asks for: the college-zone and gender rules hold on the
//! server, when the request is made and again when it is resolved; and a
//! conflict over a bed names only what the caller may see.

use crate::grid_move::college_head;
use crate::helpers::{node, refused, Backend, TestApp};
use crate::service_flow::{assign, step, triage};
use onestop_client::{Client, RequestQuery};
use onestop_domain::grid::wire::{CheckInRequest, VacantRoom};
use onestop_domain::grid::{Gender, Level};
use onestop_domain::service::forms::RoomChangeForm;
use onestop_domain::service::{Action, Form, Priority};

both_backends!(
    a_student_may_ask_only_for_rooms_of_their_college_and_gender,
    resolving_checks_the_room_again,
    a_housing_conflict_hides_rooms_outside_the_callers_scope,
);

fn room_change(room: &VacantRoom) -> Form {
    Form::RoomChange(RoomChangeForm {
        term: "2026-2027-1".into(),
        room_id: room.id,
        bed: room.free_beds[0],
        reason: "作息不同".into(),
    })
}

/// The first free room of `gender` that `who` may offer.
async fn vacant_of(who: &Client, gender: Gender) -> VacantRoom {
    who.vacancies(None)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.gender == Some(gender))
        .unwrap_or_else(|| panic!("a free {gender:?} room"))
}

async fn a_student_may_ask_only_for_rooms_of_their_college_and_gender(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    // 智园 Z1 belongs to the School of Computer Engineering; student1 studies economics.
    let elsewhere = vacant_of(&app.login("counsellor2").await, Gender::Male).await;
    let p = refused(
        s1.submit_request(&room_change(&elsewhere), None).await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].code, "other_college");
    // In the college's own zone, a room of the other gender is refused too.
    let head = college_head(&app, "经济学院包干区").await;
    let female = vacant_of(&head, Gender::Female).await;
    let p = refused(
        s1.submit_request(&room_change(&female), None).await,
        422,
        "validation",
    );
    assert_eq!(p.errors[0].code, "gender_mismatch");
    let mine = s1.list_requests(&RequestQuery::default()).await.unwrap();
    assert!(mine.items.is_empty(), "nothing was filed");
    // One the picker offers is fine.
    let offered = s1.vacancies(None).await.unwrap();
    s1.submit_request(&room_change(&offered[0]), None)
        .await
        .unwrap();
}

async fn resolving_checks_the_room_again(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.login("student1").await;
    let target = s1.vacancies(None).await.unwrap().remove(0);
    let request = s1
        .submit_request(&room_change(&target), None)
        .await
        .unwrap()
        .id;
    // The target's building moves to another college's zone before anyone resolves it.
    let admin = app.login("admin").await;
    let law = node(&admin, Level::CollegeZone, "法学院包干区").await.id;
    admin.move_node(target.building_id, law).await.unwrap();
    let handler2 = app.login("handler2").await.me().await.unwrap().id;
    let t = admin
        .transition(request, &triage(1, Priority::Normal, "student-affairs"))
        .await
        .unwrap();
    let a = admin
        .transition(request, &assign(t.version, handler2))
        .await
        .unwrap();
    refused(
        admin
            .transition(request, &step(Action::Resolve, a.version))
            .await,
        409,
        "room_not_allowed",
    );
    let home = s1.my_residence().await.unwrap();
    assert_ne!(home.room.id, target.id, "nothing changed: {home:?}");
}

async fn a_housing_conflict_hides_rooms_outside_the_callers_scope(b: Backend) {
    let app = TestApp::spawn(b).await;
    let student1 = app.login("student1").await.me().await.unwrap().id;
    let counsellor2 = app.login("counsellor2").await;
    let room = vacant_of(&counsellor2, Gender::Male).await;
    let check_in = CheckInRequest {
        student_id: student1,
        room_id: room.id,
        bed: room.free_beds[0],
    };
    // counsellor2 leads Z1; student1 lives in X1, which is not theirs to know.
    let p = refused(counsellor2.check_in(&check_in).await, 409, "student_housed");
    assert!(
        !p.detail.contains("101") && !p.detail.contains("X1"),
        "{p:?}"
    );
    // An administrator sees the whole grid, and is told where.
    let p = refused(
        app.login("admin").await.check_in(&check_in).await,
        409,
        "student_housed",
    );
    assert!(p.detail.contains("101"), "{p:?}");
}
