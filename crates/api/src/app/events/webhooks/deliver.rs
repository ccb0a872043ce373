//! Delivering webhooks: claim what is due, send it outside any transaction,
//! record what came of it. A 2xx is delivered; anything else is tried again
//! with a growing wait (`webhooks::next_attempt`) until a day has passed,
//! then the delivery has failed. Several servers on one PostgreSQL claim
//! disjoint deliveries, so each is sent once at a time.

use crate::db::repo::events::webhooks::{self as repo, Claimed, Outcome};
use crate::db::rows::{from_db, from_json, to_db};
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use diesel::QueryResult;
use onestop_domain::integration::events::{EventData, WebhookEvent};
use onestop_domain::integration::webhooks::{next_attempt, DeliveryState, TIMEOUT_SECONDS};
use onestop_domain::DeliveryId;

/// How many deliveries one server takes at once.
pub const BATCH: i64 = 32;

/// A claimed delivery, ready to send.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub id: DeliveryId,
    pub attempts: i32,
    window_from: DateTime<Utc>,
    pub url: String,
    pub secret: String,
    pub event_id: String,
    pub body: String,
}

/// Claim what is due at `now`, held long enough for every send to time out.
pub fn claim(c: &mut DbConn, now: DateTime<Utc>) -> QueryResult<Vec<Prepared>> {
    let lease = Duration::seconds(TIMEOUT_SECONDS as i64 * 3 + 30);
    repo::claim_due(c, now, now + lease, BATCH)?
        .into_iter()
        .map(prepare)
        .collect()
}

fn prepare(claimed: Claimed) -> QueryResult<Prepared> {
    let Claimed {
        delivery,
        event,
        url,
        secret,
    } = claimed;
    let data: EventData = from_json(&event.payload)?;
    let envelope = WebhookEvent {
        id: event.id,
        event_type: event.event_type,
        timestamp: from_db(event.at),
        data,
    };
    let body = serde_json::to_string(&envelope)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    Ok(Prepared {
        id: delivery.id,
        attempts: delivery.attempts,
        window_from: from_db(delivery.window_from),
        url,
        secret,
        event_id: event.id.to_string(),
        body,
    })
}

/// Record how one attempt went: where the delivery stands now, or `None`
/// when its claim had run out and another server holds it (that one records).
pub fn record(
    c: &mut DbConn,
    p: &Prepared,
    answer: &Result<u16, String>,
    latency_ms: i32,
    now: DateTime<Utc>,
) -> QueryResult<Option<DeliveryState>> {
    let (status, error) = match answer {
        Ok(s) if (200..300).contains(s) => (Some(i32::from(*s)), None),
        Ok(s) => (
            Some(i32::from(*s)),
            Some(format!("the receiver answered {s}")),
        ),
        Err(e) => (None, Some(e.clone())),
    };
    let (state, next) = if error.is_none() {
        (DeliveryState::Delivered, None)
    } else {
        match next_attempt(p.window_from, now, p.attempts.max(1) as u32, jitter()) {
            Some(t) => (DeliveryState::Pending, Some(to_db(t))),
            None => (DeliveryState::Failed, None),
        }
    };
    let outcome = Outcome {
        state,
        next_attempt_at: next,
        status,
        error,
        latency_ms,
        at: to_db(now),
    };
    Ok(repo::finish(c, p.id, p.attempts, &outcome)?.then_some(state))
}

/// A number in 0..1 that differs between deliveries (to spread their retries).
fn jitter() -> f64 {
    (uuid::Uuid::new_v4().as_u128() >> 75) as f64 / (1u64 << 53) as f64
}
