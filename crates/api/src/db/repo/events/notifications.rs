//! Notifications: per person, newest first, until read.

use crate::db::rows::{to_db, NotificationRow};
use crate::db::schema::notifications as n;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::{EventId, NotificationId, UserId};

pub fn insert(c: &mut DbConn, rows: &[NotificationRow]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    crate::insert_all!(c, n::table, rows).map(|_| ())
}

/// A person's notifications, newest first, before the keyset `before`.
pub fn page(
    c: &mut DbConn,
    user: UserId,
    unread_only: bool,
    before: Option<NotificationId>,
    limit: i64,
) -> QueryResult<Vec<NotificationRow>> {
    let mut q = n::table.filter(n::user_id.eq(user)).into_boxed();
    if unread_only {
        q = q.filter(n::read_at.is_null());
    }
    if let Some(b) = before {
        q = q.filter(n::id.lt(b));
    }
    q.order(n::id.desc())
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(c)
}

pub fn unread(c: &mut DbConn, user: UserId) -> QueryResult<i64> {
    n::table
        .filter(n::user_id.eq(user))
        .filter(n::read_at.is_null())
        .count()
        .get_result(c)
}

pub fn find(
    c: &mut DbConn,
    user: UserId,
    id: NotificationId,
) -> QueryResult<Option<NotificationRow>> {
    n::table
        .filter(n::id.eq(id))
        .filter(n::user_id.eq(user))
        .select(NotificationRow::as_select())
        .first(c)
        .optional()
}

/// Mark one, or every one up to `up_to` (all when none), read; returns how many changed.
pub fn mark_read(
    c: &mut DbConn,
    user: UserId,
    only: Option<NotificationId>,
    up_to: Option<NotificationId>,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let mut q = n::table
        .filter(n::user_id.eq(user))
        .filter(n::read_at.is_null())
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(n::id.eq(id));
    }
    if let Some(id) = up_to {
        q = q.filter(n::id.le(id));
    }
    let ids: Vec<NotificationId> = q.select(n::id).load(c)?;
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(n::table.filter(n::id.eq_any(&ids)))
        .set(n::read_at.eq(Some(to_db(now))))
        .execute(c)
}

/// The notifications that came with these events (for the live stream).
pub fn of_events(c: &mut DbConn, events: &[EventId]) -> QueryResult<Vec<NotificationRow>> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    n::table
        .filter(n::event_id.eq_any(events))
        .order(n::id)
        .select(NotificationRow::as_select())
        .load(c)
}
