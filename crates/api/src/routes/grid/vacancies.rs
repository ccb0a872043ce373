//! Rooms with free beds: what a student may ask to move into, or what staff
//! may offer in their part of the grid.

use crate::app::grid::stays;
use crate::auth::GridActor;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::grid::wire::VacantRoom;
use onestop_domain::grid::GridAction;
use onestop_domain::{NodeId, Role};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(vacancies);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VacancyQuery {
    /// Only this building's rooms.
    building: Option<NodeId>,
}

/// Rooms with free beds, by building, floor and number. A student sees the
/// rooms of their college's zones that match their gender, other than their
/// own (for check-in and room-change requests); staff see the rooms in their scope.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(VacancyQuery),
    responses(
        (status = 200, body = Vec<VacantRoom>),
        (status = 403),
    )
)]
#[get("/grid/vacancies")]
async fn vacancies(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<VacancyQuery>,
) -> ApiResult<web::Json<Vec<VacantRoom>>> {
    let building = query.into_inner().building;
    // A student who also holds a grid post asks for themselves here.
    let as_student = actor.user.roles.contains(Role::Student);
    if !as_student {
        actor.require(GridAction::Read)?;
    }
    let rooms = state
        .db
        .read(move |c| stays::vacancies(c, &actor, as_student, building).map_err(ApiError::from))
        .await?;
    Ok(web::Json(rooms))
}
