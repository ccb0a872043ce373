//! JSON body and query-string extractors that name the field a bad value is in.
//!
//! actix's own `web::Json` reports "invalid type at line 1 column 20"; these
//! run serde through `serde_path_to_error`, check the content type and the
//! size limit, refuse NUL characters in any text (PostgreSQL cannot store
//! them, and no person types them), and turn every failure into a problem
//! document whose `errors[]` names the field.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use onestop_domain::dates::BadDate;
use onestop_domain::problem::ProblemCode;
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
                    code: ProblemCode::UnreadableBody,
                    detail: "the request body could not be read".into(),
                },
            })?;
            parse(&bytes).map(Json)
        })
    }
}

pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ApiError::BadRequest {
            code: ProblemCode::MalformedJson,
            detail: format!("the body is not valid JSON: {e}"),
        })?;
    // serde would also read a struct from an array of its fields in order;
    // every body here is an object, and the document says so.
    if !value.is_object() {
        return Err(ApiError::BadRequest {
            code: ProblemCode::MalformedJson,
            detail: "the body must be a JSON object".into(),
        });
    }
    from_value(value)
}

/// Deserialize an already-parsed JSON value, naming the field of a bad value.
pub fn from_value<T: DeserializeOwned>(mut value: serde_json::Value) -> Result<T, ApiError> {
    if let Some(field) = nul_in(&value, "") {
        return Err(nul(&field));
    }
    whole_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(problem)
}

fn nul(field: &str) -> ApiError {
    ApiError::field(
        field,
        "control_character",
        "the text contains a NUL character; remove it",
    )
}

/// `2.0` is the integer 2 in JSON (and in JSON Schema): make it one, so that
/// integer fields take it as generators and other languages write it.
fn whole_numbers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                #[allow(clippy::cast_possible_truncation)]
                let whole = f as i64;
                *v = Value::from(whole);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// The path (as `serde_path_to_error` writes it) of the first string holding a NUL.
fn nul_in(v: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    let key = |k: &str| {
        if at.is_empty() {
            k.to_owned()
        } else {
            format!("{at}.{k}")
        }
    };
    match v {
        Value::String(s) if s.contains('\0') => Some(at.to_owned()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| nul_in(x, &format!("{at}[{i}]"))),
        // Keys are never stored (an unknown one is refused after this), so only values count.
        Value::Object(map) => map.iter().find_map(|(k, x)| nul_in(x, &key(k))),
        _ => None,
    }
}

/// The optional `Idempotency-Key` header: 1 to 200 visible ASCII characters
/// (inner spaces allowed), as the document's pattern says.
pub struct IdempotencyKey(pub Option<String>);

pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// The `Idempotency-Key` header as the OpenAPI document states it, for
/// `params(IdempotencyHeader)` on every creating POST (`app/idempotency.rs`).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct IdempotencyHeader {
    /// Any unique string of visible ASCII (inner spaces allowed). The same key and body within
    /// 24 hours give the first answer again; the same key with another request is refused (422).
    #[serde(rename = "Idempotency-Key")]
    #[param(max_length = 200, pattern = r"^[!-~]([ -~]*[!-~])?$")]
    idempotency_key: Option<String>,
}

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(match req.headers().get(IDEMPOTENCY_HEADER) {
            None => Ok(IdempotencyKey(None)),
            Some(v) => v
                .to_str()
                .ok()
                .filter(|k| {
                    (1..=200).contains(&k.len())
                        && k.bytes().all(|b| (b' '..=b'~').contains(&b))
                        && !k.starts_with(' ')
                        && !k.ends_with(' ')
                })
                .map(|k| IdempotencyKey(Some(k.to_owned())))
                .ok_or_else(|| ApiError::BadRequest {
                    code: ProblemCode::BadIdempotencyKey,
                    detail: "the Idempotency-Key header must be 1 to 200 visible characters".into(),
                }),
        })
    }
}

