//! Party-member points: the organisation on the grid and who sees it, the
//! ledger's four eyes, corrections as new entries, the tables refusing any
//! change to a decided entry, and second-classroom credits from attendance.

use crate::helpers::{building, node, refused, room, Backend, TestApp};
use crate::raw::Raw;
use crate::visits::december_first;
use chrono::Duration;
use onestop_client::{Client, PointQuery};
use onestop_domain::grid::Level;
use onestop_domain::party::wire::{
    AddMemberRequest, BranchView, CorrectPointsRequest, CreateBranchRequest, ProposePointsRequest,
    ReviewPointsRequest, UpdateBranchRequest, UpdateMemberRequest,
};
use onestop_domain::party::{EntryState, PartyStanding, PointCategory};
use onestop_domain::problem::Problem;
use onestop_domain::{PointRuleId, UserId};

both_backends!(
    branches_sit_on_the_grid_and_members_are_seen_by_those_over_them,
    the_ledger_takes_four_eyes_and_corrections_are_new_entries,
);

pub fn fields(p: &Problem) -> Vec<(&str, &str)> {
    p.errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect()
}

pub async fn user_id(app: &TestApp, username: &str) -> UserId {
    app.login(username).await.me().await.unwrap().id
}

/// The organisation the tests work in: 庠园's 党工委 with office1 as its
/// secretary, X1's branch with counsellor1 as secretary and student1 (an
/// activist) and student2 (a probationary member) as members.
pub struct Org {
    pub committee: BranchView,
    pub x1: BranchView,
}

pub async fn organisation(app: &TestApp) -> Org {
    let admin = app.login("admin").await;
    let community = node(&admin, Level::Community, "庠园").await;
    let x1 = building(&admin, "X1").await;
    let create = |node_id, name: &str| CreateBranchRequest {
        node_id,
        name: name.into(),
        station: "一楼党员服务站".into(),
    };
    let committee = admin
        .create_branch(&create(community.id, "庠园社区党工委"))
        .await
        .unwrap();
    let branch = admin
        .create_branch(&create(x1.id, "庠园1栋特设党支部"))
        .await
        .unwrap();
    let joined = app.today() - Duration::days(100);
    let add = |user_id, standing| AddMemberRequest {
        user_id,
        standing,
        joined_on: joined,
    };
    admin
        .add_party_member(
            committee.id,
            &add(user_id(app, "office1").await, PartyStanding::Full),
        )
        .await
        .unwrap();
    for (who, standing) in [
        ("counsellor1", PartyStanding::Full),
        ("student1", PartyStanding::Activist),
        ("student2", PartyStanding::Probationary),
    ] {
        admin
            .add_party_member(branch.id, &add(user_id(app, who).await, standing))
            .await
            .unwrap();
    }
    let appoint = |b: &BranchView, secretary| UpdateBranchRequest {
        name: b.name.clone(),
        secretary_id: Some(secretary),
        station: b.station.clone(),
        version: b.version,
    };
    let committee = admin
        .update_branch(
            committee.id,
            &appoint(&committee, user_id(app, "office1").await),
        )
        .await
        .unwrap();
    let x1 = admin
        .update_branch(
            branch.id,
            &appoint(&branch, user_id(app, "counsellor1").await),
        )
        .await
        .unwrap();
    Org { committee, x1 }
}

pub async fn rule(client: &Client, code: &str) -> PointRuleId {
    client
        .point_rules()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.code == code)
        .unwrap()
        .id
}

