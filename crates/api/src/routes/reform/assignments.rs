//! A unit's assignments: who answers for them, by when, and their milestones.

use crate::app::reform::{self as app, Caller};
use crate::auth::StaffUser;
use crate::db::repo::reform::events::{self, NewEvent};
use crate::db::repo::reform::{assignments, progress};
use crate::db::repo::users;
use crate::db::rows::{to_db, AssignmentRow, MilestoneRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{delete, get, post, put, web, HttpResponse};
use onestop_domain::dates::Day;
use onestop_domain::grid::local_date;
use onestop_domain::problem::{Problem, ProblemCode};
use onestop_domain::reform::progress::check_milestone;
use onestop_domain::reform::wire::{
    AssignmentDetail, AssignmentView, MilestoneInput, MilestoneUpdate, MilestoneView,
    ReformEventKind, UpdateAssignmentRequest,
};
use onestop_domain::reform::UnitRole;
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
    security(("bearer" = [])),
    params(AssignmentQuery),
    responses((status = 200, body = Vec<AssignmentView>), (status = 400, body = Problem, content_type = "application/problem+json"))
)]
#[get("/assignments")]
async fn list_assignments(
    state: web::Data<AppState>,
    user: StaffUser,
    query: Query<AssignmentQuery>,
) -> ApiResult<web::Json<Vec<AssignmentView>>> {
    let q = query.into_inner();
    let today = local_date(state.clock.now());
    let own = user.unit_id.map(|u| u.to_string());
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let unit = match super::super::unit_filter(c, q.unit.as_deref())? {
                Some(u) => u,
                None => own.ok_or_else(|| {
                    ApiError::field("unit", "required", "name a unit: you belong to none")
                })?,
            };
            let plan = q.plan.to_string();
            let loaded = assignments::load(c, assignments::Scope::Plan(&plan), today)?;
            Ok(loaded
                .rows
                .iter()
                .filter(|a| a.unit_id == unit)
                .filter(|a| q.role.is_none_or(|r| a.role == r.as_str()))
                .filter_map(|a| loaded.view(a, today))
                .collect())
        })
        .await?;
    Ok(web::Json(items))
}

