use crate::helpers::{problem, Backend, TestApp};
use onestop_api::{openapi, seed};
use std::path::Path;

both_backends!(health_and_readiness_answer, seeding_twice_changes_nothing,);

without_storage!(the_served_spec_matches_the_code_and_the_docs_page_works);

async fn health_and_readiness_answer(b: Backend) {
    let mut app = TestApp::spawn(b).await;
    for path in ["/healthz", "/readyz"] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "ok");
    }
    if app.backend == Backend::Postgres {
        app.drop_database();
        let res = app.http.get(app.url("/readyz")).send().await.unwrap();
        problem(res, 503, "unavailable").await;
        let res = app.http.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), 200, "alive even when not ready");
    }
}

async fn the_served_spec_matches_the_code_and_the_docs_page_works(b: Backend) {
    let app = TestApp::spawn(b).await;
    let served: serde_json::Value = app
        .http
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let expected: serde_json::Value = serde_json::from_str(&openapi::document_json()).unwrap();
    assert_eq!(served, expected);
    assert!(served["paths"]["/api/v1/auth/login"]["post"].is_object());
    assert!(served["components"]["securitySchemes"]["bearer"].is_object());

    let res = app.http.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    // Like the app's pages: a policy, no framing by other sites, no sniffing.
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let html = res.text().await.unwrap();
    assert!(html.contains("swagger"), "{html}");
    // The page's scripts come from this server, not a CDN.
    assert!(!html.contains("https://"), "{html}");
    let res = app
        .http
        .get(app.url("/api/docs/swagger-ui-bundle.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Every API answer, success or problem, says its type is to be believed.
    for path in ["/api/v1/openapi.json", "/api/v1/me", "/healthz"] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.headers()["x-content-type-options"], "nosniff", "{path}");
    }
}

async fn seeding_twice_changes_nothing(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let before = admin.list_users(&Default::default()).await.unwrap();
    let db = app_db(&app).await;
    let clock = app.clock.clone();
    let report =
        actix_web::web::block(move || seed::demo(&db, &clock, seed::grid::DemoScale::TINY))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(report.users_created, 0);
    assert_eq!(report.units, 25);
    assert_eq!(report.beds, 0, "the grid is built once");
    let after = admin.list_users(&Default::default()).await.unwrap();
    assert_eq!(before, after);
    assert_eq!(admin.units().await.unwrap().len(), 25);
}

/// A second handle on the test server's database, as `onestop seed` would open it.
async fn app_db(app: &TestApp) -> onestop_api::db::Db {
    onestop_api::db::Db::connect(&app.database_url, 1).unwrap()
}

/// openapi/openapi.json is generated from the code; this fails when it is stale.
#[test]
fn the_committed_openapi_document_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = openapi::document_json();
    assert!(
        committed == current,
        "openapi/openapi.json is stale. Regenerate it with:\n\n    cargo run -q -p onestop-api -- openapi > openapi/openapi.json\n"
    );
}

/// Both dialects have the same migrations, each with an up and a down.
#[test]
fn migration_folders_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let names = |d: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(d))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("sqlite");
    assert_eq!(sqlite, names("postgres"));
    for d in ["sqlite", "postgres"] {
        for m in &sqlite {
            for f in ["up.sql", "down.sql"] {
                assert!(
                    root.join(d).join(m).join(f).is_file(),
                    "{d}/{m}/{f} is missing"
                );
            }
        }
    }
}
