//! Rows of the outbox, webhook subscriptions, deliveries and notifications.

use crate::db::schema::*;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use onestop_domain::integration::events::EventType;
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::notify::NotificationKind;
use onestop_domain::{AttemptId, DeliveryId, EventId, NotificationId, SubscriptionId, UserId};

/// An event as written: its place in the order (`txid`, `seq`) is the database's.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = outbox_events)]
pub struct NewOutboxRow {
    pub id: EventId,
    pub event_type: EventType,
    pub request_id: Option<String>,
    /// The envelope's `data`, as JSON.
    pub payload: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox_events)]
pub struct OutboxRow {
    pub seq: i64,
    pub txid: i64,
    pub id: EventId,
    pub event_type: EventType,
    pub request_id: Option<String>,
    pub payload: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = webhook_subscriptions)]
pub struct SubscriptionRow {
    pub id: SubscriptionId,
    pub name: String,
    pub url: String,
    /// Space-separated event types.
    pub event_types: String,
    pub secret: String,
    pub active: bool,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct DeliveryRow {
    pub id: DeliveryId,
    pub subscription_id: SubscriptionId,
    pub event_id: EventId,
    pub event_type: EventType,
    pub state: DeliveryState,
    pub attempts: i32,
    pub window_from: NaiveDateTime,
    pub next_attempt_at: Option<NaiveDateTime>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub last_latency_ms: Option<i32>,
    pub created_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_attempts)]
pub struct AttemptRow {
    pub id: AttemptId,
    pub delivery_id: DeliveryId,
    pub at: NaiveDateTime,
    pub status: Option<i32>,
    pub error: Option<String>,
    pub latency_ms: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: NotificationId,
    pub user_id: UserId,
    pub event_id: EventId,
    pub kind: NotificationKind,
    /// `NotificationData` as JSON.
    pub data: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}
