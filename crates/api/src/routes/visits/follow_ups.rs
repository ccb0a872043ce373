use crate::app::visits::{follow_ups as app, Caller};
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::visits::follow_ups::FollowUpFilter;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::wire::{AnswerFollowUpRequest, FollowUpView};
use onestop_domain::page::{Limit, Page};
use onestop_domain::FollowUpId;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_follow_ups)
        .service(get_follow_up)
        .service(answer);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowUpQuery {
    state: Option<FollowUpState>,
    /// Only those given to your own unit.
    #[serde(default)]
    mine_to_answer: bool,
    /// Only those you raised.
    #[serde(default)]
    raised_by_me: bool,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Follow-ups, newest first: those you raised, those given to your unit,
/// those in your part of the grid (administrators: all).
#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(FollowUpQuery),
    responses((status = 200, body = Page<FollowUpView>), (status = 403))
)]
#[get("/follow-ups")]
async fn list_follow_ups(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<FollowUpQuery>,
) -> ApiResult<web::Json<Page<FollowUpView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&actor);
    let filter = FollowUpFilter {
        state: q.state,
        // Someone without a unit has nothing given to it: an id no unit has.
        unit: q
            .mine_to_answer
            .then(|| caller.unit_id.unwrap_or_else(onestop_domain::UnitId::new)),
        raised_by: q.raised_by_me.then_some(caller.id),
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
    };
    let limit = Limit::or_default(q.limit);
    let now = state.clock.now();
    let (items, more) = state
        .db
        .read(move |c| app::list(c, &caller, &filter, limit, now))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|f| cursor::encode(&f.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

#[utoipa::path(
    tag = "visits",
    security(("bearer" = []), ("client" = ["visits:read"])),
    params(("id" = FollowUpId, Path, description = "Follow-up id")),
    responses((status = 200, body = FollowUpView), (status = 404), (status = 403))
)]
#[get("/follow-ups/{id}")]
async fn get_follow_up(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<FollowUpId>,
) -> ApiResult<web::Json<FollowUpView>> {
    let id = id.into_inner();
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| app::get(c, &caller, id, now))
            .await?,
    ))
}

/// Answer a follow-up given to your unit (administrators: any), at the
/// version read; whoever raised it is told.
#[utoipa::path(
    tag = "visits",
    security(("bearer" = [])),
    params(("id" = FollowUpId, Path, description = "Follow-up id")),
    request_body = AnswerFollowUpRequest,
    responses(
        (status = 200, body = FollowUpView),
        (status = 403),
        (status = 404),
        (status = 409, description = "Already answered (`already_answered`), or changed since it was read (`stale_version`)"),
    )
)]
#[post("/follow-ups/{id}/answer")]
async fn answer(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<FollowUpId>,
    body: Json<AnswerFollowUpRequest>,
) -> ApiResult<web::Json<FollowUpView>> {
    let (id, req) = (id.into_inner(), body.0);
    let caller = Caller::from(&actor);
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::answer(c, &caller, id, &req, now))
            .await?,
    ))
}
