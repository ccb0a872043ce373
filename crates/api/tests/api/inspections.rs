//! Inspections and their rectifications: who reaches which room, the
//! checklist scored whole, four eyes on the re-check, and the resident's view.

use crate::helpers::{refused, room, Backend, TestApp};
use crate::party::fields;
use crate::visits::december_first;
use chrono::Duration;
use onestop_client::{Client, InspectionQuery, PostQuery, RectificationQuery};
use onestop_domain::grid::PostType;
use onestop_domain::inspection::wire::{
    CreateChecklistItemRequest, CreateInspectionRequest, ItemScore, ProblemFound, RecheckRequest,
    UpdateChecklistItemRequest,
};
use onestop_domain::inspection::{InspectionKind, RectificationState};
use onestop_domain::NodeId;

/// Every active line of the kind at full points but the first, which gets `first`.
pub async fn scored(
    who: &Client,
    room_id: NodeId,
    kind: InspectionKind,
    first: i32,
) -> CreateInspectionRequest {
    let lines = who.checklist(Some(kind)).await.unwrap();
    let scores = lines
        .iter()
        .filter(|l| l.active)
        .enumerate()
        .map(|(i, l)| ItemScore {
            item_id: l.id,
            score: if i == 0 {
                first.min(l.max_score)
            } else {
                l.max_score
            },
        })
        .collect();
    CreateInspectionRequest {
        room_id,
        kind,
        scores,
        note: String::new(),
        problems: Vec::new(),
    }
}

both_backends!(
    inspections_reach_score_and_recheck,
    the_checklists_are_kept_by_student_affairs
);

