use crate::app::growth::activities as app;
use crate::app::idempotency::{once, Once};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::growth::activities::ActivityFilter;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::growth::wire::{
    ActivityView, CancelActivityRequest, ProposeActivityRequest, ReviewActivityRequest,
};
use onestop_domain::growth::ActivityState;
use onestop_domain::page::{Limit, Page};
use onestop_domain::{ActivityId, UnitId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_activities)
        .service(propose_activity)
        .service(get_activity)
        .service(review_activity)
        .service(cancel_activity);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    state: Option<ActivityState>,
    /// Only activities that have not ended.
    #[serde(default)]
    upcoming: bool,
    /// Only those run in this unit's name.
    unit: Option<UnitId>,
    /// Only those you signed up for (and did not withdraw from).
    #[serde(default)]
    signed_up_by_me: bool,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Activities, newest proposed first: staff see all; students those
/// approved (or cancelled after approval) and those they signed up for.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = []), ("client" = ["growth:read"])),
    params(ActivityQuery),
    responses((status = 200, body = Page<ActivityView>))
)]
#[get("/activities")]
async fn list_activities(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<ActivityQuery>,
) -> ApiResult<web::Json<Page<ActivityView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    let filter = ActivityFilter {
        state: q.state,
        upcoming_at: q.upcoming.then_some(now),
        unit: q.unit,
        signed_up_by: q.signed_up_by_me.then_some(caller.id),
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let limit = Limit::or_default(q.limit);
    let (items, more) = state
        .db
        .read(move |c| app::list(c, &caller, &filter, limit, now))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|a| cursor::encode(&a.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Propose an activity in your unit's name, for 团委 or your college to
/// review against the quality standard.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = ProposeActivityRequest,
    responses(
        (status = 201, body = ActivityView),
        (status = 403, description = "Students do not propose activities, or your account has no unit"),
        (status = 422, description = "An unknown place or a room; a start past; an end before the start or more than 12 hours after it"),
    )
)]
#[post("/activities")]
async fn propose_activity(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<ProposeActivityRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /activities", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::propose(c, &caller, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One activity, with the caller's own sign-up.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = []), ("client" = ["growth:read"])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    responses((status = 200, body = ActivityView), (status = 404))
)]
#[get("/activities/{id}")]
async fn get_activity(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
) -> ApiResult<web::Json<ActivityView>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| app::get(c, &caller, id, now))
            .await?,
    ))
}

/// Approve a proposal (every point of the standard met) or send it back
/// (with a note), at the version read.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    request_body = ReviewActivityRequest,
    responses(
        (status = 200, body = ActivityView),
        (status = 403, description = "Neither of 团委 nor of the organising college"),
        (status = 404),
        (status = 409, description = "Reviewed or cancelled already (`illegal_transition`), or changed since it was read (`stale_version`)"),
        (status = 422, description = "Approved with a point of the standard not met (`unmet`), or sent back without a note (`reason_required`)"),
    )
)]
#[post("/activities/{id}/review")]
async fn review_activity(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
    body: Json<ReviewActivityRequest>,
) -> ApiResult<web::Json<ActivityView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::review(c, &caller, id, &req, now))
            .await?,
    ))
}

/// Cancel before the start, at the version read.
#[utoipa::path(
    tag = "activities",
    security(("bearer" = [])),
    params(("id" = ActivityId, Path, description = "Activity id")),
    request_body = CancelActivityRequest,
    responses(
        (status = 200, body = ActivityView),
        (status = 403, description = "Neither its organiser, its unit nor a reviewer"),
        (status = 404),
        (status = 409, description = "Begun (`activity_started`), rejected or cancelled already (`illegal_transition`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/activities/{id}/cancel")]
async fn cancel_activity(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ActivityId>,
    body: Json<CancelActivityRequest>,
) -> ApiResult<web::Json<ActivityView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::cancel(c, &caller, id, &req, now))
            .await?,
    ))
}
