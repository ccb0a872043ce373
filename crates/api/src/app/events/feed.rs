//! Reading events in commit order from a position: the requests changes
//! feed for other systems, and each server's live stream.

use crate::app::{AppError, AppResult};
use crate::db::repo::events::outbox::{self, Position};
use crate::db::repo::service::requests::{self, Visibility};
use crate::db::rows::{from_db, from_json, OutboxRow};
use crate::db::DbConn;
use diesel::QueryResult;
use onestop_domain::integration::events::WebhookEvent;
use onestop_domain::problem::ProblemCode;
use onestop_domain::RequestId;

/// An event as every reader gets it.
pub fn envelope(row: &OutboxRow) -> QueryResult<WebhookEvent> {
    Ok(WebhookEvent {
        id: row.id,
        event_type: row.event_type,
        timestamp: from_db(row.at),
        data: from_json(&row.payload)?,
    })
}

/// A page of the changes feed.
pub struct Changes {
    pub items: Vec<WebhookEvent>,
    /// Where the next read starts.
    pub next: Position,
    pub has_more: bool,
}

/// Changes to the requests `v` may see, after `after` (from the oldest kept
/// when `None`), at most `limit`. The position moves past changes the
/// reader may not see too, so it never reads them again.
pub fn request_changes(
    c: &mut DbConn,
    v: &Visibility,
    after: Option<Position>,
    limit: u32,
) -> AppResult<Changes> {
    if let (Some(at), Some(purged)) = (after, outbox::purged_to(c)?) {
        if at < purged {
            return Err(AppError::Gone {
                code: ProblemCode::CursorExpired,
                detail: "changes this old are no longer kept (30 days); read the requests \
                         afresh, then follow the feed from a cursor read without one"
                    .into(),
            });
        }
    }
    let from = after.unwrap_or_default();
    let mut rows = outbox::after(c, from, true, i64::from(limit) + 1)?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = rows.last().map_or(from, Position::of);
    let seeable = if v.all {
        None
    } else {
        let ids: Vec<RequestId> = rows
            .iter()
            .filter_map(|r| r.request_id.as_deref()?.parse().ok())
            .collect();
        Some(requests::visible_among(c, &ids, v)?)
    };
    let items = rows
        .iter()
        .filter(|r| match (&seeable, r.request_id.as_deref()) {
            (None, _) => true,
            (Some(set), Some(id)) => id.parse().is_ok_and(|id: RequestId| set.contains(&id)),
            (Some(_), None) => false,
        })
        .map(envelope)
        .collect::<QueryResult<Vec<_>>>()?;
    Ok(Changes {
        items,
        next,
        has_more,
    })
}