async fn inspections_reach_score_and_recheck(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let counsellor = app.login("counsellor1").await;
    let r101 = room(&counsellor, "X1", "101").await;
    let r102 = room(&counsellor, "X1", "102").await;

    // The hygiene checklist sums to 100; a line short by 8 is 92 %.
    let h = scored(&counsellor, r102.id, InspectionKind::Hygiene, 17).await;
    let i = counsellor.create_inspection(&h).await.unwrap();
    assert_eq!((i.score, i.max_score, i.percent), (92, 100, 92.0));
    assert_eq!(i.month, "2026-12");
    assert_eq!(i.lines.len(), h.scores.len());
    assert!(i.rectifications.is_empty());

    // The checklist is scored whole, once a line, within its points.
    let mut missing = h.clone();
    missing.scores.pop();
    let p = refused(
        counsellor.create_inspection(&missing).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("scores", "incomplete")]);
    let mut twice = h.clone();
    twice.scores[1].item_id = twice.scores[0].item_id;
    let p = refused(
        counsellor.create_inspection(&twice).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p)[0], ("scores[1].item_id", "duplicate"));
    let mut over = h.clone();
    over.scores[0].score = 99;
    let p = refused(counsellor.create_inspection(&over).await, 422, "validation");
    assert_eq!(fields(&p), [("scores[0].score", "over_max")]);
    let mut wrong_kind = h.clone();
    wrong_kind.kind = InspectionKind::Reading;
    let p = refused(
        counsellor.create_inspection(&wrong_kind).await,
        422,
        "validation",
    );
    assert!(fields(&p).contains(&("scores[0].item_id", "unknown")));
    let mut late = scored(&counsellor, r101.id, InspectionKind::Safety, 0).await;
    late.problems.push(ProblemFound {
        description: "热得快".into(),
        due_on: app.today() - Duration::days(1),
    });
    let p = refused(counsellor.create_inspection(&late).await, 422, "validation");
    assert_eq!(fields(&p), [("problems[0].due_on", "past")]);
    let mut building = h.clone();
    building.room_id = crate::helpers::building(&counsellor, "X1").await.id;
    let p = refused(
        counsellor.create_inspection(&building).await,
        422,
        "validation",
    );
    assert_eq!(fields(&p), [("room_id", "not_a_room")]);

    // A safety problem becomes an open rectification.
    late.problems[0].due_on = app.today() + Duration::days(3);
    let s = counsellor.create_inspection(&late).await.unwrap();
    let fix = &s.rectifications[0];
    assert!(fix.safety);
    assert_eq!(fix.state, RectificationState::Open);

    // Reach: a student without posts, another building's counsellor.
    let student = app.login("student1").await;
    refused(student.create_inspection(&h).await, 403, "forbidden");
    refused(
        student.list_inspections(&InspectionQuery::default()).await,
        403,
        "forbidden",
    );
    let other = app.login("counsellor2").await;
    refused(other.create_inspection(&h).await, 404, "not_found");
    refused(other.get_inspection(i.id).await, 404, "not_found");
    let seen = other
        .list_inspections(&InspectionQuery::default())
        .await
        .unwrap();
    assert!(seen.items.iter().all(|x| x.id != i.id));
    let open = RectificationQuery {
        state: Some(RectificationState::Open),
        ..Default::default()
    };
    assert!(other
        .list_rectifications(&open)
        .await
        .unwrap()
        .items
        .iter()
        .all(|f| f.id != fix.id));
    let passed = RecheckRequest {
        passed: true,
        note: String::new(),
        due_on: None,
        version: fix.version,
    };
    refused(other.recheck(fix.id, &passed).await, 404, "not_found");

    // A dorm head checks the other rooms of the building, never their own.
    let admin = app.login("admin").await;
    let heads = admin
        .grid_posts(&PostQuery {
            node: Some(r102.id),
            post_type: Some(PostType::DormHead),
            active: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    let head_user = admin.get_user(heads.items[0].holder.id).await.unwrap();
    let head = app.login(&head_user.username).await;
    let own = scored(&head, r102.id, InspectionKind::Hygiene, 20).await;
    refused(head.create_inspection(&own).await, 403, "forbidden");
    let mut next_door = own.clone();
    next_door.room_id = r101.id;
    let by_head = head.create_inspection(&next_door).await.unwrap();
    assert_eq!(by_head.inspector.id, head_user.id);
    let z1 = room(&admin, "Z1", "101").await;
    next_door.room_id = z1.id;
    refused(head.create_inspection(&next_door).await, 404, "not_found");

    // Four eyes: the finder does not re-check; a failure needs a reason and a day.
    refused(counsellor.recheck(fix.id, &passed).await, 403, "forbidden");
    let office = app.login("office1").await;
    let failed = RecheckRequest {
        passed: false,
        note: String::new(),
        due_on: None,
        version: fix.version,
    };
    let p = refused(office.recheck(fix.id, &failed).await, 422, "validation");
    assert_eq!(
        fields(&p),
        [("note", "reason_required"), ("due_on", "incomplete")]
    );
    let failed = RecheckRequest {
        note: "插排仍串接".into(),
        due_on: Some(app.today() + Duration::days(7)),
        ..failed
    };
    let f = office.recheck(fix.id, &failed).await.unwrap();
    assert_eq!(f.state, RectificationState::Open);
    assert_eq!(f.due_on, app.today() + Duration::days(7));
    assert_eq!(f.rechecks.len(), 1);
    refused(office.recheck(fix.id, &passed).await, 409, "stale_version");

    // The resident sees the room's open problem; then it is put right.
    let mine = student.my_evaluation().await.unwrap();
    assert_eq!(mine.room.as_ref().map(|r| r.id), Some(r101.id));
    assert_eq!(mine.open.len(), 1);
    assert_eq!(mine.months[0].month, "2026-12");
    assert!(mine.months[0].safety_blocked);
    let done = office
        .recheck(
            fix.id,
            &RecheckRequest {
                version: f.version,
                ..passed.clone()
            },
        )
        .await
        .unwrap();
    assert_eq!(done.state, RectificationState::Closed);
    assert!(done.closed_at.is_some());
    refused(
        office
            .recheck(
                fix.id,
                &RecheckRequest {
                    version: done.version,
                    ..passed
                },
            )
            .await,
        409,
        "rectification_closed",
    );
    assert!(student.my_evaluation().await.unwrap().open.is_empty());
}

async fn the_checklists_are_kept_by_student_affairs(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    let new = CreateChecklistItemRequest {
        kind: InspectionKind::Hygiene,
        label_zh: "垃圾分类".into(),
        label_en: "Waste sorted".into(),
        max_score: 10,
    };
    // office1 is of 学生处, league1 of the Youth League.
    for who in ["counsellor1", "league1", "student1"] {
        refused(
            app.login(who).await.create_checklist_item(&new).await,
            403,
            "forbidden",
        );
    }
    let admin = app.login("office1").await;
    let line = admin.create_checklist_item(&new).await.unwrap();
    let counsellor = app.login("counsellor1").await;
    let r = room(&counsellor, "X1", "102").await;
    // The new line is part of the form now: the old form misses it.
    let full = scored(&counsellor, r.id, InspectionKind::Hygiene, 25).await;
    assert_eq!(
        counsellor.create_inspection(&full).await.unwrap().max_score,
        110
    );
    let retire = UpdateChecklistItemRequest {
        label_zh: line.label_zh.clone(),
        label_en: line.label_en.clone(),
        max_score: 10,
        position: line.position,
        active: false,
        version: line.version,
    };
    let retired = admin.update_checklist_item(line.id, &retire).await.unwrap();
    assert!(!retired.active);
    refused(
        admin.update_checklist_item(line.id, &retire).await,
        409,
        "stale_version",
    );
    let p = refused(counsellor.create_inspection(&full).await, 422, "validation");
    assert!(fields(&p).iter().any(|f| f.1 == "unknown"));
    // Retired lines stay listed: they explain the inspections made with them.
    let lines = counsellor
        .checklist(Some(InspectionKind::Hygiene))
        .await
        .unwrap();
    assert!(lines.iter().any(|l| l.id == line.id && !l.active));
}
