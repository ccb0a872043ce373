//! The list of dorm buildings every staff member may read, for the queue's
//! building filter: names and codes only; what happens inside a building
//! stays behind the scope filters of the other grid and request endpoints.

use crate::auth::AuthUser;
use crate::db::repo::grid::nodes;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::grid::wire::BuildingRef;
use onestop_domain::problem::Problem;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(buildings);
}

/// Every dorm building, by name (staff): for filters and pickers.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<BuildingRef>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/grid/buildings")]
async fn buildings(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<Vec<BuildingRef>>> {
    if !user.roles.is_staff() {
        return Err(ApiError::Forbidden {
            detail: "only staff list the buildings".into(),
        });
    }
    let rows = state
        .db
        .read(|c| nodes::all_buildings(c).map_err(ApiError::from))
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .filter_map(|r| {
                Some(BuildingRef {
                    id: r.id.parse().ok()?,
                    community_id: r.community_id.parse().ok()?,
                    name: r.name,
                    code: r.code,
                })
            })
            .collect(),
    ))
}
