use crate::auth::AuthUser;
use crate::db::repo::units;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::problem::Problem;
use onestop_domain::unit::UnitView;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_units);
}

/// Every department and college, departments first. Any signed-in user may read them.
#[utoipa::path(
    tag = "units",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<UnitView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/units")]
async fn list_units(
    state: web::Data<AppState>,
    _user: AuthUser,
) -> ApiResult<web::Json<Vec<UnitView>>> {
    let rows = state
        .db
        .read(|c| units::list(c).map_err(ApiError::from))
        .await?;
    Ok(web::Json(rows.iter().map(units::view).collect()))
}
