use super::nodes::not_found;
use crate::app::grid::posts as app;
use crate::app::grid::responsibility;
use crate::app::idempotency::{once, Once};
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::grid::{nodes, posts};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::dates::Day;
use onestop_domain::grid::post::PostType;
use onestop_domain::grid::wire::{AppointRequest, EndPostRequest, PostView, ResponsibleLevel};
use onestop_domain::grid::GridAction;
use onestop_domain::page::{Limit, Page};
use onestop_domain::{NodeId, PostId, UserId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_posts)
        .service(appoint)
        .service(end_post)
        .service(responsible);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostQuery {
    node: Option<NodeId>,
    user: Option<UserId>,
    post_type: Option<PostType>,
    /// Only posts whose term covers today (default true).
    active: Option<bool>,
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Posts on nodes in your scope.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(PostQuery),
    responses((status = 200, body = Page<PostView>), (status = 403))
)]
#[get("/grid/posts")]
async fn list_posts(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<PostQuery>,
) -> ApiResult<web::Json<Page<PostView>>> {
    actor.require(GridAction::Read)?;
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    let filter = posts::PostFilter {
        node_id: q.node,
        user_id: q.user,
        post_type: q.post_type,
        active_on: q.active.unwrap_or(true).then_some(actor.today),
        after: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let today = actor.today;
    let (items, more) = state
        .db
        .read(move |c| -> ApiResult<_> {
            let (rows, more) = posts::list(c, &actor.scope, &filter, limit)?;
            Ok((posts::views(c, &rows, today)?, more))
        })
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|p| cursor::encode(&p.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Appoint a person to a post on a node in your scope. Leader posts need
/// office or admin; member posts may also be given by resident counsellors.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(IdempotencyHeader),
    request_body = AppointRequest,
    responses(
        (status = 201, body = PostView),
        (status = 400, description = "Invalid fields, each named in `errors`"),
        (status = 403),
        (status = 404, description = "Node outside your scope or unknown person"),
        (status = 409, description = "Already holds this post for an overlapping term"),
        (status = 422, description = "The post type does not exist at this node's level, or the term ends before it starts"),
    )
)]
#[post("/grid/posts")]
async fn appoint(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<AppointRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    // Refused before a transaction is opened when the role cannot appoint at all.
    actor.require(app::appointing(req.post_type))?;
    let key = Once::new(actor.user.id, key.0, "POST /grid/posts", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::appoint(c, &actor, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// End a post's term (today by default).
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:write"])),
    params(("id" = PostId, Path, description = "Post id")),
    request_body = EndPostRequest,
    responses(
        (status = 200, body = PostView),
        (status = 400),
        (status = 404),
        (status = 422, description = "The end is before the start of the term"),
        (status = 403),
    )
)]
#[post("/grid/posts/{id}/end")]
async fn end_post(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<PostId>,
    body: Json<EndPostRequest>,
) -> ApiResult<web::Json<PostView>> {
    actor.require(GridAction::AppointMembers)?;
    let id = id.into_inner();
    let ends = body.0.ends_on.map_or(actor.today, Day::get);
    let view = state
        .db
        .write(move |c| app::end(c, &actor, id, ends).map_err(ApiError::from))
        .await?;
    Ok(web::Json(view))
}

/// Who is responsible for a node: the active post holders of the node and
/// of every ancestor, from the node up to its community.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = []), ("client" = ["grid:read"])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = Vec<ResponsibleLevel>),
        (status = 404),
        (status = 403),
    )
)]
#[get("/grid/nodes/{id}/responsible")]
async fn responsible(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<web::Json<Vec<ResponsibleLevel>>> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner();
    let today = actor.today;
    let chain = state
        .db
        .read(move |c| -> ApiResult<_> {
            let row = nodes::find_in_scope(c, id, &actor.scope)?.ok_or_else(not_found)?;
            Ok(responsibility::chain(c, row, today)?)
        })
        .await?;
    Ok(web::Json(chain))
}
