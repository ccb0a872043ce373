//! Bad input of every kind gets a problem document, never a bare error page.

use crate::helpers::{problem, Backend, TestApp};
use serde_json::json;

without_storage!(
    malformed_json_is_a_400_problem,
    a_wrong_type_names_the_field,
    a_body_without_json_content_type_is_415,
    an_over_large_body_is_413,
    bad_path_and_query_values_are_400,
    unknown_routes_under_api_are_404_problems,
    the_request_id_is_in_the_header_and_the_problem,
);

both_backends!(
    forbidden_is_403_and_changes_nothing,
    validation_names_every_bad_field,
);

async fn malformed_json_is_a_400_problem(b: Backend) {
    let app = TestApp::spawn(b).await;
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(r#"{"username": "student1", "password": "#)
        .send()
        .await
        .unwrap();
    problem(res, 400, "malformed_json").await;
}

async fn a_wrong_type_names_the_field(b: Backend) {
    let app = TestApp::spawn(b).await;
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "student1", "password": 1234}))
        .send()
        .await
        .unwrap();
    let body = problem(res, 400, "validation").await;
    assert_eq!(body["errors"][0]["field"], "password");
    assert_eq!(body["errors"][0]["code"], "invalid_type");

    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "student1"}))
        .send()
        .await
        .unwrap();
    let body = problem(res, 400, "validation").await;
    assert_eq!(body["errors"][0]["field"], "password");
    assert_eq!(body["errors"][0]["code"], "required");
}

async fn a_body_without_json_content_type_is_415(b: Backend) {
    let app = TestApp::spawn(b).await;
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body(r#"{"username": "student1", "password": "demo1234"}"#)
        .send()
        .await
        .unwrap();
    problem(res, 415, "unsupported_media_type").await;
}

async fn an_over_large_body_is_413(b: Backend) {
    let app = TestApp::spawn(b).await;
    let huge = format!(
        r#"{{"username": "student1", "password": "{}"}}"#,
        "x".repeat(300 * 1024)
    );
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    problem(res, 413, "payload_too_large").await;
}

async fn bad_path_and_query_values_are_400(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("admin").await;
    let res = app
        .http
        .get(app.url("/api/v1/users/not-a-uuid"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    problem(res, 400, "bad_path").await;
    // A bad query value is named like a bad body field.
    for (query, field) in [("limit=lots", "limit"), ("role=emperor", "role")] {
        let res = app
            .http
            .get(app.url(&format!("/api/v1/users?{query}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let body = problem(res, 400, "validation").await;
        assert_eq!(body["errors"][0]["field"], field, "{body}");
    }
    let res = app
        .http
        .get(app.url("/api/v1/users?cursor=@@@"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let body = problem(res, 400, "validation").await;
    assert_eq!(body["errors"][0]["field"], "cursor");
    let res = app
        .http
        .get(app.url(&format!("/api/v1/users/{}", uuid::Uuid::now_v7())))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    problem(res, 404, "not_found").await;
}

async fn unknown_routes_under_api_are_404_problems(b: Backend) {
    let app = TestApp::spawn(b).await;
    for path in ["/api/v1/nothing-here", "/api/v2/users", "/api"] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        problem(res, 404, "not_found").await;
    }
    // A known path with a method it does not take: 405, naming the ones it does.
    let res = app.http.delete(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    problem(res, 405, "method_not_allowed").await;
    let id = uuid::Uuid::now_v7();
    let res = app
        .http
        .request(
            reqwest::Method::TRACE,
            app.url(&format!("/api/v1/requests/{id}")),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    problem(res, 405, "method_not_allowed").await;
    let res = app.http.post(app.url("/healthz")).send().await.unwrap();
    problem(res, 405, "method_not_allowed").await;
    // Out of range, a page size is refused by name rather than quietly changed.
    let token = app.token("admin").await;
    for limit in ["0", "201"] {
        let res = app
            .http
            .get(app.url(&format!("/api/v1/users?limit={limit}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let body = problem(res, 400, "validation").await;
        assert_eq!(
            (
                body["errors"][0]["field"].as_str(),
                body["errors"][0]["code"].as_str()
            ),
            (Some("limit"), Some("range"))
        );
    }
}

async fn forbidden_is_403_and_changes_nothing(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("counsellor1").await;
    let res = app
        .http
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&json!({"username": "intruder", "display_name": "x", "password": "password1", "roles": ["admin"]}))
        .send()
        .await
        .unwrap();
    problem(res, 403, "forbidden").await;
    let admin = app.login("admin").await;
    let found = admin
        .list_users(&onestop_client::UserListQuery {
            q: Some("intruder".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(found.items.is_empty());
}

async fn validation_names_every_bad_field(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("admin").await;
    let res = app
        .http
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&json!({"username": "x", "display_name": "", "password": "short", "roles": []}))
        .send()
        .await
        .unwrap();
    let body = problem(res, 400, "validation").await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["username", "display_name", "password", "roles"]);
}

async fn the_request_id_is_in_the_header_and_the_problem(b: Backend) {
    let app = TestApp::spawn(b).await;
    let res = app.http.get(app.url("/api/v1/me")).send().await.unwrap();
    let header = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body = problem(res, 401, "missing_token").await;
    assert_eq!(body["request_id"], header.as_str());
    let res = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert!(res.headers().contains_key("x-request-id"));
}
