//! Every failure under /api becomes an RFC 9457 problem document with a
//! status chosen on purpose, a stable `code`, and a sentence a person can act
//! on. Causes of server-side failures are logged, never returned.

use crate::db::DbError;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use onestop_domain::problem::{Problem, ProblemCode, PROBLEM_CONTENT_TYPE};
use onestop_domain::{FieldError, ValidationErrors};
use std::fmt;

#[derive(Debug)]
pub enum ApiError {
    /// One entry per bad field: 400 when the request does not fit the OpenAPI
    /// document (type, length, pattern, range, a required field), 422 when it
    /// does and only rules the document cannot state refuse it (a code that
    /// names nothing, a CSV row, a date after today): see `FieldError::is_rule`.
    Validation(ValidationErrors),
    /// 400 for a request that cannot be read at all (malformed JSON, bad query).
    BadRequest {
        code: ProblemCode,
        detail: String,
    },
    /// 401: no credentials, or credentials that are not (or no longer) valid.
    Unauthorized {
        code: ProblemCode,
        detail: String,
    },
    Forbidden {
        detail: String,
    },
    NotFound {
        detail: String,
    },
    /// 405: the path exists, with other methods (listed in `Allow`).
    MethodNotAllowed {
        allow: Vec<&'static str>,
    },
    Conflict {
        code: ProblemCode,
        detail: String,
    },
    /// 410: what was asked for is no longer kept (a changes-feed cursor past the purge).
    Gone {
        code: ProblemCode,
        detail: String,
    },
    /// 422 with a code of its own (a refused field is `Validation`).
    Unprocessable {
        code: ProblemCode,
        detail: String,
    },
    PayloadTooLarge {
        limit: usize,
    },
    UnsupportedMediaType {
        detail: String,
    },
    TooManyRequests {
        retry_after_secs: i64,
        detail: String,
    },
    /// 503: the database is unreachable or the pool is exhausted.
    Unavailable,
    /// 500: logged with its cause; the client sees a generic sentence.
    Internal(String),
}

impl ApiError {
    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound {
            detail: format!("{what} does not exist or is not visible to you"),
        }
    }

    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(ValidationErrors::single(FieldError::new(
            field, code, message,
        )))
    }

    pub fn internal(cause: impl fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }

    fn parts(&self) -> (StatusCode, ProblemCode, &'static str, String) {
        use ApiError::*;
        match self {
            Validation(e) if e.only_rules() => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ProblemCode::Validation,
                "Refused input",
                format!("{} field(s) need attention: {}", e.0.len(), summary(e)),
            ),
            Validation(e) => (
                StatusCode::BAD_REQUEST,
                ProblemCode::Validation,
                "Invalid input",
                format!("{} field(s) need attention: {}", e.0.len(), summary(e)),
            ),
            BadRequest { code, detail } => (StatusCode::BAD_REQUEST, *code, "Bad request", detail.clone()),
            Unauthorized { code, detail } => (StatusCode::UNAUTHORIZED, *code, "Unauthorized", detail.clone()),
            Forbidden { detail } => (StatusCode::FORBIDDEN, ProblemCode::Forbidden, "Forbidden", detail.clone()),
            NotFound { detail } => (StatusCode::NOT_FOUND, ProblemCode::NotFound, "Not found", detail.clone()),
            MethodNotAllowed { allow } => (
                StatusCode::METHOD_NOT_ALLOWED,
                ProblemCode::MethodNotAllowed,
                "Method not allowed",
                format!("this endpoint answers {} only", allow.join(", ")),
            ),
            Conflict { code, detail } => (StatusCode::CONFLICT, *code, "Conflict", detail.clone()),
            Gone { code, detail } => (StatusCode::GONE, *code, "Gone", detail.clone()),
            Unprocessable { code, detail } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                *code,
                "Refused input",
                detail.clone(),
            ),
            PayloadTooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ProblemCode::PayloadTooLarge,
                "Payload too large",
                format!("the request body is larger than the limit of {limit} bytes"),
            ),
            UnsupportedMediaType { detail } => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ProblemCode::UnsupportedMediaType,
                "Unsupported media type",
                detail.clone(),
            ),
            TooManyRequests { detail, .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                ProblemCode::TooManyAttempts,
                "Too many attempts",
                detail.clone(),
            ),
            Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                ProblemCode::Unavailable,
                "Service unavailable",
                "the service cannot reach its database right now; try again in a minute".into(),
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ProblemCode::Internal,
                "Internal error",
                "something went wrong on our side; it has been logged. Quote the request id when reporting it".into(),
            ),
        }
    }

    pub fn problem(&self) -> Problem {
        let (status, code, title, detail) = self.parts();
        Problem {
            kind: format!("/problems/{}", code.as_str().replace('_', "-")),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: printable(detail),
            code: code.as_str().to_owned(),
            request_id: None,
            errors: match self {
                ApiError::Validation(e) => {
                    e.0.iter()
                        .map(|f| FieldError {
                            field: printable(f.field.clone()),
                            code: f.code.clone(),
                            message: printable(f.message.clone()),
                        })
                        .collect()
                }
                _ => Vec::new(),
            },
        }
    }
}

