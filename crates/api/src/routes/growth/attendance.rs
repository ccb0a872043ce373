use crate::app::growth::checkin as app;
use crate::app::idempotency::{once, Once};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use onestop_domain::growth::wire::{
    ActivityCheckInRequest, AttendanceView, CheckInCode, CorrectAttendanceRequest,
};
use onestop_domain::ActivityId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(check_in_code)
        .service(activity_check_in)
        .service(list_attendance)
        .service(correct_attendance);
}

/// The check-in code for the organiser's screen: six digits that change
/// every 30 seconds, shown only while the activity runs.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    responses(
        (status = 200, body = CheckInCode),
        (status = 403, description = "Neither its organiser nor their unit"),
        (status = 404),
        (status = 409, description = "Not running now (`activity_not_running`)"),
    )
)]
#[get("/activities/{id}/code")]
async fn check_in_code(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
    req: HttpRequest,
) -> ApiResult<web::Json<CheckInCode>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    // The address the organiser reached is the one their students' phones reach too.
    let origin = super::origin(&req);
    Ok(web::Json(
        state
            .db
            .read(move |c| app::current(c, &caller, id, &origin, now))
            .await?,
    ))
}

/// Check in with the code on the organiser's screen, while the activity
/// runs, once: the activity's hours go to your transcript.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("id" = ActivityId, Path, description = "Activity id"), IdempotencyHeader),
    request_body = ActivityCheckInRequest,
    responses(
        (status = 201, body = AttendanceView),
        (status = 403, description = "Not a student"),
        (status = 404),
        (status = 409, description = "Not running (`activity_not_running`), not signed up (`not_signed_up`), or recorded already (`already_checked_in`)"),
        (status = 422, description = "A code that has changed since (`code_expired`), or not this activity's (`code_wrong`)"),
    )
)]
#[post("/activities/{id}/check-in")]
async fn activity_check_in(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
    key: IdempotencyKey,
    body: Json<ActivityCheckInRequest>,
) -> ApiResult<HttpResponse> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let key = Once::new(
        caller.id,
        key.0,
        &format!("POST /activities/{id}/check-in"),
        &req,
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::check_in(c, &caller, id, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Who was recorded and how: everyone for the organiser and their unit,
/// your own record otherwise.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = []), ("client" = ["growth:read"])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    responses((status = 200, body = Vec<AttendanceView>), (status = 404))
)]
#[get("/activities/{id}/attendance")]
async fn list_attendance(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
) -> ApiResult<web::Json<Vec<AttendanceView>>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    Ok(web::Json(
        state.db.read(move |c| app::list(c, &caller, id)).await?,
    ))
}

/// Add a student who was there, or remove one who was not, with a reason:
/// from the start until a week after the end. It replaces their record.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    request_body = CorrectAttendanceRequest,
    responses(
        (status = 200, body = AttendanceView),
        (status = 403, description = "Neither its organiser nor their unit"),
        (status = 404),
        (status = 409, description = "Before the start, more than a week after the end, or not approved (`activity_not_running`)"),
        (status = 422, description = "No such student (`not_a_student`)"),
    )
)]
#[post("/activities/{id}/attendance")]
async fn correct_attendance(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
    body: Json<CorrectAttendanceRequest>,
) -> ApiResult<web::Json<AttendanceView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::correct(c, &caller, id, &req, now))
            .await?,
    ))
}
