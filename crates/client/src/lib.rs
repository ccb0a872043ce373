//! A typed client for the onestop API over the domain crate's wire types.
//! The web app, the integration tests and other campus systems share it, so
//! the API contract is checked by the compiler on both sides.

use onestop_domain::auth::{LoginRequest, RefreshRequest, TokenResponse};
use onestop_domain::grid::wire::{
    BuildingRef, CheckInRequest, CheckOutRequest, MyResidence, NodeDetail, NodeView, PersonRef,
    ResidencyView, ResponsibleLevel, VacantRoom,
};
use onestop_domain::page::Page;
use onestop_domain::problem::Problem;
use onestop_domain::reform::wire::{
    AssignmentDetail, Board, EvidenceView, MilestoneInput, MilestoneView, NewReportRequest,
    NewReviewRequest, PlanSummary, ReformEventView, ReportView, UpdateAssignmentRequest,
};
use onestop_domain::service::wire::{
    AttachmentView, CommentRequest, EventView, RateRequest, RequestView, StateCount,
    TransitionRequest,
};
use onestop_domain::service::{Form, Kind, Priority, State};
use onestop_domain::unit::UnitView;
use onestop_domain::user::{
    ChangePasswordRequest, CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserView,
};
use onestop_domain::{NodeId, Role, UserId};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The API answered with a problem document.
    #[error("{} ({})", .0.detail, .0.status)]
    Api(Problem),
    /// The request never got an answer (network, DNS, connection refused).
    #[error("cannot reach the server: {0}")]
    Transport(#[from] reqwest::Error),
    /// The answer was not what the API promises.
    #[error("unexpected response {status}: {body}")]
    Unexpected { status: u16, body: String },
}

impl ClientError {
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ClientError::Api(p) => Some(p),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api(p) => Some(p.status),
            ClientError::Unexpected { status, .. } => Some(*status),
            ClientError::Transport(_) => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, ClientError>;

/// Filters for [`Client::list_users`].
#[derive(Debug, Default, Clone, Serialize)]
pub struct UserListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

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

#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Client {
    /// `base_url` is the server's origin, e.g. `http://127.0.0.1:8080`.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base: base_url.into().trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    /// The same client, sending `Authorization: Bearer <access_token>`.
    pub fn with_token(&self, access_token: impl Into<String>) -> Self {
        Self {
            token: Some(access_token.into()),
            ..self.clone()
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let rb = self.http.request(method, format!("{}{}", self.base, path));
        match &self.token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    async fn send<T: DeserializeOwned>(&self, rb: RequestBuilder) -> Result<T> {
        let res = ok(rb.send().await?).await?;
        let status = res.status().as_u16();
        let bytes = res.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|_| ClientError::Unexpected {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    async fn send_empty(&self, rb: RequestBuilder) -> Result<()> {
        ok(rb.send().await?).await.map(|_| ())
    }

    pub async fn login(&self, username: &str, password: &str) -> Result<TokenResponse> {
        let body = LoginRequest {
            username: username.into(),
            password: password.into(),
        };
        self.send(self.request(Method::POST, "/api/v1/auth/login").json(&body))
            .await
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenResponse> {
        let body = RefreshRequest {
            refresh_token: refresh_token.into(),
        };
        self.send(
            self.request(Method::POST, "/api/v1/auth/refresh")
                .json(&body),
        )
        .await
    }

    pub async fn logout(&self, refresh_token: &str) -> Result<()> {
        let body = RefreshRequest {
            refresh_token: refresh_token.into(),
        };
        self.send_empty(
            self.request(Method::POST, "/api/v1/auth/logout")
                .json(&body),
        )
        .await
    }

    pub async fn me(&self) -> Result<UserView> {
        self.send(self.request(Method::GET, "/api/v1/me")).await
    }

    pub async fn change_password(&self, body: &ChangePasswordRequest) -> Result<()> {
        self.send_empty(self.request(Method::POST, "/api/v1/me/password").json(body))
            .await
    }

    pub async fn units(&self) -> Result<Vec<UnitView>> {
        self.send(self.request(Method::GET, "/api/v1/units")).await
    }

    pub async fn list_users(&self, query: &UserListQuery) -> Result<Page<UserView>> {
        self.send(self.request(Method::GET, "/api/v1/users").query(query))
            .await
    }

    pub async fn create_user(&self, body: &CreateUserRequest) -> Result<UserView> {
        self.send(self.request(Method::POST, "/api/v1/users").json(body))
            .await
    }

    pub async fn get_user(&self, id: UserId) -> Result<UserView> {
        self.send(self.request(Method::GET, &format!("/api/v1/users/{id}")))
            .await
    }

    pub async fn update_user(&self, id: UserId, body: &UpdateUserRequest) -> Result<UserView> {
        self.send(
            self.request(Method::PATCH, &format!("/api/v1/users/{id}"))
                .json(body),
        )
        .await
    }

    pub async fn reset_password(&self, id: UserId, body: &ResetPasswordRequest) -> Result<()> {
        self.send_empty(
            self.request(Method::POST, &format!("/api/v1/users/{id}/password"))
                .json(body),
        )
        .await
    }
}

impl Client {
    // The grid.

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

    // The service hall.

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
        let part = reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.send(
            self.request(Method::POST, &format!("/api/v1/requests/{id}/attachments"))
                .multipart(form),
        )
        .await
    }

    /// Whom a request routed to `unit` (code or id) can be assigned to.
    pub async fn unit_handlers(&self, unit: &str) -> Result<Vec<PersonRef>> {
        self.send(self.request(Method::GET, &format!("/api/v1/units/{unit}/handlers")))
            .await
    }

    /// Who may answer for `unit`'s reform assignments: its active staff.
    pub async fn unit_staff(&self, unit: &str) -> Result<Vec<PersonRef>> {
        self.send(self.request(Method::GET, &format!("/api/v1/units/{unit}/staff")))
            .await
    }

    // The reform plan.

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

    pub async fn update_milestone(&self, id: Uuid, body: &MilestoneInput) -> Result<MilestoneView> {
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
        let part = reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.send(
            self.request(Method::POST, &format!("/api/v1/reports/{report}/evidence"))
                .multipart(form),
        )
        .await
    }

    /// A stored file's bytes, by its API path (attachment or evidence download).
    pub async fn download(&self, path: &str) -> Result<Vec<u8>> {
        let res = ok(self.request(Method::GET, path).send().await?).await?;
        Ok(res.bytes().await?.to_vec())
    }

    /// What the caller's unit must act on.
    pub async fn reform_inbox(&self) -> Result<Vec<ReformEventView>> {
        self.send(self.request(Method::GET, "/api/v1/reform/inbox"))
            .await
    }
}

/// Pass a success through; turn anything else into the API's problem document.
async fn ok(res: Response) -> Result<Response> {
    let status = res.status();
    if status.is_success() {
        return Ok(res);
    }
    let bytes = res.bytes().await?;
    match serde_json::from_slice::<Problem>(&bytes) {
        Ok(p) => Err(ClientError::Api(p)),
        Err(_) => Err(ClientError::Unexpected {
            status: status.as_u16(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }),
    }
}

/// Whether a status means the access token needs refreshing.
pub fn is_unauthorized(e: &ClientError) -> bool {
    e.status() == Some(StatusCode::UNAUTHORIZED.as_u16())
}
