//! One idempotency mechanism for every POST that creates something. A client
//! that sends an `Idempotency-Key` and retries (a lost answer, a flaky phone
//! network) gets the first answer again and nothing is created twice; the same
//! key with another request is refused (422); two retries in flight at once
//! create one row (the second is told to retry, 409). Keys are kept 24 hours.
//!
//! The key is claimed first and its answer written in the same transaction as
//! what it created, so an acknowledged creation and its key commit or vanish
//! together, and two retries never both create.

use crate::app::{AppError, AppResult};
use crate::auth::refresh;
use crate::db::repo::idempotency;
use crate::db::repo::is_unique_violation;
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::UserId;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// How long a key is remembered.
pub const KEY_TTL_HOURS: i64 = 24;

/// A creating call that carries a key: whose it is, the key, and a digest of
/// what was asked (the operation and its input), to tell a retry from reuse.
#[derive(Debug, Clone)]
pub struct Once {
    user: UserId,
    key: String,
    fingerprint: String,
}

impl Once {
    /// `operation` names the call with its path ids (`POST /requests/{id}/comments`
    /// for one request); `input` is what was sent, as a serialisable value.
    pub fn new(
        user: UserId,
        key: Option<String>,
        operation: &str,
        input: &impl Serialize,
    ) -> AppResult<Option<Once>> {
        let Some(key) = key else { return Ok(None) };
        let body = serde_json::to_string(input).map_err(AppError::internal)?;
        Ok(Some(Once {
            user,
            key,
            fingerprint: refresh::digest(&format!("{operation}\n{body}")),
        }))
    }
}

/// Run `create` once per key, inside the caller's transaction; a retry gets
/// the first answer back, read from what was stored.
pub fn once<T: Serialize + DeserializeOwned>(
    c: &mut DbConn,
    once: Option<&Once>,
    now: DateTime<Utc>,
    create: impl FnOnce(&mut DbConn) -> AppResult<T>,
) -> AppResult<T> {
    let Some(once) = once else { return create(c) };
    let cutoff = now - Duration::hours(KEY_TTL_HOURS);
    if let Some(prev) = idempotency::find(c, once.user, &once.key)? {
        if crate::db::rows::from_db(prev.created_at) > cutoff {
            if prev.request_hash != once.fingerprint {
                return Err(AppError::Unprocessable {
                    code: ProblemCode::IdempotencyKeyReused,
                    detail: "this Idempotency-Key was used with a different request; use a new key"
                        .into(),
                });
            }
            return serde_json::from_str(&prev.response_body).map_err(AppError::internal);
        }
        // Expired: the key is free again.
        idempotency::delete(c, once.user, &once.key)?;
    }
    // Claim the key before creating anything: a retry in flight meets the
    // claim (on PostgreSQL it waits for this transaction, then finds the key
    // taken) instead of racing the creation itself into another conflict.
    idempotency::store(c, once.user, &once.key, &once.fingerprint, "", now).map_err(|e| {
        if is_unique_violation(&e) {
            AppError::Conflict {
                code: ProblemCode::IdempotencyKeyBusy,
                detail: "a request with this key is being processed; retry in a moment".into(),
            }
        } else {
            e.into()
        }
    })?;
    let made = create(c)?;
    let body = serde_json::to_string(&made).map_err(AppError::internal)?;
    idempotency::set_answer(c, once.user, &once.key, &body)?;
    Ok(made)
}
