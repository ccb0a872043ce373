use super::nodes::not_found;
use crate::app::grid::responsibility;
use crate::app::grid::stays;
use crate::app::idempotency::{once, Once};
use crate::auth::AuthUser;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::grid::{nodes, residency};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web};
use onestop_domain::grid::wire::{CheckInRequest, CheckOutRequest, MyResidence, ResidencyView};
use onestop_domain::grid::{local_date, GridAction};
use onestop_domain::page::{Limit, Page};
use onestop_domain::{NodeId, UserId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_residencies)
        .service(check_in)
        .service(check_out)
        .service(move_student)
        .service(my_residence);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResidencyQuery {
    /// Everything under this node.
    node: Option<NodeId>,
    student: Option<UserId>,
    /// Only current stays (default true); false includes history.
    current: Option<bool>,
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Stays of students in your scope: who sleeps where now, and the history.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(ResidencyQuery),
    responses((status = 200, body = Page<ResidencyView>), (status = 404), (status = 403))
)]
#[get("/grid/residencies")]
async fn list_residencies(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<ResidencyQuery>,
) -> ApiResult<web::Json<Page<ResidencyView>>> {
    actor.require(GridAction::Read)?;
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    let after = q.cursor.as_deref().map(cursor::decode).transpose()?;
    let filter = residency::ResidencyFilter {
        student_id: q.student,
        current_only: q.current.unwrap_or(true),
        after,
        ..Default::default()
    };
    let (items, more) = state
        .db
        .read(move |c| stays::list(c, &actor.scope, q.node, filter, limit).map_err(ApiError::from))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|r| cursor::encode(&r.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Check a student into a bed of a room in your scope.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["roster:write"])),
    params(IdempotencyHeader),
    request_body = CheckInRequest,
    responses(
        (status = 201, body = ResidencyView),
        (status = 400),
        (status = 404),
        (status = 409, description = "The bed is taken (the problem names by whom) or the student already has one"),
        (status = 422, description = "Not a student, not a room, another college's building, or the room is for the other gender"),
        (status = 403),
    )
)]
#[post("/grid/residencies/check-in")]
async fn check_in(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CheckInRequest>,
) -> ApiResult<actix_web::HttpResponse> {
    actor.require(GridAction::ManageResidency)?;
    let req = body.0;
    let key = Once::new(
        actor.user.id,
        key.0,
        "POST /grid/residencies/check-in",
        &req,
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                stays::check_in(c, &actor.scope, actor.user.id, &req, now)
            })
        })
        .await?;
    Ok(actix_web::HttpResponse::Created().json(view))
}

/// Check a student out of their current bed (in your scope).
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["roster:write"])),
    request_body = CheckOutRequest,
    responses((status = 200, body = ResidencyView), (status = 404, description = "The student has no bed in your scope"), (status = 422, description = "Not a student, or not the room the student lives in"), (status = 403))
)]
#[post("/grid/residencies/check-out")]
async fn check_out(
    state: web::Data<AppState>,
    actor: GridActor,
    body: Json<CheckOutRequest>,
) -> ApiResult<web::Json<ResidencyView>> {
    actor.require(GridAction::ManageResidency)?;
    let student = body.0.student_id;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| stays::check_out(c, &actor.scope, actor.user.id, student, now))
        .await?;
    Ok(web::Json(view))
}

/// Move a student from their current bed to another (both in your scope), in one step.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["roster:write"])),
    request_body = CheckInRequest,
    responses(
        (status = 200, body = ResidencyView),
        (status = 404),
        (status = 409),
        (status = 422, description = "Not a student, not a room, another college's building, or the room is for the other gender"),
        (status = 403),
    )
)]
#[post("/grid/residencies/move")]
async fn move_student(
    state: web::Data<AppState>,
    actor: GridActor,
    body: Json<CheckInRequest>,
) -> ApiResult<web::Json<ResidencyView>> {
    actor.require(GridAction::ManageResidency)?;
    let req = body.0;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| stays::move_student(c, &actor.scope, actor.user.id, &req, now))
        .await?;
    Ok(web::Json(view))
}

/// Your own room: roommates' names and who to contact at each level.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, body = MyResidence),
        (status = 404, description = "You have no bed on record"),
    )
)]
#[get("/me/residence")]
async fn my_residence(
    state: web::Data<AppState>,
    user: AuthUser,
) -> ApiResult<web::Json<MyResidence>> {
    let today = local_date(state.clock.now());
    let me = user.id;
    let view = state
        .db
        .read(move |c| -> ApiResult<MyResidence> {
            let stay = residency::current_of_student(c, me)?.ok_or_else(|| ApiError::NotFound {
                detail: "you have no bed on record; ask your resident counsellor to check you in"
                    .into(),
            })?;
            let room = nodes::find(c, stay.room_id)?.ok_or_else(not_found)?;
            let ancestors = nodes::ancestors(c, &room)?;
            let roommates = residency::roommates(c, room.id, me)?;
            let room_view = nodes::views(c, std::slice::from_ref(&room))?
                .pop()
                .ok_or_else(not_found)?;
            let contacts = responsibility::chain(c, room, today)?;
            Ok(MyResidence {
                room: room_view,
                bed: stay.bed,
                ancestors: ancestors.iter().map(|a| nodes::view(a, None)).collect(),
                roommates,
                contacts,
            })
        })
        .await?;
    Ok(web::Json(view))
}
