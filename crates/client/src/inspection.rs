//! The monthly dorm evaluation: checklists, inspections, rectifications and months.

use crate::{Client, Result};
use onestop_domain::inspection::wire::{
    ChecklistItemView, CreateChecklistItemRequest, CreateInspectionRequest, InspectionView,
    MonthEvaluationView, MyRoomEvaluation, RecheckRequest, RectificationView,
    UpdateChecklistItemRequest,
};
use onestop_domain::inspection::{InspectionKind, RectificationState};
use onestop_domain::page::Page;
use onestop_domain::{ChecklistItemId, InspectionId, NodeId, RectificationId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::list_inspections`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct InspectionQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<InspectionKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Filters for [`Client::list_rectifications`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct RectificationQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<RectificationState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize)]
struct Kind {
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<InspectionKind>,
}

#[derive(Debug, Serialize)]
struct Building {
    #[serde(skip_serializing_if = "Option::is_none")]
    building: Option<NodeId>,
}

impl Client {
    pub async fn checklist(&self, kind: Option<InspectionKind>) -> Result<Vec<ChecklistItemView>> {
        self.send(
            self.request(Method::GET, "/api/v1/inspection-items")
                .query(&Kind { kind }),
        )
        .await
    }

    pub async fn create_checklist_item(
        &self,
        body: &CreateChecklistItemRequest,
    ) -> Result<ChecklistItemView> {
        self.send(
            self.request(Method::POST, "/api/v1/inspection-items")
                .json(body),
        )
        .await
    }

    pub async fn update_checklist_item(
        &self,
        id: ChecklistItemId,
        body: &UpdateChecklistItemRequest,
    ) -> Result<ChecklistItemView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/inspection-items/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn list_inspections(&self, query: &InspectionQuery) -> Result<Page<InspectionView>> {
        self.send(
            self.request(Method::GET, "/api/v1/inspections")
                .query(query),
        )
        .await
    }

    pub async fn create_inspection(
        &self,
        body: &CreateInspectionRequest,
    ) -> Result<InspectionView> {
        self.send(self.request(Method::POST, "/api/v1/inspections").json(body))
            .await
    }

    pub async fn get_inspection(&self, id: InspectionId) -> Result<InspectionView> {
        self.send(self.request(Method::GET, &format!("/api/v1/inspections/{id}")))
            .await
    }

    pub async fn list_rectifications(
        &self,
        query: &RectificationQuery,
    ) -> Result<Page<RectificationView>> {
        self.send(
            self.request(Method::GET, "/api/v1/rectifications")
                .query(query),
        )
        .await
    }

    pub async fn recheck(
        &self,
        id: RectificationId,
        body: &RecheckRequest,
    ) -> Result<RectificationView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/rectifications/{id}/rechecks"),
            )
            .json(body),
        )
        .await
    }

    pub async fn month_evaluation(
        &self,
        month: &str,
        building: Option<NodeId>,
    ) -> Result<MonthEvaluationView> {
        self.send(
            self.request(Method::GET, &format!("/api/v1/evaluations/{month}"))
                .query(&Building { building }),
        )
        .await
    }

    /// The month's list as CSV (UTF-8 with a BOM).
    pub async fn month_evaluation_csv(
        &self,
        month: &str,
        building: Option<NodeId>,
    ) -> Result<Vec<u8>> {
        let rb = self
            .request(Method::GET, &format!("/api/v1/evaluations/{month}/export"))
            .query(&Building { building });
        let res = crate::ok(rb.send().await?).await?;
        Ok(res.bytes().await?.to_vec())
    }

    pub async fn close_month(&self, month: &str) -> Result<MonthEvaluationView> {
        self.send(self.request(Method::POST, &format!("/api/v1/evaluations/{month}/close")))
            .await
    }

    pub async fn my_evaluation(&self) -> Result<MyRoomEvaluation> {
        self.send(self.request(Method::GET, "/api/v1/me/evaluation"))
            .await
    }
}
