//! The reform plan: the board, assignments, milestones, reports and reviews.

use crate::{Client, Result};
use onestop_domain::reform::board::Standing;
use onestop_domain::reform::wire::{
    AssignmentDetail, AssignmentView, Board, EvidenceView, MilestoneInput, MilestoneUpdate,
    MilestoneView, NewReportRequest, NewReviewRequest, PlanSummary, PlanTree, ReformEventView,
    ReportView, TaskView, UpdateAssignmentRequest,
};
use onestop_domain::reform::UnitRole;
use reqwest::Method;
use serde::Serialize;
use uuid::Uuid;

/// Filters for [`Client::tasks`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct TaskQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<i32>,
    /// Unit code or id: tasks on which that unit has an assignment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<UnitRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Standing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
}

/// Which inbox [`Client::reform_inbox_of`] reads.
#[derive(Debug, Default, Clone, Serialize)]
pub struct InboxQuery {
    /// Unit code or id; the caller's unit when absent (others' are for admins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `Some(false)`: everything ever recorded, not only what still wants action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
}

impl Client {
    pub async fn plans(&self) -> Result<Vec<PlanSummary>> {
        self.send(self.request(Method::GET, "/api/v1/plans")).await
    }

    /// The plan's board; changes from `since` (a `YYYY-MM-DD` day) or the last 7 days.
    pub async fn board(&self, plan: Uuid, since: Option<&str>) -> Result<Board> {
        let mut rb = self.request(Method::GET, &format!("/api/v1/plans/{plan}/board"));
        if let Some(s) = since {
            rb = rb.query(&[("since", s)]);
        }
        self.send(rb).await
    }

    /// A plan with its sections, tasks, parts and the units on them.
    pub async fn plan(&self, id: Uuid) -> Result<PlanTree> {
        self.send(self.request(Method::GET, &format!("/api/v1/plans/{id}")))
            .await
    }

    pub async fn task(&self, id: Uuid) -> Result<TaskView> {
        self.send(self.request(Method::GET, &format!("/api/v1/tasks/{id}")))
            .await
    }

    pub async fn tasks(&self, query: &TaskQuery) -> Result<Vec<TaskView>> {
        self.send(self.request(Method::GET, "/api/v1/tasks").query(query))
            .await
    }

    pub async fn assignment(&self, id: Uuid) -> Result<AssignmentDetail> {
        self.send(self.request(Method::GET, &format!("/api/v1/assignments/{id}")))
            .await
    }

    pub async fn file_report(
        &self,
        assignment: Uuid,
        body: &NewReportRequest,
    ) -> Result<ReportView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/assignments/{assignment}/reports"),
            )
            .json(body),
        )
        .await
    }

    pub async fn review_report(&self, report: Uuid, body: &NewReviewRequest) -> Result<ReportView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/reports/{report}/reviews"))
                .json(body),
        )
        .await
    }

    /// Set who answers for an assignment and by when (send the version you read).
    pub async fn update_assignment(
        &self,
        id: Uuid,
        body: &UpdateAssignmentRequest,
    ) -> Result<AssignmentDetail> {
        self.send(
            self.request(Method::PUT, &format!("/api/v1/assignments/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn add_milestone(
        &self,
        assignment: Uuid,
        body: &MilestoneInput,
    ) -> Result<MilestoneView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/assignments/{assignment}/milestones"),
            )
            .json(body),
        )
        .await
    }

    pub async fn update_milestone(
        &self,
        id: Uuid,
        body: &MilestoneUpdate,
    ) -> Result<MilestoneView> {
        self.send(
            self.request(Method::PUT, &format!("/api/v1/milestones/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn delete_milestone(&self, id: Uuid) -> Result<()> {
        self.send_empty(self.request(Method::DELETE, &format!("/api/v1/milestones/{id}")))
            .await
    }

    /// Attach evidence (photos, PDF) to a pending report.
    pub async fn upload_evidence(
        &self,
        report: Uuid,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Result<EvidenceView> {
        self.upload(
            &format!("/api/v1/reports/{report}/evidence"),
            filename,
            bytes,
        )
        .await
    }

    /// A unit's inbox, as the query says.
    pub async fn reform_inbox_of(&self, query: &InboxQuery) -> Result<Vec<ReformEventView>> {
        self.send(
            self.request(Method::GET, "/api/v1/reform/inbox")
                .query(query),
        )
        .await
    }

    /// What the caller's unit must act on.
    pub async fn reform_inbox(&self) -> Result<Vec<ReformEventView>> {
        self.send(self.request(Method::GET, "/api/v1/reform/inbox"))
            .await
    }

    /// A unit's assignments on a plan (the caller's own unit when `unit` is none).
    pub async fn list_assignments(
        &self,
        plan: Uuid,
        unit: Option<&str>,
        role: Option<UnitRole>,
    ) -> Result<Vec<AssignmentView>> {
        let mut q: Vec<(&str, String)> = vec![("plan", plan.to_string())];
        if let Some(u) = unit {
            q.push(("unit", u.to_owned()));
        }
        if let Some(r) = role {
            q.push(("role", r.as_str().to_owned()));
        }
        self.send(self.request(Method::GET, "/api/v1/assignments").query(&q))
            .await
    }

    pub async fn get_report(&self, id: Uuid) -> Result<ReportView> {
        self.send(self.request(Method::GET, &format!("/api/v1/reports/{id}")))
            .await
    }

    /// A piece of a report's evidence.
    pub async fn download_evidence(&self, report: Uuid, evidence: Uuid) -> Result<Vec<u8>> {
        self.download(&format!("/api/v1/reports/{report}/evidence/{evidence}"))
            .await
    }
}