async fn branches_sit_on_the_grid_and_members_are_seen_by_those_over_them(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let org = organisation(&app).await;
    assert_eq!(
        org.x1.committee.as_ref().map(|c| c.id),
        Some(org.committee.id)
    );
    assert_eq!(org.x1.members, 3);
    let admin = app.login("admin").await;
    let x1 = building(&admin, "X1").await;
    let again = CreateBranchRequest {
        node_id: x1.id,
        name: "又一个支部".into(),
        station: String::new(),
    };
    refused(admin.create_branch(&again).await, 409, "branch_exists");
    let r101 = room(&admin, "X1", "101").await;
    let on_room = CreateBranchRequest {
        node_id: r101.id,
        ..again.clone()
    };
    let p = refused(admin.create_branch(&on_room).await, 422, "validation");
    assert_eq!(fields(&p), [("node_id", "wrong_level")]);
    let student = app.login("student1").await;
    refused(student.create_branch(&again).await, 403, "forbidden");
    let counsellor = app.login("counsellor1").await;
    refused(counsellor.create_branch(&again).await, 403, "forbidden");

    // One branch at a time per person.
    let s1 = user_id(&app, "student1").await;
    let add = AddMemberRequest {
        user_id: s1,
        standing: PartyStanding::Activist,
        joined_on: app.today(),
    };
    refused(
        admin.add_party_member(org.committee.id, &add).await,
        409,
        "already_member",
    );
    // The secretary is a member of the branch.
    let appoint = UpdateBranchRequest {
        name: org.x1.name.clone(),
        secretary_id: Some(user_id(&app, "office1").await),
        station: org.x1.station.clone(),
        version: org.x1.version,
    };
    let p = refused(
        admin.update_branch(org.x1.id, &appoint).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("secretary_id", "not_a_member")]);

    // The branch's secretary and the 党工委's see its members; a member does not.
    for who in ["counsellor1", "office1", "admin"] {
        let detail = app.login(who).await.party_branch(org.x1.id).await.unwrap();
        assert!(detail.branch.oversees, "{who}");
        assert_eq!(detail.members.len(), 3, "{who}");
    }
    let detail = student.party_branch(org.x1.id).await.unwrap();
    assert!(!detail.branch.oversees);
    assert!(detail.members.is_empty());
    // Everyone sees the organisation itself.
    let all = student.party_branches(None).await.unwrap();
    assert!(all
        .iter()
        .any(|b| b.id == org.x1.id && b.secretary.is_some()));

    // A 示范寝室 is the member's own room; a 责任区 lies in the branch's building.
    let detail = counsellor.party_branch(org.x1.id).await.unwrap();
    let m = detail.members.iter().find(|m| m.person.id == s1).unwrap();
    let z1_room = room(&admin, "Z1", "101").await;
    let r102 = room(&admin, "X1", "102").await;
    let mut change = UpdateMemberRequest {
        standing: PartyStanding::Candidate,
        model_room_id: Some(r102.id),
        duty_room_ids: vec![r101.id, z1_room.id],
        ended_on: None,
        version: m.version,
    };
    let p = refused(
        counsellor.update_party_member(m.id, &change).await,
        422,
        "validation",
    );
    assert_eq!(
        fields(&p),
        [
            ("model_room_id", "not_yours"),
            ("duty_room_ids[1]", "not_in_building")
        ]
    );
    change.model_room_id = Some(r101.id);
    change.duty_room_ids = vec![r101.id, r102.id];
    let m = counsellor.update_party_member(m.id, &change).await.unwrap();
    assert_eq!(m.standing, PartyStanding::Candidate);
    assert_eq!(m.model_room.map(|r| r.id), Some(r101.id));
    assert_eq!(m.duty_rooms.len(), 2);
    refused(
        student.update_party_member(m.id, &change).await,
        403,
        "forbidden",
    );
    refused(
        counsellor.update_party_member(m.id, &change).await,
        409,
        "stale_version",
    );
    // Ending the membership frees the person for another branch.
    change.version = m.version;
    change.ended_on = Some(app.today());
    let ended = counsellor.update_party_member(m.id, &change).await.unwrap();
    assert!(ended.ended_on.is_some() && ended.duty_rooms.is_empty());
    admin
        .add_party_member(org.committee.id, &add)
        .await
        .unwrap();
    // A secretary who leaves leaves the post open.
    let c1 = user_id(&app, "counsellor1").await;
    let detail = admin.party_branch(org.x1.id).await.unwrap();
    let sec = detail.members.iter().find(|m| m.person.id == c1).unwrap();
    let leave = UpdateMemberRequest {
        standing: sec.standing,
        model_room_id: None,
        duty_room_ids: Vec::new(),
        ended_on: Some(app.today()),
        version: sec.version,
    };
    admin.update_party_member(sec.id, &leave).await.unwrap();
    let after = admin.party_branch(org.x1.id).await.unwrap();
    assert!(after.branch.secretary.is_none());
    assert_eq!(after.members.len(), 1);
}

