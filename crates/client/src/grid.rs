//! The grid: a student's own room, nodes, residents, posts and free beds.

use crate::{Client, Result};
use onestop_domain::grid::wire::{
    AppointRequest, BuildingRef, CheckInRequest, CheckOutRequest, CreateMeetingRequest,
    CreateNodeRequest, DutyView, EndPostRequest, ImportReport, MeetingView, MoveNodeRequest,
    MyResidence, NodeDetail, NodeView, PostView, ReplaceDutiesRequest, ResidencyView,
    ResponsibleLevel, UpdateNodeRequest, VacantRoom,
};
use onestop_domain::grid::Level;
use onestop_domain::page::Page;
use onestop_domain::PostId;
use onestop_domain::{NodeId, UserId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::grid_nodes`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct NodeQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Name or code, anywhere in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub include_archived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Filters for [`Client::grid_posts`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct PostQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_type: Option<onestop_domain::grid::PostType>,
    /// Only posts whose term covers today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Filters for [`Client::residencies`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct ResidencyQuery {
    /// Everything under this node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub student: Option<UserId>,
    /// Current stays only (the default); `Some(false)` adds past ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl Client {
    pub async fn my_residence(&self) -> Result<MyResidence> {
        self.send(self.request(Method::GET, "/api/v1/me/residence"))
            .await
    }

    pub async fn grid_node(&self, id: NodeId) -> Result<NodeDetail> {
        self.send(self.request(Method::GET, &format!("/api/v1/grid/nodes/{id}")))
            .await
    }

    /// Children of a node (or the communities, with `None`).
    pub async fn grid_children(&self, parent: Option<NodeId>) -> Result<Page<NodeView>> {
        let rb = self
            .request(Method::GET, "/api/v1/grid/nodes")
            .query(&[("limit", "200")]);
        let rb = match parent {
            Some(p) => rb.query(&[("parent", p.to_string())]),
            None => rb.query(&[("level", "community")]),
        };
        self.send(rb).await
    }

    pub async fn grid_nodes(&self, query: &NodeQuery) -> Result<Page<NodeView>> {
        self.send(self.request(Method::GET, "/api/v1/grid/nodes").query(query))
            .await
    }

    pub async fn create_node(&self, body: &CreateNodeRequest) -> Result<NodeView> {
        self.send(self.request(Method::POST, "/api/v1/grid/nodes").json(body))
            .await
    }

    pub async fn update_node(&self, id: NodeId, body: &UpdateNodeRequest) -> Result<NodeView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/grid/nodes/{id}"))
                .json(body),
        )
        .await
    }

    /// Archive a node and everything under it (refused while students live there).
    pub async fn archive_node(&self, id: NodeId) -> Result<NodeView> {
        self.send(self.request(Method::POST, &format!("/api/v1/grid/nodes/{id}/archive")))
            .await
    }

    /// The node and everything under it down to `max_level` (rooms when `None`).
    pub async fn subtree(&self, id: NodeId, max_level: Option<Level>) -> Result<Vec<NodeView>> {
        let mut rb = self.request(Method::GET, &format!("/api/v1/grid/nodes/{id}/subtree"));
        if let Some(l) = max_level {
            rb = rb.query(&[("max_level", l.as_str())]);
        }
        self.send(rb).await
    }

    /// Hang a node, with everything under it, under another parent.
    pub async fn move_node(&self, id: NodeId, parent_id: NodeId) -> Result<NodeView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/grid/nodes/{id}/move"))
                .json(&MoveNodeRequest { parent_id }),
        )
        .await
    }

    pub async fn grid_posts(&self, query: &PostQuery) -> Result<Page<PostView>> {
        self.send(self.request(Method::GET, "/api/v1/grid/posts").query(query))
            .await
    }

    /// End a post's term (today when `ends_on` is absent).
    pub async fn end_post(&self, id: PostId, body: &EndPostRequest) -> Result<PostView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/grid/posts/{id}/end"))
                .json(body),
        )
        .await
    }

    pub async fn responsible(&self, node: NodeId) -> Result<Vec<ResponsibleLevel>> {
        self.send(self.request(
            Method::GET,
            &format!("/api/v1/grid/nodes/{node}/responsible"),
        ))
        .await
    }

    pub async fn residents(&self, node: NodeId) -> Result<Page<ResidencyView>> {
        self.send(
            self.request(Method::GET, "/api/v1/grid/residencies")
                .query(&[("node", node.to_string())]),
        )
        .await
    }

    pub async fn check_in(&self, body: &CheckInRequest) -> Result<ResidencyView> {
        self.send(
            self.request(Method::POST, "/api/v1/grid/residencies/check-in")
                .json(body),
        )
        .await
    }

    pub async fn residencies(&self, query: &ResidencyQuery) -> Result<Page<ResidencyView>> {
        self.send(
            self.request(Method::GET, "/api/v1/grid/residencies")
                .query(query),
        )
        .await
    }

    /// Move a student to another bed: check-out and check-in in one step.
    pub async fn move_student(&self, body: &CheckInRequest) -> Result<ResidencyView> {
        self.send(
            self.request(Method::POST, "/api/v1/grid/residencies/move")
                .json(body),
        )
        .await
    }

    pub async fn check_out(&self, body: &CheckOutRequest) -> Result<ResidencyView> {
        self.send(
            self.request(Method::POST, "/api/v1/grid/residencies/check-out")
                .json(body),
        )
        .await
    }

    /// Every dorm building (staff), for the queue's building filter.
    pub async fn buildings(&self) -> Result<Vec<BuildingRef>> {
        self.send(self.request(Method::GET, "/api/v1/grid/buildings"))
            .await
    }

    /// Rooms with free beds: a student's choices, or the rooms in a staff member's scope.
    pub async fn vacancies(&self, building: Option<NodeId>) -> Result<Vec<VacantRoom>> {
        let mut rb = self.request(Method::GET, "/api/v1/grid/vacancies");
        if let Some(b) = building {
            rb = rb.query(&[("building", b.to_string())]);
        }
        self.send(rb).await
    }

    /// A CSV file (UTF-8 or GBK) to an import endpoint: all rows or none.
    async fn import_csv(&self, path: &str, csv: Vec<u8>) -> Result<ImportReport> {
        self.send(
            self.request(Method::POST, path)
                .header("content-type", "text/csv")
                .body(csv),
        )
        .await
    }

    /// Students and their beds from a roster (学号, 姓名, 学院, 性别, 楼栋, 寝室, 床位).
    pub async fn import_roster(&self, csv: Vec<u8>) -> Result<ImportReport> {
        self.import_csv("/api/v1/grid/import/roster", csv).await
    }

    /// Communities, zones, buildings and rooms from a grid file.
    pub async fn import_grid(&self, csv: Vec<u8>) -> Result<ImportReport> {
        self.import_csv("/api/v1/grid/import/grid", csv).await
    }

    /// A level's service item list (all levels when `None`).
    pub async fn duties(&self, level: Option<Level>) -> Result<Vec<DutyView>> {
        let mut rb = self.request(Method::GET, "/api/v1/grid/duties");
        if let Some(l) = level {
            rb = rb.query(&[("level", l.as_str())]);
        }
        self.send(rb).await
    }

    /// Replace a level's whole service item list (school-wide: administrators).
    pub async fn set_duties(
        &self,
        level: Level,
        body: &ReplaceDutiesRequest,
    ) -> Result<Vec<DutyView>> {
        self.send(
            self.request(
                Method::PUT,
                &format!("/api/v1/grid/duties/{}", level.as_str()),
            )
            .json(body),
        )
        .await
    }

    pub async fn meetings(&self, node: NodeId) -> Result<Vec<MeetingView>> {
        self.send(self.request(Method::GET, &format!("/api/v1/grid/nodes/{node}/meetings")))
            .await
    }

    pub async fn record_meeting(
        &self,
        node: NodeId,
        body: &CreateMeetingRequest,
    ) -> Result<MeetingView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/grid/nodes/{node}/meetings"))
                .json(body),
        )
        .await
    }

    /// Appoint someone to a post on a node, for a term.
    pub async fn appoint(&self, body: &AppointRequest) -> Result<PostView> {
        self.send(self.request(Method::POST, "/api/v1/grid/posts").json(body))
            .await
    }

    /// Bring an archived node back.
    pub async fn restore_node(&self, id: NodeId) -> Result<NodeView> {
        self.send(self.request(Method::POST, &format!("/api/v1/grid/nodes/{id}/restore")))
            .await
    }

    /// A node's current residents as CSV (UTF-8 with a BOM, for Excel).
    pub async fn export_residents(&self, id: NodeId) -> Result<Vec<u8>> {
        self.download(&format!("/api/v1/grid/nodes/{id}/residents.csv"))
            .await
    }
}
