//! The points table: kept by 党群工作部 alone; an entry keeps the points it
//! was given when its rule changes, and a retired rule takes no new entries.

use crate::helpers::{refused, Backend, TestApp};
use crate::party::{fields, organisation, user_id};
use crate::visits::december_first;
use onestop_domain::party::wire::{
    CreatePointRuleRequest, ProposePointsRequest, ReviewPointsRequest, UpdatePointRuleRequest,
};
use onestop_domain::party::PointCategory;

both_backends!(the_rules_table_is_kept_by_party_affairs);

async fn the_rules_table_is_kept_by_party_affairs(b: Backend) {
    let app = TestApp::on(b).at(december_first()).spawn().await;
    organisation(&app).await;
    let admin = app.login("admin").await;
    let new = CreatePointRuleRequest {
        code: "red-film".into(),
        category: PointCategory::StudyDay,
        name_zh: "观看红色电影并交流".into(),
        name_en: "Red film and discussion".into(),
        points: 1,
    };
    for who in ["office1", "counsellor1", "student1"] {
        refused(
            app.login(who).await.create_point_rule(&new).await,
            403,
            "forbidden",
        );
    }
    let r = admin.create_point_rule(&new).await.unwrap();
    refused(admin.create_point_rule(&new).await, 409, "rule_exists");
    let zero = CreatePointRuleRequest {
        code: "nothing".into(),
        points: 0,
        ..new.clone()
    };
    let p = refused(admin.create_point_rule(&zero).await, 422, "validation");
    assert_eq!(fields(&p), [("points", "zero")]);

    // An entry keeps its points when the rule changes; a retired rule takes no new ones.
    let student = app.login("student1").await;
    let s1 = user_id(&app, "student1").await;
    let req = ProposePointsRequest {
        user_id: s1,
        rule_id: r.id,
        occurred_on: app.today(),
        note: "《长津湖》观影".into(),
    };
    let e = student.propose_points(&req).await.unwrap();
    let retire = UpdatePointRuleRequest {
        name_zh: r.name_zh.clone(),
        name_en: r.name_en.clone(),
        points: 3,
        active: false,
        version: r.version,
    };
    let r2 = admin.update_point_rule(r.id, &retire).await.unwrap();
    assert_eq!((r2.points, r2.active, r2.version), (3, false, 2));
    refused(
        admin.update_point_rule(r.id, &retire).await,
        409,
        "stale_version",
    );
    let p = refused(student.propose_points(&req).await, 422, "validation");
    assert_eq!(fields(&p), [("rule_id", "inactive")]);
    let secretary = app.login("counsellor1").await;
    let e = secretary
        .review_points(
            e.id,
            &ReviewPointsRequest {
                approve: true,
                note: String::new(),
            },
        )
        .await
        .unwrap();
    assert_eq!(e.points, 1);
}
