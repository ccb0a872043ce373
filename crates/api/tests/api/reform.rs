//! The seeded plan against plan.json, task by task, and who may read it.

use crate::helpers::{Backend, TestApp};
use onestop_client::TaskQuery;
use onestop_domain::reform::wire::{PartView, TaskView};
use onestop_domain::reform::UnitRole;
use onestop_domain::unit::UnitKind;
use serde_json::Value;
use std::collections::BTreeSet;

both_backends!(
    the_seeded_plan_matches_plan_json,
    tasks_filter_by_section_and_unit
);

/// The customer's plan as written (the spec the seed loads).
fn plan_json() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seed/plan.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn in_role(part: &PartView, role: UnitRole) -> BTreeSet<String> {
    part.units
        .iter()
        .filter(|u| u.role == role)
        .map(|u| u.unit.code.clone())
        .collect()
}

async fn the_seeded_plan_matches_plan_json(b: Backend) {
    let app = TestApp::spawn(b).await;
    let office = app.login("office1").await;
    let plans = office.plans().await.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!((plans[0].tasks, plans[0].sections), (12, 3));
    let tree = office.plan(plans[0].id).await.unwrap();
    let units = office.units().await.unwrap();
    let codes = |kind: UnitKind| -> BTreeSet<String> {
        units
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| u.code.clone())
            .collect()
    };
    let (colleges, departments) = (codes(UnitKind::College), codes(UnitKind::Department));
    let expand = |list: &Value| -> BTreeSet<String> {
        list.as_array()
            .unwrap()
            .iter()
            .flat_map(|c| match c.as_str().unwrap() {
                "all-colleges" => colleges.iter().cloned().collect::<Vec<_>>(),
                "all-functional-depts" => departments.iter().cloned().collect(),
                other => vec![other.to_owned()],
            })
            .collect()
    };
    let spec = plan_json();
    assert_eq!(tree.plan.doc_number, spec["plan"]["doc_number"]);
    let tasks: Vec<&TaskView> = tree.sections.iter().flat_map(|s| &s.tasks).collect();
    assert_eq!(tasks.len(), 12);
    for want in spec["tasks"].as_array().unwrap() {
        let no = want["no"].as_i64().unwrap();
        let got = tasks
            .iter()
            .find(|t| i64::from(t.no) == no)
            .unwrap_or_else(|| panic!("task {no}"));
        assert_eq!(got.title_zh, want["title_zh"]);
        assert_eq!(i64::from(got.section_no), want["section"].as_i64().unwrap());
        let parts = want["parts"].as_array().unwrap();
        assert_eq!(got.parts.len(), parts.len(), "task {no}");
        for (i, (p, gp)) in parts.iter().zip(&got.parts).enumerate() {
            assert_eq!(gp.summary_zh, p["summary_zh"]);
            let lead = expand(&p["lead"]);
            let coop: BTreeSet<String> = expand(&p["coop"]).difference(&lead).cloned().collect();
            let part = i + 1;
            assert_eq!(
                in_role(gp, UnitRole::Lead),
                lead,
                "task {no} part {part} lead"
            );
            assert_eq!(
                in_role(gp, UnitRole::Cooperating),
                coop,
                "task {no} part {part} cooperating"
            );
        }
    }
    // The plan's own example: task 7 is led by 团委.
    let seven = tasks.iter().find(|t| t.no == 7).unwrap();
    let leads: Vec<&str> = seven.parts[0]
        .units
        .iter()
        .filter(|u| u.role == UnitRole::Lead)
        .map(|u| u.unit.name_zh.as_str())
        .collect();
    assert_eq!(leads, ["团委"]);
    // Seeding again loads nothing twice.
    assert_eq!(office.plans().await.unwrap().len(), 1);
}

async fn tasks_filter_by_section_and_unit(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let nos = |query: TaskQuery| {
        let admin = &admin;
        async move {
            admin
                .tasks(&query)
                .await
                .unwrap()
                .iter()
                .map(|t| t.no)
                .collect::<Vec<_>>()
        }
    };
    let of = |unit: &str, role: Option<UnitRole>| TaskQuery {
        unit: Some(unit.into()),
        role,
        ..Default::default()
    };
    let section3 = TaskQuery {
        section: Some(3),
        ..Default::default()
    };
    assert_eq!(nos(section3.clone()).await, [10, 11, 12]);
    assert_eq!(nos(of("youth-league", Some(UnitRole::Lead))).await, [7]);
    assert_eq!(
        nos(of("youth-league", None)).await,
        [1, 5, 7, 8, 9, 10, 11, 12],
        "5 and 8 through 各职能部门"
    );
    assert_eq!(
        nos(of("college-law", Some(UnitRole::Lead))).await,
        [4],
        "各二级学院 lead task 4"
    );
    let first = admin.tasks(&section3).await.unwrap().remove(0);
    assert_eq!(admin.task(first.id).await.unwrap().no, 10);
    // A filter that names no unit matches no task, like any other filter.
    assert!(nos(of("nowhere", None)).await.is_empty());
    let err = app.login("student1").await.plans().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    let err = admin.task(uuid::Uuid::now_v7()).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
}
