//! The grid: a student's own room, nodes, residents, posts and free beds.

use crate::{Client, Result};
use onestop_domain::grid::wire::{
    BuildingRef, CheckInRequest, CheckOutRequest, MyResidence, NodeDetail, NodeView, ResidencyView,
    ResponsibleLevel, VacantRoom,
};
use onestop_domain::page::Page;
use onestop_domain::NodeId;
use reqwest::Method;

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
}
