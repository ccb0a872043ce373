use crate::auth::GridActor;
use crate::db::repo::grid::duties;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{get, put, web};
use onestop_domain::grid::wire::{DutyView, ReplaceDutiesRequest};
use onestop_domain::grid::{GridAction, Level};
use onestop_domain::{FieldError, ValidationErrors};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_duties).service(replace_duties);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DutyQuery {
    level: Option<Level>,
}

/// The service item lists (网格服务管理事项清单): each level's duties per post.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(DutyQuery),
    responses((status = 200, body = Vec<DutyView>), (status = 403))
)]
#[get("/grid/duties")]
async fn list_duties(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<DutyQuery>,
) -> ApiResult<web::Json<Vec<DutyView>>> {
    actor.require(GridAction::Read)?;
    let level = query.into_inner().level;
    let items = state
        .db
        .read(move |c| duties::list(c, level).map_err(ApiError::from))
        .await?;
    Ok(web::Json(items))
}

/// Replace one level's whole list, in the order given. The lists bind every
/// community, so only a scope over the whole grid (administrators) may.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("level" = Level, Path, description = "community, college_zone, building or room")),
    request_body = ReplaceDutiesRequest,
    responses(
        (status = 200, body = Vec<DutyView>),
        (status = 400),
        (status = 403),
        (status = 422, description = "A post type that does not exist at this level"),
    )
)]
#[put("/grid/duties/{level}")]
async fn replace_duties(
    state: web::Data<AppState>,
    actor: GridActor,
    level: web::Path<Level>,
    body: Json<ReplaceDutiesRequest>,
) -> ApiResult<web::Json<Vec<DutyView>>> {
    actor.require_school_wide(GridAction::EditDuties)?;
    let level = level.into_inner();
    let items = body.0.items;
    let mut errs = ValidationErrors::new();
    for (i, item) in items.iter().enumerate() {
        if !item.post_type.allowed_at(level) {
            errs.push(FieldError::new(
                format!("items[{i}].post_type"),
                "wrong_level",
                format!(
                    "no {} post exists at a {}",
                    item.post_type.as_str(),
                    level.as_str()
                ),
            ));
        }
        if item.title.trim().is_empty() || item.title.chars().count() > 200 {
            errs.push(FieldError::new(
                format!("items[{i}].title"),
                "length",
                "a duty's title is 1 to 200 characters",
            ));
        }
        if item.description.chars().count() > 4000 {
            errs.push(FieldError::new(
                format!("items[{i}].description"),
                "length",
                "a description is at most 4000 characters",
            ));
        }
    }
    if items.len() > 200 {
        errs.push(FieldError::new(
            "items",
            "length",
            "a list holds at most 200 duties",
        ));
    }
    errs.finish(|| Some(()))?;
    let now = state.clock.now();
    let list = state
        .db
        .write(move |c| -> ApiResult<_> {
            duties::replace(c, level, &items, now)?;
            Ok(duties::list(c, Some(level))?)
        })
        .await?;
    Ok(web::Json(list))
}
