//! One mechanism the areas share: an event is written to the outbox in the
//! transaction of the change it reports, with a delivery for every
//! subscription that hears of its type and a notification for every person
//! who should know. Webhooks, the changes feed and the live stream read
//! what this wrote; nothing is sent from inside a transaction.

pub mod feed;
pub mod live;
pub mod notifications;
pub mod webhooks;

use crate::db::repo::events::{notifications as inbox, outbox, webhooks as subscribers};
use crate::db::rows::{to_db, DeliveryRow, NewOutboxRow, NotificationRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::integration::events::{EventData, EventType};
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::notify::{NotificationData, NotificationKind};
use onestop_domain::{DeliveryId, EventId, NotificationId, UserId};

/// How long events are kept (the changes feed's reach); webhook deliveries
/// still on their way keep theirs until they finish.
pub const KEEP_DAYS: i64 = 30;

/// What is stored as JSON; a value that cannot be written fails the transaction.
fn json<T: serde::Serialize>(value: &T) -> QueryResult<String> {
    serde_json::to_string(value).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

/// Record an event; returns its id, for notifications that come with it.
pub fn publish(
    c: &mut DbConn,
    event_type: EventType,
    data: &EventData,
    now: DateTime<Utc>,
) -> QueryResult<EventId> {
    let id = EventId::new();
    let request_id = data.request().map(|r| r.request_id.to_string());
    outbox::insert(
        c,
        &NewOutboxRow {
            id,
            event_type,
            request_id,
            payload: json(data)?,
            at: to_db(now),
        },
    )?;
    let deliveries: Vec<DeliveryRow> = subscribers::listeners(c, event_type)?
        .into_iter()
        .map(|subscription_id| DeliveryRow {
            id: DeliveryId::new(),
            subscription_id,
            event_id: id,
            event_type,
            state: DeliveryState::Pending,
            attempts: 0,
            window_from: to_db(now),
            next_attempt_at: Some(to_db(now)),
            last_status: None,
            last_error: None,
            last_latency_ms: None,
            created_at: to_db(now),
            delivered_at: None,
        })
        .collect();
    subscribers::insert_deliveries(c, &deliveries)?;
    Ok(id)
}

/// Tell these people (each once, never the one who acted) about an event.
pub fn notify(
    c: &mut DbConn,
    event: EventId,
    kind: NotificationKind,
    recipients: impl IntoIterator<Item = UserId>,
    actor: Option<UserId>,
    data: &NotificationData,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let mut to: Vec<UserId> = recipients
        .into_iter()
        .filter(|u| Some(*u) != actor)
        .collect();
    to.sort_unstable();
    to.dedup();
    if to.is_empty() {
        return Ok(());
    }
    let data = json(data)?;
    let rows: Vec<NotificationRow> = to
        .into_iter()
        .map(|user_id| NotificationRow {
            id: NotificationId::new(),
            user_id,
            event_id: event,
            kind,
            data: data.clone(),
            created_at: to_db(now),
            read_at: None,
        })
        .collect();
    inbox::insert(c, &rows)?;
    Ok(())
}
