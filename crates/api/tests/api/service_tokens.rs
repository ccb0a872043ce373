//! Service tokens: client credentials give a short-lived token with the
//! account's scopes, and every endpoint checks the scope it declares in the
//! OpenAPI document (the list comes from the document, not from this file).

use crate::helpers::{Backend, TestApp};
use onestop_client::Client;
use onestop_domain::integration::wire::{CreateServiceAccountRequest, IssuedSecret};
use onestop_domain::integration::ClientScope;
use serde_json::Value;

both_backends!(
    client_credentials_give_a_scoped_token,
    rotation_revocation_and_deactivation_take_effect,
    every_endpoint_checks_the_scope_it_declares,
);

async fn account(app: &TestApp, scopes: &[ClientScope], allowed: &[&str]) -> IssuedSecret {
    app.login("admin")
        .await
        .create_service_account(&CreateServiceAccountRequest {
            name: "后勤报修系统".into(),
            unit: "logistics".into(),
            scopes: scopes.to_vec(),
            allowed_addresses: allowed.iter().map(|a| a.to_string()).collect(),
            expires_on: None,
        })
        .await
        .unwrap()
}

/// `POST /auth/token` as a form; the status and the JSON answer.
async fn token(app: &TestApp, form: &[(&str, &str)]) -> (u16, Value) {
    let res = app
        .http
        .post(app.url("/api/v1/auth/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn client_token(app: &TestApp, issued: &IssuedSecret, scope: Option<&str>) -> String {
    let id = issued.client_id.to_string();
    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("client_id", id.as_str()),
        ("client_secret", issued.client_secret.as_str()),
    ];
    if let Some(s) = scope {
        form.push(("scope", s));
    }
    let (status, body) = token(app, &form).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_owned()
}

async fn client_credentials_give_a_scoped_token(b: Backend) {
    use ClientScope::*;
    let app = TestApp::spawn(b).await;
    let issued = account(&app, &[RequestsRead, GridRead], &[]).await;
    let id = issued.client_id.to_string();
    let secret = issued.client_secret.as_str();
    let (s, body) = token(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", secret),
        ],
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["scope"], "requests:read grid:read");
    // JSON and HTTP Basic work as well; a narrower scope narrows the token.
    let res = app
        .http
        .post(app.url("/api/v1/auth/token"))
        .basic_auth(&id, Some(secret))
        .json(&serde_json::json!({"grant_type": "client_credentials", "scope": "grid:read"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let narrow: Value = res.json().await.unwrap();
    assert_eq!(narrow["scope"], "grid:read");
    for (form, status, code) in [
        (
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", id.as_str()),
                ("client_secret", "oss_wrong"),
            ],
            401,
            "invalid_client",
        ),
        (
            vec![
                ("grant_type", "password"),
                ("client_id", id.as_str()),
                ("client_secret", secret),
            ],
            400,
            "unsupported_grant_type",
        ),
        (
            vec![
                ("grant_type", "client_credentials"),
                ("client_id", id.as_str()),
                ("client_secret", secret),
                ("scope", "roster:write"),
            ],
            400,
            "invalid_scope",
        ),
    ] {
        let (s, body) = token(&app, &form).await;
        assert_eq!((s, body["code"].as_str()), (status, Some(code)), "{body}");
    }

    // The token reaches what its scopes name, and nothing else.
    let system = Client::new(&app.base).with_token(client_token(&app, &issued, None).await);
    system
        .list_requests(&Default::default())
        .await
        .expect("requests:read");
    system.grid_children(None).await.expect("grid:read");
    let err = system.buildings().await;
    assert!(err.is_ok(), "grid:read covers the building list");
    let lacking = system
        .check_out(&onestop_domain::grid::wire::CheckOutRequest {
            student_id: onestop_domain::UserId::new(),
        })
        .await
        .unwrap_err();
    let p = lacking.problem().unwrap();
    assert_eq!(p.status, 403);
    assert!(p.detail.contains("roster:write"), "{p:?}");
    let people_only = system.me().await.unwrap_err();
    assert!(people_only.problem().unwrap().detail.contains("for people"));

    // Asked from an address outside the account's ranges: no token.
    let fenced = account(&app, &[RequestsRead], &["10.0.0.0/8"]).await;
    let fid = fenced.client_id.to_string();
    let (s, body) = token(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &fid),
            ("client_secret", &fenced.client_secret),
        ],
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (401, Some("invalid_client")),
        "{body}"
    );
    // Its use is recorded: when, and from where.
    let seen = app
        .login("admin")
        .await
        .service_account(issued.client_id)
        .await
        .unwrap();
    assert!(seen.last_used_at.is_some());
    assert_eq!(seen.last_used_addr.as_deref(), Some("127.0.0.1"));
}

