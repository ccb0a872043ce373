use crate::app::idempotency::{once, Once};
use crate::app::spaces::venues as app;
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::db::repo::spaces::venues::SpaceFilter;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use onestop_domain::community::spaces::wire::{CreateSpaceRequest, SpaceView, UpdateSpaceRequest};
use onestop_domain::community::spaces::SpaceKind;
use onestop_domain::{NodeId, SpaceId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_spaces)
        .service(create_space)
        .service(get_space)
        .service(update_space);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpaceQuery {
    /// Spaces of this community (in it or in one of its buildings).
    community: Option<NodeId>,
    kind: Option<SpaceKind>,
    /// Closed spaces too.
    closed: Option<bool>,
}

/// The community's spaces, by community and name, with whether you may
/// book each and whether you keep it.
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = []), ("client" = ["spaces:read"])),
    params(SpaceQuery),
    responses((status = 200, body = Vec<SpaceView>))
)]
#[get("/spaces")]
async fn list_spaces(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<SpaceQuery>,
) -> ApiResult<web::Json<Vec<SpaceView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&actor);
    let filter = SpaceFilter {
        community: q.community,
        kind: q.kind,
        closed: q.closed.unwrap_or(false),
    };
    Ok(web::Json(
        state
            .db
            .read(move |c| app::list(c, &caller, &filter))
            .await?,
    ))
}

/// A new space in a community or one of its buildings, open every day
/// from `opens` to `closes` (campus time), for staff, students or both.
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateSpaceRequest,
    responses(
        (status = 201, body = SpaceView),
        (status = 403, description = "Not an administrator, nor the community office of that place"),
        (status = 422, description = "No such place, not a community or building, opening hours off the quarter hour or closing before opening, or staff/students named twice"),
    )
)]
#[post("/spaces")]
async fn create_space(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateSpaceRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /spaces", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::create(c, Some(&caller), &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[utoipa::path(
    tag = "spaces",
    security(("bearer" = []), ("client" = ["spaces:read"])),
    params(("id" = SpaceId, Path, description = "Space id")),
    responses((status = 200, body = SpaceView), (status = 404))
)]
#[get("/spaces/{id}")]
async fn get_space(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<SpaceId>,
) -> ApiResult<web::Json<SpaceView>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    Ok(web::Json(
        state.db.read(move |c| app::get(c, &caller, id)).await?,
    ))
}

/// Replace a space's details at the version read (its place stays).
/// Bookings already made stand; closing it or changing its hours refuses
/// only new ones.
#[utoipa::path(
    tag = "spaces",
    security(("bearer" = [])),
    params(("id" = SpaceId, Path, description = "Space id")),
    request_body = UpdateSpaceRequest,
    responses(
        (status = 200, body = SpaceView),
        (status = 403, description = "You do not keep this space"),
        (status = 404),
        (status = 409, description = "Changed since it was read (`stale_version`)"),
        (status = 422, description = "Opening hours off the quarter hour or closing before opening, or staff/students named twice"),
    )
)]
#[put("/spaces/{id}")]
async fn update_space(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<SpaceId>,
    body: Json<UpdateSpaceRequest>,
) -> ApiResult<web::Json<SpaceView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::update(c, &caller, id, &req, now))
            .await?,
    ))
}
