//! Second-classroom activities: proposals, review, sign-ups and check-in.

use crate::{Client, Result};
use onestop_domain::growth::summary::TranscriptSummary;
use onestop_domain::growth::transcript::{IssuedTranscript, TranscriptView, VerifiedTranscript};
use onestop_domain::growth::wire::{
    ActivityCheckInRequest, ActivityView, AttendanceView, CancelActivityRequest, CheckInCode,
    CorrectAttendanceRequest, ProposeActivityRequest, ReviewActivityRequest, SignupView,
    WithdrawSignupRequest,
};
use onestop_domain::growth::ActivityState;
use onestop_domain::page::Page;
use onestop_domain::{ActivityId, SignupId, UnitId, UserId};
use reqwest::Method;
use serde::Serialize;

/// Filters for [`Client::list_activities`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct ActivityQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<ActivityState>,
    /// Only activities that have not ended.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub upcoming: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub signed_up_by_me: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl Client {
    pub async fn list_activities(&self, query: &ActivityQuery) -> Result<Page<ActivityView>> {
        self.send(self.request(Method::GET, "/api/v1/activities").query(query))
            .await
    }

    pub async fn propose_activity(&self, body: &ProposeActivityRequest) -> Result<ActivityView> {
        self.send(self.request(Method::POST, "/api/v1/activities").json(body))
            .await
    }

    pub async fn get_activity(&self, id: ActivityId) -> Result<ActivityView> {
        self.send(self.request(Method::GET, &format!("/api/v1/activities/{id}")))
            .await
    }

    pub async fn review_activity(
        &self,
        id: ActivityId,
        body: &ReviewActivityRequest,
    ) -> Result<ActivityView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/activities/{id}/review"))
                .json(body),
        )
        .await
    }

    pub async fn cancel_activity(
        &self,
        id: ActivityId,
        body: &CancelActivityRequest,
    ) -> Result<ActivityView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/activities/{id}/cancel"))
                .json(body),
        )
        .await
    }

    pub async fn activity_signups(&self, id: ActivityId) -> Result<Vec<SignupView>> {
        self.send(self.request(Method::GET, &format!("/api/v1/activities/{id}/signups")))
            .await
    }

    pub async fn sign_up(&self, id: ActivityId) -> Result<SignupView> {
        self.send(self.request(Method::POST, &format!("/api/v1/activities/{id}/signups")))
            .await
    }

    pub async fn withdraw_signup(
        &self,
        id: ActivityId,
        signup: SignupId,
        body: &WithdrawSignupRequest,
    ) -> Result<SignupView> {
        self.send(
            self.request(
                Method::POST,
                &format!("/api/v1/activities/{id}/signups/{signup}/withdraw"),
            )
            .json(body),
        )
        .await
    }

    pub async fn check_in_code(&self, id: ActivityId) -> Result<CheckInCode> {
        self.send(self.request(Method::GET, &format!("/api/v1/activities/{id}/code")))
            .await
    }

    pub async fn activity_check_in(
        &self,
        id: ActivityId,
        body: &ActivityCheckInRequest,
    ) -> Result<AttendanceView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/activities/{id}/check-in"))
                .json(body),
        )
        .await
    }

    pub async fn activity_attendance(&self, id: ActivityId) -> Result<Vec<AttendanceView>> {
        self.send(self.request(Method::GET, &format!("/api/v1/activities/{id}/attendance")))
            .await
    }

    pub async fn correct_attendance(
        &self,
        id: ActivityId,
        body: &CorrectAttendanceRequest,
    ) -> Result<AttendanceView> {
        self.send(
            self.request(Method::POST, &format!("/api/v1/activities/{id}/attendance"))
                .json(body),
        )
        .await
    }

    pub async fn my_transcript(&self) -> Result<TranscriptView> {
        self.send(self.request(Method::GET, "/api/v1/me/transcript"))
            .await
    }

    pub async fn student_transcript(&self, id: UserId) -> Result<TranscriptView> {
        self.send(self.request(Method::GET, &format!("/api/v1/students/{id}/transcript")))
            .await
    }

    /// Issue your transcript for printing, under a code anyone can check.
    pub async fn issue_transcript(&self) -> Result<IssuedTranscript> {
        self.send(self.request(Method::POST, "/api/v1/me/transcript/issue"))
            .await
    }

    /// What a transcript issued under `code` said; needs no sign-in.
    /// A college's students in an academic year (default: the caller's, this year).
    pub async fn transcript_summary(
        &self,
        unit: Option<UnitId>,
        year: Option<i32>,
    ) -> Result<TranscriptSummary> {
        #[derive(Serialize)]
        struct Q {
            #[serde(skip_serializing_if = "Option::is_none")]
            unit: Option<UnitId>,
            #[serde(skip_serializing_if = "Option::is_none")]
            year: Option<i32>,
        }
        self.send(
            self.request(Method::GET, "/api/v1/transcripts/summary")
                .query(&Q { unit, year }),
        )
        .await
    }

    /// A transcript the caller issued, as a PDF.
    pub async fn transcript_pdf(&self, code: &str) -> Result<Vec<u8>> {
        self.download(&format!("/api/v1/me/transcript/issues/{code}/pdf"))
            .await
    }

    pub async fn verify_transcript(&self, code: &str) -> Result<VerifiedTranscript> {
        self.send(self.request(Method::GET, &format!("/api/v1/transcripts/{code}")))
            .await
    }
}
