use crate::auth::{AdminUser, AuthUser};
use crate::db::repo::service::sla as repo;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{get, put, web};
use onestop_domain::service::sla::{check_rule, SlaRule};
use onestop_domain::service::wire::SlaRuleUpdate;
use onestop_domain::service::{Kind, Priority};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_rules).service(set_rule);
}

/// The deadline rules in force, per kind and priority.
#[utoipa::path(tag = "service hall", security(("bearer" = []), ("client" = ["requests:read"])), responses((status = 200, body = Vec<SlaRule>)))]
#[get("/sla-rules")]
async fn list_rules(
    state: web::Data<AppState>,
    _user: AuthUser,
) -> ApiResult<web::Json<Vec<SlaRule>>> {
    let rules = state
        .db
        .read(|c| repo::all(c).map_err(ApiError::from))
        .await?;
    Ok(web::Json(rules))
}

/// Change one rule (admins). Applies to requests triaged from now on.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = [])),
    params(("kind" = Kind, Path), ("priority" = Priority, Path)),
    request_body = SlaRuleUpdate,
    responses((status = 200, body = SlaRule), (status = 400), (status = 403), (status = 422, description = "The first response would be due after the resolution"))
)]
#[put("/sla-rules/{kind}/{priority}")]
async fn set_rule(
    state: web::Data<AppState>,
    _admin: AdminUser,
    path: web::Path<(Kind, Priority)>,
    body: Json<SlaRuleUpdate>,
) -> ApiResult<web::Json<SlaRule>> {
    let (kind, priority) = path.into_inner();
    let u = body.0;
    check_rule(u.first_response_minutes, u.resolution_minutes)
        .map_err(onestop_domain::ValidationErrors::single)?;
    let rule = SlaRule {
        kind,
        priority,
        first_response_minutes: u.first_response_minutes,
        resolution_minutes: u.resolution_minutes,
    };
    let now = state.clock.now();
    state
        .db
        .write(move |c| repo::set(c, &rule, now).map_err(ApiError::from))
        .await?;
    Ok(web::Json(rule))
}
