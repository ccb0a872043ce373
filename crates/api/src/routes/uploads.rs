//! An upload as every area takes it (a request's attachments, a report's
//! evidence, a visit's photos): whether the caller may add one is checked
//! before the bytes are read, so a refused upload costs nothing; the file is
//! received and checked (`crate::files`); then the row is written under the
//! idempotency key, where the area checks again under its lock.

use crate::app::idempotency::{once, Once};
use crate::app::AppResult;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::extract::IdempotencyKey;
use crate::files::{self, Received};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::HttpResponse;
use chrono::{DateTime, Utc};
use onestop_domain::UserId;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Which content types an area takes of those `crate::files` stores, and
/// what it says of the rest (a 415).
pub struct Only {
    pub takes: fn(&str) -> bool,
    pub refusal: &'static str,
}

/// Who uploads, under which key, to which operation (`POST /visits/{id}/photos`,
/// the name the key is kept under), and which of the stored types it takes.
pub struct Upload {
    pub by: UserId,
    pub key: IdempotencyKey,
    pub operation: String,
    pub only: Option<Only>,
}

/// Answers 201 with what `add` made of the file.
pub async fn accept<T, R, May, Add>(
    state: &AppState,
    payload: Multipart,
    up: Upload,
    may: May,
    add: Add,
) -> ApiResult<HttpResponse>
where
    T: Serialize + DeserializeOwned + Send + 'static,
    R: Send + 'static,
    May: FnOnce(&mut DbConn) -> AppResult<R> + Send + 'static,
    Add: FnOnce(&mut DbConn, Received, DateTime<Utc>) -> AppResult<T> + Send + 'static,
{
    state
        .db
        .read(move |c| may(c).map(drop).map_err(ApiError::from))
        .await?;
    let file = files::receive(payload, &state.settings.data_dir).await?;
    if let Some(only) = up.only {
        if !(only.takes)(file.content_type) {
            return Err(ApiError::UnsupportedMediaType {
                detail: only.refusal.into(),
            });
        }
    }
    let sent = (&file.sha256, &file.filename);
    let key = Once::new(up.by, up.key.0, &up.operation, &sent)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| add(c, file, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}
