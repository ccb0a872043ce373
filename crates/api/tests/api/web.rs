//! The web app's files on the API's port: content types, compression,
//! caching by name, and index.html for the app's own routes.

use crate::helpers::{problem, Backend, TestApp};

without_storage!(the_web_app_is_served_with_types_compression_and_caching);

const WASM: &str = "/onestop_web_bg-0123456789abcdef.wasm";

async fn the_web_app_is_served_with_types_compression_and_caching(b: Backend) {
    let web = tempfile::tempdir().unwrap();
    std::fs::write(
        web.path().join("index.html"),
        format!("<!doctype html><script type=module src=\"{WASM}\"></script>"),
    )
    .unwrap();
    // Compressible, and big enough to be worth it.
    std::fs::write(web.path().join(&WASM[1..]), vec![0u8; 64 * 1024]).unwrap();
    std::fs::write(web.path().join("robots.txt"), "User-agent: *\n").unwrap();
    let app = TestApp::spawn_serving(b, Some(web.path())).await;
    let get = |path: &str| {
        app.http
            .get(app.url(path))
            .header("Accept-Encoding", "gzip")
            .send()
    };
    let header = |res: &reqwest::Response, name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };

    let wasm = get(WASM).await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(header(&wasm, "content-type"), "application/wasm");
    assert_eq!(header(&wasm, "content-encoding"), "gzip");
    assert_eq!(
        header(&wasm, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert!(wasm.bytes().await.unwrap().len() < 64 * 1024);

    for path in ["/", "/queue?state=open", "/requests/0190-not-a-file"] {
        let res = get(path).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(
            header(&res, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&res, "cache-control"), "no-cache", "{path}");
        let etag = header(&res, "etag");
        assert!(!etag.is_empty(), "{path} revalidates by etag");
        let again = app
            .http
            .get(app.url(path))
            .header("If-None-Match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
    }
    let index = get("/").await.unwrap();
    let csp = header(&index, "content-security-policy");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(&index, "x-content-type-options"), "nosniff");
    let robots = get("/robots.txt").await.unwrap();
    assert!(header(&robots, "content-type").starts_with("text/plain"));
    assert_eq!(header(&robots, "cache-control"), "no-cache");

    // Under /api an unknown path is the API's 404, never the app.
    for path in ["/api/v1/nothing-here", "/api/nothing"] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        problem(res, 404, "not_found").await;
    }
}
