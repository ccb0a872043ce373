//! Attachments: limits, content checks, and who may fetch them.

use crate::helpers::{call, problem, Backend, TestApp};
use crate::service::repair;
use reqwest::multipart::{Form, Part};
use reqwest::Method;

both_backends!(attachments_are_checked_stored_and_guarded);

/// The smallest file a PNG sniffer accepts: the signature and an IHDR header.
pub fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    v.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    v
}

async fn upload(
    app: &TestApp,
    token: &str,
    id: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = Form::new().part(
        "file",
        Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str("image/png")
            .unwrap(),
    );
    app.http
        .post(app.url(&format!("/api/v1/requests/{id}/attachments")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn attachments_are_checked_stored_and_guarded(b: Backend) {
    let app = TestApp::spawn(b).await;
    let s1 = app.token("student1").await;
    let req = repair(&app, &s1).await;
    let id = req["id"].as_str().unwrap();

    let res = upload(&app, &s1, id, "../漏水 \"照片\".png", png()).await;
    assert_eq!(res.status(), 201);
    let att: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        (att["content_type"].as_str(), att["filename"].as_str()),
        (Some("image/png"), Some("漏水 照片.png"))
    );

    // The declared type and name do not matter: the bytes do.
    problem(
        upload(&app, &s1, id, "fake.png", b"just some text".to_vec()).await,
        415,
        "unsupported_media_type",
    )
    .await;
    problem(
        upload(
            &app,
            &s1,
            id,
            "big.png",
            [png(), vec![0; 10 * 1024 * 1024]].concat(),
        )
        .await,
        413,
        "payload_too_large",
    )
    .await;
    let res = app
        .http
        .post(app.url(&format!("/api/v1/requests/{id}/attachments")))
        .bearer_auth(&s1)
        .multipart(Form::new().text("note", "no file here"))
        .send()
        .await
        .unwrap();
    problem(res, 400, "validation").await;

    // Others cannot add to or read what they cannot see.
    let s2 = app.token("student2").await;
    problem(
        upload(&app, &s2, id, "x.png", png()).await,
        404,
        "not_found",
    )
    .await;
    let file = format!(
        "/api/v1/requests/{id}/attachments/{}",
        att["id"].as_str().unwrap()
    );
    for who in ["student2", "counsellor2", "handler1"] {
        let (s, _) = call(&app, &app.token(who).await, Method::GET, &file, None).await;
        assert_eq!(s, 404, "{who}");
    }
    let res = app
        .http
        .get(app.url(&file))
        .bearer_auth(app.token("counsellor1").await)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.bytes().await.unwrap().to_vec(), png());

    let (_, list) = call(
        &app,
        &s1,
        Method::GET,
        &format!("/api/v1/requests/{id}/attachments"),
        None,
    )
    .await;
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "rejected uploads left nothing behind"
    );
    let (_, timeline) = call(
        &app,
        &s1,
        Method::GET,
        &format!("/api/v1/requests/{id}/events"),
        None,
    )
    .await;
    assert_eq!(
        timeline
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "attachment")
            .count(),
        1
    );
}
