//! The built web app, served from `ONESTOP_WEB_DIR` on the API's port.
//! Unknown paths outside /api get index.html so that deep links survive a
//! reload; unknown paths under /api get a problem document.

use crate::error::ApiError;
use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, Responder, ResponseError};
use std::path::{Path, PathBuf};

/// `scripts/build-web` names the wasm, its JS and the stylesheet
/// `name-<16 hex digits of their hash>.ext`.
fn is_fingerprinted(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split_once('.').map_or(file, |(stem, _)| stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// What the web app may load: its own files and API, its wasm (compiled, hence
/// `wasm-unsafe-eval`), pictures it makes (`blob:`, `data:`); no inline
/// scripts, no framing by other sites.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The API docs page (Swagger UI, served from the binary): its own scripts,
/// the inline styles Swagger UI sets, its data: icons; no framing either.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// Headers for the web app's files. Caching: a fingerprinted file never
/// changes under its name, so browsers keep it for a year; everything else
/// (index.html and the app's routes) is revalidated each time, so a new build
/// shows at once. Security: the policy above, and no MIME sniffing.
pub async fn web_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    // No response is ever to be read as another type than it says.
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if path == "/api/docs" || path.starts_with("/api/docs/") {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CSP));
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        return Ok(res);
    }
    if is_api(&path) {
        return Ok(res);
    }
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if res.status().is_success() && !res.headers().contains_key(CACHE_CONTROL) {
        let policy = if is_fingerprinted(&path) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    Ok(res)
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn unknown_endpoint(path: &str) -> HttpResponse {
    ApiError::NotFound {
        detail: format!("there is no endpoint at {path}; see /api/docs for the list"),
    }
    .error_response()
}

/// The static files service, or `None` when the web app has not been built.
pub fn files(dir: &Path) -> Option<Files> {
    let index = dir.join("index.html");
    if !index.is_file() {
        return None;
    }
    Some(
        Files::new("/", dir)
            .index_file("index.html")
            .use_etag(true)
            .use_last_modified(true)
            .default_handler(actix_web::dev::fn_service(move |req: ServiceRequest| {
                let index = index.clone();
                async move { Ok(fallback(req, Some(index)).await) }
            })),
    )
}

/// What answers when nothing else matched.
pub async fn fallback(req: ServiceRequest, index: Option<PathBuf>) -> ServiceResponse {
    let path = req.path().to_owned();
    let (req, _) = req.into_parts();
    // A path the API has (the probes too), with a method it does not answer there: 405.
    let allow = req
        .app_data::<actix_web::web::Data<crate::openapi::Spec>>()
        .map(|spec| spec.methods_for(&path))
        .unwrap_or_default();
    if !allow.is_empty() {
        return ServiceResponse::new(req, ApiError::MethodNotAllowed { allow }.error_response());
    }
    if is_api(&path) {
        return ServiceResponse::new(req, unknown_endpoint(&path));
    }
    match index {
        Some(index) => match NamedFile::open_async(index).await {
            Ok(f) => {
                let res = f
                    .customize()
                    .insert_header(("Cache-Control", "no-cache"))
                    .respond_to(&req)
                    .map_into_boxed_body();
                ServiceResponse::new(req, res)
            }
            Err(e) => ServiceResponse::new(req, ApiError::internal(e).error_response()),
        },
        None => ServiceResponse::new(
            req,
            HttpResponse::NotFound()
                .content_type("text/html; charset=utf-8")
                .body(NOT_BUILT),
        ),
    }
}

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>onestop</title>\
<p>The web app has not been built, or <code>ONESTOP_WEB_DIR</code> points elsewhere. \
Run <code>scripts/build-web</code>, or use the API: <a href=/api/docs>/api/docs</a>.</p>";

#[cfg(test)]
mod tests {
    use super::is_fingerprinted;

    #[test]
    fn only_hashed_names_are_immutable() {
        assert!(is_fingerprinted("/onestop_web_bg-0123456789abcdef.wasm"));
        assert!(is_fingerprinted("/style-fedcba9876543210.css"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/style.css"));
        assert!(!is_fingerprinted("/requests/new-repair"));
        assert!(!is_fingerprinted("/x-0123456789abcdeg.js"));
    }
}
