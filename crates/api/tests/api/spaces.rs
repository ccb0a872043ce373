//! Community spaces: kept by administrators and the community office of
//! their place, read by everyone signed in; opening hours in campus time.

use crate::helpers::{building, node, refused, Backend, TestApp};
use crate::visits::december_first;
use onestop_client::{Client, SpaceQuery};
use onestop_domain::community::spaces::wire::{CreateSpaceRequest, SpaceView, UpdateSpaceRequest};
use onestop_domain::community::spaces::{Booker, SpaceKind};
use onestop_domain::grid::Level;
use onestop_domain::NodeId;

both_backends!(
    spaces_are_kept_by_administrators_and_the_office_of_their_place,
    opening_hours_are_quarter_hours_closing_after_opening,
);

pub fn space(place_id: NodeId, open_to: &[Booker], needs_approval: bool) -> CreateSpaceRequest {
    CreateSpaceRequest {
        name: "庠园党员之家".into(),
        kind: SpaceKind::PartyMembersHome,
        place_id,
        capacity: 40,
        equipment: "投影仪、音响".into(),
        opens: "08:00".into(),
        closes: "22:00".into(),
        open_to: open_to.to_vec(),
        needs_approval,
    }
}

pub fn update_of(s: &SpaceView) -> UpdateSpaceRequest {
    UpdateSpaceRequest {
        name: s.name.clone(),
        kind: s.kind,
        capacity: s.capacity,
        equipment: s.equipment.clone(),
        opens: s.opens.clone(),
        closes: s.closes.clone(),
        open_to: s.open_to.clone(),
        needs_approval: s.needs_approval,
        active: s.active,
        version: s.version,
    }
}

/// 庠园 and 智园, as the administrator sees them.
pub async fn communities(admin: &Client) -> (NodeId, NodeId) {
    (
        node(admin, Level::Community, "庠园").await.id,
        node(admin, Level::Community, "智园").await.id,
    )
}

async fn spaces_are_kept_by_administrators_and_the_office_of_their_place(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let admin = app.login("admin").await;
    let (xiang, zhi) = communities(&admin).await;
    let office = app.login("office1").await; // heads 庠园
    let x1 = building(&admin, "X1").await.id;

    let home = office
        .create_space(&space(x1, &[Booker::Staff, Booker::Students], true))
        .await
        .unwrap();
    assert_eq!((home.place.id, home.place.level), (x1, Level::Building));
    assert_eq!(home.community.id, xiang);
    assert!(home.manages && home.may_book && home.active);

    // Another community's office, a counsellor and a student keep nothing here.
    refused(
        office
            .create_space(&space(zhi, &[Booker::Staff], false))
            .await,
        403,
        "forbidden",
    );
    for who in ["counsellor1", "student1"] {
        let c = app.login(who).await;
        refused(
            c.create_space(&space(x1, &[Booker::Staff], false)).await,
            403,
            "forbidden",
        );
        refused(
            c.update_space(home.id, &update_of(&home)).await,
            403,
            "forbidden",
        );
    }
    let cinema = admin
        .create_space(&CreateSpaceRequest {
            name: "智园红色影院".into(),
            kind: SpaceKind::RedCinema,
            ..space(zhi, &[Booker::Staff], false)
        })
        .await
        .unwrap();
    assert!(!office.get_space(cinema.id).await.unwrap().manages);

    // A room is no place for a space.
    let rooms = admin.grid_children(Some(x1)).await.unwrap().items;
    let p = refused(
        admin
            .create_space(&space(rooms[0].id, &[Booker::Staff], false))
            .await,
        422,
        "validation",
    );
    assert_eq!(
        (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
        ("place_id", "wrong_level")
    );

    // Everyone signed in reads the spaces; a student may book only what is open to students.
    let student = app.login("student1").await;
    let ours = |list: Vec<SpaceView>| -> Vec<SpaceView> {
        list.into_iter()
            .filter(|s| s.id == home.id || s.id == cinema.id)
            .collect()
    };
    let seen = ours(student.list_spaces(&SpaceQuery::default()).await.unwrap());
    let flags: Vec<_> = seen
        .iter()
        .map(|s| (s.name.as_str(), s.may_book, s.manages))
        .collect();
    assert_eq!(
        flags,
        [
            ("庠园党员之家", true, false),
            ("智园红色影院", false, false)
        ]
    );
    let in_zhi = student
        .list_spaces(&SpaceQuery {
            community: Some(zhi),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(in_zhi.iter().all(|s| s.community.id == zhi));
    assert_eq!(ours(in_zhi).len(), 1);

    // Changes are made at the version read; a closed space leaves the list.
    let mut change = update_of(&home);
    change.active = false;
    change.capacity = 30;
    let closed = office.update_space(home.id, &change).await.unwrap();
    assert_eq!(
        (closed.version, closed.capacity, closed.active),
        (2, 30, false)
    );
    refused(
        office.update_space(home.id, &change).await,
        409,
        "stale_version",
    );
    assert_eq!(
        ours(student.list_spaces(&SpaceQuery::default()).await.unwrap()).len(),
        1
    );
    let all = ours(
        student
            .list_spaces(&SpaceQuery {
                closed: true,
                ..Default::default()
            })
            .await
            .unwrap(),
    );
    assert_eq!(all.len(), 2);
    assert!(!all.iter().find(|s| s.id == home.id).unwrap().may_book);
}

async fn opening_hours_are_quarter_hours_closing_after_opening(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let admin = app.login("admin").await;
    let (xiang, _) = communities(&admin).await;
    let codes = |p: onestop_domain::problem::Problem| {
        p.errors
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect::<Vec<_>>()
    };
    let before = admin
        .list_spaces(&SpaceQuery::default())
        .await
        .unwrap()
        .len();
    // Off the pattern the document states: 400.
    let mut bad = space(xiang, &[Booker::Staff], false);
    bad.opens = "08:10".into();
    let p = refused(admin.create_space(&bad).await, 400, "validation");
    assert_eq!(codes(p), [("opens".to_string(), "pattern".to_string())]);
    // Closing before opening, or a kind of booker twice: rules the document cannot state, 422.
    let mut bad = space(xiang, &[Booker::Staff, Booker::Staff], false);
    bad.opens = "22:00".into();
    bad.closes = "08:00".into();
    let p = refused(admin.create_space(&bad).await, 422, "validation");
    let mut got = codes(p);
    got.sort();
    assert_eq!(
        got,
        [
            ("closes".to_string(), "before_start".to_string()),
            ("open_to".to_string(), "duplicate".to_string())
        ]
    );
    let after = admin
        .list_spaces(&SpaceQuery::default())
        .await
        .unwrap()
        .len();
    assert_eq!(after, before, "nothing refused was stored");
}
