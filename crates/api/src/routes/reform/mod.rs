//! The reform plan: plans, their trees, and tasks by section and unit; its
//! assignments, their progress, and the oversight board in the submodules.

mod assignments;
mod board;
mod reports;

use crate::auth::StaffUser;
use crate::db::repo::reform;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::grid::local_date;
use onestop_domain::reform::board::Standing;
use onestop_domain::reform::wire::{PlanSummary, PlanTree, TaskView};
use onestop_domain::reform::UnitRole;
use onestop_domain::{PlanId, TaskId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_plans)
        .service(board::board)
        .service(get_plan)
        .service(list_tasks)
        .service(get_task)
        .service(board::inbox);
    assignments::routes(cfg);
    reports::routes(cfg);
}

/// Every plan, with its number of sections and tasks.
#[utoipa::path(tag = "reform", security(("bearer" = []), ("client" = ["reform:read"])), responses((status = 200, body = Vec<PlanSummary>), (status = 403)))]
#[get("/plans")]
async fn list_plans(
    state: web::Data<AppState>,
    _staff: StaffUser,
) -> ApiResult<web::Json<Vec<PlanSummary>>> {
    Ok(web::Json(
        state
            .db
            .read(|c| reform::list_plans(c).map_err(ApiError::from))
            .await?,
    ))
}

/// A whole plan: sections, tasks, parts and each part's lead and cooperating units.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("id" = Uuid, Path, description = "Plan id")),
    responses((status = 200, body = PlanTree), (status = 404), (status = 403))
)]
#[get("/plans/{id}")]
async fn get_plan(
    state: web::Data<AppState>,
    _staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<PlanTree>> {
    let id = PlanId(id.into_inner());
    let today = local_date(state.clock.now());
    state
        .db
        .read(move |c| reform::tree(c, id, today).map_err(ApiError::from))
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("this plan"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    plan: Option<Uuid>,
    /// Section number (1–3 in the customer's plan).
    section: Option<i32>,
    /// Unit code (e.g. `youth-league`) or id: tasks this unit leads or cooperates on.
    unit: Option<String>,
    /// With `unit`: only where it leads, or only where it cooperates.
    role: Option<UnitRole>,
    /// How the task stands: blocked, at_risk, not_started, on_track or done.
    status: Option<Standing>,
    /// Only tasks with (true) or without (false) an overdue milestone or a late assignment.
    overdue: Option<bool>,
}

/// Tasks, filtered by plan, section, unit (as lead or cooperator), standing and overdue.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(TaskQuery),
    responses((status = 200, body = Vec<TaskView>), (status = 400), (status = 403))
)]
#[get("/tasks")]
async fn list_tasks(
    state: web::Data<AppState>,
    _staff: StaffUser,
    query: Query<TaskQuery>,
) -> ApiResult<web::Json<Vec<TaskView>>> {
    let q = query.into_inner();
    let today = local_date(state.clock.now());
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let unit_id = super::unit_filter(c, q.unit.as_deref())?;
            let filter = reform::TaskFilter {
                plan_id: q.plan.map(PlanId),
                section: q.section,
                unit_id,
                role: q.role,
                standing: q.status,
                overdue: q.overdue,
            };
            Ok(reform::tasks(c, &filter, today)?)
        })
        .await?;
    Ok(web::Json(items))
}

/// One task with its parts and units.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("id" = Uuid, Path, description = "Task id")),
    responses((status = 200, body = TaskView), (status = 404), (status = 403))
)]
#[get("/tasks/{id}")]
async fn get_task(
    state: web::Data<AppState>,
    _staff: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<TaskView>> {
    let id = TaskId(id.into_inner());
    let today = local_date(state.clock.now());
    state
        .db
        .read(move |c| reform::task(c, id, today).map_err(ApiError::from))
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("this task"))
}