async fn the_ledger_takes_four_eyes_and_corrections_are_new_entries(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let org = organisation(&app).await;
    let (student, secretary, committee) = (
        app.login("student1").await,
        app.login("counsellor1").await,
        app.login("office1").await,
    );
    let s1 = user_id(&app, "student1").await;
    let study = rule(&student, "study-day").await;
    let volunteer = rule(&student, "volunteer-day").await;
    let propose = |user_id, rule_id, days: i64| ProposePointsRequest {
        user_id,
        rule_id,
        occurred_on: app.today() - Duration::days(days),
        note: "党员“学习日”".into(),
    };
    let yes = ReviewPointsRequest {
        approve: true,
        note: String::new(),
    };

    // The member proposes; not they but the secretary approves, once.
    let e = student
        .propose_points(&propose(s1, study, 2))
        .await
        .unwrap();
    assert_eq!(
        (e.state, e.points, e.may_review),
        (EntryState::Pending, 2, false)
    );
    refused(student.review_points(e.id, &yes).await, 403, "forbidden");
    let e = secretary.review_points(e.id, &yes).await.unwrap();
    assert_eq!(e.state, EntryState::Approved);
    assert_eq!(
        e.approver.map(|p| p.id),
        Some(user_id(&app, "counsellor1").await)
    );
    refused(
        secretary.review_points(e.id, &yes).await,
        409,
        "not_pending",
    );

    // What the secretary proposes goes to the 党工委's secretary.
    let v = secretary
        .propose_points(&propose(s1, volunteer, 3))
        .await
        .unwrap();
    refused(secretary.review_points(v.id, &yes).await, 403, "forbidden");
    assert!(committee
        .list_points(&PointQuery {
            state: Some(EntryState::Pending),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .iter()
        .any(|p| p.id == v.id && p.may_review));
    committee.review_points(v.id, &yes).await.unwrap();

    // Refusals that change nothing.
    let s2 = user_id(&app, "student2").await;
    refused(
        student.propose_points(&propose(s2, study, 1)).await,
        403,
        "forbidden",
    );
    let outsider = user_id(&app, "handler1").await;
    let p = refused(
        secretary.propose_points(&propose(outsider, study, 1)).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("user_id", "not_a_member")]);
    let second = rule(&student, "second-classroom").await;
    let p = refused(
        student.propose_points(&propose(s1, second, 1)).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("rule_id", "automatic")]);
    let p = refused(
        student.propose_points(&propose(s1, study, -1)).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("occurred_on", "future")]);
    let p = refused(
        student.propose_points(&propose(s1, study, 91)).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("occurred_on", "too_old")]);
    let pending = student
        .propose_points(&propose(s1, study, 1))
        .await
        .unwrap();
    let bare_no = ReviewPointsRequest {
        approve: false,
        note: " ".into(),
    };
    let p = refused(
        secretary.review_points(pending.id, &bare_no).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("note", "reason_required")]);
    let no = ReviewPointsRequest {
        approve: false,
        note: "与 12 月 1 日的重复".into(),
    };
    let rejected = secretary.review_points(pending.id, &no).await.unwrap();
    assert_eq!(rejected.state, EntryState::Rejected);

    // A correction is a new entry holding the difference, decided like any other.
    let void = CorrectPointsRequest {
        points: 0,
        note: "重复登记".into(),
    };
    refused(student.correct_points(e.id, &void).await, 403, "forbidden");
    refused(
        secretary.correct_points(rejected.id, &void).await,
        409,
        "entry_not_approved",
    );
    let fix = secretary.correct_points(e.id, &void).await.unwrap();
    assert_eq!(
        (fix.points, fix.corrects, fix.state),
        (-2, Some(e.id), EntryState::Pending)
    );
    refused(
        secretary.correct_points(e.id, &void).await,
        409,
        "correction_pending",
    );
    committee.review_points(fix.id, &yes).await.unwrap();
    let p = refused(
        secretary.correct_points(e.id, &void).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("points", "unchanged")]);

    // The ledger: 2 − 2 + 4, and the rejected one not at all.
    let ledger = student.party_ledger(None, None).await.unwrap();
    assert_eq!(ledger.year, 2026);
    assert_eq!(ledger.entries.len(), 4);
    assert_eq!((ledger.totals.approved, ledger.totals.pending), (4, 0));
    let of = |c| {
        ledger
            .totals
            .by_category
            .iter()
            .find(|x| x.category == c)
            .unwrap()
            .points
    };
    assert_eq!(
        (of(PointCategory::StudyDay), of(PointCategory::Volunteer)),
        (0, 4)
    );
    assert_eq!(ledger.membership.map(|m| m.branch.id), Some(org.x1.id));
    // Last year's is empty; a year out of range is refused.
    let last = student.party_ledger(None, Some(2025)).await.unwrap();
    assert!(last.entries.is_empty());
    refused(
        student.party_ledger(None, Some(1999)).await,
        400,
        "validation",
    );

    // Who sees whose.
    let other = app.login("student2").await;
    refused(other.party_ledger(Some(s1), None).await, 404, "not_found");
    assert_eq!(
        committee
            .party_ledger(Some(s1), None)
            .await
            .unwrap()
            .totals
            .approved,
        4
    );
    let admin = app.login("admin").await;
    refused(
        admin.party_ledger(Some(UserId::new()), None).await,
        404,
        "not_found",
    );
    let everyone = other.list_points(&PointQuery::default()).await.unwrap();
    assert!(
        everyone.items.is_empty(),
        "a member sees no one else's entries"
    );
    let standings = secretary.branch_standings(org.x1.id, None).await.unwrap();
    assert_eq!(standings.members[0].member.person.id, s1);
    assert_eq!(standings.members[0].approved, 4);
    refused(
        student.branch_standings(org.x1.id, None).await,
        403,
        "forbidden",
    );

    // The tables themselves refuse to change a decided entry or to lose one.
    let mut raw = Raw::open(&app);
    let changed = raw.try_execute(&format!(
        "UPDATE party_points SET points = 40 WHERE id = '{}'",
        e.id
    ));
    assert!(changed.is_err(), "{changed:?}");
    let reopened = raw.try_execute(&format!(
        "UPDATE party_points SET state = 'pending' WHERE id = '{}'",
        e.id
    ));
    assert!(reopened.is_err(), "{reopened:?}");
    let deleted = raw.try_execute("DELETE FROM party_points");
    assert!(deleted.is_err(), "{deleted:?}");
    assert_eq!(
        student
            .party_ledger(None, None)
            .await
            .unwrap()
            .totals
            .approved,
        4
    );
}
