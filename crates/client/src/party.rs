//! Party-member points: branches and members, the rules table, the ledger.

use crate::{Client, Result};
use onestop_domain::page::Page;
use onestop_domain::party::wire::{
    AddMemberRequest, BranchDetail, BranchView, CorrectPointsRequest, CreateBranchRequest,
    CreatePointRuleRequest, LedgerView, MemberView, PointEntryView, PointRuleView,
    ProposePointsRequest, ReviewPointsRequest, StandingsView, UpdateBranchRequest,
    UpdateMemberRequest, UpdatePointRuleRequest,
};
use onestop_domain::party::EntryState;
use onestop_domain::{BranchId, MemberId, NodeId, PointEntryId, PointRuleId, UserId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::list_points`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct PointQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<BranchId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<EntryState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize)]
struct Year {
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
}

#[derive(Debug, Serialize)]
struct Community {
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<NodeId>,
}

impl Client {
    pub async fn point_rules(&self) -> Result<Vec<PointRuleView>> {
        self.send(self.request(Method::GET, "/api/v1/party/rules"))
            .await
    }

    pub async fn create_point_rule(&self, body: &CreatePointRuleRequest) -> Result<PointRuleView> {
        self.send(self.request(Method::POST, "/api/v1/party/rules").json(body))
            .await
    }

    pub async fn update_point_rule(
        &self,
        id: PointRuleId,
        body: &UpdatePointRuleRequest,
    ) -> Result<PointRuleView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/party/rules/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn party_branches(&self, community: Option<NodeId>) -> Result<Vec<BranchView>> {
        self.send(
            self.request(Method::GET, "/api/v1/party/branches")
                .query(&Community { community }),
        )
        .await
    }

    pub async fn create_branch(&self, body: &CreateBranchRequest) -> Result<BranchView> {
        self.send(
            self.request(Method::POST, "/api/v1/party/branches")
                .json(body),
        )
        .await
    }

    pub async fn party_branch(&self, id: BranchId) -> Result<BranchDetail> {
        self.send(self.request(Method::GET, &format!("/api/v1/party/branches/{id}")))
            .await
    }

    pub async fn update_branch(
        &self,
        id: BranchId,
        body: &UpdateBranchRequest,
    ) -> Result<BranchView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/party/branches/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn add_party_member(
        &self,
        id: BranchId,
        body: &AddMemberRequest,
    ) -> Result<MemberView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/party/branches/{id}/members"),
            )
            .json(body),
        )
        .await
    }

    pub async fn update_party_member(
        &self,
        id: MemberId,
        body: &UpdateMemberRequest,
    ) -> Result<MemberView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/party/members/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn branch_standings(&self, id: BranchId, year: Option<i32>) -> Result<StandingsView> {
        self.send(
            self.request(
                Method::GET,
                &format!("/api/v1/party/branches/{id}/standings"),
            )
            .query(&Year { user: None, year }),
        )
        .await
    }

    pub async fn list_points(&self, query: &PointQuery) -> Result<Page<PointEntryView>> {
        self.send(
            self.request(Method::GET, "/api/v1/party/points")
                .query(query),
        )
        .await
    }

    pub async fn propose_points(&self, body: &ProposePointsRequest) -> Result<PointEntryView> {
        self.send(
            self.request(Method::POST, "/api/v1/party/points")
                .json(body),
        )
        .await
    }

    pub async fn review_points(
        &self,
        id: PointEntryId,
        body: &ReviewPointsRequest,
    ) -> Result<PointEntryView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/party/points/{id}/review"))
                .json(body),
        )
        .await
    }

    pub async fn correct_points(
        &self,
        id: PointEntryId,
        body: &CorrectPointsRequest,
    ) -> Result<PointEntryView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/party/points/{id}/corrections"),
            )
            .json(body),
        )
        .await
    }

    pub async fn party_ledger(
        &self,
        user: Option<UserId>,
        year: Option<i32>,
    ) -> Result<LedgerView> {
        self.send(
            self.request(Method::GET, "/api/v1/party/ledger")
                .query(&Year { user, year }),
        )
        .await
    }
}
