//! Attachments: limits, content checks, and who may fetch them.

use crate::helpers::{problem, Backend, TestApp};
use crate::service_flow::leak;
use onestop_domain::service::wire::{AttachmentView, EventKind};
use reqwest::multipart::{Form, Part};

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
    let student = app.login("student1").await;
    let s1 = app.token("student1").await;
    let request = leak(&student).await.id;
    let id = &request.to_string();

    let res = upload(&app, &s1, id, "../漏水 \"照片\".png", png()).await;
    assert_eq!(res.status(), 201);
    let att: AttachmentView = res.json().await.unwrap();
    assert_eq!(
        (att.content_type.as_str(), att.filename.as_str()),
        ("image/png", "漏水 照片.png")
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
    let file = format!("/api/v1/requests/{id}/attachments/{}", att.id);
    for who in ["student2", "counsellor2", "handler1"] {
        let err = app.login(who).await.download(&file).await.unwrap_err();
        assert_eq!(err.status(), Some(404), "{who}");
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

    let list = student.attachments(request).await.unwrap();
    assert_eq!(list.len(), 1, "rejected uploads left nothing behind");
    let timeline = student.timeline(request).await.unwrap();
    assert_eq!(
        timeline
            .iter()
            .filter(|e| e.kind == EventKind::Attachment)
            .count(),
        1
    );
}