/// A query string, read like a JSON body: a bad value is a 400 naming its parameter.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let pairs = form_urlencoded::parse(query.as_bytes());
    if let Some((k, _)) = pairs.clone().find(|(_, v)| v.contains('\0')) {
        return Err(nul(&k));
    }
    let de = serde_urlencoded::Deserializer::new(pairs);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let msg = e.into_inner().to_string();
        let code = if msg == BadDate.to_string() {
            BadDate::CODE
        } else if msg == onestop_domain::page::BadLimit.to_string() {
            "range"
        } else {
            "invalid"
        };
        ApiError::field(if field == "." { "" } else { &field }, code, msg)
    })
}

fn problem(err: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = err.path().to_string();
    let inner = err.into_inner();
    if inner.is_syntax() || inner.is_eof() {
        return ApiError::BadRequest {
            code: ProblemCode::MalformedJson,
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
    if msg == BadDate.to_string() {
        return ApiError::field(&prefix, BadDate::CODE, msg);
    }
    match (missing, unknown) {
        (Some(name), _) if prefix.is_empty() => ApiError::field(name, "required", msg.clone()),
        (Some(name), _) => ApiError::field(&format!("{prefix}.{name}"), "required", msg.clone()),
        // The path already ends at the unknown key.
        (None, Some(name)) if prefix.is_empty() => {
            ApiError::field(name, "unknown_field", msg.clone())
        }
        (None, Some(_)) => ApiError::field(&prefix, "unknown_field", msg.clone()),
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
    fn a_nul_anywhere_is_named() {
        let p = problem_of(r#"{"name": "a\u0000b", "copies": 2}"#);
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
            ("name", "control_character")
        );
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Nested {
            items: Vec<Form>,
        }
        let e = parse::<Nested>(
            br#"{"items": [{"name": "ok", "copies": 1}, {"name": "\u0000", "copies": 1}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.problem().errors[0].field, "items[1].name");
        // An escaped backslash followed by u0000 is not a NUL.
        assert!(parse::<Form>(br#"{"name": "\\u0000", "copies": 2}"#).is_ok());
    }

    #[test]
    fn query_values_name_their_parameter() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Q {
            limit: Option<u32>,
            since: Option<onestop_domain::dates::Day>,
        }
        let field = |q: &str| {
            let p = parse_query::<Q>(q).unwrap_err().problem();
            (p.errors[0].field.clone(), p.errors[0].code.clone())
        };
        assert_eq!(field("limit=lots"), ("limit".into(), "invalid".into()));
        assert_eq!(
            field("since=-262143-01-01"),
            ("since".into(), "date_range".into())
        );
        assert_eq!(
            field("since=2026-01-01&limit=%00"),
            ("limit".into(), "control_character".into())
        );
        assert!(parse_query::<Q>("since=2026-12-01&limit=5").is_ok());
    }

    #[test]
    fn whole_floats_are_integers() {
        let p = parse::<Form>(br#"{"name": "x", "copies": 2.0}"#).unwrap();
        assert_eq!(p.copies, 2);
        assert!(parse::<Form>(br#"{"name": "x", "copies": 2.5}"#).is_err());
    }

    #[test]
    fn broken_json_is_malformed() {
        assert_eq!(problem_of(r#"{"name": "#).code, "malformed_json");
    }

    #[test]
    fn an_unknown_field_is_named_once() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Strict {
            name: String,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            inner: Strict,
        }
        let p = parse::<Strict>(br#"{"name": "x", "nmae": "y"}"#)
            .unwrap_err()
            .problem();
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
            ("nmae", "unknown_field")
        );
        let p = parse::<Outer>(br#"{"inner": {"name": "x", "nmae": "y"}}"#)
            .unwrap_err()
            .problem();
        assert_eq!(p.errors[0].field, "inner.nmae");
    }

    #[test]
    fn only_an_object_is_a_body() {
        // serde alone would take this array for `Form { name: "x", copies: 2 }`.
        assert_eq!(problem_of(r#"["x", 2]"#).code, "malformed_json");
        assert_eq!(problem_of("null").code, "malformed_json");
    }
}
