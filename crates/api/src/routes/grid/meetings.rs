use super::nodes::not_found;
use crate::app::grid::meetings as app;
use crate::app::idempotency::{once, Once};
use crate::auth::GridActor;
use crate::db::repo::grid::{meetings, nodes};
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::grid::wire::{CreateMeetingRequest, MeetingView};
use onestop_domain::grid::GridAction;
use onestop_domain::{FieldError, NodeId, ValidationErrors};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_meetings).service(record_meeting);
}

/// Grid meetings held at a node, newest first.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses((status = 200, body = Vec<MeetingView>), (status = 404), (status = 403))
)]
#[get("/grid/nodes/{id}/meetings")]
async fn list_meetings(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<web::Json<Vec<MeetingView>>> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner();
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let node = nodes::find_in_scope(c, id, &actor.scope)?.ok_or_else(not_found)?;
            let rows = meetings::for_node(c, node.id)?;
            Ok(meetings::views(c, &rows)?)
        })
        .await?;
    Ok(web::Json(items))
}

fn validate(req: &CreateMeetingRequest) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    if req.title.trim().is_empty() || req.title.chars().count() > 200 {
        errs.push(FieldError::new(
            "title",
            "length",
            "a meeting's title is 1 to 200 characters",
        ));
    }
    if req.attendees.is_empty() || req.attendees.iter().any(|a| a.trim().is_empty()) {
        errs.push(FieldError::new(
            "attendees",
            "required",
            "list who attended, one name per entry",
        ));
    }
    let name_ok = |a: &String| a.chars().count() <= 64 && !a.chars().any(char::is_control);
    if req.attendees.len() > 200 || !req.attendees.iter().all(name_ok) {
        errs.push(FieldError::new(
            "attendees",
            "length",
            "at most 200 names, each at most 64 characters without control characters",
        ));
    }
    if req.decisions.len() > 100
        || req
            .decisions
            .iter()
            .any(|d| d.trim().is_empty() || d.chars().count() > 2000)
    {
        errs.push(FieldError::new(
            "decisions",
            "length",
            "at most 100 decisions, each 1 to 2000 characters",
        ));
    }
    if req.minutes.chars().count() > 20_000 {
        errs.push(FieldError::new(
            "minutes",
            "length",
            "minutes are at most 20000 characters",
        ));
    }
    errs.finish(|| Some(()))
}

/// Record a grid meeting held at a node in your scope.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id"), IdempotencyHeader),
    request_body = CreateMeetingRequest,
    responses(
        (status = 201, body = MeetingView),
        (status = 400),
        (status = 404),
        (status = 403),
    )
)]
#[post("/grid/nodes/{id}/meetings")]
async fn record_meeting(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
    key: IdempotencyKey,
    body: Json<CreateMeetingRequest>,
) -> ApiResult<HttpResponse> {
    actor.require(GridAction::HoldMeetings)?;
    let req = body.0;
    validate(&req)?;
    let id = id.into_inner();
    let key = Once::new(
        actor.user.id,
        key.0,
        &format!("POST /grid/nodes/{id}/meetings"),
        &req,
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::record(c, &actor.scope, id, &req, actor.user.id, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
