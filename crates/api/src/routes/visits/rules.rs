use crate::app::idempotency::{once, Once};
use crate::app::visits::{rules as app, Caller};
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::community::wire::{CreateVisitRuleRequest, VisitRuleView};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_visit_rules).service(create_visit_rule);
}

/// Every version of the visit rules, by duty and the day each takes effect;
/// `in_force` marks the ones periods starting today are judged by.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    responses((status = 200, body = Vec<VisitRuleView>), (status = 403))
)]
#[get("/visit-rules")]
async fn list_visit_rules(
    state: web::Data<AppState>,
    actor: GridActor,
) -> ApiResult<web::Json<Vec<VisitRuleView>>> {
    Caller::from(&actor).require_staff()?;
    let now = state.clock.now();
    Ok(web::Json(state.db.read(move |c| app::list(c, now)).await?))
}

/// A new version of the rule for one kind of duty (administrators and the
/// community office). It judges the periods that start on or after its day;
/// periods already under way keep the rule they started with.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateVisitRuleRequest,
    responses(
        (status = 201, body = VisitRuleView),
        (status = 403),
        (status = 409, description = "A rule for this duty already takes effect on that day (`rule_exists`)"),
        (status = 422, description = "The day has passed, or a kind of visit is named twice"),
    )
)]
#[post("/visit-rules")]
async fn create_visit_rule(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateVisitRuleRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /visit-rules", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                let id = app::create(c, Some(&caller), &req, now)?;
                let all = app::list(c, now)?;
                all.into_iter()
                    .find(|r| r.id == id)
                    .ok_or_else(|| crate::app::AppError::internal("the rule just written"))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
