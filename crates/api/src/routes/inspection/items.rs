use crate::app::idempotency::{once, Once};
use crate::app::inspection::items as app;
use crate::app::visits::Caller;
use crate::auth::{AuthUser, GridActor};
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::inspection::wire::{
    ChecklistItemView, CreateChecklistItemRequest, UpdateChecklistItemRequest,
};
use onestop_domain::inspection::InspectionKind;
use onestop_domain::ChecklistItemId;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_items)
        .service(create_item)
        .service(update_item);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// One kind's checklist.
    kind: Option<InspectionKind>,
}

/// The checklists (检查细则), in form order, retired lines too (they explain
/// old inspections): what each inspection scores and what each line is worth.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(ItemQuery),
    responses((status = 200, body = Vec<ChecklistItemView>))
)]
#[get("/inspection-items")]
async fn list_items(
    state: web::Data<AppState>,
    _user: AuthUser,
    query: Query<ItemQuery>,
) -> ApiResult<web::Json<Vec<ChecklistItemView>>> {
    let kind = query.into_inner().kind;
    Ok(web::Json(state.db.read(move |c| app::list(c, kind)).await?))
}

/// Add a line at the end of a kind's checklist (学生处 and administrators).
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateChecklistItemRequest,
    responses(
        (status = 201, body = ChecklistItemView),
        (status = 403, description = "Not of 学生处 nor an administrator"),
    )
)]
#[post("/inspection-items")]
async fn create_item(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateChecklistItemRequest>,
) -> ApiResult<HttpResponse> {
    let (req, caller) = (body.0, Caller::from(&actor));
    let key = Once::new(caller.id, key.0, "POST /inspection-items", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Change a line: its words, points, place and whether it is in use.
/// Inspections already made keep what they were scored with.
#[utoipa::path(
    tag = "inspections",
    security(("bearer" = [])),
    params(("id" = ChecklistItemId, Path, description = "Checklist line id")),
    request_body = UpdateChecklistItemRequest,
    responses(
        (status = 200, body = ChecklistItemView),
        (status = 403, description = "Not of 学生处 nor an administrator"),
        (status = 404),
        (status = 409, description = "The line changed since it was read (`stale_version`)"),
    )
)]
#[patch("/inspection-items/{id}")]
async fn update_item(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<ChecklistItemId>,
    body: Json<UpdateChecklistItemRequest>,
) -> ApiResult<web::Json<ChecklistItemView>> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::update(c, &caller, id, &req, now))
            .await?,
    ))
}
