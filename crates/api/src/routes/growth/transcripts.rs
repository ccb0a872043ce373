use crate::app::growth::summary;
use crate::app::growth::transcript as app;
use crate::app::idempotency::{once, Once};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Query};
use crate::state::AppState;
use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use onestop_domain::growth::summary::TranscriptSummary;
use onestop_domain::growth::transcript::{IssuedTranscript, TranscriptView, VerifiedTranscript};
use onestop_domain::{UnitId, UserId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(my_transcript)
        .service(student_transcript)
        .service(issue_transcript)
        .service(transcript_pdf)
        .service(transcript_summary)
        .service(verify_transcript);
}

/// Your 第二课堂成绩单: each activity you were present at with its 学时, and
/// the sums by 五育 category and semester.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    responses((status = 200, body = TranscriptView), (status = 404, description = "Not a student"))
)]
#[get("/me/transcript")]
async fn my_transcript(
    state: web::Data<AppState>,
    actor: GridActor,
) -> ApiResult<web::Json<TranscriptView>> {
    let caller = Caller::from(&actor);
    let me = caller.id;
    Ok(web::Json(
        state.db.read(move |c| app::of(c, &caller, me)).await?,
    ))
}

/// A student's transcript, for administrators, the community office and the
/// staff of the student's college.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = []), ("client" = ["growth:read"])),
    params(("id" = UserId, Path, description = "The student's id")),
    responses((status = 200, body = TranscriptView), (status = 404))
)]
#[get("/students/{id}/transcript")]
async fn student_transcript(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<TranscriptView>> {
    let caller = Caller::from(&actor);
    let id = id.into_inner();
    Ok(web::Json(
        state.db.read(move |c| app::of(c, &caller, id)).await?,
    ))
}

/// Issue your transcript for printing: it gets a code that anyone can check
/// at `GET /transcripts/{code}` (the web app's `/verify/{code}`).
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    responses(
        (status = 201, body = IssuedTranscript),
        (status = 403, description = "Not a student"),
    )
)]
#[post("/me/transcript/issue")]
async fn issue_transcript(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /me/transcript/issue", &())?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::issue(c, &caller, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// A transcript you issued, as an A4 PDF to keep or print: the activities by
/// semester, the sums by 五育 category, and the code with the public address
/// (and a QR code of it) that confirms it.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("code" = String, Path, description = "The code it was issued under", pattern = "^[A-Za-z0-9]{12}$")),
    responses(
        (status = 200, description = "The PDF (a download)", content_type = "application/pdf"),
        (status = 404, description = "Not a transcript you issued"),
    )
)]
#[get("/me/transcript/issues/{code}/pdf")]
async fn transcript_pdf(
    req: HttpRequest,
    state: web::Data<AppState>,
    actor: GridActor,
    code: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&actor);
    let code = code.into_inner();
    let origin = super::origin(&req);
    let font = state.settings.pdf_font.clone();
    let pdf = state
        .db
        .read(move |c| app::pdf(c, &caller, &code, &origin, font.as_ref()))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![
                DispositionParam::Filename("transcript.pdf".into()),
                DispositionParam::FilenameExt(ExtendedValue {
                    charset: Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: pdf.filename.into_bytes(),
                }),
            ],
        })
        .body(pdf.bytes))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// The college (default: yours).
    unit: Option<UnitId>,
    /// The academic year by the year it begins in (default: this one).
    #[param(minimum = 2000, maximum = 2100)]
    year: Option<i32>,
}

/// A college's students in one academic year: each one's 学时 by 五育
/// category, the categories they have none in (those with most missing
/// first), and how many students lack each. Administrators and the
/// community office ask for any college; staff for their own.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = []), ("client" = ["growth:read"])),
    params(SummaryQuery),
    responses(
        (status = 200, body = TranscriptSummary),
        (status = 400, description = "No college named and none of your own, or a year outside 2000–2100"),
        (status = 403, description = "A student, or another college's staff"),
        (status = 404, description = "No such unit"),
    )
)]
#[get("/transcripts/summary")]
async fn transcript_summary(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<SummaryQuery>,
) -> ApiResult<web::Json<TranscriptSummary>> {
    let caller = Caller::from(&actor);
    let q = query.into_inner();
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| summary::of_unit(c, &caller, q.unit, q.year, now))
            .await?,
    ))
}

/// Confirm an issued transcript, without signing in: the name, the student
/// number and the totals as issued — nothing else.
#[utoipa::path(
    tag = "activities",
    params(("code" = String, Path, description = "The code printed on the transcript", pattern = "^[A-Za-z0-9]{12}$")),
    responses((status = 200, body = VerifiedTranscript), (status = 404, description = "No transcript was issued under this code"))
)]
#[get("/transcripts/{code}")]
async fn verify_transcript(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> ApiResult<web::Json<VerifiedTranscript>> {
    let code = code.into_inner();
    Ok(web::Json(
        state.db.read(move |c| app::verify(c, &code)).await?,
    ))
}
