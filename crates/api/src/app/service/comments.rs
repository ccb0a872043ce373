//! Comments on a request's timeline: anyone who may see the request, up to
//! a limit per request (counted under the request's lock, so a burst cannot pass it).

use super::effects::{self, Change};
use super::views::visible;
use super::Actor;
use crate::app::{AppError, AppResult};
use crate::db::repo::service::{events, requests};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::service::notes;
use onestop_domain::service::wire::{EventKind, EventView};
use uuid::Uuid;

/// Add a checked comment (`notes::note`) to a request the actor may see.
pub fn add(
    c: &mut DbConn,
    actor: &Actor,
    id: &Uuid,
    text: &str,
    now: DateTime<Utc>,
) -> AppResult<EventView> {
    let row = visible(c, actor, id)?;
    requests::lock(c, row.id)?;
    if events::count_of_kind(c, row.id, EventKind::Comment)? >= notes::COMMENTS_PER_REQUEST {
        return Err(AppError::Conflict {
            code: ProblemCode::TooManyComments,
            detail: format!(
                "this request has {} comments, as many as one request holds; start a new request or call the office",
                notes::COMMENTS_PER_REQUEST
            ),
        });
    }
    events::add(
        c,
        events::NewEvent {
            request_id: row.id,
            kind: EventKind::Comment,
            actor: Some(actor.id),
            action: None,
            from: None,
            to: None,
            note: Some(text),
            data: serde_json::json!({}),
        },
        now,
    )?;
    effects::record(c, &row, Some(actor.id), Change::Commented { text }, now)?;
    events::timeline(c, row.id)?
        .pop()
        .ok_or_else(|| AppError::internal("comment vanished"))
}
