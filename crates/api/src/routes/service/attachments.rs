//! Photos and documents on a request: uploaded as multipart, checked by their
//! bytes (not the name or the declared type), stored once per content hash
//! under the data dir, and served only to those who may see the request.

use super::visible;
use crate::db::repo::service::{attachments as repo, events};
use crate::db::rows::{to_db, AttachmentRow};
use crate::error::{ApiError, ApiResult};
use crate::hall::Actor;
use crate::routes::grid::GridActor;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{get, post, web, HttpResponse};
use futures_util::StreamExt;
use onestop_domain::problem::Problem;
use onestop_domain::service::wire::{AttachmentView, EventKind};
use onestop_domain::service::State;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(upload).service(list).service(download);
}

pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_PER_REQUEST: i64 = 10;
/// Content types accepted, as the bytes reveal them: photos from phones and PDFs.
const ALLOWED: &[&str] = &[
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/heif",
    "application/pdf",
];

#[derive(ToSchema)]
#[allow(dead_code)]
struct Upload {
    /// The photo or document.
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    file: String,
}

fn too_many() -> ApiError {
    ApiError::Conflict {
        code: "too_many_attachments",
        detail: format!("a request holds at most {MAX_PER_REQUEST} attachments"),
    }
}

fn blob_path(data_dir: &Path, sha: &str) -> PathBuf {
    data_dir.join("attachments").join(&sha[..2]).join(sha)
}

/// A name safe to store and to send back: the last path part, no control or quote characters.
pub fn safe_filename(raw: Option<&str>, ext: &str) -> String {
    let base = raw.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/'))
        .take(100)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        format!("attachment.{ext}")
    } else {
        clean
    }
}

/// Attach a photo or document (multipart field `file`; JPEG, PNG, WebP,
/// HEIC or PDF; at most 10 MiB, 10 per request).
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request id")),
    request_body(content = Upload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = AttachmentView),
        (status = 400, description = "No file field", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The request is finished or has 10 attachments", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a photo or PDF by its content", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/requests/{id}/attachments")]
async fn upload(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
    mut payload: Multipart,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let check = actor.clone();
    let (request, count) = state
        .db
        .read(move |c| -> ApiResult<_> {
            let r = visible(c, &check, &id)?;
            let n = repo::count_for(c, &r.id)?;
            Ok((r, n))
        })
        .await?;
    // Checked before the bytes are read and stored, and again when the row is written.
    if count >= MAX_PER_REQUEST {
        return Err(too_many());
    }
    if !State::parse(&request.state).is_some_and(State::is_open) {
        return Err(ApiError::Conflict {
            code: "request_finished",
            detail: format!(
                "this request is {}; attachments can no longer be added",
                request.state
            ),
        });
    }
    let mut found = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| ApiError::BadRequest {
            code: "bad_multipart",
            detail: format!("the upload could not be read: {e}"),
        })?;
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest {
                code: "bad_multipart",
                detail: format!("the upload could not be read: {e}"),
            })?;
            if bytes.len() + chunk.len() > MAX_BYTES {
                return Err(ApiError::PayloadTooLarge { limit: MAX_BYTES });
            }
            bytes.extend_from_slice(&chunk);
        }
        found = Some((name, bytes));
        break;
    }
    let (name, bytes) = found.ok_or_else(|| {
        ApiError::field(
            "file",
            "required",
            "send the photo or document in a multipart field named `file`",
        )
    })?;
    let kind = infer::get(&bytes).filter(|k| ALLOWED.contains(&k.mime_type())).ok_or_else(|| ApiError::UnsupportedMediaType {
        detail: "attach photos (JPEG, PNG, WebP, HEIC) or PDF documents; the file's content is none of these".into(),
    })?;
    let sha = hex(&Sha256::digest(&bytes));
    let path = blob_path(&state.settings.data_dir, &sha);
    let size = bytes.len();
    web::block(move || store(&path, &bytes))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;

    let now = state.clock.now();
    let row = AttachmentRow {
        id: Uuid::now_v7().to_string(),
        request_id: request.id.clone(),
        sha256: sha,
        size: i64::try_from(size).unwrap_or(i64::MAX),
        content_type: kind.mime_type().to_owned(),
        filename: safe_filename(name.as_deref(), kind.extension()),
        uploaded_by: actor.id.clone(),
        created_at: to_db(now),
    };
    let view = state
        .db
        .write(move |c| -> ApiResult<AttachmentView> {
            if repo::count_for(c, &row.request_id)? >= MAX_PER_REQUEST {
                return Err(too_many());
            }
            repo::insert(c, &row)?;
            events::add(
                c,
                events::NewEvent {
                    request_id: &row.request_id,
                    kind: EventKind::Attachment,
                    actor: Some(&actor.id),
                    action: None,
                    from: None,
                    to: None,
                    note: None,
                    data: serde_json::json!({"attachment_id": row.id, "filename": row.filename, "content_type": row.content_type, "size": row.size}),
                },
                now,
            )?;
            repo::list(c, &row.request_id)?.into_iter().find(|a| a.id.to_string() == row.id).ok_or_else(|| ApiError::internal("attachment vanished"))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Content-addressed: the same bytes are stored once, and a file that exists is never rewritten.
fn store(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let dir = path
        .parent()
        .ok_or_else(|| std::io::Error::other("no parent folder"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", Uuid::new_v4()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The request's attachments.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request id")),
    responses((status = 200, body = Vec<AttachmentView>), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/requests/{id}/attachments")]
async fn list(
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
            Ok(repo::list(c, &r.id)?)
        })
        .await?;
    Ok(web::Json(items))
}

/// Download one attachment, as a file (never rendered inline).
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request id"), ("attachment" = Uuid, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/requests/{id}/attachments/{attachment}")]
async fn download(
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let (id, attachment) = path.into_inner();
    let row = state
        .db
        .read(move |c| -> ApiResult<_> {
            let r = visible(c, &actor, &id)?;
            repo::find(c, &r.id, &attachment.to_string())?
                .ok_or_else(|| ApiError::not_found("this attachment"))
        })
        .await?;
    let file = blob_path(&state.settings.data_dir, &row.sha256);
    let bytes = web::block(move || std::fs::read(file))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let ascii: String = row
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![
                DispositionParam::Filename(ascii),
                DispositionParam::FilenameExt(ExtendedValue {
                    charset: Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: row.filename.into_bytes(),
                }),
            ],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    use super::safe_filename;

    #[test]
    fn filenames_lose_paths_and_quotes() {
        assert_eq!(safe_filename(Some("../../etc/passwd"), "png"), "passwd");
        assert_eq!(safe_filename(Some(r"C:\照片\漏水.jpg"), "jpg"), "漏水.jpg");
        assert_eq!(safe_filename(Some(r#"a"b".png"#), "png"), "ab.png");
        assert_eq!(safe_filename(None, "pdf"), "attachment.pdf");
        assert_eq!(safe_filename(Some(".hidden"), "png"), "hidden");
    }
}
