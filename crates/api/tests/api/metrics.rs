//! `GET /metrics`: Prometheus text for administrators and monitoring
//! systems holding `metrics:read`; nobody else.

use crate::helpers::{problem, Backend, TestApp};

both_backends!(metrics_count_requests_jobs_and_the_backlog);

async fn metrics_count_requests_jobs_and_the_backlog(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    admin.me().await.unwrap();
    let res = app
        .http
        .get(app.url("/metrics"))
        .bearer_auth(app.token("admin").await)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    let text = res.text().await.unwrap();
    for needle in [
        r#"onestop_http_requests_total{method="GET",route="/api/v1/me",status="200"}"#,
        r#"onestop_http_request_duration_seconds_count{method="GET",route="/api/v1/me",status="200"} 1"#,
        r#"onestop_job_runs_total{job="deadline_watch",outcome="ok"} 1"#,
        r#"onestop_db_pool_connections{"#,
        "onestop_webhook_deliveries_waiting 0",
        "onestop_live_streams 0",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    assert!(text.ends_with("# EOF\n"));
    // Ids never make a series of their own.
    assert!(!text.contains("/api/v1/requests/0"), "{text}");
    let res = app
        .http
        .get(app.url("/metrics"))
        .bearer_auth(app.token("student1").await)
        .send()
        .await
        .unwrap();
    problem(res, 403, "forbidden").await;
    let res = app.http.get(app.url("/metrics")).send().await.unwrap();
    problem(res, 401, "missing_token").await;
}
