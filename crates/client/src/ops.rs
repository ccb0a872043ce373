//! Operations and integration plumbing: liveness and readiness, metrics,
//! the OpenAPI document, client-credentials tokens and the live stream.

use crate::{ok, Client, Result};
use onestop_domain::integration::wire::{ClientCredentialsRequest, ClientTokenResponse};
use reqwest::{Method, Response};

impl Client {
    /// Liveness: the server is up.
    pub async fn healthz(&self) -> Result<serde_json::Value> {
        self.send(self.request(Method::GET, "/healthz")).await
    }

    /// Readiness: the server reaches its database.
    pub async fn readyz(&self) -> Result<serde_json::Value> {
        self.send(self.request(Method::GET, "/readyz")).await
    }

    /// The Prometheus text of the server's metrics (scope `metrics:read`).
    pub async fn metrics(&self) -> Result<String> {
        let res = ok(self.request(Method::GET, "/metrics").send().await?).await?;
        Ok(res.text().await?)
    }

    /// The OpenAPI document the server serves.
    pub async fn openapi_json(&self) -> Result<serde_json::Value> {
        self.send(self.request(Method::GET, "/api/v1/openapi.json"))
            .await
    }

    /// A service token (OAuth 2 client credentials): for another campus
    /// system's account, narrowed to `scope` (space-separated) when given.
    /// Use it with [`Client::with_token`]; ask again when it expires.
    pub async fn token(
        &self,
        client_id: &str,
        client_secret: &str,
        scope: Option<&str>,
    ) -> Result<ClientTokenResponse> {
        let body = ClientCredentialsRequest {
            grant_type: "client_credentials".into(),
            client_id: Some(client_id.into()),
            client_secret: Some(client_secret.into()),
            scope: scope.map(str::to_owned),
        };
        self.send(self.request(Method::POST, "/api/v1/auth/token").json(&body))
            .await
    }

    /// The live stream, opened with this client's token: Server-Sent Events
    /// (`ready`, `notification`, `change`, `resync`) to read as they come.
    pub async fn stream(&self) -> Result<Response> {
        ok(self
            .request(Method::GET, "/api/v1/me/stream")
            .send()
            .await?)
        .await
    }
}
