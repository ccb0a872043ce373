//! Structured logs with the request id on every line, and the same id in
//! every response (header `x-request-id`, and `request_id` in problem bodies)
//! so a user's report can be matched to the server's log.

use crate::config::LogFormat;
use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use onestop_domain::problem::PROBLEM_CONTENT_TYPE;
use tracing_actix_web::RequestId;
use tracing_subscriber::EnvFilter;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    // A second init (tests start many servers in one process) is harmless.
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Middleware: count each request and its latency by route pattern and status.
pub async fn measure(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = std::time::Instant::now();
    let metrics = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map(|s| s.metrics.clone());
    let method = req.method().as_str().to_owned();
    let res = next.call(req).await?;
    if let Some(m) = metrics {
        // Patterns, not paths: one series per route, whatever the ids.
        let route = res.request().match_pattern().unwrap_or_else(|| {
            if res.request().path().starts_with("/api/") {
                "unmatched".to_owned()
            } else {
                "web app".to_owned()
            }
        });
        m.observe(
            &method,
            route,
            res.status().as_u16(),
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(res)
}

/// Middleware: copy the request id that `TracingLogger` assigned into the response.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().map(|r| r.to_string());
    let res = next.call(req).await?.map_into_boxed_body();
    let Some(id) = id else { return Ok(res) };
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_CONTENT_TYPE.as_bytes());
    let mut res = if is_problem {
        let (req, res) = res.into_parts();
        let (mut head, body) = res.into_parts();
        let bytes = body::to_bytes(body).await.unwrap_or_default();
        let patched = match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(serde_json::Value::Object(mut map)) => {
                map.insert("request_id".into(), serde_json::Value::String(id.clone()));
                serde_json::to_vec(&map).unwrap_or_else(|_| bytes.to_vec())
            }
            _ => bytes.to_vec(),
        };
        head.headers_mut().remove(header::CONTENT_LENGTH);
        ServiceResponse::new(req, head.set_body(BoxBody::new(patched)))
    } else {
        res
    };
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), v);
    }
    Ok(res)
}
