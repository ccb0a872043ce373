//! Photos of a visit (see `crate::files` for how uploads are checked and
//! stored), served only to those who see the visit.

use crate::app::visits::{photos as app, Caller};
use crate::auth::GridActor;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey};
use crate::files;
use crate::routes::uploads::{self, Only, Upload};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use onestop_domain::community::visits::is_photo;
use onestop_domain::community::wire::PhotoView;
use onestop_domain::{PhotoId, VisitId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(add_photo).service(download_photo);
}

/// Add a photo taken on the visit (multipart field `file`: JPEG, PNG, WebP
/// or HEIC; at most 10 MiB, 10 per visit), by the visitor, a companion,
/// whoever recorded it, or an administrator. It shows in the visit's `photos`.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(("id" = VisitId, Path, description = "Visit id"), IdempotencyHeader),
    request_body(content = files::Upload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = PhotoView),
        (status = 400, description = "No file field"),
        (status = 403, description = "Neither on the visit nor its recorder"),
        (status = 404),
        (status = 409, description = "The visit has 10 photos (`too_many_photos`)"),
        (status = 413),
        (status = 415, description = "Not a photo by its content"),
    )
)]
#[post("/visits/{id}/photos")]
async fn add_photo(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<VisitId>,
    key: IdempotencyKey,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&actor);
    caller.require_staff()?;
    let id = id.into_inner();
    let check = caller.clone();
    let up = Upload {
        by: caller.id,
        key,
        operation: format!("POST /visits/{id}/photos"),
        only: Some(Only {
            takes: is_photo,
            refusal: "a visit keeps photos (JPEG, PNG, WebP or HEIC), not documents",
        }),
    };
    uploads::accept(
        &state,
        payload,
        up,
        move |c| app::may_add(c, &check, id),
        move |c, file, now| app::add(c, &caller, id, file, now),
    )
    .await
}

/// One photo of the visit, as a file (never rendered inline).
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(("id" = VisitId, Path, description = "Visit id"), ("photo" = PhotoId, Path, description = "Photo id")),
    responses((status = 200, description = "The photo", content_type = "application/octet-stream"), (status = 403), (status = 404))
)]
#[get("/visits/{id}/photos/{photo}")]
async fn download_photo(
    req: HttpRequest,
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(VisitId, PhotoId)>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&actor);
    caller.require_staff()?;
    let (visit, photo) = path.into_inner();
    let row = state
        .db
        .read(move |c| app::find(c, &caller, visit, photo).map_err(ApiError::from))
        .await?;
    files::download(
        &req,
        &state.settings.data_dir,
        &row.sha256,
        &row.content_type,
        row.filename,
    )
    .await
}
