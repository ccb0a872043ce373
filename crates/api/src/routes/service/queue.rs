use crate::app::service::Actor;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::service::requests::{self as repo, QueueFilter};
use crate::db::rows::to_db;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::state::AppState;
use actix_web::{get, web};
use onestop_domain::dates::Moment;
use onestop_domain::page::{Limit, Page};
use onestop_domain::service::wire::{RequestView, StateCount};
use onestop_domain::service::{Kind, Priority, State};
use onestop_domain::NodeId;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_requests).service(count_requests);
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    kind: Option<Kind>,
    state: Option<State>,
    /// Only requests still open (not closed, rejected or cancelled).
    #[serde(default)]
    open: bool,
    priority: Option<Priority>,
    building: Option<NodeId>,
    overdue: Option<bool>,
    /// Only requests assigned to you.
    #[serde(default)]
    mine: bool,
    created_from: Option<Moment>,
    created_to: Option<Moment>,
    sort: Option<Sort>,
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

fn filter(q: &QueueQuery, actor: &Actor) -> ApiResult<QueueFilter> {
    Ok(QueueFilter {
        kind: q.kind,
        state: q.state,
        open: q.open,
        priority: q.priority,
        building: q.building,
        overdue: q.overdue,
        assignee: q.mine.then_some(actor.id),
        created_from: q.created_from.map(|t| to_db(t.get())),
        created_to: q.created_to.map(|t| to_db(t.get())),
        oldest_first: matches!(q.sort, Some(Sort::Oldest)),
        after: q.cursor.as_deref().map(cursor::decode).transpose()?,
    })
}

/// Your queue: a student's own requests; for staff, the requests in their
/// grid scope (counsellors, office), routed to their unit (handlers) or
/// assigned to them. Keyset-paged, so new arrivals never shift a page.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(QueueQuery),
    responses((status = 200, body = Page<RequestView>), (status = 400))
)]
#[get("/requests")]
async fn list_requests(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<QueueQuery>,
) -> ApiResult<web::Json<Page<RequestView>>> {
    let actor = Actor::from(&actor);
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    let f = filter(&q, &actor)?;
    let (items, more) = state
        .db
        .read(move |c| -> ApiResult<_> {
            let (rows, more) = repo::page(c, &actor.visibility(), &f, limit)?;
            Ok((repo::views(c, &rows)?, more))
        })
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|r| cursor::encode(&r.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Counts per state for the queue's filters (for tabs); `state` is ignored.
#[utoipa::path(
    tag = "service hall",
    security(("bearer" = []), ("client" = ["requests:read"])),
    params(QueueQuery),
    responses((status = 200, body = Vec<StateCount>))
)]
#[get("/requests/counts")]
async fn count_requests(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<QueueQuery>,
) -> ApiResult<web::Json<Vec<StateCount>>> {
    let actor = Actor::from(&actor);
    let f = filter(&query.into_inner(), &actor)?;
    let counts = state
        .db
        .read(move |c| repo::counts(c, &actor.visibility(), &f).map_err(ApiError::from))
        .await?;
    let mut out: Vec<StateCount> = State::ALL
        .into_iter()
        .map(|s| StateCount {
            state: s,
            count: counts
                .iter()
                .find(|(k, _)| *k == s)
                .map(|(_, n)| *n)
                .unwrap_or(0),
        })
        .collect();
    out.retain(|c| c.count > 0 || c.state.is_open());
    Ok(web::Json(out))
}
