//! Photos and documents on a request (see `crate::files` for how they are
//! checked and stored), served only to those who may see the request.

use crate::app::service::views::visible;
use crate::app::service::Actor;
use crate::auth::GridActor;
use crate::db::repo::service::{attachments as repo, events, requests};
use crate::db::repo::users;
use crate::db::rows::{to_db, AttachmentRow};
use crate::error::{ApiError, ApiResult};
use crate::files;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use onestop_domain::problem::ProblemCode;
use onestop_domain::service::wire::{AttachmentView, EventKind};
use onestop_domain::AttachmentId;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(upload_attachment)
        .service(list_attachments)
        .service(download_attachment);
}

pub const MAX_PER_REQUEST: i64 = 10;

fn too_many() -> ApiError {
    ApiError::Conflict {
        code: ProblemCode::TooManyAttachments,
        detail: format!("a request holds at most {MAX_PER_REQUEST} attachments"),
    }
}

/// Attach a photo or document (multipart field `file`; JPEG, PNG, WebP,
/// HEIC or PDF; at most 10 MiB, 10 per request).
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request id")),
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
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let check = actor.clone();
    let (request, count) = state
        .db
        .read(move |c| -> ApiResult<_> {
            let r = visible(c, &check, &id)?;
            let n = repo::count_for(c, r.id)?;
            Ok((r, n))
        })
        .await?;
    // Checked before the bytes are read and stored, and again when the row is written.
    if count >= MAX_PER_REQUEST {
        return Err(too_many());
    }
    if !request.state.is_open() {
        return Err(ApiError::Conflict {
            code: ProblemCode::RequestFinished,
            detail: format!(
                "this request is {}; attachments can no longer be added",
                request.state.as_str()
            ),
        });
    }
    let file = files::receive(payload, &state.settings.data_dir).await?;
    let now = state.clock.now();
    let row = AttachmentRow {
        id: AttachmentId::new(),
        request_id: request.id,
        sha256: file.sha256.clone(),
        size: file.size,
        content_type: file.content_type.to_owned(),
        filename: file.filename.clone(),
        uploaded_by: actor.id,
        created_at: to_db(now),
    };
    let view = state
        .db
        .write(move |c| -> ApiResult<AttachmentView> {
            // Uploads in parallel count one after another: the request's row is held.
            requests::lock(c, row.request_id)?;
            if repo::count_for(c, row.request_id)? >= MAX_PER_REQUEST {
                return Err(too_many());
            }
            repo::insert(c, &row)?;
            events::add(
                c,
                events::NewEvent {
                    request_id: row.request_id,
                    kind: EventKind::Attachment,
                    actor: Some(actor.id),
                    action: None,
                    from: None,
                    to: None,
                    note: None,
                    data: serde_json::json!({"attachment_id": row.id, "filename": row.filename, "content_type": row.content_type, "size": row.size}),
                },
                now,
            )?;
            let names = users::names(c, [row.uploaded_by])?;
            let view = repo::view(&row, &names);
            file.persist().map_err(ApiError::internal)?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The request's attachments.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
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
    security(("bearer" = [])),
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