async fn rotation_revocation_and_deactivation_take_effect(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let first = account(&app, &[ClientScope::RequestsRead], &[]).await;
    let second = admin.rotate_secret(first.client_id).await.unwrap();
    // Both work during the overlap.
    client_token(&app, &first, None).await;
    let token2 = client_token(&app, &second, None).await;
    admin
        .revoke_secret(first.client_id, first.secret_id)
        .await
        .unwrap();
    let id = first.client_id.to_string();
    let (s, _) = token(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &first.client_secret),
        ],
    )
    .await;
    assert_eq!(s, 401, "the revoked secret");
    client_token(&app, &second, None).await;
    // Deactivated: no new token, and the one it holds stops working.
    admin
        .deactivate_service_account(first.client_id)
        .await
        .unwrap();
    let (s, _) = token(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &second.client_secret),
        ],
    )
    .await;
    assert_eq!(s, 401);
    let held = Client::new(&app.base).with_token(token2);
    let err = held.list_requests(&Default::default()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
}

/// A path of the document with its parameters filled in.
fn concrete(path: &str) -> String {
    let nil = "00000000-0000-0000-0000-000000000000";
    let mut out = String::new();
    for part in path.split('/') {
        if !out.is_empty() || path.starts_with('/') {
            out.push('/');
        }
        out.push_str(match part {
            "{level}" => "room",
            "{kind}" => "repair",
            "{priority}" => "urgent",
            "{unit}" => "logistics",
            p if p.starts_with('{') => nil,
            p => p,
        });
    }
    out.replacen("//", "/", 1)
}

async fn every_endpoint_checks_the_scope_it_declares(b: Backend) {
    let app = TestApp::spawn(b).await;
    let doc: Value = serde_json::from_str(&onestop_api::openapi::document_json()).unwrap();
    // One narrow scope (only the endpoints declaring it open), and then every scope there is.
    let narrow = ClientScope::MetricsRead;
    let none = account(&app, &[narrow], &[]).await;
    let all = account(&app, &ClientScope::ALL, &[]).await;
    let weak = client_token(&app, &none, None).await;
    let strong = client_token(&app, &all, None).await;
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let Some(security) = op["security"].as_array().filter(|s| !s.is_empty()) else {
                continue;
            };
            let needed: Option<Vec<&str>> =
                security.iter().find_map(|r| r.get("client")).map(|s| {
                    s.as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_str().unwrap())
                        .collect()
                });
            let url = app.url(&concrete(path));
            let call = |token: &str| {
                app.http
                    .request(method.to_ascii_uppercase().parse().unwrap(), &url)
                    .bearer_auth(token)
                    .send()
            };
            let res = call(&weak).await.unwrap();
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            match &needed {
                Some(scopes) if scopes.is_empty() || scopes.contains(&narrow.as_str()) => {
                    assert_ne!(status, 403, "{method} {path}: a token holding it: {body}")
                }
                Some(scopes) => {
                    assert_eq!(status, 403, "{method} {path}: {body}");
                    assert!(
                        scopes
                            .iter()
                            .any(|s| body["detail"].as_str().unwrap_or("").contains(s)),
                        "{method} {path} names the scope it needs: {body}"
                    );
                }
                None => {
                    assert_eq!(status, 403, "{method} {path}: {body}");
                    assert!(
                        body["detail"].as_str().unwrap_or("").contains("for people"),
                        "{method} {path}: {body}"
                    );
                }
            }
            if needed.as_ref().is_some_and(|s| !s.is_empty()) {
                let status = call(&strong).await.unwrap().status().as_u16();
                assert!(
                    status != 403 && status != 401,
                    "{method} {path}: the scope it declares opens it ({status})"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked} operations checked");
}
