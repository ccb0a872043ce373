use crate::app::idempotency::{once, Once};
use crate::app::visits::{duties as app, Caller};
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::community::wire::{CreateVisitDutyRequest, EndVisitDutyRequest, VisitDutyView};
use onestop_domain::VisitDutyId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_visit_duties)
        .service(create_visit_duty)
        .service(end_visit_duty);
}

/// Who must visit: school leaders with their linked community, heads of
/// units; the current duties first.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    responses((status = 200, body = Vec<VisitDutyView>), (status = 403))
)]
#[get("/visit-duties")]
async fn list_visit_duties(
    state: web::Data<AppState>,
    actor: GridActor,
) -> ApiResult<web::Json<Vec<VisitDutyView>>> {
    let caller = Caller::from(&actor);
    Ok(web::Json(
        state.db.read(move |c| app::list(c, &caller)).await?,
    ))
}

/// Give a leader (an account with the role `leader`) a duty to visit, from
/// a day: a school leader names their linked community; a unit head leads
/// the unit they belong to.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateVisitDutyRequest,
    responses(
        (status = 201, body = VisitDutyView),
        (status = 403),
        (status = 409, description = "The person already holds such a duty over some of those days (`duty_overlaps`)"),
        (status = 422, description = "Not a leader, no such community, a unit head without a unit, or the end before the start"),
    )
)]
#[post("/visit-duties")]
async fn create_visit_duty(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateVisitDutyRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /visit-duties", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::create(c, Some(&caller), &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// End a duty on a day (its last), or open it again, at the version read.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(("id" = VisitDutyId, Path, description = "Duty id")),
    request_body = EndVisitDutyRequest,
    responses(
        (status = 200, body = VisitDutyView),
        (status = 403),
        (status = 404),
        (status = 409, description = "Changed since it was read (`stale_version`), or reopening it would overlap another (`duty_overlaps`)"),
        (status = 422, description = "The end is before the first day"),
    )
)]
#[patch("/visit-duties/{id}")]
async fn end_visit_duty(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<VisitDutyId>,
    body: Json<EndVisitDutyRequest>,
) -> ApiResult<web::Json<VisitDutyView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::set_end(c, &caller, id, &req, now))
            .await?,
    ))
}
