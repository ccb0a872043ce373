use crate::app::grid::nodes as app;
use crate::app::idempotency::{once, Once};
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::grid::nodes;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::grid::wire::{
    CreateNodeRequest, MoveNodeRequest, NodeDetail, NodeView, UpdateNodeRequest,
};
use onestop_domain::grid::{GridAction, Level};
use onestop_domain::page::{Limit, Page};
use onestop_domain::NodeId;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_nodes)
        .service(create_node)
        .service(get_node)
        .service(update_node)
        .service(move_node)
        .service(archive_node)
        .service(restore_node)
        .service(subtree);
}

pub use crate::app::grid::nodes::not_found;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NodeQuery {
    /// Children of this node.
    parent: Option<NodeId>,
    level: Option<Level>,
    /// Text in the name or code.
    q: Option<String>,
    /// Include archived nodes (default false).
    #[serde(default)]
    include_archived: bool,
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Nodes in your scope, by name, filtered by parent, level and text.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(NodeQuery),
    responses(
        (status = 200, body = Page<NodeView>),
        (status = 403),
    )
)]
#[get("/grid/nodes")]
async fn list_nodes(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<NodeQuery>,
) -> ApiResult<web::Json<Page<NodeView>>> {
    actor.require(GridAction::Read)?;
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    // Like every cursor, any base64url is a place in the list: a name without
    // the id that breaks ties sorts before that name's nodes.
    let after = q
        .cursor
        .as_deref()
        .map(cursor::decode)
        .transpose()?
        .map(|c| {
            let (name, id) = c.split_once('\u{1f}').unwrap_or((c.as_str(), ""));
            (name.to_owned(), id.to_owned())
        });
    let filter = nodes::NodeFilter {
        parent: q.parent,
        level: q.level,
        q: q.q,
        include_archived: q.include_archived,
        after,
    };
    let (items, more) = state
        .db
        .read(move |c| -> ApiResult<_> {
            let (rows, more) = nodes::list(c, &actor.scope, &filter, limit)?;
            Ok((nodes::views(c, &rows)?, more))
        })
        .await?;
    let next_cursor = more
        .then(|| {
            items
                .last()
                .map(|n| cursor::encode(&format!("{}\u{1f}{}", n.name, n.id)))
        })
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Create a node. Its parent must be one level up (none for a community) and in your scope.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(IdempotencyHeader),
    request_body = CreateNodeRequest,
    responses(
        (status = 201, body = NodeView),
        (status = 400, description = "Invalid fields, each named in `errors` (a room without its number, floor, beds or gender)"),
        (status = 403),
        (status = 404, description = "The parent does not exist or is outside your scope"),
        (status = 409, description = "Name or code taken"),
        (status = 422, description = "The parent is at the wrong level, or the college names no college"),
    )
)]
#[post("/grid/nodes")]
async fn create_node(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateNodeRequest>,
) -> ApiResult<HttpResponse> {
    actor.require(GridAction::ManageNodes)?;
    let req = body.0;
    let key = Once::new(actor.user.id, key.0, "POST /grid/nodes", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::create(c, &actor.scope, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/grid/nodes/{}", view.id)))
        .json(view))
}

/// One node with its ancestors, the community first.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = NodeDetail),
        (status = 404),
        (status = 403),
    )
)]
#[get("/grid/nodes/{id}")]
async fn get_node(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<web::Json<NodeDetail>> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner();
    let detail = state
        .db
        .read(move |c| app::detail(c, &actor.scope, id).map_err(ApiError::from))
        .await?;
    Ok(web::Json(detail))
}

/// Rename a node or change its fields (room beds, floor, gender; building code).
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(("id" = NodeId, Path, description = "Node id")),
    request_body = UpdateNodeRequest,
    responses(
        (status = 200, body = NodeView),
        (status = 400),
        (status = 404),
        (status = 409, description = "A taken bed would be removed, residents would not match the new gender, or a taken code"),
        (status = 422, description = "A field this node's level does not have (a floor for a building)"),
        (status = 403),
    )
)]
#[patch("/grid/nodes/{id}")]
async fn update_node(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
    body: Json<UpdateNodeRequest>,
) -> ApiResult<web::Json<NodeView>> {
    actor.require(GridAction::ManageNodes)?;
    let id = id.into_inner();
    let req = body.0;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::update(c, &actor.scope, id, &req, now))
        .await?;
    Ok(web::Json(view))
}

/// Move a node (with everything under it) to a new parent of the level above.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(("id" = NodeId, Path, description = "Node id")),
    request_body = MoveNodeRequest,
    responses(
        (status = 200, body = NodeView),
        (status = 400),
        (status = 403),
        (status = 404),
        (status = 409, description = "The new parent is archived, or a node of this name or code is already there"),
        (status = 422, description = "The new parent is at the wrong level"),
    )
)]
#[post("/grid/nodes/{id}/move")]
async fn move_node(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
    body: Json<MoveNodeRequest>,
) -> ApiResult<web::Json<NodeView>> {
    actor.require(GridAction::ManageNodes)?;
    let id = id.into_inner();
    let parent_id = body.0.parent_id;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::move_under(c, &actor.scope, id, parent_id, now))
        .await?;
    Ok(web::Json(view))
}

/// Archive a node and its subtree. Refused while students live there.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = NodeView),
        (status = 404),
        (status = 409, description = "Students still live under the node"),
        (status = 403),
    )
)]
#[post("/grid/nodes/{id}/archive")]
async fn archive_node(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<web::Json<NodeView>> {
    set_archived(state, actor, id.into_inner(), true).await
}

/// Bring an archived node and its subtree back.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = NodeView),
        (status = 404),
        (status = 403),
    )
)]
#[post("/grid/nodes/{id}/restore")]
async fn restore_node(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<web::Json<NodeView>> {
    set_archived(state, actor, id.into_inner(), false).await
}

async fn set_archived(
    state: web::Data<AppState>,
    actor: GridActor,
    id: NodeId,
    archived: bool,
) -> ApiResult<web::Json<NodeView>> {
    actor.require(GridAction::ManageNodes)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| app::set_archived(c, &actor.scope, id, archived, now))
        .await?;
    Ok(web::Json(view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubtreeQuery {
    /// The deepest level to include (default: room).
    max_level: Option<Level>,
    #[serde(default)]
    include_archived: bool,
}

/// The node and everything under it in one call, ordered by level then name.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(("id" = NodeId, Path, description = "Node id"), SubtreeQuery),
    responses(
        (status = 200, body = Vec<NodeView>),
        (status = 404),
        (status = 403),
    )
)]
#[get("/grid/nodes/{id}/subtree")]
async fn subtree(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
    query: Query<SubtreeQuery>,
) -> ApiResult<web::Json<Vec<NodeView>>> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner();
    let q = query.into_inner();
    let max_level = q.max_level.unwrap_or(Level::Room);
    let items = state
        .db
        .read(move |c| {
            app::subtree(c, &actor.scope, id, max_level, q.include_archived).map_err(ApiError::from)
        })
        .await?;
    Ok(web::Json(items))
}
