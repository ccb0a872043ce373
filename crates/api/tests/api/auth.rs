use crate::helpers::{problem, Backend, TestApp, PASSWORD};
use base64::Engine;
use chrono::Duration;
use onestop_domain::user::ResetPasswordRequest;
use onestop_domain::Role;
use serde_json::json;

both_backends!(
    login_with_the_right_password_gives_tokens_that_work,
    a_wrong_password_and_an_unknown_user_look_the_same,
    repeated_failures_lock_the_username_until_the_lockout_ends,
    expired_tampered_and_unsigned_tokens_are_refused,
    refresh_rotates_and_a_reused_token_ends_the_family,
    logout_ends_the_session_and_refresh_expires,
    a_password_reset_ends_existing_sessions,
);

async fn login_with_the_right_password_gives_tokens_that_work(b: Backend) {
    let app = TestApp::spawn(b).await;
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "Student1", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert!(body["refresh_token"].as_str().unwrap().len() >= 40);

    let me = app
        .client()
        .with_token(body["access_token"].as_str().unwrap())
        .me()
        .await
        .unwrap();
    assert_eq!(me.username, "student1");
    assert_eq!(me.display_name, "张三");
    assert!(me.roles.contains(Role::Student));
    assert_eq!(me.unit.unwrap().code, "college-economics");
}

async fn a_wrong_password_and_an_unknown_user_look_the_same(b: Backend) {
    let app = TestApp::spawn(b).await;
    for (user, pw) in [("student1", "wrong-password"), ("nobody", PASSWORD)] {
        let res = app
            .http
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": user, "password": pw}))
            .send()
            .await
            .unwrap();
        let body = problem(res, 401, "invalid_credentials").await;
        assert_eq!(body["detail"], "the username or password is wrong");
    }
}

async fn repeated_failures_lock_the_username_until_the_lockout_ends(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c = app.client();
    for _ in 0..5 {
        let e = c.login("student1", "wrong-password").await.unwrap_err();
        assert_eq!(e.problem().unwrap().code, "invalid_credentials");
    }
    // Locked: even the right password is refused, with a time to wait.
    let res = app
        .http
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "student1", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["retry-after"], "60");
    problem(res, 429, "too_many_attempts").await;
    // Another username is not affected.
    c.login("student2", PASSWORD).await.unwrap();

    app.clock.advance(Duration::seconds(61));
    c.login("student1", PASSWORD).await.unwrap();
    // Success resets the count: one failure does not lock again.
    c.login("student1", "wrong-password").await.unwrap_err();
    c.login("student1", PASSWORD).await.unwrap();
}

async fn expired_tampered_and_unsigned_tokens_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let token = app.token("student1").await;
    let me = |t: String| app.http.get(app.url("/api/v1/me")).bearer_auth(t).send();

    let res = app.http.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    problem(res, 401, "missing_token").await;

    // Tampered: the payload claims another subject but keeps the old signature.
    let parts: Vec<&str> = token.split('.').collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut claims: serde_json::Value =
        serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = json!(uuid::Uuid::now_v7().to_string());
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(claims.to_string()),
        parts[2]
    );
    problem(me(forged).await.unwrap(), 401, "invalid_token").await;

    // alg: none, with the original claims and no signature.
    let none = format!(
        "{}.{}.",
        b64.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    problem(me(none).await.unwrap(), 401, "invalid_token").await;

    // Garbage.
    problem(me("not-a-jwt".into()).await.unwrap(), 401, "invalid_token").await;

    assert_eq!(me(token.clone()).await.unwrap().status(), 200);
    app.clock.advance(Duration::minutes(16));
    problem(me(token).await.unwrap(), 401, "token_expired").await;
}

async fn refresh_rotates_and_a_reused_token_ends_the_family(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c = app.client();
    let first = c.login("student1", PASSWORD).await.unwrap();
    let second = c.refresh(&first.refresh_token).await.unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    c.with_token(&second.access_token).me().await.unwrap();

    // A second login is a separate family and survives what follows.
    let other = c.login("student1", PASSWORD).await.unwrap();

    // The old token comes back at once: a lost answer (a reload mid-refresh), rotated again.
    let again = c.refresh(&first.refresh_token).await.unwrap();
    assert_ne!(again.refresh_token, second.refresh_token);
    // Later it is taken for a stolen copy: the whole family ends.
    app.clock.advance(Duration::seconds(31));
    let e = c.refresh(&first.refresh_token).await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "refresh_token_reused");
    for token in [&second.refresh_token, &again.refresh_token] {
        let e = c.refresh(token).await.unwrap_err();
        assert_eq!(e.problem().unwrap().code, "refresh_token_revoked");
    }
    c.refresh(&other.refresh_token).await.unwrap();

    let e = c.refresh("made-up-token").await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "invalid_refresh_token");
}

async fn logout_ends_the_session_and_refresh_expires(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c = app.client();
    let t = c.login("student2", PASSWORD).await.unwrap();
    c.logout(&t.refresh_token).await.unwrap();
    c.logout(&t.refresh_token).await.unwrap();
    let e = c.refresh(&t.refresh_token).await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "refresh_token_revoked");

    let t = c.login("student2", PASSWORD).await.unwrap();
    app.clock.advance(Duration::days(15));
    let e = c.refresh(&t.refresh_token).await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "refresh_token_expired");
}

async fn a_password_reset_ends_existing_sessions(b: Backend) {
    let app = TestApp::spawn(b).await;
    let c = app.client();
    let student = c.login("student1", PASSWORD).await.unwrap();
    let as_student = c.with_token(&student.access_token);
    let id = as_student.me().await.unwrap().id;

    app.clock.advance(Duration::seconds(1));
    let admin = app.login("admin").await;
    admin
        .reset_password(
            id,
            &ResetPasswordRequest {
                password: "new-password-1".into(),
            },
        )
        .await
        .unwrap();

    let e = as_student.me().await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "session_ended");
    let e = c.refresh(&student.refresh_token).await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "refresh_token_revoked");
    c.login("student1", PASSWORD).await.unwrap_err();
    app.clock.advance(Duration::milliseconds(5));
    c.login("student1", "new-password-1").await.unwrap();
}
