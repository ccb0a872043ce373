use crate::app::visits::{places as app, Caller};
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::NodeId;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(visit_places);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacesQuery {
    /// A community (its buildings), a college zone (its buildings) or a
    /// building (its rooms); the communities when absent.
    under: Option<NodeId>,
}

/// Where a visit can be recorded, a level at a time, by name (staff and
/// leaders): names only, whatever your part of the grid.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(PlacesQuery),
    responses(
        (status = 200, body = Vec<PlaceRef>),
        (status = 403),
        (status = 404, description = "No such place in the grid, or archived"),
    )
)]
#[get("/visits/places")]
async fn visit_places(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<PlacesQuery>,
) -> ApiResult<web::Json<Vec<PlaceRef>>> {
    let caller = Caller::from(&actor);
    let under = query.into_inner().under;
    Ok(web::Json(
        state
            .db
            .read(move |c| app::under(c, &caller, under))
            .await?,
    ))
}
