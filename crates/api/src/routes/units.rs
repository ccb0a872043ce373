use crate::auth::AuthUser;
use crate::db::repo::units;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::unit::UnitView;
use onestop_domain::Role;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_units)
        .service(unit_handlers)
        .service(unit_staff);
}

/// The active handlers of a unit: whom a request routed there can be assigned to. Staff only.
#[utoipa::path(
    tag = "units",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(("unit" = String, Path, description = "Unit code (e.g. `logistics`) or id")),
    responses(
        (status = 200, body = Vec<PersonRef>),
        (status = 403),
        (status = 404),
    )
)]
#[get("/units/{unit}/handlers")]
async fn unit_handlers(
    state: web::Data<AppState>,
    user: AuthUser,
    unit: web::Path<String>,
) -> ApiResult<web::Json<Vec<PersonRef>>> {
    people(state, user, unit.into_inner(), &[Role::Handler]).await
}

/// The active staff of a unit (any staff role): who may answer for its reform assignments. Staff only.
#[utoipa::path(
    tag = "units",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("unit" = String, Path, description = "Unit code (e.g. `logistics`) or id")),
    responses(
        (status = 200, body = Vec<PersonRef>),
        (status = 403),
        (status = 404),
    )
)]
#[get("/units/{unit}/staff")]
async fn unit_staff(
    state: web::Data<AppState>,
    user: AuthUser,
    unit: web::Path<String>,
) -> ApiResult<web::Json<Vec<PersonRef>>> {
    let staff: Vec<Role> = Role::ALL.into_iter().filter(|r| r.is_staff()).collect();
    people(state, user, unit.into_inner(), &staff).await
}

async fn people(
    state: web::Data<AppState>,
    user: AuthUser,
    reference: String,
    roles: &[Role],
) -> ApiResult<web::Json<Vec<PersonRef>>> {
    if !user.roles.is_staff() {
        return Err(ApiError::Forbidden {
            detail: "only staff see who works in a unit".into(),
        });
    }
    let roles = roles.to_vec();
    let people = state
        .db
        .read(move |c| -> ApiResult<_> {
            let u = units::find_by_ref(c, &reference)?
                .ok_or_else(|| ApiError::not_found("this unit"))?;
            Ok(units::people_with(c, u.id, &roles)?)
        })
        .await?;
    Ok(web::Json(people))
}

/// Every department and college, departments first. Any signed-in user may read them.
#[utoipa::path(
    tag = "units",
    security(("bearer" = []), ("client" = [])),
    responses(
        (status = 200, body = Vec<UnitView>),
        (status = 401),
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
