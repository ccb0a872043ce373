//! Submitting a request once: a client that retries with the same
//! `Idempotency-Key` and body gets the first answer again, and nothing is
//! filed twice; the same key with another body is refused.

use super::views::view;
use super::{create, Actor};
use crate::app::{AppError, AppResult};
use crate::auth::refresh;
use crate::db::repo::is_unique_violation;
use crate::db::repo::service::idempotency;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::service::Form;

/// The answer to a submission, as first given: its status and JSON body.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

pub fn submit(
    c: &mut DbConn,
    actor: &Actor,
    form: Form,
    key: Option<&str>,
    max_open: i64,
    now: DateTime<Utc>,
) -> AppResult<Answer> {
    let hash = refresh::digest(&serde_json::to_string(&form).map_err(AppError::internal)?);
    if let Some(k) = key {
        if let Some(prev) = idempotency::find(c, actor.id, k)? {
            if prev.request_hash != hash {
                return Err(AppError::Conflict {
                    code: ProblemCode::IdempotencyKeyReused,
                    detail: "this Idempotency-Key was used with a different request; use a new key"
                        .into(),
                });
            }
            return Ok(Answer {
                status: u16::try_from(prev.response_status).unwrap_or(201),
                body: prev.response_body,
            });
        }
    }
    let row = create::create(c, actor, form, max_open, now)?;
    let body = serde_json::to_string(&view(c, row)?).map_err(AppError::internal)?;
    if let Some(k) = key {
        idempotency::store(c, actor.id, k, &hash, 201, &body, now).map_err(|e| {
            if is_unique_violation(&e) {
                AppError::Conflict {
                    code: ProblemCode::IdempotencyKeyBusy,
                    detail: "a request with this key is being processed; retry in a moment".into(),
                }
            } else {
                e.into()
            }
        })?;
    }
    Ok(Answer { status: 201, body })
}