/// One assignment: its part's units, milestones, reports with reviews, history,
/// and what the caller may do.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Assignment id")),
    responses((status = 200, body = AssignmentDetail), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/assignments/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<AssignmentDetail>> {
    let caller = Caller::from(&*user);
    let id = id.into_inner().to_string();
    let today = local_date(state.clock.now());
    Ok(web::Json(
        state
            .db
            .read(move |c| app::detail(c, &id, &caller, today))
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
        (status = 403, description = "Another unit's assignment", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else first", body = Problem, content_type = "application/problem+json"),
        (status = 400, description = "The responsible person is not of this unit", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The responsible person is not staff of the assignment's unit", body = Problem, content_type = "application/problem+json"),
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
    let id = id.into_inner().to_string();
    let Json(body) = body;
    let now = state.clock.now();
    let today = local_date(now);
    let detail = state
        .db
        .write(move |c| -> ApiResult<_> {
            let row = editable_assignment(c, &caller, &id)?;
            let mut responsible_name = None;
            if let Some(person) = body.responsible_id {
                let found = users::find(c, person)?.filter(|a| {
                    a.row.active
                        && a.row.unit_id.as_deref() == Some(row.unit_id.as_str())
                        && a.roles.is_staff()
                });
                responsible_name = found.map(|a| a.row.display_name);
                if responsible_name.is_none() {
                    return Err(ApiError::field(
                        "responsible_id",
                        "not_of_unit",
                        "the responsible person must be an active staff member of the assigned unit",
                    ));
                }
            }
            let changed = assignments::update(
                c,
                &id,
                body.version,
                body.responsible_id.map(|p| p.to_string()),
                body.due_on.map(Day::get),
                to_db(now),
            )?;
            if !changed {
                let current = app::assignment(c, &id)?;
                return Err(ApiError::Conflict {
                    code: ProblemCode::StaleVersion,
                    detail: format!(
                        "someone changed this assignment first: it is now version {}; reload and try again",
                        current.version
                    ),
                });
            }
            // Names and dates only: the app shows the note in either language.
            let note = format!(
                "{} · {}",
                responsible_name.as_deref().unwrap_or("—"),
                body.due_on.map_or("—".into(), |d| d.to_string())
            );
            events::add(
                c,
                NewEvent {
                    note: Some(note),
                    ..NewEvent::new(&id, ReformEventKind::AssignmentUpdated, Some(&caller.id))
                },
                now,
            )?;
            app::detail(c, &id, &caller, today)
        })
        .await?;
    Ok(web::Json(detail))
}

/// The assignment, when the caller may change it or its milestones.
fn editable_assignment(
    c: &mut crate::db::DbConn,
    caller: &Caller,
    id: &str,
) -> ApiResult<AssignmentRow> {
    let a = app::assignment(c, id)?;
    if !caller.rules().may_edit(&a.unit_id) {
        return Err(app::may_not(
            "only the unit's own staff (or an admin) edit its assignment and milestones",
        ));
    }
    Ok(a)
}

fn editable_milestone(
    c: &mut crate::db::DbConn,
    caller: &Caller,
    id: &str,
) -> ApiResult<MilestoneRow> {
    let m = progress::milestone(c, id)?.ok_or_else(|| ApiError::not_found("this milestone"))?;
    editable_assignment(c, caller, &m.assignment_id)?;
    Ok(m)
}

/// Add a milestone (a step of the unit's roadmap, with its date).
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Assignment id")),
    request_body = MilestoneInput,
    responses(
        (status = 201, body = MilestoneView),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Marked done on a day still to come", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/assignments/{id}/milestones")]
async fn add_milestone(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
    body: Json<MilestoneInput>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = id.into_inner().to_string();
    let Json(body) = body;
    let now = state.clock.now();
    let today = local_date(now);
    let (due_on, done_on) = (body.due_on.get(), body.done_on.map(Day::get));
    let title = check_milestone(&body.title, done_on, today)?;
    let view = state
        .db
        .write(move |c| -> ApiResult<_> {
            editable_assignment(c, &caller, &id)?;
            let row = MilestoneRow {
                id: Uuid::now_v7().to_string(),
                assignment_id: id.clone(),
                title,
                due_on,
                done_on,
                overdue_at: None,
                created_at: to_db(now),
                updated_at: to_db(now),
                version: 1,
            };
            progress::insert_milestone(c, &row)?;
            events::add(
                c,
                NewEvent {
                    milestone_id: Some(&row.id),
                    note: Some(format!("{} ({})", row.title, row.due_on)),
                    ..NewEvent::new(&id, ReformEventKind::MilestoneAdded, Some(&caller.id))
                },
                now,
            )?;
            Ok(progress::milestone_view(&row, today))
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
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Someone changed the milestone since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Marked done on a day still to come", body = Problem, content_type = "application/problem+json"),
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
    let id = id.into_inner().to_string();
    let Json(body) = body;
    let now = state.clock.now();
    let today = local_date(now);
    let (due_on, done_on) = (body.due_on.get(), body.done_on.map(Day::get));
    let title = check_milestone(&body.title, done_on, today)?;
    let view = state
        .db
        .write(move |c| -> ApiResult<_> {
            let old = editable_milestone(c, &caller, &id)?;
            let change = progress::MilestoneChange {
                title: &title,
                due_on,
                done_on,
                version: body.version,
                rearm: old.due_on != due_on || (old.done_on.is_some() && done_on.is_none()),
            };
            if !progress::update_milestone(c, &id, &change, to_db(now))? {
                return Err(ApiError::Conflict {
                    code: ProblemCode::StaleVersion,
                    detail: format!(
                        "someone changed this milestone first: it is now version {}; reload and try again",
                        old.version
                    ),
                });
            }
            let m = progress::milestone(c, &id)?
                .ok_or_else(|| ApiError::not_found("this milestone"))?;
            events::add(
                c,
                NewEvent {
                    milestone_id: Some(&id),
                    note: Some(match m.done_on {
                        Some(d) => format!("{} ✓ {d}", m.title),
                        None => format!("{} ({})", m.title, m.due_on),
                    }),
                    ..NewEvent::new(
                        &m.assignment_id,
                        ReformEventKind::MilestoneUpdated,
                        Some(&caller.id),
                    )
                },
                now,
            )?;
            Ok(progress::milestone_view(&m, today))
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
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/milestones/{id}")]
async fn remove_milestone(
    state: web::Data<AppState>,
    user: StaffUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let caller = Caller::from(&*user);
    let id = id.into_inner().to_string();
    let now = state.clock.now();
    state
        .db
        .write(move |c| -> ApiResult<_> {
            let m = editable_milestone(c, &caller, &id)?;
            progress::delete_milestone(c, &id)?;
            events::add(
                c,
                NewEvent {
                    note: Some(format!("{} ({})", m.title, m.due_on)),
                    ..NewEvent::new(
                        &m.assignment_id,
                        ReformEventKind::MilestoneRemoved,
                        Some(&caller.id),
                    )
                },
                now,
            )
            .map_err(ApiError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
