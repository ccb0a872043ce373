use crate::app::idempotency::{once, Once};
use crate::app::talks::announce::{self as app, TalkFilter};
use crate::app::talks::{after, draw};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::cursor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::community::talks::wire::{
    ApplicationView, AttendanceRequest, CancelTalkRequest, CreateTalkRequest, DrawView, TalkView,
};
use onestop_domain::community::talks::TalkState;
use onestop_domain::page::{Limit, Page};
use onestop_domain::TalkId;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_talks)
        .service(create_talk)
        .service(get_talk)
        .service(cancel_talk)
        .service(run_draw)
        .service(get_draw)
        .service(record_attendance);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TalkQuery {
    state: Option<TalkState>,
    /// Only sessions that have not ended.
    #[serde(default)]
    upcoming: bool,
    /// Only those you host.
    #[serde(default)]
    hosted_by_me: bool,
    /// Only those you applied for.
    #[serde(default)]
    applied_by_me: bool,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Sessions, newest announced first: staff see all; a student those open to
/// all students, to their college or their building, and those they applied for.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = []), ("client" = ["talks:read"])),
    params(TalkQuery),
    responses((status = 200, body = Page<TalkView>))
)]
#[get("/talks")]
async fn list_talks(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<TalkQuery>,
) -> ApiResult<web::Json<Page<TalkView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    let filter = TalkFilter {
        state: q.state,
        hosted_by: q.hosted_by_me.then_some(caller.id),
        applied_by: q.applied_by_me.then_some(caller.id),
        ending_after: q.upcoming.then_some(now),
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let limit = Limit::or_default(q.limit);
    let (items, more) = state
        .db
        .read(move |c| app::list(c, &caller, &filter, limit, now))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|t| cursor::encode(&t.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Announce a session in a community space: its time is booked there at once
/// (waiting for the office where the space asks). Applications are taken
/// until `apply_by`; the SHA-256 of the draw's seed is published now.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateTalkRequest,
    responses(
        (status = 201, body = TalkView),
        (status = 403, description = "Students do not host sessions, or the space is not open to bookings by staff"),
        (status = 409, description = "Another booking holds some of that time in the space (`booking_overlaps`)"),
        (status = 422, description = "An unknown space, host, unit or building; a host who is not staff; you are not among the hosts (and do not keep the space); both audiences; a deadline past or after the start; the time off the space's hours or quarter hours; more places than the space holds"),
    )
)]
#[post("/talks")]
async fn create_talk(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateTalkRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /talks", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(
    tag = "talks",
    security(("bearer" = []), ("client" = ["talks:read"])),
    params(("id" = TalkId, Path, description = "Session id")),
    responses((status = 200, body = TalkView), (status = 404))
)]
#[get("/talks/{id}")]
async fn get_talk(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<TalkId>,
) -> ApiResult<web::Json<TalkView>> {
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

/// Cancel a session before it starts: its space is freed and everyone who
/// applied is told why.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(("id" = TalkId, Path, description = "Session id")),
    request_body = CancelTalkRequest,
    responses(
        (status = 200, body = TalkView),
        (status = 403, description = "Neither a host nor the office of its place"),
        (status = 404),
        (status = 409, description = "Begun (`talk_started`) or cancelled already (`talk_cancelled`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/talks/{id}/cancel")]
async fn cancel_talk(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<TalkId>,
    body: Json<CancelTalkRequest>,
) -> ApiResult<web::Json<TalkView>> {
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

/// Draw the places now that applications have closed (the jobs do it at the
/// deadline otherwise). Everyone who applied is told where they stand.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(("id" = TalkId, Path, description = "Session id")),
    responses(
        (status = 200, body = DrawView),
        (status = 403, description = "Neither a host nor the office of its place"),
        (status = 404),
        (status = 409, description = "Applications still open (`applications_open`), drawn already (`already_drawn`), or cancelled (`talk_cancelled`)"),
    )
)]
#[post("/talks/{id}/draw")]
async fn run_draw(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<TalkId>,
) -> ApiResult<web::Json<DrawView>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| draw::draw(c, &caller, id, now))
            .await?,
    ))
}

/// The draw's record, for anyone who sees the session: the revealed seed
/// (its SHA-256 was published when the session was announced), the method,
/// and the entrants by application id with their weights and ranks — enough
/// to re-run it.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = []), ("client" = ["talks:read"])),
    params(("id" = TalkId, Path, description = "Session id")),
    responses(
        (status = 200, body = DrawView),
        (status = 404, description = "No such session, or not drawn yet"),
    )
)]
#[get("/talks/{id}/draw")]
async fn get_draw(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<TalkId>,
) -> ApiResult<web::Json<DrawView>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    Ok(web::Json(
        state.db.read(move |c| draw::record(c, &caller, id)).await?,
    ))
}

/// Record who came, once the session has begun: the placed applications
/// listed attended, the other placed ones did not. Sent again, it replaces
/// the record. Answers every application of the session.
#[utoipa::path(
    tag = "talks",
    security(("bearer" = [])),
    params(("id" = TalkId, Path, description = "Session id")),
    request_body = AttendanceRequest,
    responses(
        (status = 200, body = Vec<ApplicationView>),
        (status = 403, description = "Neither a host nor the office of its place"),
        (status = 404),
        (status = 409, description = "Not begun yet (`talk_not_started`), not drawn (`applications_open`), or cancelled (`talk_cancelled`)"),
        (status = 422, description = "An application without a place in this session"),
    )
)]
#[post("/talks/{id}/attendance")]
async fn record_attendance(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<TalkId>,
    body: Json<AttendanceRequest>,
) -> ApiResult<web::Json<Vec<ApplicationView>>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| after::attendance(c, &caller, id, &req, now))
            .await?,
    ))
}
