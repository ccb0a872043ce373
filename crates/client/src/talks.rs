//! 思政课堂 sessions: announcing, applying, the draw and what follows.

use crate::{Client, Result};
use onestop_domain::community::talks::wire::{
    ApplicationView, ApplyRequest, AttendanceRequest, CancelTalkRequest, CreateTalkRequest,
    DrawView, FeedbackRequest, RaiseFollowUpRequest, TalkView, WithdrawRequest,
};
use onestop_domain::community::talks::TalkState;
use onestop_domain::page::Page;
use onestop_domain::{ApplicationId, TalkId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::list_talks`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct TalkQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<TalkState>,
    /// Only sessions that have not ended.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub upcoming: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hosted_by_me: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub applied_by_me: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl Client {
    pub async fn list_talks(&self, query: &TalkQuery) -> Result<Page<TalkView>> {
        self.send(self.request(Method::GET, "/api/v1/talks").query(query))
            .await
    }

    pub async fn create_talk(&self, body: &CreateTalkRequest) -> Result<TalkView> {
        self.send(self.request(Method::POST, "/api/v1/talks").json(body))
            .await
    }

    pub async fn get_talk(&self, id: TalkId) -> Result<TalkView> {
        self.send(self.request(Method::GET, &format!("/api/v1/talks/{id}")))
            .await
    }

    pub async fn cancel_talk(&self, id: TalkId, body: &CancelTalkRequest) -> Result<TalkView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/talks/{id}/cancel"))
                .json(body),
        )
        .await
    }

    pub async fn draw_talk(&self, id: TalkId) -> Result<DrawView> {
        self.send(self.request(Method::POST, &format!("/api/v1/talks/{id}/draw")))
            .await
    }

    pub async fn talk_draw(&self, id: TalkId) -> Result<DrawView> {
        self.send(self.request(Method::GET, &format!("/api/v1/talks/{id}/draw")))
            .await
    }

    pub async fn record_attendance(
        &self,
        id: TalkId,
        body: &AttendanceRequest,
    ) -> Result<Vec<ApplicationView>> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/talks/{id}/attendance"))
                .json(body),
        )
        .await
    }

    pub async fn talk_applications(&self, id: TalkId) -> Result<Vec<ApplicationView>> {
        self.send(self.request(Method::GET, &format!("/api/v1/talks/{id}/applications")))
            .await
    }

    pub async fn apply_for_talk(&self, id: TalkId, body: &ApplyRequest) -> Result<ApplicationView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/talks/{id}/applications"))
                .json(body),
        )
        .await
    }

    pub async fn withdraw_application(
        &self,
        id: TalkId,
        application: ApplicationId,
        body: &WithdrawRequest,
    ) -> Result<ApplicationView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/talks/{id}/applications/{application}/withdraw"),
            )
            .json(body),
        )
        .await
    }

    pub async fn talk_feedback(
        &self,
        id: TalkId,
        application: ApplicationId,
        body: &FeedbackRequest,
    ) -> Result<ApplicationView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/talks/{id}/applications/{application}/feedback"),
            )
            .json(body),
        )
        .await
    }

    pub async fn raise_talk_follow_up(
        &self,
        id: TalkId,
        application: ApplicationId,
        body: &RaiseFollowUpRequest,
    ) -> Result<ApplicationView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/talks/{id}/applications/{application}/follow-up"),
            )
            .json(body),
        )
        .await
    }
}
