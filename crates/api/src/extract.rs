//! A JSON body extractor that names the field a type error is in.
//!
//! actix's own `web::Json` reports "invalid type at line 1 column 20"; this
//! one runs serde through `serde_path_to_error`, checks the content type and
//! the size limit, and turns every failure into a problem document.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// The largest JSON body accepted anywhere (file uploads have their own limit).
pub const JSON_LIMIT: usize = 256 * 1024;

pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let essence = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                essence == "application/json" || essence.ends_with("+json")
            })
            .unwrap_or(false);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::UnsupportedMediaType {
                    detail: "send the body as JSON with `Content-Type: application/json`".into(),
                });
            }
            let bytes = body.await.map_err(|e| match e.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit: JSON_LIMIT },
                _ => ApiError::BadRequest {
                    code: "unreadable_body",
                    detail: "the request body could not be read".into(),
                },
            })?;
            parse(&bytes).map(Json)
        })
    }
}

pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(problem)
}

/// Deserialize an already-parsed JSON value, naming the field of a type error.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(problem)
}

fn problem(err: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = err.path().to_string();
    let inner = err.into_inner();
    if inner.is_syntax() || inner.is_eof() {
        return ApiError::BadRequest {
            code: "malformed_json",
            detail: format!("the body is not valid JSON: {inner}"),
        };
    }
    let msg = strip_position(&inner.to_string());
    let prefix = if path == "." { String::new() } else { path };
    // "missing field `x`" is reported at the parent; name the field itself.
    let missing = msg
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'));
    let unknown = msg
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    match (missing, unknown) {
        (Some(name), _) if prefix.is_empty() => ApiError::field(name, "required", msg.clone()),
        (Some(name), _) => ApiError::field(&format!("{prefix}.{name}"), "required", msg.clone()),
        (None, Some(name)) if prefix.is_empty() => {
            ApiError::field(name, "unknown_field", msg.clone())
        }
        _ => ApiError::field(&prefix, "invalid_type", msg),
    }
}

/// serde_json appends " at line 1 column 42", which means nothing to a form.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Form {
        name: String,
        copies: u32,
    }

    fn problem_of(body: &str) -> onestop_domain::problem::Problem {
        parse::<Form>(body.as_bytes()).unwrap_err().problem()
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        let p = problem_of(r#"{"name": "x", "copies": "two"}"#);
        assert_eq!(p.code, "validation");
        assert_eq!(p.errors[0].field, "copies");
        assert!(!p.errors[0].message.contains("line 1"));
    }

    #[test]
    fn a_missing_field_is_named() {
        let p = problem_of(r#"{"copies": 2}"#);
        assert_eq!(p.errors[0].field, "name");
        assert_eq!(p.errors[0].code, "required");
    }

    #[test]
    fn broken_json_is_malformed() {
        assert_eq!(problem_of(r#"{"name": "#).code, "malformed_json");
    }
}
