//! Community spaces and their booking calendars.

use crate::{Client, Result};
use onestop_domain::community::spaces::wire::{
    BookingView, CancelBookingRequest, CreateBookingRequest, CreateSpaceRequest,
    DecideBookingRequest, SpaceView, UpdateSpaceRequest,
};
use onestop_domain::community::spaces::{BookingState, SpaceKind};
use onestop_domain::{BookingId, NodeId, SpaceId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::list_spaces`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct SpaceQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpaceKind>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
}

/// Which bookings [`Client::list_bookings`] reads.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BookingQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space: Option<SpaceId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<NodeId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<BookingState>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mine: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub kept: bool,
    /// `YYYY-MM-DD`, campus time; today when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// 1 to 62; 7 when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

impl Client {
    pub async fn list_spaces(&self, query: &SpaceQuery) -> Result<Vec<SpaceView>> {
        self.send(self.request(Method::GET, "/api/v1/spaces").query(query))
            .await
    }

    pub async fn create_space(&self, body: &CreateSpaceRequest) -> Result<SpaceView> {
        self.send(self.request(Method::POST, "/api/v1/spaces").json(body))
            .await
    }

    pub async fn get_space(&self, id: SpaceId) -> Result<SpaceView> {
        self.send(self.request(Method::GET, &format!("/api/v1/spaces/{id}")))
            .await
    }

    pub async fn update_space(&self, id: SpaceId, body: &UpdateSpaceRequest) -> Result<SpaceView> {
        self.send(
            self.request(Method::PUT, &format!("/api/v1/spaces/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn list_bookings(&self, query: &BookingQuery) -> Result<Vec<BookingView>> {
        self.send(self.request(Method::GET, "/api/v1/bookings").query(query))
            .await
    }

    pub async fn book(&self, body: &CreateBookingRequest) -> Result<BookingView> {
        self.send(self.request(Method::POST, "/api/v1/bookings").json(body))
            .await
    }

    pub async fn decide_booking(
        &self,
        id: BookingId,
        body: &DecideBookingRequest,
    ) -> Result<BookingView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/bookings/{id}/decision"))
                .json(body),
        )
        .await
    }

    pub async fn cancel_booking(
        &self,
        id: BookingId,
        body: &CancelBookingRequest,
    ) -> Result<BookingView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/bookings/{id}/cancel"))
                .json(body),
        )
        .await
    }
}
