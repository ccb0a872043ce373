use crate::app::grid::node_taken;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::grid::{nodes, relocate};
use crate::db::repo::units;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::grid::node::{check_parent, validate_fields, RawNodeFields};
use onestop_domain::grid::residency::misfits;
use onestop_domain::grid::wire::{
    CreateNodeRequest, MoveNodeRequest, NodeDetail, NodeView, UpdateNodeRequest,
};
use onestop_domain::grid::{GridAction, Level};
use onestop_domain::page::{Limit, Page};
use onestop_domain::problem::{Problem, ProblemCode};
use onestop_domain::unit::UnitKind;
use onestop_domain::{NodeId, ValidationErrors};
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

pub fn not_found() -> ApiError {
    ApiError::not_found("this grid node")
}

/// The node as it is after a change, with its occupancy.
fn reload(c: &mut crate::db::DbConn, id: &str) -> ApiResult<NodeView> {
    let row = nodes::find(c, id)?.ok_or_else(not_found)?;
    nodes::views(c, &[row])?.pop().ok_or_else(not_found)
}

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
    security(("bearer" = [])),
    params(NodeQuery),
    responses(
        (status = 200, body = Page<NodeView>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
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
        parent: q.parent.map(|p| p.to_string()),
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
    security(("bearer" = [])),
    request_body = CreateNodeRequest,
    responses(
        (status = 201, body = NodeView),
        (status = 400, description = "Invalid fields or wrong parent level", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The parent does not exist or is outside your scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Name or code taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The parent is at the wrong level, or the college names no college", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/grid/nodes")]
async fn create_node(
    state: web::Data<AppState>,
    actor: GridActor,
    body: Json<CreateNodeRequest>,
) -> ApiResult<HttpResponse> {
    actor.require(GridAction::ManageNodes)?;
    let req = body.0;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| -> ApiResult<NodeView> {
            let parent = match req.parent_id {
                Some(pid) => Some(
                    nodes::find_in_scope(c, &pid.to_string(), &actor.scope)?
                        .ok_or_else(not_found)?,
                ),
                None if actor.scope.all => None,
                None => {
                    return Err(ApiError::Forbidden {
                        detail: "only administrators can create communities".into(),
                    })
                }
            };
            let mut errs = ValidationErrors::new();
            errs.check(check_parent(
                req.level,
                parent.as_ref().map(nodes::level_of),
            ));
            let raw = RawNodeFields {
                name: req.name.as_deref(),
                code: req.code.as_deref(),
                floor: req.floor,
                capacity: req.capacity,
                gender: req.gender,
            };
            let fields = match validate_fields(req.level, &raw) {
                Ok(f) => Some(f),
                Err(e) => {
                    e.0.into_iter().for_each(|f| errs.push(f));
                    None
                }
            };
            let college = match (req.level, req.college.as_deref()) {
                (Level::CollegeZone, Some(r)) => match units::find_by_ref(c, r)? {
                    Some(u) if u.kind == UnitKind::College.as_str() => Some(u.id),
                    _ => {
                        errs.push(onestop_domain::FieldError::new(
                            "college",
                            "unknown",
                            format!("no college has the code or id `{r}`"),
                        ));
                        None
                    }
                },
                (Level::CollegeZone, None) => {
                    errs.push(onestop_domain::FieldError::new(
                        "college",
                        "required",
                        "say which college this zone belongs to",
                    ));
                    None
                }
                _ => None,
            };
            let fields = errs.finish(|| fields)?;
            let row = nodes::insert(c, req.level, parent.as_ref(), &fields, college, now)
                .map_err(node_taken)?;
            Ok(nodes::view(&row, Some(0)))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/grid/nodes/{}", view.id)))
        .json(view))
}

/// One node with its ancestors, the community first.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = NodeDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/grid/nodes/{id}")]
async fn get_node(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<NodeId>,
) -> ApiResult<web::Json<NodeDetail>> {
    actor.require(GridAction::Read)?;
    let id = id.into_inner().to_string();
    let detail = state
        .db
        .read(move |c| -> ApiResult<NodeDetail> {
            let row = nodes::find_in_scope(c, &id, &actor.scope)?.ok_or_else(not_found)?;
            let ancestors = nodes::ancestors(c, &row)?;
            let mut all = nodes::views(c, &[row])?;
            let node = all.pop().ok_or_else(not_found)?;
            Ok(NodeDetail {
                node,
                ancestors: ancestors.iter().map(|a| nodes::view(a, None)).collect(),
            })
        })
        .await?;
    Ok(web::Json(detail))
}

/// Rename a node or change its fields (room beds, floor, gender; building code).
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id")),
    request_body = UpdateNodeRequest,
    responses(
        (status = 200, body = NodeView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A taken bed would be removed, residents would not match the new gender, or a taken code", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field this node's level does not have (a floor for a building)", body = Problem, content_type = "application/problem+json"),
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
    let id = id.into_inner().to_string();
    let req = body.0;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| -> ApiResult<NodeView> {
            // Held until commit: a check-in into this room waits, then sees the new fields.
            nodes::lock(c, &id)?;
            let row = nodes::find_in_scope(c, &id, &actor.scope)?.ok_or_else(not_found)?;
            let level = nodes::level_of(&row);
            let current_gender = row.gender.as_deref().and_then(onestop_domain::grid::Gender::parse);
            let raw = RawNodeFields {
                name: Some(req.name.as_deref().unwrap_or(&row.name)),
                code: req.code.as_deref().or(row.code.as_deref()),
                floor: req.floor.or(row.floor),
                capacity: req.capacity.or(row.capacity),
                gender: req.gender.or(current_gender),
            };
            // A field another level has (a floor for a building) fits the
            // document, and is refused for this node's level: 422.
            let fields = validate_fields(level, &raw).map_err(|mut e| {
                for f in e.0.iter_mut().filter(|f| f.code == "not_allowed") {
                    f.code = "wrong_level".into();
                }
                e
            })?;
            if level == Level::Room {
                if let Some(bed) = nodes::highest_taken_bed(c, &row.id)?.filter(|b| *b > fields.capacity.unwrap_or(0)) {
                    return Err(ApiError::Conflict {
                        code: ProblemCode::RoomOccupied,
                        detail: format!("bed {bed} of this room is taken; move that student before reducing its beds"),
                    });
                }
                if fields.gender != current_gender {
                    let residents = nodes::resident_genders(c, &row.id)?;
                    let n = misfits(fields.gender, &residents);
                    if n > 0 {
                        return Err(ApiError::Conflict {
                            code: ProblemCode::RoomGenderConflict,
                            detail: format!("{n} student(s) living here do not match that gender; move them before changing the room's gender"),
                        });
                    }
                }
            }
            nodes::update_fields(c, &row.id, &fields, now).map_err(node_taken)?;
            reload(c, &row.id)
        })
        .await?;
    Ok(web::Json(view))
}

/// Move a node (with everything under it) to a new parent of the level above.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id")),
    request_body = MoveNodeRequest,
    responses(
        (status = 200, body = NodeView),
        (status = 400, description = "The new parent is at the wrong level", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The new parent is at the wrong level", body = Problem, content_type = "application/problem+json"),
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
    let id = id.into_inner().to_string();
    let parent_id = body.0.parent_id.to_string();
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| -> ApiResult<NodeView> {
            let row = nodes::find_in_scope(c, &id, &actor.scope)?.ok_or_else(not_found)?;
            let parent = nodes::find_in_scope(c, &parent_id, &actor.scope)?
                .ok_or_else(|| ApiError::not_found("the new parent node"))?;
            check_parent(nodes::level_of(&row), Some(nodes::level_of(&parent)))
                .map_err(|e| ApiError::Validation(ValidationErrors::single(e)))?;
            if parent.archived_at.is_some() {
                return Err(ApiError::Conflict {
                    code: ProblemCode::ParentArchived,
                    detail: "the new parent is archived; restore it first".into(),
                });
            }
            relocate::move_under(c, &row, &parent, now).map_err(node_taken)?;
            reload(c, &row.id)
        })
        .await?;
    Ok(web::Json(view))
}

/// Archive a node and its subtree. Refused while students live there.
#[utoipa::path(
    tag = "grid",
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = NodeView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Students still live under the node", body = Problem, content_type = "application/problem+json"),
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
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id")),
    responses(
        (status = 200, body = NodeView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
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
    let id = id.to_string();
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| -> ApiResult<NodeView> {
            let row = nodes::find_in_scope(c, &id, &actor.scope)?.ok_or_else(not_found)?;
            if archived {
                // No check-in may slip into a room of the subtree between the count and the mark.
                nodes::lock_subtree(c, &row)?;
                let living = nodes::current_residents(c, &row)?;
                if living > 0 {
                    return Err(ApiError::Conflict {
                        code: ProblemCode::NodeOccupied,
                        detail: format!(
                            "{living} students still live here; check them out or move them first"
                        ),
                    });
                }
            }
            nodes::set_archived(c, &row, archived, now)?;
            reload(c, &row.id)
        })
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
    security(("bearer" = [])),
    params(("id" = NodeId, Path, description = "Node id"), SubtreeQuery),
    responses(
        (status = 200, body = Vec<NodeView>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
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
    let id = id.into_inner().to_string();
    let q = query.into_inner();
    let items = state
        .db
        .read(move |c| -> ApiResult<_> {
            let root = nodes::find_in_scope(c, &id, &actor.scope)?.ok_or_else(not_found)?;
            let rows = nodes::subtree(
                c,
                &root,
                q.max_level.unwrap_or(Level::Room),
                q.include_archived,
            )?;
            Ok(nodes::views(c, &rows)?)
        })
        .await?;
    Ok(web::Json(items))
}
