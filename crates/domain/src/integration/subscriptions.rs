//! Webhook subscriptions and their delivery log on the wire.

use super::events::EventType;
use super::webhooks::DeliveryState;
use crate::grid::wire::PersonRef;
use crate::ids::{DeliveryId, EventId, SubscriptionId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/webhooks`. The answer shows the signing secret once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSubscriptionRequest {
    /// What receives the events, e.g. 后勤报修系统: no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: String,
    /// Where events are POSTed: `https://…` (or `http://…`). Addresses inside
    /// the server's own networks are refused unless the server allows them.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 2048, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$")
    )]
    pub url: String,
    /// The events it hears of.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 9))]
    pub event_types: Vec<EventType>,
}

/// `PATCH /api/v1/webhooks/{id}`: what to change; absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSubscriptionRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 2048, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$")
    )]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 9))]
    pub event_types: Option<Vec<EventType>>,
    /// False pauses it: no new deliveries are made (the pending ones wait).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionView {
    pub id: SubscriptionId,
    pub name: String,
    pub url: String,
    pub event_types: Vec<EventType>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: PersonRef,
    /// The secret's last four characters, to tell it from another.
    pub secret_hint: String,
    /// Deliveries waiting for their next attempt.
    pub pending: i64,
    /// Deliveries that failed for good (until redelivered).
    pub failed: i64,
    pub last_delivered_at: Option<DateTime<Utc>>,
}

/// A new subscription, or a new secret: `secret` is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedSubscription {
    pub subscription: SubscriptionView,
    /// `whsec_` and the base64 key: verify `webhook-signature` with it (Standard Webhooks).
    pub secret: String,
}

/// One event on its way to one subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryView {
    pub id: DeliveryId,
    pub event_id: EventId,
    pub event_type: EventType,
    pub state: DeliveryState,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    /// When it is tried next (pending), or until when a server holds it (delivering).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's last HTTP status; none when it could not be reached.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// How long the last attempt took, in milliseconds.
    pub last_latency_ms: Option<i32>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// Every attempt, oldest first (on a single delivery only).
    #[serde(default)]
    pub log: Vec<AttemptView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttemptView {
    pub at: DateTime<Utc>,
    pub status: Option<i32>,
    pub error: Option<String>,
    pub latency_ms: i32,
}
