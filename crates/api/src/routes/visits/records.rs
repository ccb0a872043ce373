use crate::app::idempotency::{once, Once};
use crate::app::visits::{record as app, Caller};
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::visits::records::VisitFilter;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::community::wire::{RecordVisitRequest, VisitView};
use onestop_domain::dates::Day;
use onestop_domain::page::{Limit, Page};
use onestop_domain::{NodeId, UserId, VisitId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_visits)
        .service(record_visit)
        .service(get_visit);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VisitQuery {
    visitor: Option<UserId>,
    /// Visits in this community.
    community: Option<NodeId>,
    /// From this campus date on.
    from: Option<Day>,
    /// Up to this campus date.
    to: Option<Day>,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Visits, newest first: your own (as visitor, companion or recorder), those
/// in your part of the grid, or (administrators) all.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(VisitQuery),
    responses((status = 200, body = Page<VisitView>), (status = 403))
)]
#[get("/visits")]
async fn list_visits(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<VisitQuery>,
) -> ApiResult<web::Json<Page<VisitView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&actor);
    caller.require_staff()?;
    let filter = VisitFilter {
        visitor: q.visitor,
        community: q.community,
        from: q.from.map(|d| d.get()),
        to: q.to.map(|d| d.get()),
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let limit = Limit::or_default(q.limit);
    let now = state.clock.now();
    let (items, more) = state
        .db
        .read(move |c| app::list(c, &caller, &filter, limit, now))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|v| cursor::encode(&v.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Record a visit (yours; or, for the leader's office and administrators,
/// someone else's). Each problem raised becomes a repair request in the
/// service hall (the visitor its owner, routed like any other) or a
/// follow-up for a unit to answer by a date; the visit counts towards the
/// visitor's and each bound companion's duty.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = RecordVisitRequest,
    responses(
        (status = 201, body = VisitView),
        (status = 403),
        (status = 422, description = "The visitor held no duty that day, the time is in the future or too long ago, or a place, person or unit does not exist"),
    )
)]
#[post("/visits")]
async fn record_visit(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<RecordVisitRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /visits", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::record(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One visit with who came along and what became of each problem raised.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(("id" = VisitId, Path, description = "Visit id")),
    responses((status = 200, body = VisitView), (status = 404), (status = 403))
)]
#[get("/visits/{id}")]
async fn get_visit(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<VisitId>,
) -> ApiResult<web::Json<VisitView>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    caller.require_staff()?;
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| app::get(c, &caller, id, now))
            .await?,
    ))
}
