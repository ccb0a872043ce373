//! Oversight: the plan's board for leadership, and a unit's inbox.

use crate::app::reform::{self as app, Caller};
use crate::auth::StaffUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use chrono::Days;
use onestop_domain::dates::Day;
use onestop_domain::grid::local_date;
use onestop_domain::page::Limit;
use onestop_domain::reform::wire::{Board, ReformEventView};
use onestop_domain::PlanId;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    /// Changes from this day on (campus time); default: the last 7 days.
    since: Option<Day>,
}

/// The whole plan by task and by unit: progress, overdue milestones, silent
/// assignments and what changed since a date, in one answer.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = []), ("client" = ["reform:read"])),
    params(("id" = Uuid, Path, description = "Plan id"), BoardQuery),
    responses((status = 200, body = Board), (status = 404), (status = 403))
)]
#[get("/plans/{id}/board")]
pub async fn board(
    state: web::Data<AppState>,
    _staff: StaffUser,
    id: web::Path<Uuid>,
    query: Query<BoardQuery>,
) -> ApiResult<web::Json<Board>> {
    let id = PlanId(id.into_inner());
    let today = local_date(state.clock.now());
    let since = query.since.map_or_else(
        || today.checked_sub_days(Days::new(7)).unwrap_or(today),
        Day::get,
    );
    state
        .db
        .read(move |c| app::board(c, id, today, since))
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("this plan"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Unit code or id; defaults to the caller's unit. Others' inboxes are for admins.
    unit: Option<String>,
    /// At most this many, newest first (default 50, at most 200).
    limit: Option<Limit>,
    /// Only what still wants action (default); `false` lists everything ever recorded.
    open: Option<bool>,
}

/// What a unit must act on, newest first: milestones still overdue, months
/// still unreported, reports sent back or commented on and not yet followed by
/// a newer report. `open=false` gives the whole record instead.
#[utoipa::path(
    tag = "reform",
    security(("bearer" = [])),
    params(InboxQuery),
    responses((status = 200, body = Vec<ReformEventView>), (status = 403))
)]
#[get("/reform/inbox")]
pub async fn inbox(
    state: web::Data<AppState>,
    user: StaffUser,
    query: Query<InboxQuery>,
) -> ApiResult<web::Json<Vec<ReformEventView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&*user);
    let limit = i64::from(Limit::or_default(q.limit));
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let asked = super::super::unit_filter(c, q.unit.as_deref())?;
            Ok(app::inbox::inbox(
                c,
                &caller,
                asked,
                q.open.unwrap_or(true),
                limit,
            )?)
        })
        .await?;
    Ok(web::Json(items))
}
