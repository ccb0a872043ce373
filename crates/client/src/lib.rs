//! A typed client for the onestop API over the domain crate's wire types.
//! The web app, the integration tests and other campus systems share it, so
//! the API contract is checked by the compiler on both sides.

mod events;
mod grid;
mod growth;
mod inspection;
mod integration;
mod ops;
mod party;
mod reform;
mod service;
mod spaces;
mod talks;
#[cfg(not(target_arch = "wasm32"))]
pub mod verify;
mod visits;

pub use events::{DeliveryQuery, NotificationQuery};
pub use grid::{NodeQuery, PostQuery, ResidencyQuery};
pub use growth::ActivityQuery;
pub use inspection::{InspectionQuery, RectificationQuery};
pub use party::PointQuery;
pub use reform::{InboxQuery, TaskQuery};
pub use service::RequestQuery;
pub use spaces::{BookingQuery, SpaceQuery};
pub use talks::TalkQuery;
#[cfg(not(target_arch = "wasm32"))]
pub use verify::{VerifyError, WebhookVerifier};
pub use visits::{ComplianceQuery, FollowUpQuery, VisitQuery};

use onestop_domain::auth::{LoginRequest, RefreshRequest, TokenResponse};
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::page::Page;
use onestop_domain::problem::Problem;
use onestop_domain::unit::UnitView;
use onestop_domain::user::{
    ChangePasswordRequest, CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserView,
};
use onestop_domain::{Role, UserId};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

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

#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
    idempotency_key: Option<String>,
}

impl Client {
    /// `base_url` is the server's origin, e.g. `http://127.0.0.1:8080`.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base: base_url.into().trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            token: None,
            idempotency_key: None,
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

    /// The same client, sending `Idempotency-Key: <key>` with its calls: a
    /// creating call retried with the same key and body is answered with the
    /// first result, and creates nothing twice (keys are kept 24 hours).
    pub fn with_idempotency_key(&self, key: impl Into<String>) -> Self {
        Self {
            idempotency_key: Some(key.into()),
            ..self.clone()
        }
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut rb = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            rb = rb.bearer_auth(t);
        }
        if let Some(k) = &self.idempotency_key {
            rb = rb.header("Idempotency-Key", k);
        }
        rb
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

    /// A file as the multipart field `file`, the way every upload endpoint takes it.
    async fn upload<T: DeserializeOwned>(
        &self,
        path: &str,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Result<T> {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.send(self.request(Method::POST, path).multipart(form))
            .await
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

    /// A stored file's bytes, by its API path (attachment or evidence download).
    pub async fn download(&self, path: &str) -> Result<Vec<u8>> {
        let res = ok(self.request(Method::GET, path).send().await?).await?;
        Ok(res.bytes().await?.to_vec())
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
