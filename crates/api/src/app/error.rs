//! What the application layer answers when it refuses or fails: in the
//! terms of the use case, not of HTTP. The HTTP edge (error.rs) turns each
//! into its problem document, once; jobs and the seed see only this.

use crate::db::DbError;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{FieldError, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Fields refused, each named (a rule the document states, or one it cannot: see `FieldError::is_rule`).
    #[error("{} field(s) refused: {}", .0.0.len(), summary(.0))]
    Validation(ValidationErrors),
    /// The credentials are wrong, or no longer valid.
    #[error("{detail}")]
    Unauthorized { code: ProblemCode, detail: String },
    #[error("{detail}")]
    Forbidden { detail: String },
    #[error("{detail}")]
    NotFound { detail: String },
    /// The state of what is acted on does not allow it (a settled report, a stale version).
    #[error("{detail}")]
    Conflict { code: ProblemCode, detail: String },
    /// What was asked for is no longer kept.
    #[error("{detail}")]
    Gone { code: ProblemCode, detail: String },
    /// Not a request this endpoint can read (an OAuth grant it does not support).
    #[error("{detail}")]
    BadRequest { code: ProblemCode, detail: String },
    /// Well-formed, and refused for what it asks (a key reused for another request).
    #[error("{detail}")]
    Unprocessable { code: ProblemCode, detail: String },
    #[error("{detail}")]
    TooManyRequests {
        retry_after_secs: i64,
        detail: String,
    },
    /// The database cannot be reached, or the server is shutting down.
    #[error("the service cannot reach its database right now")]
    Unavailable,
    /// A bug or a broken invariant: logged, never shown.
    #[error("internal: {0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

fn summary(e: &ValidationErrors) -> String {
    e.0.iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    pub fn not_found(what: &str) -> Self {
        AppError::NotFound {
            detail: format!("{what} does not exist or is not visible to you"),
        }
    }

    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        AppError::Validation(ValidationErrors::single(FieldError::new(
            field, code, message,
        )))
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Pool(cause) => {
                tracing::error!(%cause, "database pool");
                AppError::Unavailable
            }
            DbError::Query(q) => q.into(),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<crate::blocking::ShuttingDown> for AppError {
    fn from(_: crate::blocking::ShuttingDown) -> Self {
        AppError::Unavailable
    }
}
