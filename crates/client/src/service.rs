//! The service hall: requests, their steps, timeline, files and ratings.

use crate::{Client, Result};
use onestop_domain::page::Page;
use onestop_domain::service::sla::SlaRule;
use onestop_domain::service::wire::{
    AttachmentView, CommentRequest, EventView, RateRequest, RequestView, SlaRuleUpdate, StateCount,
    TransitionRequest,
};
use onestop_domain::service::{Form, Kind, Priority, State};
use onestop_domain::NodeId;
use reqwest::Method;
use serde::Serialize;
use uuid::Uuid;

/// Filters for [`Client::list_requests`] and [`Client::count_requests`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct RequestQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// Only open requests.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// Only requests assigned to the caller.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mine: bool,
    /// Submitted at or after this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_from: Option<chrono::DateTime<chrono::Utc>>,
    /// Submitted before this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_to: Option<chrono::DateTime<chrono::Utc>>,
    /// `newest` (default) or `oldest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl Client {
    /// Submit a request; `idempotency_key` makes a retry return the first result.
    pub async fn submit_request(
        &self,
        form: &Form,
        idempotency_key: Option<&str>,
    ) -> Result<RequestView> {
        let mut rb = self.request(Method::POST, "/api/v1/requests").json(form);
        if let Some(k) = idempotency_key {
            rb = rb.header("Idempotency-Key", k);
        }
        self.send(rb).await
    }

    pub async fn get_request(&self, id: Uuid) -> Result<RequestView> {
        self.send(self.request(Method::GET, &format!("/api/v1/requests/{id}")))
            .await
    }

    pub async fn list_requests(&self, query: &RequestQuery) -> Result<Page<RequestView>> {
        self.send(self.request(Method::GET, "/api/v1/requests").query(query))
            .await
    }

    pub async fn count_requests(&self, query: &RequestQuery) -> Result<Vec<StateCount>> {
        self.send(
            self.request(Method::GET, "/api/v1/requests/counts")
                .query(query),
        )
        .await
    }

    pub async fn transition(&self, id: Uuid, body: &TransitionRequest) -> Result<RequestView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/requests/{id}/transitions"))
                .json(body),
        )
        .await
    }

    pub async fn timeline(&self, id: Uuid) -> Result<Vec<EventView>> {
        self.send(self.request(Method::GET, &format!("/api/v1/requests/{id}/events")))
            .await
    }

    pub async fn comment(&self, id: Uuid, text: &str) -> Result<EventView> {
        let body = CommentRequest { text: text.into() };
        self.send(
            self.request(Method::POST, &format!("/api/v1/requests/{id}/comments"))
                .json(&body),
        )
        .await
    }

    pub async fn rate(&self, id: Uuid, body: &RateRequest) -> Result<RequestView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/requests/{id}/rating"))
                .json(body),
        )
        .await
    }

    pub async fn attachments(&self, id: Uuid) -> Result<Vec<AttachmentView>> {
        self.send(self.request(Method::GET, &format!("/api/v1/requests/{id}/attachments")))
            .await
    }

    /// Attach a photo or PDF to a request; the server checks the bytes, not the name.
    pub async fn upload_attachment(
        &self,
        id: Uuid,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Result<AttachmentView> {
        self.upload(
            &format!("/api/v1/requests/{id}/attachments"),
            filename,
            bytes,
        )
        .await
    }

    /// The deadlines in force for every kind and priority.
    pub async fn sla_rules(&self) -> Result<Vec<SlaRule>> {
        self.send(self.request(Method::GET, "/api/v1/sla-rules"))
            .await
    }

    /// Change one kind's deadlines at one priority (administrators).
    pub async fn set_sla_rule(
        &self,
        kind: Kind,
        priority: Priority,
        body: &SlaRuleUpdate,
    ) -> Result<SlaRule> {
        self.send(
            self.request(
                Method::PUT,
                &format!("/api/v1/sla-rules/{}/{}", kind.as_str(), priority.as_str()),
            )
            .json(body),
        )
        .await
    }

    /// A request's attachment.
    pub async fn download_attachment(&self, id: Uuid, attachment: Uuid) -> Result<Vec<u8>> {
        self.download(&format!("/api/v1/requests/{id}/attachments/{attachment}"))
            .await
    }
}
