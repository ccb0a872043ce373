//! A unit's assignments: who answers for them, by when, and their milestones.

use crate::app::idempotency::{once, Once};
use crate::app::reform::edits;
use crate::app::reform::{self as app, Caller};
use crate::auth::StaffUser;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use onestop_domain::dates::Day;
use onestop_domain::grid::local_date;
use onestop_domain::reform::progress::check_milestone;
use onestop_domain::reform::wire::{
    AssignmentDetail, AssignmentView, MilestoneInput, MilestoneUpdate, MilestoneView,
    UpdateAssignmentRequest,
};
use onestop_domain::reform::UnitRole;
use onestop_domain::{AssignmentId, MilestoneId, PlanId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_assignments)
        .service(get_one)
        .service(update)
        .service(add_milestone)
        .service(update_milestone)
        .service(remove_milestone);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignmentQuery {
    plan: Uuid,
    /// Unit code or id; defaults to the caller's own unit.
    unit: Option<String>,
    role: Option<UnitRole>,
}

/// A unit's assignments on a plan, with where each stands (default: the caller's unit).
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(AssignmentQuery),
    responses((status = 200, body = Vec<AssignmentView>), (status = 400), (status = 403))
)]
#[get("/assignments")]
async fn list_assignments(
    state: web::Data<AppState>,
    user: StaffUser,
    query: Query<AssignmentQuery>,
) -> ApiResult<web::Json<Vec<AssignmentView>>> {
    let q = query.into_inner();
    let today = local_date(state.clock.now());
    let caller = Caller::from(&*user);
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let unit = super::super::unit_filter(c, q.unit.as_deref())?;
            let plan = PlanId(q.plan);
            Ok(app::unit_assignments(
                c, &caller, unit, plan, q.role, today,
            )?)
        })
        .await?;
    Ok(web::Json(items))
}

/// One assignment: its part's units, milestones, reports with reviews, history,
/// and what the caller may do.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("id" = Uuid, Path, description = "Assignment id")),
    responses((status = 200, body = AssignmentDetail), (status = 404), (status = 403))
)]
#[get("/assignments/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<AssignmentDetail>> {
    let caller = Caller::from(&*user);
    let id = AssignmentId(id.into_inner());
    let today = local_date(state.clock.now());
    Ok(web::Json(
        state
            .db
            .read(move |c| app::detail(c, id, &caller, today))
            .await?,
    ))
}

/// Set who answers for an assignment and by when (the unit's own staff, or an admin).
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Assignment id")),
    request_body = UpdateAssignmentRequest,
    responses(
        (status = 200, body = AssignmentDetail),
        (status = 403, description = "Another unit's assignment"),
        (status = 404),
        (status = 409, description = "Changed by someone else first"),
        (status = 422, description = "The responsible person is not staff of the assignment's unit"),
    )
)]
#[put("/assignments/{id}")]
async fn update(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
    body: Json<UpdateAssignmentRequest>,
) -> ApiResult<web::Json<AssignmentDetail>> {
    let caller = Caller::from(&*user);
    let id = AssignmentId(id.into_inner());
    let Json(body) = body;
    let now = state.clock.now();
    let detail = state
        .db
        .write(move |c| edits::update(c, &caller, id, &body, now))
        .await?;
    Ok(web::Json(detail))
}

/// Add a milestone (a step of the unit's roadmap, with its date).
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Assignment id"), IdempotencyHeader),
    request_body = MilestoneInput,
    responses(
        (status = 201, body = MilestoneView),
        (status = 403),
        (status = 404),
        (status = 400),
        (status = 422, description = "Marked done on a day still to come"),
    )
)]
#[post("/assignments/{id}/milestones")]
async fn add_milestone(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
    key: IdempotencyKey,
    body: Json<MilestoneInput>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = AssignmentId(id.into_inner());
    let Json(body) = body;
    let key = Once::new(
        caller.id,
        key.0,
        &format!("POST /assignments/{id}/milestones"),
        &body,
    )?;
    let now = state.clock.now();
    let today = local_date(now);
    let (due_on, done_on) = (body.due_on.get(), body.done_on.map(Day::get));
    let title = check_milestone(&body.title, done_on, today)?;
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                edits::add_milestone(c, &caller, id, title, due_on, done_on, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Change a milestone: its title, due date, or the day it was done (null: not
/// done), with the version it was read at (409 when someone changed it since).
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Milestone id")),
    request_body = MilestoneUpdate,
    responses(
        (status = 200, body = MilestoneView),
        (status = 403),
        (status = 404),
        (status = 400),
        (status = 409, description = "Someone changed the milestone since it was read"),
        (status = 422, description = "Marked done on a day still to come"),
    )
)]
#[put("/milestones/{id}")]
async fn update_milestone(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
    body: Json<MilestoneUpdate>,
) -> ApiResult<web::Json<MilestoneView>> {
    let caller = Caller::from(&*user);
    let id = MilestoneId(id.into_inner());
    let Json(body) = body;
    let now = state.clock.now();
    let today = local_date(now);
    let (due_on, done_on) = (body.due_on.get(), body.done_on.map(Day::get));
    let title = check_milestone(&body.title, done_on, today)?;
    let view = state
        .db
        .write(move |c| {
            edits::update_milestone(c, &caller, id, &title, (due_on, done_on), body.version, now)
        })
        .await?;
    Ok(web::Json(view))
}

/// Remove a milestone set by mistake (its history stays in the log).
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Milestone id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403),
        (status = 404),
    )
)]
#[delete("/milestones/{id}")]
async fn remove_milestone(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = MilestoneId(id.into_inner());
    let now = state.clock.now();
    state
        .db
        .write(move |c| edits::remove_milestone(c, &caller, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
