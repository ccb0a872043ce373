//! Progress reports: filed by the unit, with evidence; reviewed (对标校准) by
//! the part's lead unit or an admin, who may send them back for rework.

use crate::app::idempotency::{once, Once};
use crate::app::reform::reports::{self, report_row, report_view};
use crate::app::reform::{evidence, Caller};
use crate::auth::StaffUser;
use crate::db::repo::reform::progress;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::files;
use crate::routes::uploads::{self, Upload};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use onestop_domain::grid::local_date;
use onestop_domain::reform::progress::check_report;
use onestop_domain::reform::wire::{EvidenceView, NewReportRequest, NewReviewRequest, ReportView};
use onestop_domain::{AssignmentId, EvidenceId, ReportId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(file_report)
        .service(get_report)
        .service(review)
        .service(add_evidence)
        .service(download_evidence);
}

/// File a progress report on an assignment (the unit's own staff). A report
/// is never edited: to correct one, or after it is sent back, file another.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Assignment id"), IdempotencyHeader),
    request_body = NewReportRequest,
    responses(
        (status = 201, body = ReportView),
        (status = 403, description = "Not the assignment's unit"),
        (status = 404),
        (status = 400),
        (status = 422, description = "A month still to come, or more than twelve months ago"),
    )
)]
#[post("/assignments/{id}/reports")]
async fn file_report(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<AssignmentId>,
    key: IdempotencyKey,
    body: Json<NewReportRequest>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = id.into_inner();
    let Json(body) = body;
    let key = Once::new(
        caller.id,
        key.0,
        &format!("POST /assignments/{id}/reports"),
        &body,
    )?;
    let now = state.clock.now();
    let report = check_report(
        &body.period,
        body.status,
        body.percent,
        &body.text,
        local_date(now),
    )?;
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                reports::file(c, &caller, id, report, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One report with its reviews and evidence.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("id" = Uuid, Path, description = "Report id")),
    responses((status = 200, body = ReportView), (status = 404), (status = 403))
)]
#[get("/reports/{id}")]
async fn get_report(
    state: web::Data<AppState>,
    _staff: StaffUser,
    id: web::Path<ReportId>,
) -> ApiResult<web::Json<ReportView>> {
    let id = id.into_inner();
    Ok(web::Json(
        state
            .db
            .read(move |c| {
                let r = report_row(c, id)?;
                report_view(c, &r)
            })
            .await?,
    ))
}

/// Review a report: a calibration comment, accept it, or send it back for
/// rework (with the reason). Admins and the part's lead unit review; a lead's
/// own report is reviewed by an admin.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Report id"), IdempotencyHeader),
    request_body = NewReviewRequest,
    responses(
        (status = 201, description = "The report with the new review", body = ReportView),
        (status = 403, description = "Not a supervisor of this part"),
        (status = 404),
        (status = 409, description = "Already accepted or returned"),
        (status = 400),
    )
)]
#[post("/reports/{id}/reviews")]
async fn review(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<ReportId>,
    key: IdempotencyKey,
    body: Json<NewReviewRequest>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = id.into_inner();
    let Json(body) = body;
    let key = Once::new(
        caller.id,
        key.0,
        &format!("POST /reports/{id}/reviews"),
        &body,
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                reports::review(c, &caller, id, body.verdict, &body.text, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Attach evidence to a pending report (multipart field `file`: photos or PDF,
/// at most 10 MiB, 10 per report). Only the reporting unit adds evidence.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Report id"), IdempotencyHeader),
    request_body(content = files::Upload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = EvidenceView),
        (status = 403),
        (status = 404),
        (status = 409, description = "Report already reviewed, or full"),
        (status = 413),
        (status = 415),
    )
)]
#[post("/reports/{id}/evidence")]
async fn add_evidence(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<ReportId>,
    key: IdempotencyKey,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = id.into_inner();
    let check = Caller::from(&*user);
    let up = Upload {
        by: caller.id,
        key,
        operation: format!("POST /reports/{id}/evidence"),
        only: None,
    };
    uploads::accept(
        &state,
        payload,
        up,
        move |c| evidence::may_add(c, &check, id),
        move |c, file, now| evidence::add(c, &caller, id, file, now),
    )
    .await
}

/// Download one piece of evidence, as a file.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("id" = Uuid, Path, description = "Report id"), ("evidence" = Uuid, Path, description = "Evidence id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404), (status = 403))
)]
#[get("/reports/{id}/evidence/{evidence}")]
async fn download_evidence(
    req: HttpRequest,
    state: web::Data<AppState>,
    _staff: StaffUser,
    path: web::Path<(ReportId, EvidenceId)>,
) -> ApiResult<HttpResponse> {
    let (id, evidence) = path.into_inner();
    let row = state
        .db
        .read(move |c| -> ApiResult<_> {
            progress::evidence(c, id, evidence)?.ok_or_else(|| ApiError::not_found("this evidence"))
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
