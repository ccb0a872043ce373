//! Contact visits: rules, duties, visits, who is behind, follow-ups.

use crate::{Client, Result};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::period::Per;
use onestop_domain::community::wire::{
    AnswerFollowUpRequest, Compliance, CreateVisitDutyRequest, CreateVisitRuleRequest,
    EndVisitDutyRequest, FollowUpView, PhotoView, PlaceRef, RecordVisitRequest, VisitDutyView,
    VisitRuleView, VisitView,
};
use onestop_domain::page::Page;
use onestop_domain::{FollowUpId, NodeId, PhotoId, UserId, VisitDutyId, VisitId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::list_visits`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct VisitQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visitor: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<NodeId>,
    /// `YYYY-MM-DD`, campus time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Which day (and kind of period) [`Client::visit_compliance`] judges.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ComplianceQuery {
    /// `YYYY-MM-DD`, campus time; today when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<Per>,
}

/// Filters for [`Client::list_follow_ups`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct FollowUpQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<FollowUpState>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mine_to_answer: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub raised_by_me: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl Client {
    pub async fn visit_rules(&self) -> Result<Vec<VisitRuleView>> {
        self.send(self.request(Method::GET, "/api/v1/visit-rules"))
            .await
    }

    pub async fn create_visit_rule(&self, body: &CreateVisitRuleRequest) -> Result<VisitRuleView> {
        self.send(self.request(Method::POST, "/api/v1/visit-rules").json(body))
            .await
    }

    pub async fn visit_duties(&self) -> Result<Vec<VisitDutyView>> {
        self.send(self.request(Method::GET, "/api/v1/visit-duties"))
            .await
    }

    pub async fn create_visit_duty(&self, body: &CreateVisitDutyRequest) -> Result<VisitDutyView> {
        self.send(
            self.request(Method::POST, "/api/v1/visit-duties")
                .json(body),
        )
        .await
    }

    pub async fn end_visit_duty(
        &self,
        id: VisitDutyId,
        body: &EndVisitDutyRequest,
    ) -> Result<VisitDutyView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/visit-duties/{id}"))
                .json(body),
        )
        .await
    }

    /// Where a visit can be recorded: the communities, or the buildings (or
    /// rooms) under a place.
    pub async fn visit_places(&self, under: Option<NodeId>) -> Result<Vec<PlaceRef>> {
        let rb = self.request(Method::GET, "/api/v1/visits/places");
        let rb = match under {
            Some(id) => rb.query(&[("under", id.to_string())]),
            None => rb,
        };
        self.send(rb).await
    }

    pub async fn list_visits(&self, query: &VisitQuery) -> Result<Page<VisitView>> {
        self.send(self.request(Method::GET, "/api/v1/visits").query(query))
            .await
    }

    pub async fn record_visit(&self, body: &RecordVisitRequest) -> Result<VisitView> {
        self.send(self.request(Method::POST, "/api/v1/visits").json(body))
            .await
    }

    pub async fn get_visit(&self, id: VisitId) -> Result<VisitView> {
        self.send(self.request(Method::GET, &format!("/api/v1/visits/{id}")))
            .await
    }

    /// Add a photo taken on the visit.
    pub async fn add_visit_photo(
        &self,
        id: VisitId,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Result<PhotoView> {
        self.upload(&format!("/api/v1/visits/{id}/photos"), filename, bytes)
            .await
    }

    pub async fn visit_photo(&self, id: VisitId, photo: PhotoId) -> Result<Vec<u8>> {
        self.download(&format!("/api/v1/visits/{id}/photos/{photo}"))
            .await
    }

    pub async fn visit_compliance(&self, query: &ComplianceQuery) -> Result<Compliance> {
        self.send(
            self.request(Method::GET, "/api/v1/visits/compliance")
                .query(query),
        )
        .await
    }

    /// The standing as CSV (UTF-8 with a BOM).
    pub async fn visit_compliance_csv(&self, query: &ComplianceQuery) -> Result<Vec<u8>> {
        let rb = self
            .request(Method::GET, "/api/v1/visits/compliance.csv")
            .query(query);
        let res = crate::ok(rb.send().await?).await?;
        Ok(res.bytes().await?.to_vec())
    }

    pub async fn list_follow_ups(&self, query: &FollowUpQuery) -> Result<Page<FollowUpView>> {
        self.send(self.request(Method::GET, "/api/v1/follow-ups").query(query))
            .await
    }

    pub async fn get_follow_up(&self, id: FollowUpId) -> Result<FollowUpView> {
        self.send(self.request(Method::GET, &format!("/api/v1/follow-ups/{id}")))
            .await
    }

    pub async fn answer_follow_up(
        &self,
        id: FollowUpId,
        body: &AnswerFollowUpRequest,
    ) -> Result<FollowUpView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/follow-ups/{id}/answer"))
                .json(body),
        )
        .await
    }
}
