//! Service accounts: created, listed, their secrets rotated and revoked, and
//! deactivated, by administrators. A secret is shown once, when issued.

use crate::app::integration::accounts as app;
use crate::auth::AdminUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use onestop_domain::integration::wire::{
    CreateServiceAccountRequest, IssuedSecret, ServiceAccountView,
};
use onestop_domain::{ClientSecretId, ServiceAccountId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_service_accounts)
        .service(create_service_account)
        .service(get_service_account)
        .service(rotate_secret)
        .service(revoke_secret)
        .service(deactivate_service_account);
}

/// Every service account, by name.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ServiceAccountView>), (status = 403))
)]
#[get("/service-accounts")]
async fn list_service_accounts(
    state: web::Data<AppState>,
    _admin: AdminUser,
) -> ApiResult<web::Json<Vec<ServiceAccountView>>> {
    let items = state
        .db
        .read(|c| app::list(c).map_err(ApiError::from))
        .await?;
    Ok(web::Json(items))
}

/// Create a service account for another campus system. The answer carries its
/// `client_id` and `client_secret`: the secret is shown this once (it is kept
/// only as a digest), so the same call is not replayed by an Idempotency-Key.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    request_body = CreateServiceAccountRequest,
    responses(
        (status = 201, body = IssuedSecret),
        (status = 403),
        (status = 422, description = "The unit names no unit, an address is not a range, or the expiry has passed"),
    )
)]
#[post("/service-accounts")]
async fn create_service_account(
    state: web::Data<AppState>,
    admin: AdminUser,
    body: Json<CreateServiceAccountRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let by = admin.0.id;
    let now = state.clock.now();
    let issued = state
        .db
        .write(move |c| app::create(c, by, &req, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/service-accounts/{}", issued.client_id),
        ))
        .json(issued))
}

/// One service account with its secrets (never the secrets themselves).
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    params(("id" = ServiceAccountId, Path, description = "Service account id (its client_id)")),
    responses((status = 200, body = ServiceAccountView), (status = 403))
)]
#[get("/service-accounts/{id}")]
async fn get_service_account(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<ServiceAccountId>,
) -> ApiResult<web::Json<ServiceAccountView>> {
    let id = id.into_inner();
    let view = state
        .db
        .read(move |c| app::get(c, id).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// Issue another secret, shown once. The older ones keep working until they
/// are revoked, so the system switches over without a gap.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    params(("id" = ServiceAccountId, Path, description = "Service account id")),
    responses(
        (status = 201, body = IssuedSecret),
        (status = 403),
        (status = 409, description = "The account is deactivated"),
    )
)]
#[post("/service-accounts/{id}/secrets")]
async fn rotate_secret(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<ServiceAccountId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.clock.now();
    let issued = state
        .db
        .write(move |c| app::rotate(c, id, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Created().json(issued))
}

/// Revoke one secret: tokens are no longer issued for it.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    params(
        ("id" = ServiceAccountId, Path, description = "Service account id"),
        ("secret" = ClientSecretId, Path, description = "Secret id"),
    ),
    responses((status = 200, body = ServiceAccountView), (status = 403))
)]
#[delete("/service-accounts/{id}/secrets/{secret}")]
async fn revoke_secret(
    state: web::Data<AppState>,
    _admin: AdminUser,
    path: web::Path<(ServiceAccountId, ClientSecretId)>,
) -> ApiResult<web::Json<ServiceAccountView>> {
    let (id, secret) = path.into_inner();
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::revoke_secret(c, id, secret, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// Stop the account for good: no more tokens, and the ones it holds stop working.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    params(("id" = ServiceAccountId, Path, description = "Service account id")),
    responses((status = 200, body = ServiceAccountView), (status = 403))
)]
#[post("/service-accounts/{id}/deactivate")]
async fn deactivate_service_account(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<ServiceAccountId>,
) -> ApiResult<web::Json<ServiceAccountView>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::deactivate(c, id, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}
