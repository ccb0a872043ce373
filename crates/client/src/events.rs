//! Events: webhook subscriptions and their delivery log, the requests
//! changes feed, and a person's notifications.

use crate::{Client, Result};
use onestop_domain::integration::events::ChangesPage;
use onestop_domain::integration::subscriptions::{
    CreateSubscriptionRequest, DeliveryView, IssuedSubscription, SubscriptionView,
    UpdateSubscriptionRequest,
};
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::notify::{
    MarkReadRequest, NotificationPage, NotificationView, StreamTicket, UnreadCount,
};
use onestop_domain::page::Page;
use onestop_domain::{DeliveryId, NotificationId, SubscriptionId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::webhook_deliveries`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct DeliveryQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<DeliveryState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Filters for [`Client::notifications`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct NotificationQuery {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Serialize)]
struct ChangesQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
}

impl Client {
    pub async fn list_webhooks(&self) -> Result<Vec<SubscriptionView>> {
        self.send(self.request(Method::GET, "/api/v1/webhooks"))
            .await
    }

    /// Subscribe; the answer's `secret` is shown this once.
    pub async fn create_webhook(
        &self,
        body: &CreateSubscriptionRequest,
    ) -> Result<IssuedSubscription> {
        self.send(self.request(Method::POST, "/api/v1/webhooks").json(body))
            .await
    }

    pub async fn get_webhook(&self, id: SubscriptionId) -> Result<SubscriptionView> {
        self.send(self.request(Method::GET, &format!("/api/v1/webhooks/{id}")))
            .await
    }

    pub async fn update_webhook(
        &self,
        id: SubscriptionId,
        body: &UpdateSubscriptionRequest,
    ) -> Result<SubscriptionView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/webhooks/{id}"))
                .json(body),
        )
        .await
    }

    /// A new signing secret, shown this once.
    pub async fn rotate_webhook_secret(&self, id: SubscriptionId) -> Result<IssuedSubscription> {
        self.send(self.request(Method::POST, &format!("/api/v1/webhooks/{id}/secret")))
            .await
    }

    pub async fn list_deliveries(
        &self,
        id: SubscriptionId,
        query: &DeliveryQuery,
    ) -> Result<Page<DeliveryView>> {
        self.send(
            self.request(Method::GET, &format!("/api/v1/webhooks/{id}/deliveries"))
                .query(query),
        )
        .await
    }

    /// One delivery with every attempt.
    pub async fn get_delivery(
        &self,
        id: SubscriptionId,
        delivery: DeliveryId,
    ) -> Result<DeliveryView> {
        self.send(self.request(
            Method::GET,
            &format!("/api/v1/webhooks/{id}/deliveries/{delivery}"),
        ))
        .await
    }

    pub async fn redeliver(
        &self,
        id: SubscriptionId,
        delivery: DeliveryId,
    ) -> Result<DeliveryView> {
        self.send(self.request(
            Method::POST,
            &format!("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver"),
        ))
        .await
    }

    /// The next changes to requests after `cursor` (from the oldest kept when none).
    pub async fn request_changes(
        &self,
        cursor: Option<&str>,
        limit: Option<u32>,
    ) -> Result<ChangesPage> {
        self.send(
            self.request(Method::GET, "/api/v1/requests/changes")
                .query(&ChangesQuery { cursor, limit }),
        )
        .await
    }

    pub async fn list_notifications(&self, query: &NotificationQuery) -> Result<NotificationPage> {
        self.send(
            self.request(Method::GET, "/api/v1/me/notifications")
                .query(query),
        )
        .await
    }

    pub async fn unread_count(&self) -> Result<UnreadCount> {
        self.send(self.request(Method::GET, "/api/v1/me/notifications/unread"))
            .await
    }

    /// Mark every notification read, or those up to `up_to`.
    pub async fn mark_all_read(&self, up_to: Option<NotificationId>) -> Result<UnreadCount> {
        self.send(
            self.request(Method::POST, "/api/v1/me/notifications/read")
                .json(&MarkReadRequest { up_to }),
        )
        .await
    }

    pub async fn mark_read(&self, id: NotificationId) -> Result<NotificationView> {
        self.send(self.request(Method::POST, &format!("/api/v1/me/notifications/{id}/read")))
            .await
    }

    /// A one-minute ticket for `GET /me/stream?ticket=…` (for `EventSource`).
    pub async fn stream_ticket(&self) -> Result<StreamTicket> {
        self.send(self.request(Method::POST, "/api/v1/me/stream-tickets"))
            .await
    }

    /// The live stream's address, to open with an `EventSource` (or any SSE reader).
    pub fn stream_url(&self, ticket: &str) -> String {
        format!(
            "{}/api/v1/me/stream?ticket={}",
            self.base,
            form_encode(ticket)
        )
    }
}

fn form_encode(s: &str) -> String {
    // Tickets are JWTs (base64url and dots), which need no escaping; be safe anyway.
    s.chars()
        .flat_map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' | '.' | '~' => vec![c],
            other => {
                let mut buf = [0u8; 4];
                other
                    .encode_utf8(&mut buf)
                    .bytes()
                    .flat_map(|b| format!("%{b:02X}").chars().collect::<Vec<_>>())
                    .collect()
            }
        })
        .collect()
}
