use crate::app::idempotency::{once, Once};
use crate::app::party::points as app;
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::cursor;
use crate::db::repo::party::points::PointFilter;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::page::{Limit, Page};
use onestop_domain::party::wire::{
    CorrectPointsRequest, LedgerView, PointEntryView, ProposePointsRequest, ReviewPointsRequest,
};
use onestop_domain::party::EntryState;
use onestop_domain::{BranchId, PointEntryId, UserId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_points)
        .service(propose_points)
        .service(review_points)
        .service(correct_points)
        .service(party_ledger);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PointQuery {
    /// One person's entries.
    user: Option<UserId>,
    /// One branch's entries.
    branch: Option<BranchId>,
    state: Option<EntryState>,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// Ledger entries the caller sees, newest first: their own (with
/// `user` = themselves), and those of the branches they oversee — a
/// secretary's queue is `state=pending`.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(PointQuery),
    responses((status = 200, body = Page<PointEntryView>))
)]
#[get("/party/points")]
async fn list_points(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<PointQuery>,
) -> ApiResult<web::Json<Page<PointEntryView>>> {
    let q = query.into_inner();
    let caller = Caller::from(&actor);
    let filter = PointFilter {
        user: q.user,
        branches: q.branch.map(|b| vec![b]),
        state: q.state,
        before: q.cursor.as_deref().map(cursor::decode).transpose()?,
        ..PointFilter::default()
    };
    let limit = Limit::or_default(q.limit);
    let (items, more) = state
        .db
        .read(move |c| app::list(c, &caller, filter, limit))
        .await?;
    let next_cursor = more
        .then(|| items.last().map(|e| cursor::encode(&e.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Propose points under a rule, for yourself or for a member of a branch
/// you are secretary of; the secretary (or the 党工委's) approves them.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = ProposePointsRequest,
    responses(
        (status = 201, body = PointEntryView),
        (status = 403, description = "Points for someone else, of a branch you are not secretary of"),
        (status = 422, description = "Not a member now; an unknown, retired or second-classroom rule (those come from attendance); a day to come or more than 90 days ago"),
    )
)]
#[post("/party/points")]
async fn propose_points(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<ProposePointsRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /party/points", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::propose(c, &caller, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Approve or reject a pending entry, once: the branch's secretary (or the
/// 党工委's), never for their own points nor for what they proposed.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = PointEntryId, Path, description = "Entry id")),
    request_body = ReviewPointsRequest,
    responses(
        (status = 200, body = PointEntryView),
        (status = 403, description = "Not a secretary over the branch, or your own points or proposal"),
        (status = 404),
        (status = 409, description = "Decided already (`not_pending`)"),
        (status = 422, description = "A rejection without a reason"),
    )
)]
#[post("/party/points/{id}/review")]
async fn review_points(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<PointEntryId>,
    body: Json<ReviewPointsRequest>,
) -> ApiResult<web::Json<PointEntryView>> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::review(c, &caller, id, &req, now))
            .await?,
    ))
}

/// Correct an approved entry: a new entry, pointing at it, that brings it
/// (with its corrections so far) to the amount given; decided like any other.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = PointEntryId, Path, description = "Entry id"), IdempotencyHeader),
    request_body = CorrectPointsRequest,
    responses(
        (status = 201, body = PointEntryView),
        (status = 403, description = "Not a secretary over the branch"),
        (status = 404),
        (status = 409, description = "Not approved (`entry_not_approved`), or a correction of it waits (`correction_pending`)"),
        (status = 422, description = "The entry comes to that amount already"),
    )
)]
#[post("/party/points/{id}/corrections")]
async fn correct_points(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<PointEntryId>,
    key: IdempotencyKey,
    body: Json<CorrectPointsRequest>,
) -> ApiResult<HttpResponse> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let key = Once::new(
        caller.id,
        key.0,
        "POST /party/points/{id}/corrections",
        &(id, &req),
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::correct(c, &caller, id, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerQuery {
    /// Whose ledger (default: yours).
    user: Option<UserId>,
    /// The academic year by the year it begins in (default: this one).
    #[param(minimum = 2000, maximum = 2100)]
    year: Option<i32>,
}

/// One person's ledger in an academic year with its totals by category and
/// semester: your own, or a member's of a branch you oversee.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(LedgerQuery),
    responses(
        (status = 200, body = LedgerView),
        (status = 400, description = "A year outside 2000–2100"),
        (status = 404, description = "Someone else's, not of a branch you oversee"),
    )
)]
#[get("/party/ledger")]
async fn party_ledger(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<LedgerQuery>,
) -> ApiResult<web::Json<LedgerView>> {
    let (q, caller) = (query.into_inner(), Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| app::ledger(c, &caller, q.user, q.year, now))
            .await?,
    ))
}
