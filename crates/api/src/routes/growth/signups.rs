use crate::app::growth::signups as app;
use crate::app::idempotency::{once, Once};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::growth::wire::{SignupView, WithdrawSignupRequest};
use onestop_domain::{ActivityId, SignupId};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_signups)
        .service(sign_up)
        .service(withdraw_signup);
}

/// The sign-ups in the order they came: all of them for the organiser and
/// their unit, your own for anyone else.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = []), ("client" = ["growth:read"])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    responses((status = 200, body = Vec<SignupView>), (status = 404))
)]
#[get("/activities/{id}/signups")]
async fn list_signups(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
) -> ApiResult<web::Json<Vec<SignupView>>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    Ok(web::Json(
        state.db.read(move |c| app::list(c, &caller, id)).await?,
    ))
}

/// Sign up: a place while there is one, else the waiting list (`ahead` says
/// how many wait before you). Once per student and activity.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("id" = ActivityId, Path, description = "Activity id"), IdempotencyHeader),
    responses(
        (status = 201, body = SignupView),
        (status = 403, description = "Not a student"),
        (status = 404),
        (status = 409, description = "Not open for sign-up (`signup_closed`), or signed up already (`already_signed_up`)"),
    )
)]
#[post("/activities/{id}/signups")]
async fn sign_up(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
    key: IdempotencyKey,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    let key = Once::new(
        caller.id,
        key.0,
        &format!("POST /activities/{id}/signups"),
        &(),
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::sign_up(c, &caller, id, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Withdraw before the start, at the version read; a place given up goes to
/// the first on the waiting list.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(
        ("id" = ActivityId, Path, description = "Activity id"),
        ("signup" = SignupId, Path, description = "Your sign-up's id"),
    ),
    request_body = WithdrawSignupRequest,
    responses(
        (status = 200, body = SignupView),
        (status = 404, description = "No such activity, or not your sign-up"),
        (status = 409, description = "Withdrawn already or begun (`activity_started`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/activities/{id}/signups/{signup}/withdraw")]
async fn withdraw_signup(
    state: web::Data<AppState>,
    actor: GridActor,
    path: web::Path<(ActivityId, SignupId)>,
    body: Json<WithdrawSignupRequest>,
) -> ApiResult<web::Json<SignupView>> {
    let ((id, signup), req) = (path.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::withdraw(c, &caller, id, signup, &req, now))
            .await?,
    ))
}
