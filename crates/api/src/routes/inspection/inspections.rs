use crate::app::idempotency::{once, Once};
use crate::app::inspection::{record as app, rectify};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::inspection::rectifications::RectificationFilter;
use crate::db::repo::inspection::visits::InspectionFilter;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::inspection::wire::{
    CreateInspectionRequest, InspectionView, RecheckRequest, RectificationView,
};
use onestop_domain::inspection::{InspectionKind, RectificationState};
use onestop_domain::page::{Limit, Page};
use onestop_domain::{InspectionId, NodeId, RectificationId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_inspections)
        .service(create_inspection)
        .service(get_inspection)
        .service(list_rectifications)
        .service(recheck);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InspectionQuery {
    room: Option<NodeId>,
    building: Option<NodeId>,
    kind: Option<InspectionKind>,
    /// `YYYY-MM`, campus time.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    month: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Inspections in your reach, newest first: a counsellor's buildings, a
/// community or college head's subtree, a grid member's post, a dorm head's building.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(InspectionQuery),
    responses(
        (status = 200, body = Page<InspectionView>),
        (status = 403, description = "You reach no room: inspections are for the grid's leaders and members"),
    )
)]
#[get("/inspections")]
async fn list_inspections(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<InspectionQuery>,
) -> ApiResult<web::Json<Page<InspectionView>>> {
    let (q, caller) = (query.into_inner(), Caller::from(&actor));
    let filter = InspectionFilter {
        room: q.room,
        building: q.building,
        kind: q.kind,
        month: q.month,
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let (limit, now) = (Limit::or_default(q.limit), state.clock.now());
    let (items, more) = state
        .db
        .read(move |c| app::list(c, &caller, filter, limit, now))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|e| cursor::encode(&e.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Record an inspection of a room, now: every active line of the kind's
/// checklist scored once; each problem becomes a rectification with its
/// due day (a safety problem when the kind is `safety`).
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateInspectionRequest,
    responses(
        (status = 201, body = InspectionView),
        (status = 403, description = "You reach no room, or it is the room you live in"),
        (status = 404, description = "No such room in your reach"),
        (status = 422, description = "Not a room; a line unknown, retired, scored twice, over its points or missing; a due day past or more than 30 days ahead"),
    )
)]
#[post("/inspections")]
async fn create_inspection(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateInspectionRequest>,
) -> ApiResult<HttpResponse> {
    let (req, caller) = (body.0, Caller::from(&actor));
    let key = Once::new(caller.id, key.0, "POST /inspections", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One inspection in your reach, with its lines and rectifications.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(("id" = InspectionId, Path, description = "Inspection id")),
    responses((status = 200, body = InspectionView), (status = 404))
)]
#[get("/inspections/{id}")]
async fn get_inspection(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<InspectionId>,
) -> ApiResult<web::Json<InspectionView>> {
    let (id, caller, now) = (id.into_inner(), Caller::from(&actor), state.clock.now());
    Ok(web::Json(
        state
            .db
            .read(move |c| app::get(c, &caller, id, now))
            .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RectificationQuery {
    room: Option<NodeId>,
    building: Option<NodeId>,
    /// `open`: what still waits for a re-check.
    state: Option<RectificationState>,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Rectifications (整改项) in your reach, newest first.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(RectificationQuery),
    responses(
        (status = 200, body = Page<RectificationView>),
        (status = 403, description = "You reach no room"),
    )
)]
#[get("/rectifications")]
async fn list_rectifications(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<RectificationQuery>,
) -> ApiResult<web::Json<Page<RectificationView>>> {
    let (q, caller) = (query.into_inner(), Caller::from(&actor));
    let filter = RectificationFilter {
        room: q.room,
        building: q.building,
        state: q.state,
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let (limit, now) = (Limit::or_default(q.limit), state.clock.now());
    let (items, more) = state
        .db
        .read(move |c| rectify::list(c, &caller, filter, limit, now))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|e| cursor::encode(&e.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Re-check a problem: by someone other than its finder, never in the room
/// you live in. Passed closes it; not passed keeps it open with a new due day.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(("id" = RectificationId, Path, description = "Rectification id")),
    request_body = RecheckRequest,
    responses(
        (status = 200, body = RectificationView),
        (status = 403, description = "You found it, or you live in the room"),
        (status = 404),
        (status = 409, description = "Closed already (`rectification_closed`), or changed since it was read (`stale_version`)"),
        (status = 422, description = "Not passed without a note or a new due day; a due day past or more than 30 days ahead"),
    )
)]
#[post("/rectifications/{id}/rechecks")]
async fn recheck(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<RectificationId>,
    body: Json<RecheckRequest>,
) -> ApiResult<web::Json<RectificationView>> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| rectify::recheck(c, &caller, id, &req, now))
            .await?,
    ))
}
