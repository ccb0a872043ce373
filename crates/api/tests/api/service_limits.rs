//! Limits that keep one person from flooding the hall: open requests per
//! student (configurable), one length for every note and comment, and a cap
//! on comments per request.

use crate::helpers::{call, Backend, TestApp};
use crate::service::{act, repair};
use futures_util::future::join_all;
use onestop_domain::service::notes::{COMMENTS_PER_REQUEST, NOTE_MAX_CHARS};
use reqwest::Method;
use serde_json::json;

both_backends!(
    a_student_has_at_most_the_configured_open_requests,
    notes_and_comments_share_one_length_and_comments_a_cap,
);

async fn a_student_has_at_most_the_configured_open_requests(b: Backend) {
    let app = TestApp::on(b)
        .env("ONESTOP_MAX_OPEN_REQUESTS", "3")
        .spawn()
        .await;
    let s1 = app.token("student1").await;
    let body = json!({"kind": "repair", "category": "water", "description": "漏水"});
    // Five at once: three are taken, two are told why.
    let results = join_all((0..5).map(|_| {
        call(
            &app,
            &s1,
            Method::POST,
            "/api/v1/requests",
            Some(body.clone()),
        )
    }))
    .await;
    let created: Vec<_> = results.iter().filter(|(s, _)| *s == 201).collect();
    let refused: Vec<_> = results.iter().filter(|(s, _)| *s == 409).collect();
    assert_eq!((created.len(), refused.len()), (3, 2), "{results:?}");
    assert_eq!(refused[0].1["code"], "too_many_open_requests");
    // Someone else is not affected; cancelling one makes room.
    repair(&app, &app.token("student2").await).await;
    let (s, _) = act(
        &app,
        &s1,
        &created[0].1,
        json!({"action": "cancel", "version": 1}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = call(&app, &s1, Method::POST, "/api/v1/requests", Some(body)).await;
    assert_eq!(s, 201);
}

async fn notes_and_comments_share_one_length_and_comments_a_cap(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let c1 = app.token("counsellor1").await;
    let request = repair(&app, &s1).await;
    let id = request["id"].as_str().unwrap();
    let too_long = "字".repeat(NOTE_MAX_CHARS + 1);
    let longest = "字".repeat(NOTE_MAX_CHARS);
    let comments = format!("/api/v1/requests/{id}/comments");
    let (s, body) = call(
        &app,
        &s1,
        Method::POST,
        &comments,
        Some(json!({"text": too_long})),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("text")),
        "{body}"
    );
    // A transition's optional note has the same limit (it had none).
    let (s, body) = act(
        &app,
        &c1,
        &request,
        json!({"action": "triage", "version": 1, "priority": "normal", "unit": "logistics", "note": too_long}),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("note")),
        "{body}"
    );
    let (s, body) = act(
        &app,
        &c1,
        &request,
        json!({"action": "reject", "version": 1, "reason": too_long}),
    )
    .await;
    assert_eq!(
        (s, body["errors"][0]["field"].as_str()),
        (400, Some("reason")),
        "{body}"
    );

    // Comments up to the cap, then a clear 409.
    let (s, _) = call(
        &app,
        &s1,
        Method::POST,
        &comments,
        Some(json!({"text": longest})),
    )
    .await;
    assert_eq!(s, 201);
    for i in 1..COMMENTS_PER_REQUEST {
        let (s, body) = call(
            &app,
            &s1,
            Method::POST,
            &comments,
            Some(json!({"text": format!("补充说明 {i}")})),
        )
        .await;
        assert_eq!(s, 201, "comment {i}: {body}");
    }
    let (s, body) = call(
        &app,
        &c1,
        Method::POST,
        &comments,
        Some(json!({"text": "one more"})),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("too_many_comments")),
        "{body}"
    );
}
