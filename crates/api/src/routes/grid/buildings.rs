//! The dorm buildings whose requests a staff member's queue can hold, for its
//! building filter: every building for those who see requests anywhere (a
//! handler's unit, an administrator), otherwise those of their grid scope.
//! Names and codes only; what happens inside a building stays behind the
//! scope filters of the other grid and request endpoints.

use crate::app::service::Actor;
use crate::auth::GridActor;
use crate::db::repo::grid::nodes;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::grid::wire::BuildingRef;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(buildings);
}

/// The buildings of your queue, by name (staff): for filters and pickers.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    responses(
        (status = 200, body = Vec<BuildingRef>),
        (status = 403),
    )
)]
#[get("/grid/buildings")]
async fn buildings(
    state: web::Data<AppState>,
    actor: GridActor,
) -> ApiResult<web::Json<Vec<BuildingRef>>> {
    if !actor.user.roles.is_staff() {
        return Err(ApiError::Forbidden {
            detail: "only staff list the buildings".into(),
        });
    }
    let seen = Actor::from(&actor).visibility();
    let anywhere = seen.all || seen.scope.all || seen.unit.is_some() || seen.assignee.is_some();
    let rows = state
        .db
        .read(move |c| {
            let rows = if anywhere {
                nodes::all_buildings(c)
            } else {
                nodes::buildings_in_scope(c, &seen.scope)
            };
            rows.map_err(ApiError::from)
        })
        .await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|r| BuildingRef {
                id: r.id,
                community_id: r.community_id,
                name: r.name,
                code: r.code,
            })
            .collect(),
    ))
}
