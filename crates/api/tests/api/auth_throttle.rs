//! Sign-in throttling under pressure: bursts in parallel, spraying across
//! names, absurd input, the password-change door, and counters that expire.

use crate::helpers::{problem, Backend, TestApp, PASSWORD};
use crate::raw::Raw;
use chrono::Duration;
use futures_util::future::join_all;
use onestop_domain::user::ChangePasswordRequest;
use serde_json::json;

both_backends!(
    a_parallel_burst_gets_five_tries_and_then_429,
    over_long_credentials_are_refused_before_any_lookup,
    spraying_many_names_from_one_address_locks_the_address,
    changing_a_password_is_throttled_like_signing_in,
    counters_of_unknown_names_expire,
);

async fn login_status(app: &TestApp, username: &str, password: &str, from: Option<&str>) -> u16 {
    let mut rb = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": password}));
    if let Some(addr) = from {
        rb = rb.header("x-forwarded-for", addr);
    }
    rb.send().await.unwrap().status().as_u16()
}

async fn a_parallel_burst_gets_five_tries_and_then_429(b: Backend) {
    let app = TestApp::spawn(b).await;
    let statuses =
        join_all((0..40).map(|_| login_status(&app, "student1", "wrong-password", None))).await;
    let count = |s: u16| statuses.iter().filter(|&&x| x == s).count();
    assert_eq!((count(401), count(429)), (5, 35), "{statuses:?}");
    // Locked: even the right password waits.
    assert_eq!(login_status(&app, "student1", PASSWORD, None).await, 429);
    app.clock.advance(Duration::seconds(61));
    assert_eq!(login_status(&app, "student1", PASSWORD, None).await, 200);
}

async fn over_long_credentials_are_refused_before_any_lookup(b: Backend) {
    let app = TestApp::spawn(b).await;
    let long_name = "a".repeat(65);
    for _ in 0..6 {
        let res = app
            .http
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": long_name, "password": "wrong-password"}))
            .send()
            .await
            .unwrap();
        let body = problem(res, 400, "validation").await;
        assert_eq!(body["errors"][0]["field"], "username");
    }
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "student1", "password": "x".repeat(100_000)}))
        .send()
        .await
        .unwrap();
    let body = problem(res, 400, "validation").await;
    assert_eq!(body["errors"][0]["field"], "password");
    // Nothing was counted, for the name or the address.
    assert_eq!(Raw::open(&app).count("login_throttle"), 0);
    assert_eq!(login_status(&app, "student1", PASSWORD, None).await, 200);
}

async fn spraying_many_names_from_one_address_locks_the_address(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_TRUSTED_PROXIES", "127.0.0.1")
        .spawn()
        .await;
    let attacker = Some("203.0.113.7");
    // One guess per name: no username ever reaches its own limit.
    for i in 0..50 {
        let status = login_status(&app, &format!("2026{i:05}"), "123456", attacker).await;
        assert_eq!(status, 401, "attempt {i}");
    }
    assert_eq!(
        login_status(&app, "student2", "123456", attacker).await,
        429
    );
    assert_eq!(
        login_status(&app, "student1", PASSWORD, attacker).await,
        429
    );
    // Someone else behind the same proxy is not affected.
    assert_eq!(
        login_status(&app, "student1", PASSWORD, Some("203.0.113.8")).await,
        200
    );
}

async fn changing_a_password_is_throttled_like_signing_in(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("student1").await;
    let attempt = |current: &str| ChangePasswordRequest {
        current_password: current.into(),
        new_password: "a-new-passphrase".into(),
    };
    for _ in 0..5 {
        let res = app
            .http
            .post(app.url("/api/v1/me/password"))
            .bearer_auth(&token)
            .json(&attempt("guess-guess"))
            .send()
            .await
            .unwrap();
        problem(res, 403, "forbidden").await;
    }
    let res = app
        .http
        .post(app.url("/api/v1/me/password"))
        .bearer_auth(&token)
        .json(&attempt(PASSWORD))
        .send()
        .await
        .unwrap();
    assert!(res.headers().contains_key("retry-after"));
    problem(res, 429, "too_many_attempts").await;
    // The same counter guards signing in.
    assert_eq!(login_status(&app, "student1", PASSWORD, None).await, 429);
}

async fn counters_of_unknown_names_expire(b: Backend) {
    let app = TestApp::spawn(b).await;
    for i in 0..3 {
        login_status(&app, &format!("nobody{i}"), "wrong-password", None).await;
    }
    // Three names and the address.
    assert_eq!(Raw::open(&app).count("login_throttle"), 4);
    assert_eq!(app.purge_throttle().await, 0, "still within their window");
    app.clock.advance(Duration::hours(2));
    assert_eq!(app.purge_throttle().await, 4);
    assert_eq!(Raw::open(&app).count("login_throttle"), 0);
}
