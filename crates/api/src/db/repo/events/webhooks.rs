//! Webhook subscriptions and deliveries.
//!
//! Deliveries are claimed by moving `next_attempt_at` past the time a send
//! may take (the lease): on PostgreSQL under `FOR UPDATE SKIP LOCKED`, so
//! several servers never claim one delivery; SQLite has a single writer.
//! A server that dies mid-send leaves a lease that runs out, and the
//! delivery is claimed again.

use crate::db::rows::{to_db, AttemptRow, DeliveryRow, OutboxRow, SubscriptionRow};
use crate::db::schema::{
    outbox_events as o, webhook_attempts as wa, webhook_deliveries as wd,
    webhook_subscriptions as ws,
};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use onestop_domain::integration::events::EventType;
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::{DeliveryId, EventId, SubscriptionId};
use std::collections::HashMap;

pub fn insert_subscription(c: &mut DbConn, row: &SubscriptionRow) -> QueryResult<()> {
    diesel::insert_into(ws::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn update_subscription(c: &mut DbConn, row: &SubscriptionRow) -> QueryResult<()> {
    diesel::update(ws::table.find(row.id))
        .set(row)
        .execute(c)
        .map(|_| ())
}

pub fn subscription(c: &mut DbConn, id: SubscriptionId) -> QueryResult<Option<SubscriptionRow>> {
    ws::table
        .find(id)
        .select(SubscriptionRow::as_select())
        .first(c)
        .optional()
}

/// Every subscription, by name.
pub fn subscriptions(c: &mut DbConn) -> QueryResult<Vec<SubscriptionRow>> {
    ws::table
        .order((ws::name, ws::id))
        .select(SubscriptionRow::as_select())
        .load(c)
}

/// The active subscriptions that hear of `t`.
pub fn listeners(c: &mut DbConn, t: EventType) -> QueryResult<Vec<SubscriptionId>> {
    let active: Vec<(SubscriptionId, String)> = ws::table
        .filter(ws::active.eq(true))
        .select((ws::id, ws::event_types))
        .load(c)?;
    Ok(active
        .into_iter()
        .filter(|(_, types)| types.split(' ').any(|w| w == t.as_str()))
        .map(|(id, _)| id)
        .collect())
}

pub fn insert_deliveries(c: &mut DbConn, rows: &[DeliveryRow]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    crate::insert_all!(c, wd::table, rows).map(|_| ())
}

/// A claimed delivery with what it carries.
pub struct Claimed {
    pub delivery: DeliveryRow,
    pub event: OutboxRow,
    pub url: String,
    pub secret: String,
}

/// Claim up to `limit` deliveries that are due (or whose lease ran out),
/// holding each until `lease_until`; each claim counts as an attempt.
pub fn claim_due(
    c: &mut DbConn,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<Claimed>> {
    let due = wd::table
        .filter(wd::next_attempt_at.le(to_db(now)))
        .order(wd::next_attempt_at)
        .limit(limit)
        .select(wd::id);
    let ids: Vec<DeliveryId> = match c {
        DbConn::Pg(pg) => due.for_update().skip_locked().load(pg)?,
        DbConn::Sqlite(lite) => due.load(lite)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(wd::table.filter(wd::id.eq_any(&ids)))
        .set((
            wd::state.eq(DeliveryState::Delivering),
            wd::attempts.eq(wd::attempts + 1),
            wd::next_attempt_at.eq(Some(to_db(lease_until))),
        ))
        .execute(c)?;
    let rows: Vec<(DeliveryRow, OutboxRow, String, String)> = wd::table
        .inner_join(o::table.on(o::id.eq(wd::event_id)))
        .inner_join(ws::table)
        .filter(wd::id.eq_any(&ids))
        .select((
            DeliveryRow::as_select(),
            OutboxRow::as_select(),
            ws::url,
            ws::secret,
        ))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(delivery, event, url, secret)| Claimed {
            delivery,
            event,
            url,
            secret,
        })
        .collect())
}

/// What became of one attempt.
pub struct Outcome {
    pub state: DeliveryState,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub status: Option<i32>,
    pub error: Option<String>,
    pub latency_ms: i32,
    pub at: NaiveDateTime,
}

/// Record an attempt's outcome, if the delivery is still held by this
/// claim (`attempts` as claimed): a lease that ran out and was claimed
/// again belongs to the newer claim. Returns whether it was recorded.
pub fn finish(c: &mut DbConn, id: DeliveryId, attempts: i32, out: &Outcome) -> QueryResult<bool> {
    let n = diesel::update(
        wd::table
            .filter(wd::id.eq(id))
            .filter(wd::attempts.eq(attempts))
            .filter(wd::state.eq(DeliveryState::Delivering)),
    )
    .set((
        wd::state.eq(out.state),
        wd::next_attempt_at.eq(out.next_attempt_at),
        wd::last_status.eq(out.status),
        wd::last_error.eq(&out.error),
        wd::last_latency_ms.eq(Some(out.latency_ms)),
        wd::delivered_at.eq((out.state == DeliveryState::Delivered).then_some(out.at)),
    ))
    .execute(c)?;
    if n == 1 {
        diesel::insert_into(wa::table)
            .values(AttemptRow {
                id: onestop_domain::AttemptId::new(),
                delivery_id: id,
                at: out.at,
                status: out.status,
                error: out.error.clone(),
                latency_ms: out.latency_ms,
            })
            .execute(c)?;
    }
    Ok(n == 1)
}

pub fn delivery(c: &mut DbConn, id: DeliveryId) -> QueryResult<Option<DeliveryRow>> {
    wd::table
        .find(id)
        .select(DeliveryRow::as_select())
        .first(c)
        .optional()
}

/// A subscription's deliveries, newest first, after the keyset `before`.
pub fn deliveries(
    c: &mut DbConn,
    subscription: SubscriptionId,
    state: Option<DeliveryState>,
    before: Option<DeliveryId>,
    limit: i64,
) -> QueryResult<Vec<DeliveryRow>> {
    let mut q = wd::table
        .filter(wd::subscription_id.eq(subscription))
        .into_boxed();
    if let Some(s) = state {
        q = q.filter(wd::state.eq(s));
    }
    if let Some(b) = before {
        q = q.filter(wd::id.lt(b));
    }
    q.order(wd::id.desc())
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(c)
}

pub fn attempts(c: &mut DbConn, delivery: DeliveryId) -> QueryResult<Vec<AttemptRow>> {
    wa::table
        .filter(wa::delivery_id.eq(delivery))
        .order((wa::at, wa::id))
        .select(AttemptRow::as_select())
        .load(c)
}

/// Send a finished delivery again, with a fresh day of retries. False when
/// it is still on its way (pending or being sent).
pub fn redeliver(c: &mut DbConn, id: DeliveryId, now: DateTime<Utc>) -> QueryResult<bool> {
    let n = diesel::update(
        wd::table
            .filter(wd::id.eq(id))
            .filter(wd::next_attempt_at.is_null()),
    )
    .set((
        wd::state.eq(DeliveryState::Pending),
        wd::window_from.eq(to_db(now)),
        wd::next_attempt_at.eq(Some(to_db(now))),
    ))
    .execute(c)?;
    Ok(n == 1)
}

/// Per subscription: deliveries waiting, failed for good, and the last success.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub pending: i64,
    pub failed: i64,
    pub last_delivered_at: Option<NaiveDateTime>,
}

pub fn stats(
    c: &mut DbConn,
    ids: &[SubscriptionId],
) -> QueryResult<HashMap<SubscriptionId, Stats>> {
    let counts: Vec<(SubscriptionId, DeliveryState, i64)> = wd::table
        .filter(wd::subscription_id.eq_any(ids))
        .filter(wd::state.ne(DeliveryState::Delivered))
        .group_by((wd::subscription_id, wd::state))
        .select((wd::subscription_id, wd::state, count_star()))
        .load(c)?;
    let last: Vec<(SubscriptionId, Option<NaiveDateTime>)> = wd::table
        .filter(wd::subscription_id.eq_any(ids))
        .group_by(wd::subscription_id)
        .select((wd::subscription_id, max(wd::delivered_at)))
        .load(c)?;
    let mut out: HashMap<SubscriptionId, Stats> = HashMap::new();
    for (id, state, n) in counts {
        let s = out.entry(id).or_default();
        match state {
            DeliveryState::Failed => s.failed += n,
            _ => s.pending += n,
        }
    }
    for (id, at) in last {
        out.entry(id).or_default().last_delivered_at = at;
    }
    Ok(out)
}

/// How many deliveries wait (pending or being sent) and how many failed for good.
pub fn backlog(c: &mut DbConn) -> QueryResult<(i64, i64)> {
    let waiting = wd::table
        .filter(wd::next_attempt_at.is_not_null())
        .count()
        .get_result(c)?;
    let failed = wd::table
        .filter(wd::state.eq(DeliveryState::Failed))
        .count()
        .get_result(c)?;
    Ok((waiting, failed))
}

/// The event a delivery carries.
pub fn event(c: &mut DbConn, id: EventId) -> QueryResult<Option<OutboxRow>> {
    o::table
        .filter(o::id.eq(id))
        .select(OutboxRow::as_select())
        .first(c)
        .optional()
}
