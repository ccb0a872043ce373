//! Photos and documents on a request (see `crate::files` for how they are
//! checked and stored), served only to those who may see the request.

use crate::app::service::attachments::{attach, may_attach};
use crate::app::service::views::visible;
use crate::app::service::Actor;
use crate::auth::GridActor;
use crate::db::repo::service::attachments as repo;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey};
use crate::files;
use crate::routes::uploads::{self, Upload};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use onestop_domain::service::wire::AttachmentView;
use onestop_domain::AttachmentId;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(upload_attachment)
        .service(list_attachments)
        .service(download_attachment);
}

/// Attach a photo or document (multipart field `file`; JPEG, PNG, WebP,
/// HEIC or PDF; at most 10 MiB, 10 per request).
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:write"])),
    params(("id" = Uuid, Path, description = "Request id"), IdempotencyHeader),
    request_body(content = files::Upload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = AttachmentView),
        (status = 400, description = "No file field"),
        (status = 404),
        (status = 409, description = "The request is finished or has 10 attachments"),
        (status = 413),
        (status = 415, description = "Not a photo or PDF by its content"),
    )
)]
#[post("/requests/{id}/attachments")]
async fn upload_attachment(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
    key: IdempotencyKey,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let check = actor.clone();
    let up = Upload {
        by: actor.id,
        key,
        operation: format!("POST /requests/{id}/attachments"),
        only: None,
    };
    uploads::accept(
        &state,
        payload,
        up,
        move |c| may_attach(c, &check, &id),
        move |c, file, now| attach(c, &actor, &id, file, now),
    )
    .await
}

/// The request's attachments.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(("id" = Uuid, Path, description = "Request id")),
    responses((status = 200, body = Vec<AttachmentView>), (status = 404))
)]
#[get("/requests/{id}/attachments")]
async fn list_attachments(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<AttachmentView>>> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let r = visible(c, &actor, &id)?;
            Ok(repo::list(c, r.id)?)
        })
        .await?;
    Ok(web::Json(items))
}

/// Download one attachment, as a file (never rendered inline).
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(("id" = Uuid, Path, description = "Request id"), ("attachment" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404))
)]
#[get("/requests/{id}/attachments/{attachment}")]
async fn download_attachment(
    req: HttpRequest,
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(Uuid, AttachmentId)>,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let (id, attachment) = path.into_inner();
    let row = state
        .db
        .read(move |c| -> ApiResult<_> {
            let r = visible(c, &actor, &id)?;
            repo::find(c, r.id, attachment)?.ok_or_else(|| ApiError::not_found("this attachment"))
        })
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
