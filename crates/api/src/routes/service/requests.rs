use crate::app::idempotency::{once, Once};
use crate::app::service::submit::submit;
use crate::app::service::transition::{self, Params};
use crate::app::service::views::{view_as, visible};
use crate::app::service::{comments, Actor};
use crate::app::AppResult;
use crate::auth::GridActor;
use crate::db::repo::service::events;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::service::wire::{
    CommentRequest, EventView, RateRequest, RequestView, TransitionRequest,
};
use onestop_domain::service::{notes, Form};
use onestop_domain::ValidationErrors;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_request)
        .service(get_request)
        .service(timeline)
        .service(transition_request)
        .service(comment)
        .service(rate);
}

/// Submit a request (students). The body is `kind` plus that kind's fields;
/// a repair needs only `category` and `description` and is located in your
/// room. Send an `Idempotency-Key` header to make retries safe.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    request_body = Form,
    params(IdempotencyHeader),
    responses(
        (status = 201, body = RequestView),
        (status = 400, description = "Invalid fields, each named in `errors`"),
        (status = 403, description = "Only students submit requests"),
        (status = 409, description = "No room on record, already housed, or an idempotency key reused with another body"),
        (status = 422, description = "A place that is not yours or not in the grid, or a date in the future or too long ago"),
    )
)]
#[post("/requests")]
async fn create_request(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let form = super::form::parse_form(body.0)?;
    let once = Once::new(actor.id, key.0, "POST /requests", &form)?;
    let now = state.clock.now();
    let max_open = state.settings.max_open_requests;
    let view = state
        .db
        .write(move |c| submit(c, &actor, form, once.as_ref(), max_open, now))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One request, if you may see it.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(("id" = Uuid, Path, description = "Request id")),
    responses((status = 200, body = RequestView), (status = 404))
)]
#[get("/requests/{id}")]
async fn get_request(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<RequestView>> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let now = state.clock.now();
    let v = state
        .db
        .read(move |c| -> AppResult<_> {
            let row = visible(c, &actor, &id)?;
            view_as(c, &actor, row, now)
        })
        .await?;
    Ok(web::Json(v))
}

/// The request's timeline: every step, comment, attachment and escalation, oldest first.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(("id" = Uuid, Path, description = "Request id")),
    responses((status = 200, body = Vec<EventView>), (status = 404))
)]
#[get("/requests/{id}/events")]
async fn timeline(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Vec<EventView>>> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let list = state
        .db
        .read(move |c| -> ApiResult<_> {
            let row = visible(c, &actor, &id)?;
            Ok(events::timeline(c, row.id)?)
        })
        .await?;
    Ok(web::Json(list))
}

/// Take a step in the request's lifecycle: `triage` (priority, unit),
/// `assign` (assignee), `start`, `ask` (note), `answer` (note), `resolve`,
/// `confirm`, `reject` (reason), `cancel`, `reopen`. Send the `version` you
/// last saw: if someone acted first you get 409 with the current version.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:write"])),
    params(("id" = Uuid, Path, description = "Request id")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = RequestView),
        (status = 400, description = "A field the action needs is missing or invalid"),
        (status = 403, description = "Your relation to the request does not allow this step"),
        (status = 404),
        (status = 409, description = "Illegal from the current state (named), or a stale version"),
        (status = 422, description = "The assignee is not in the unit, or the unit names no unit"),
    )
)]
#[post("/requests/{id}/transitions")]
async fn transition_request(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
    body: Json<TransitionRequest>,
) -> ApiResult<web::Json<RequestView>> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let t = body.0;
    let params = Params {
        version: t.version,
        note: t.note,
        priority: t.priority,
        unit: t.unit,
        assignee: t.assignee,
        reason: t.reason,
    };
    let now = state.clock.now();
    let v = state
        .db
        .write(move |c| -> AppResult<_> {
            let row = visible(c, &actor, &id)?;
            let row = transition::apply(c, &actor, row, t.action, &params, now)?;
            view_as(c, &actor, row, now)
        })
        .await?;
    Ok(web::Json(v))
}

/// Add a comment to the timeline (anyone who may see the request).
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:write"])),
    params(("id" = Uuid, Path, description = "Request id"), IdempotencyHeader),
    request_body = CommentRequest,
    responses((status = 201, body = EventView), (status = 400), (status = 404), (status = 409, description = "The request holds as many comments as one request may"))
)]
#[post("/requests/{id}/comments")]
async fn comment(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
    key: IdempotencyKey,
    body: Json<CommentRequest>,
) -> ApiResult<HttpResponse> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let text = notes::note("text", Some(&body.0.text), true)
        .map_err(|e| ApiError::Validation(ValidationErrors::single(e)))?
        .unwrap_or_default();
    let key = Once::new(
        actor.id,
        key.0,
        &format!("POST /requests/{id}/comments"),
        &text,
    )?;
    let now = state.clock.now();
    let ev = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                comments::add(c, &actor, &id, &text, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(ev))
}

/// Rate a closed request (the student who submitted it). 1 or 2 reopens it for review.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request id")),
    request_body = RateRequest,
    responses(
        (status = 200, body = RequestView),
        (status = 400),
        (status = 403),
        (status = 409, description = "Not closed, or rated already"),
    )
)]
#[post("/requests/{id}/rating")]
async fn rate(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<Uuid>,
    body: Json<RateRequest>,
) -> ApiResult<web::Json<RequestView>> {
    let actor = Actor::from(&actor);
    let id = id.into_inner();
    let RateRequest {
        rating,
        comment: remark,
    } = body.0;
    let now = state.clock.now();
    let v = state
        .db
        .write(move |c| -> AppResult<_> {
            let row = visible(c, &actor, &id)?;
            let row = transition::rate(c, &actor, row, rating, remark, now)?;
            view_as(c, &actor, row, now)
        })
        .await?;
    Ok(web::Json(v))
}
