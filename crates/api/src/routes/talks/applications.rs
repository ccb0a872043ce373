use crate::app::idempotency::{once, Once};
use crate::app::talks::{after, apply as app};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::community::talks::wire::{
    ApplicationView, ApplyRequest, FeedbackRequest, RaiseFollowUpRequest, WithdrawRequest,
};
use onestop_domain::{ApplicationId, TalkId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_applications)
        .service(apply)
        .service(withdraw)
        .service(give_feedback)
        .service(raise_follow_up);
}

/// The applications of a session, in application-id order: all of them,
/// with names and questions, for its hosts and the office of its place;
/// your own for anyone else.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(("id" = TalkId, Path, description = "Session id")),
    responses((status = 200, body = Vec<ApplicationView>), (status = 404))
)]
#[get("/talks/{id}/applications")]
async fn list_applications(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<TalkId>,
) -> ApiResult<web::Json<Vec<ApplicationView>>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| app::list(c, &caller, id, now))
            .await?,
    ))
}

/// Apply for a place with the question or topic you want to raise: once per
/// session, until applications close.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(("id" = TalkId, Path, description = "Session id"), IdempotencyHeader),
    request_body = ApplyRequest,
    responses(
        (status = 201, body = ApplicationView),
        (status = 403, description = "Not a student, or the session is for another college or building"),
        (status = 404),
        (status = 409, description = "Applied already (`already_applied`), or applications closed (`applications_closed`)"),
    )
)]
#[post("/talks/{id}/applications")]
async fn apply(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    id: web::Path<TalkId>,
    body: Json<ApplyRequest>,
) -> ApiResult<HttpResponse> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let key = Once::new(
        caller.id,
        key.0,
        &format!("POST /talks/{id}/applications"),
        &req,
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::apply(c, &caller, id, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Withdraw your application before the session starts; a place you give up
/// goes to the next on the waiting list, who is told.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(
        ("id" = TalkId, Path, description = "Session id"),
        ("application" = ApplicationId, Path, description = "Your application's id"),
    ),
    request_body = WithdrawRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 404, description = "No such session, or not your application"),
        (status = 409, description = "Withdrawn already, begun or cancelled (`not_withdrawable`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/talks/{id}/applications/{application}/withdraw")]
async fn withdraw(
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(TalkId, ApplicationId)>,
    body: Json<WithdrawRequest>,
) -> ApiResult<web::Json<ApplicationView>> {
    let ((id, a), req) = (path.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::withdraw(c, &caller, id, a, &req, now))
            .await?,
    ))
}

/// Say how it was, once, after attending.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(
        ("id" = TalkId, Path, description = "Session id"),
        ("application" = ApplicationId, Path, description = "Your application's id"),
    ),
    request_body = FeedbackRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 404, description = "No such session, or not your application"),
        (status = 409, description = "Not begun (`talk_not_started`), not recorded present (`not_attended`), or given already (`feedback_given`)"),
    )
)]
#[post("/talks/{id}/applications/{application}/feedback")]
async fn give_feedback(
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(TalkId, ApplicationId)>,
    body: Json<FeedbackRequest>,
) -> ApiResult<web::Json<ApplicationView>> {
    let ((id, a), req) = (path.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| after::feedback(c, &caller, id, a, &req, now))
            .await?,
    ))
}

/// Give a student's question to a unit to answer by a date; the student sees
/// the answer on their application (and is told when it comes).
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(
        ("id" = TalkId, Path, description = "Session id"),
        ("application" = ApplicationId, Path, description = "Application id"),
    ),
    request_body = RaiseFollowUpRequest,
    responses(
        (status = 200, body = ApplicationView),
        (status = 403, description = "Neither a host nor the office of its place"),
        (status = 404),
        (status = 409, description = "The question went to a unit already (`follow_up_exists`)"),
        (status = 422, description = "No unit with that code, or a due date past or more than a year ahead"),
    )
)]
#[post("/talks/{id}/applications/{application}/follow-up")]
async fn raise_follow_up(
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(TalkId, ApplicationId)>,
    body: Json<RaiseFollowUpRequest>,
) -> ApiResult<web::Json<ApplicationView>> {
    let ((id, a), req) = (path.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| after::raise(c, &caller, id, a, &req, now))
            .await?,
    ))
}
