//! The seeded plan against plan.json, task by task, and who may read it.

use crate::helpers::{call, Backend, TestApp};
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeSet;

both_backends!(
    the_seeded_plan_matches_plan_json,
    tasks_filter_by_section_and_unit
);

fn plan_json() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seed/plan.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

async fn the_seeded_plan_matches_plan_json(b: Backend) {
    let app = TestApp::spawn(b).await;
    let office = app.token("office1").await;
    let (s, plans) = call(&app, &office, Method::GET, "/api/v1/plans", None).await;
    assert_eq!(s, 200);
    assert_eq!(plans.as_array().unwrap().len(), 1);
    assert_eq!(
        (plans[0]["tasks"].as_i64(), plans[0]["sections"].as_i64()),
        (Some(12), Some(3))
    );
    let id = plans[0]["id"].as_str().unwrap();
    let (_, tree) = call(
        &app,
        &office,
        Method::GET,
        &format!("/api/v1/plans/{id}"),
        None,
    )
    .await;
    let (_, units) = call(&app, &office, Method::GET, "/api/v1/units", None).await;
    let codes = |kind: &str| -> BTreeSet<String> {
        units
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["kind"] == kind)
            .map(|u| u["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let (colleges, departments) = (codes("college"), codes("department"));
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
    assert_eq!(tree["plan"]["doc_number"], spec["plan"]["doc_number"]);
    let tasks: Vec<&Value> = tree["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["tasks"].as_array().unwrap())
        .collect();
    assert_eq!(tasks.len(), 12);
    for want in spec["tasks"].as_array().unwrap() {
        let got = tasks
            .iter()
            .find(|t| t["no"] == want["no"])
            .unwrap_or_else(|| panic!("task {}", want["no"]));
        assert_eq!(
            (&got["title_zh"], &got["section_no"]),
            (&want["title_zh"], &want["section"])
        );
        let parts = want["parts"].as_array().unwrap();
        assert_eq!(
            got["parts"].as_array().unwrap().len(),
            parts.len(),
            "task {}",
            want["no"]
        );
        for (i, p) in parts.iter().enumerate() {
            let gp = &got["parts"][i];
            assert_eq!(gp["summary_zh"], p["summary_zh"]);
            let role = |r: &str| -> BTreeSet<String> {
                gp["units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|u| u["role"] == r)
                    .map(|u| u["unit"]["code"].as_str().unwrap().to_owned())
                    .collect()
            };
            let lead = expand(&p["lead"]);
            let coop: BTreeSet<String> = expand(&p["coop"]).difference(&lead).cloned().collect();
            assert_eq!(
                role("lead"),
                lead,
                "task {} part {} lead",
                want["no"],
                i + 1
            );
            assert_eq!(
                role("cooperating"),
                coop,
                "task {} part {} cooperating",
                want["no"],
                i + 1
            );
        }
    }
    // The plan's own example: task 7 is led by 团委.
    let seven = tasks.iter().find(|t| t["no"] == 7).unwrap();
    let leads: Vec<&str> = seven["parts"][0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["role"] == "lead")
        .map(|u| u["unit"]["name_zh"].as_str().unwrap())
        .collect();
    assert_eq!(leads, ["团委"]);
    // Seeding again loads nothing twice.
    let (_, again) = call(&app, &office, Method::GET, "/api/v1/plans", None).await;
    assert_eq!(again.as_array().unwrap().len(), 1);
}

async fn tasks_filter_by_section_and_unit(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.token("admin").await;
    let nos = |v: &Value| -> Vec<i64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["no"].as_i64().unwrap())
            .collect()
    };
    let (_, s3) = call(&app, &admin, Method::GET, "/api/v1/tasks?section=3", None).await;
    assert_eq!(nos(&s3), [10, 11, 12]);
    let (_, led) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/tasks?unit=youth-league&role=lead",
        None,
    )
    .await;
    assert_eq!(nos(&led), [7]);
    let (_, any) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/tasks?unit=youth-league",
        None,
    )
    .await;
    assert_eq!(
        nos(&any),
        [1, 5, 7, 8, 9, 10, 11, 12],
        "5 and 8 through 各职能部门"
    );
    let (_, college) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/tasks?unit=college-law&role=lead",
        None,
    )
    .await;
    assert_eq!(nos(&college), [4], "各二级学院 lead task 4");
    let id = s3[0]["id"].as_str().unwrap();
    let (s, one) = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/tasks/{id}"),
        None,
    )
    .await;
    assert_eq!((s, one["no"].as_i64()), (200, Some(10)));
    // A filter that names no unit matches no task, like any other filter.
    let (s, none) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/tasks?unit=nowhere",
        None,
    )
    .await;
    assert_eq!((s, none.as_array().map(Vec::len)), (200, Some(0)));
    let (s, _) = call(
        &app,
        &app.token("student1").await,
        Method::GET,
        "/api/v1/plans",
        None,
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/tasks/{}", uuid::Uuid::now_v7()),
        None,
    )
    .await;
    assert_eq!(s, 404);
}
