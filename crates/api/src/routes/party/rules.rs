use crate::app::idempotency::{once, Once};
use crate::app::party::rules as app;
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::party::wire::{CreatePointRuleRequest, PointRuleView, UpdatePointRuleRequest};
use onestop_domain::PointRuleId;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_point_rules)
        .service(create_point_rule)
        .service(update_point_rule);
}

/// The points table (积分细则), retired rules included, by category and code.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<PointRuleView>))
)]
#[get("/party/rules")]
async fn list_point_rules(
    state: web::Data<AppState>,
    _actor: GridActor,
) -> ApiResult<web::Json<Vec<PointRuleView>>> {
    Ok(web::Json(state.db.read(app::list).await?))
}

/// Add a rule to the table (党群工作部).
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreatePointRuleRequest,
    responses(
        (status = 201, body = PointRuleView),
        (status = 403, description = "Not of 党群工作部"),
        (status = 409, description = "A rule with this code exists (`rule_exists`)"),
        (status = 422, description = "Points of 0"),
    )
)]
#[post("/party/rules")]
async fn create_point_rule(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreatePointRuleRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /party/rules", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Change a rule's names, points or whether it is active (党群工作部).
/// Entries made under it keep the points they were given.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = PointRuleId, Path, description = "Rule id")),
    request_body = UpdatePointRuleRequest,
    responses(
        (status = 200, body = PointRuleView),
        (status = 403, description = "Not of 党群工作部"),
        (status = 404),
        (status = 409, description = "The rule changed since it was read (`stale_version`)"),
        (status = 422, description = "Points of 0"),
    )
)]
#[patch("/party/rules/{id}")]
async fn update_point_rule(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<PointRuleId>,
    body: Json<UpdatePointRuleRequest>,
) -> ApiResult<web::Json<PointRuleView>> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::update(c, &caller, id, &req, now))
            .await?,
    ))
}