/// A problem quotes what the client sent (an unknown key, a bad code); a NUL
/// in it is shown as U+FFFD, since no text the API sends holds one.
fn printable(text: String) -> String {
    if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    }
}

fn summary(e: &ValidationErrors) -> String {
    e.0.iter()
        .map(|f| {
            if f.field.is_empty() {
                f.message.clone()
            } else {
                format!("{}: {}", f.field, f.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (status, code, _, detail) = self.parts();
        write!(f, "{} {code}: {detail}", status.as_u16())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(%cause, "internal error");
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, PROBLEM_CONTENT_TYPE));
        if let ApiError::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let ApiError::MethodNotAllowed { allow } = self {
            res.insert_header((header::ALLOW, allow.join(", ")));
        }
        if let ApiError::Unauthorized { .. } = self {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        res.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

/// The application layer's answer, as HTTP: the same kinds, one for one.
impl From<crate::app::AppError> for ApiError {
    fn from(e: crate::app::AppError) -> Self {
        use crate::app::AppError as A;
        match e {
            A::Validation(v) => ApiError::Validation(v),
            A::Unauthorized { code, detail } => ApiError::Unauthorized { code, detail },
            A::Forbidden { detail } => ApiError::Forbidden { detail },
            A::NotFound { detail } => ApiError::NotFound { detail },
            A::Conflict { code, detail } => ApiError::Conflict { code, detail },
            A::Gone { code, detail } => ApiError::Gone { code, detail },
            A::Unprocessable { code, detail } => ApiError::Unprocessable { code, detail },
            A::BadRequest { code, detail } => ApiError::BadRequest { code, detail },
            A::TooManyRequests {
                retry_after_secs,
                detail,
            } => ApiError::TooManyRequests {
                retry_after_secs,
                detail,
            },
            A::Unavailable => ApiError::Unavailable,
            A::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Validation(e)
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Pool(cause) => {
                tracing::error!(%cause, "database pool");
                ApiError::Unavailable
            }
            DbError::Query(q) => q.into(),
        }
    }
}

impl From<crate::blocking::ShuttingDown> for ApiError {
    fn from(_: crate::blocking::ShuttingDown) -> Self {
        ApiError::Unavailable
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        ApiError::Internal(format!("database: {e}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    fn status(errors: &[(&str, &str)]) -> u16 {
        let e = ValidationErrors(
            errors
                .iter()
                .map(|(field, code)| FieldError::new(*field, code, "x"))
                .collect(),
        );
        ApiError::Validation(e).problem().status
    }

    #[test]
    fn rules_the_document_cannot_state_are_422_and_the_rest_400() {
        assert_eq!(status(&[("unit", "unknown")]), 422);
        assert_eq!(status(&[("period", "too_old"), ("done_on", "future")]), 422);
        assert_eq!(status(&[("title", "required")]), 400);
        // One error the document states makes the whole answer a 400.
        assert_eq!(status(&[("unit", "unknown"), ("title", "length")]), 400);
    }

    #[test]
    fn a_problem_never_carries_a_nul() {
        let p = ApiError::field("a\0b", "unknown_field", "unknown field `a\0b`").problem();
        assert!(!p.detail.contains('\0') && !p.errors[0].field.contains('\0'));
        assert_eq!(p.errors[0].field, "a\u{FFFD}b");
    }
}
