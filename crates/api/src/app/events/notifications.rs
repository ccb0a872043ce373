//! A person's notifications: listed newest first with the unread count, and marked read.

use crate::app::{AppError, AppResult};
use crate::db::repo::events::notifications as repo;
use crate::db::rows::{from_db, from_json, NotificationRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::notify::{NotificationPage, NotificationView, UnreadCount};
use onestop_domain::{NotificationId, UserId};

pub fn view(row: NotificationRow) -> AppResult<NotificationView> {
    Ok(NotificationView {
        id: row.id,
        kind: row.kind,
        at: from_db(row.created_at),
        read_at: row.read_at.map(from_db),
        data: from_json(&row.data)?,
    })
}

/// One page, newest first; `after` is the last id of the page before.
pub fn page(
    c: &mut DbConn,
    me: UserId,
    unread_only: bool,
    after: Option<&str>,
    limit: u32,
) -> AppResult<NotificationPage> {
    // A position that names no notification lies before every one of them.
    let before = after.map(|a| a.parse().unwrap_or(NotificationId(uuid::Uuid::nil())));
    let rows = repo::page(c, me, unread_only, before, i64::from(limit) + 1)?;
    let more = rows.len() > limit as usize;
    let items = rows
        .into_iter()
        .take(limit as usize)
        .map(view)
        .collect::<AppResult<Vec<_>>>()?;
    let next_cursor = more
        .then(|| items.last().map(|n| n.id.to_string()))
        .flatten();
    Ok(NotificationPage {
        items,
        next_cursor,
        unread: repo::unread(c, me)?,
    })
}

pub fn unread(c: &mut DbConn, me: UserId) -> AppResult<UnreadCount> {
    Ok(UnreadCount {
        unread: repo::unread(c, me)?,
    })
}

/// Mark one of your notifications read (again is fine).
pub fn mark_one(
    c: &mut DbConn,
    me: UserId,
    id: NotificationId,
    now: DateTime<Utc>,
) -> AppResult<NotificationView> {
    repo::find(c, me, id)?.ok_or_else(|| AppError::not_found("this notification"))?;
    repo::mark_read(c, me, Some(id), None, now)?;
    let row = repo::find(c, me, id)?.ok_or_else(|| AppError::not_found("this notification"))?;
    view(row)
}

/// Mark every notification read, or those up to one the reader has seen.
pub fn mark_all(
    c: &mut DbConn,
    me: UserId,
    up_to: Option<NotificationId>,
    now: DateTime<Utc>,
) -> AppResult<UnreadCount> {
    repo::mark_read(c, me, None, up_to, now)?;
    unread(c, me)
}
