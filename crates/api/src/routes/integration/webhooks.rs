//! Webhook subscriptions and their delivery log: administrators, and other
//! campus systems holding `webhooks:manage`. The signing secret is shown
//! when issued only, so those calls are not replayed by an Idempotency-Key.

use crate::app::events::webhooks::subscriptions as app;
use crate::auth::AdminUser;
use crate::cursor;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::integration::subscriptions::{
    CreateSubscriptionRequest, DeliveryView, IssuedSubscription, SubscriptionView,
    UpdateSubscriptionRequest,
};
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::page::{Limit, Page};
use onestop_domain::{DeliveryId, SubscriptionId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_webhooks)
        .service(create_webhook)
        .service(get_webhook)
        .service(update_webhook)
        .service(rotate_webhook_secret)
        .service(list_deliveries)
        .service(get_delivery)
        .service(redeliver);
}

/// Every subscription, by name, with its backlog.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    responses((status = 200, body = Vec<SubscriptionView>), (status = 403))
)]
#[get("/webhooks")]
async fn list_webhooks(
    state: web::Data<AppState>,
    _admin: AdminUser,
) -> ApiResult<web::Json<Vec<SubscriptionView>>> {
    let items = state
        .db
        .read(|c| app::list(c).map_err(ApiError::from))
        .await?;
    Ok(web::Json(items))
}

/// Subscribe an address to events. Each event is POSTed to it as JSON
/// (`WebhookEvent`) with the Standard Webhooks headers `webhook-id`,
/// `webhook-timestamp` and `webhook-signature` (`v1,` and the base64
/// HMAC-SHA256 of `id.timestamp.body` under the secret's key); a receiver
/// answers 2xx within 10 s, or it is tried again, waiting longer each time,
/// for 24 hours. The answer shows the secret this once.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    request_body = CreateSubscriptionRequest,
    responses(
        (status = 201, body = IssuedSubscription),
        (status = 403),
        (status = 422, description = "The address is not a web address the server may call (an internal one, unless allowed)"),
    )
)]
#[post("/webhooks")]
async fn create_webhook(
    state: web::Data<AppState>,
    admin: AdminUser,
    body: Json<CreateSubscriptionRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let by = admin.0.id;
    let now = state.clock.now();
    let reach = state.webhooks.reach().clone();
    let issued = state
        .db
        .write(move |c| app::create(c, by, &req, &reach, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/webhooks/{}", issued.subscription.id),
        ))
        .json(issued))
}

#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    params(("id" = SubscriptionId, Path, description = "Subscription id")),
    responses((status = 200, body = SubscriptionView), (status = 403), (status = 404))
)]
#[get("/webhooks/{id}")]
async fn get_webhook(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<SubscriptionId>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let id = id.into_inner();
    let view = state
        .db
        .read(move |c| app::get(c, id).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// Change the name, the address or the events, or pause (`active: false`)
/// and resume. A paused subscription gets no new deliveries.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    params(("id" = SubscriptionId, Path, description = "Subscription id")),
    request_body = UpdateSubscriptionRequest,
    responses(
        (status = 200, body = SubscriptionView),
        (status = 403),
        (status = 404),
        (status = 422, description = "The address is not a web address the server may call"),
    )
)]
#[patch("/webhooks/{id}")]
async fn update_webhook(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<SubscriptionId>,
    body: Json<UpdateSubscriptionRequest>,
) -> ApiResult<web::Json<SubscriptionView>> {
    let (id, req) = (id.into_inner(), body.0);
    let now = state.clock.now();
    let reach = state.webhooks.reach().clone();
    let view = state
        .db
        .write(move |c| app::update(c, id, &req, &reach, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// Replace the signing secret; the new one is shown this once and signs
/// every delivery from now on.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    params(("id" = SubscriptionId, Path, description = "Subscription id")),
    responses((status = 201, body = IssuedSubscription), (status = 403), (status = 404))
)]
#[post("/webhooks/{id}/secret")]
async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<SubscriptionId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.clock.now();
    let issued = state
        .db
        .write(move |c| app::rotate_secret(c, id, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Created().json(issued))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    state: Option<DeliveryState>,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// The delivery log, newest first: each event with its attempts, last
/// status, error and latency.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    params(("id" = SubscriptionId, Path, description = "Subscription id"), DeliveryQuery),
    responses((status = 200, body = Page<DeliveryView>), (status = 403), (status = 404))
)]
#[get("/webhooks/{id}/deliveries")]
async fn list_deliveries(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<SubscriptionId>,
    query: Query<DeliveryQuery>,
) -> ApiResult<web::Json<Page<DeliveryView>>> {
    let (id, q) = (id.into_inner(), query.into_inner());
    let limit = Limit::or_default(q.limit);
    let after = q.cursor.as_deref().map(cursor::decode).transpose()?;
    let mut page = state
        .db
        .read(move |c| {
            app::deliveries(c, id, q.state, after.as_deref(), limit).map_err(ApiError::from)
        })
        .await?;
    page.next_cursor = page.next_cursor.map(|last| cursor::encode(&last));
    Ok(web::Json(page))
}

/// One delivery with every attempt.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    params(
        ("id" = SubscriptionId, Path, description = "Subscription id"),
        ("delivery" = DeliveryId, Path, description = "Delivery id"),
    ),
    responses((status = 200, body = DeliveryView), (status = 403), (status = 404))
)]
#[get("/webhooks/{id}/deliveries/{delivery}")]
async fn get_delivery(
    state: web::Data<AppState>,
    _admin: AdminUser,
    path: web::Path<(SubscriptionId, DeliveryId)>,
) -> ApiResult<web::Json<DeliveryView>> {
    let (id, d) = path.into_inner();
    let view = state
        .db
        .read(move |c| app::delivery(c, id, d).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// Send a delivered or failed delivery again (the same `webhook-id`, so a
/// receiver that has it already can tell), with a fresh day of retries.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = []), ("client" = ["webhooks:manage"])),
    params(
        ("id" = SubscriptionId, Path, description = "Subscription id"),
        ("delivery" = DeliveryId, Path, description = "Delivery id"),
    ),
    responses(
        (status = 200, body = DeliveryView),
        (status = 403),
        (status = 404),
        (status = 409, description = "The delivery is still on its way"),
    )
)]
#[post("/webhooks/{id}/deliveries/{delivery}/redeliver")]
async fn redeliver(
    state: web::Data<AppState>,
    _admin: AdminUser,
    path: web::Path<(SubscriptionId, DeliveryId)>,
) -> ApiResult<web::Json<DeliveryView>> {
    let (id, d) = path.into_inner();
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::redeliver(c, id, d, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}
