//! Service accounts for other campus systems (administrators).

use crate::{Client, Result};
use onestop_domain::integration::sync::{SyncReport, SyncRoomsRequest, SyncStudentsRequest};
use onestop_domain::integration::wire::{
    CreateServiceAccountRequest, IssuedSecret, ServiceAccountView,
};
use onestop_domain::{ClientSecretId, ServiceAccountId};
use reqwest::Method;

impl Client {
    pub async fn service_accounts(&self) -> Result<Vec<ServiceAccountView>> {
        self.send(self.request(Method::GET, "/api/v1/service-accounts"))
            .await
    }

    /// Create one; the answer's `client_secret` is shown this once.
    pub async fn create_service_account(
        &self,
        body: &CreateServiceAccountRequest,
    ) -> Result<IssuedSecret> {
        self.send(
            self.request(Method::POST, "/api/v1/service-accounts")
                .json(body),
        )
        .await
    }

    pub async fn service_account(&self, id: ServiceAccountId) -> Result<ServiceAccountView> {
        self.send(self.request(Method::GET, &format!("/api/v1/service-accounts/{id}")))
            .await
    }

    /// Another secret, shown once; the older ones work until revoked.
    pub async fn rotate_secret(&self, id: ServiceAccountId) -> Result<IssuedSecret> {
        self.send(self.request(
            Method::POST,
            &format!("/api/v1/service-accounts/{id}/secrets"),
        ))
        .await
    }

    pub async fn revoke_secret(
        &self,
        id: ServiceAccountId,
        secret: ClientSecretId,
    ) -> Result<ServiceAccountView> {
        self.send(self.request(
            Method::DELETE,
            &format!("/api/v1/service-accounts/{id}/secrets/{secret}"),
        ))
        .await
    }

    pub async fn deactivate_service_account(
        &self,
        id: ServiceAccountId,
    ) -> Result<ServiceAccountView> {
        self.send(self.request(
            Method::POST,
            &format!("/api/v1/service-accounts/{id}/deactivate"),
        ))
        .await
    }
}

impl Client {
    /// Students by number, in step with the student information system.
    pub async fn sync_students(&self, body: &SyncStudentsRequest) -> Result<SyncReport> {
        self.send(
            self.request(Method::POST, "/api/v1/sync/students")
                .json(body),
        )
        .await
    }

    /// Rooms by building code and number.
    pub async fn sync_rooms(&self, body: &SyncRoomsRequest) -> Result<SyncReport> {
        self.send(self.request(Method::POST, "/api/v1/sync/rooms").json(body))
            .await
    }
}
