use crate::app::idempotency::{once, Once};
use crate::app::party::{branches as app, points};
use crate::app::visits::Caller;
use crate::auth::GridActor;
use crate::error::ApiResult;
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::party::wire::{
    AddMemberRequest, BranchDetail, BranchView, CreateBranchRequest, MemberView, StandingsView,
    UpdateBranchRequest, UpdateMemberRequest,
};
use onestop_domain::{BranchId, MemberId, NodeId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_branches)
        .service(create_branch)
        .service(get_branch)
        .service(update_branch)
        .service(add_member)
        .service(update_member)
        .service(branch_standings);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BranchQuery {
    /// Only this community's 党工委 and building branches.
    community: Option<NodeId>,
}

/// The party organisation: each community's 党工委 and each building's
/// 特设党支部, with its secretary, 党员服务站 and number of members.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(BranchQuery),
    responses((status = 200, body = Vec<BranchView>))
)]
#[get("/party/branches")]
async fn list_branches(
    state: web::Data<AppState>,
    actor: GridActor,
    query: Query<BranchQuery>,
) -> ApiResult<web::Json<Vec<BranchView>>> {
    let (caller, community) = (Caller::from(&actor), query.into_inner().community);
    Ok(web::Json(
        state
            .db
            .read(move |c| app::list(c, &caller, community))
            .await?,
    ))
}

/// Set up a community's 党工委 or a building's 特设党支部 (the party office).
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateBranchRequest,
    responses(
        (status = 201, body = BranchView),
        (status = 403, description = "Not of 党群工作部 or 党委学生工作部"),
        (status = 409, description = "The place has its party organisation (`branch_exists`)"),
        (status = 422, description = "An unknown place, or one neither a community nor a building"),
    )
)]
#[post("/party/branches")]
async fn create_branch(
    state: web::Data<AppState>,
    actor: GridActor,
    key: IdempotencyKey,
    body: Json<CreateBranchRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.0;
    let caller = Caller::from(&actor);
    let key = Once::new(caller.id, key.0, "POST /party/branches", &req)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &caller, &req, now)))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One branch; its members for those who oversee it (its secretary, the
/// 党工委's, the party office), none for others.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = BranchId, Path, description = "Branch id")),
    responses((status = 200, body = BranchDetail), (status = 404))
)]
#[get("/party/branches/{id}")]
async fn get_branch(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<BranchId>,
) -> ApiResult<web::Json<BranchDetail>> {
    let (caller, id) = (Caller::from(&actor), id.into_inner());
    Ok(web::Json(
        state.db.read(move |c| app::get(c, &caller, id)).await?,
    ))
}

/// Rename a branch, appoint its secretary (a current member) or move its
/// 党员服务站 (the party office).
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = BranchId, Path, description = "Branch id")),
    request_body = UpdateBranchRequest,
    responses(
        (status = 200, body = BranchView),
        (status = 403, description = "Not of 党群工作部 or 党委学生工作部"),
        (status = 404),
        (status = 409, description = "The branch changed since it was read (`stale_version`)"),
        (status = 422, description = "A secretary who is not a current member of the branch"),
    )
)]
#[patch("/party/branches/{id}")]
async fn update_branch(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<BranchId>,
    body: Json<UpdateBranchRequest>,
) -> ApiResult<web::Json<BranchView>> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::update(c, &caller, id, &req, now))
            .await?,
    ))
}

/// Add a member (党员, 预备党员, 发展对象 or 入党积极分子) to a branch: the
/// party office, or the branch's or its 党工委's secretary.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = BranchId, Path, description = "Branch id"), IdempotencyHeader),
    request_body = AddMemberRequest,
    responses(
        (status = 201, body = MemberView),
        (status = 403, description = "Neither the party office nor a secretary over the branch"),
        (status = 404),
        (status = 409, description = "The person is a member of a branch now (`already_member`)"),
        (status = 422, description = "An unknown person, or a joining date to come"),
    )
)]
#[post("/party/branches/{id}/members")]
async fn add_member(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<BranchId>,
    key: IdempotencyKey,
    body: Json<AddMemberRequest>,
) -> ApiResult<HttpResponse> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let key = Once::new(
        caller.id,
        key.0,
        "POST /party/branches/{id}/members",
        &(id, &req),
    )?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| {
            once(c, key.as_ref(), now, |c| {
                app::add_member(c, &caller, id, &req, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Change a membership: standing, 示范寝室 (the member's own room), 责任区
/// rooms (of the branch's building), or its end.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = MemberId, Path, description = "Membership id")),
    request_body = UpdateMemberRequest,
    responses(
        (status = 200, body = MemberView),
        (status = 403, description = "Neither the party office nor a secretary over the branch"),
        (status = 404),
        (status = 409, description = "The membership changed since it was read (`stale_version`), or has ended (`illegal_transition`)"),
        (status = 422, description = "A model room not the member's own, a duty room outside the branch's building or listed twice, an end before joining or to come"),
    )
)]
#[patch("/party/members/{id}")]
async fn update_member(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<MemberId>,
    body: Json<UpdateMemberRequest>,
) -> ApiResult<web::Json<MemberView>> {
    let (id, req, caller) = (id.into_inner(), body.0, Caller::from(&actor));
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .write(move |c| app::update_member(c, &caller, id, &req, now))
            .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The academic year by the year it begins in (default: this one).
    #[param(minimum = 2000, maximum = 2100)]
    year: Option<i32>,
}

/// A branch's current members with their points in an academic year, most first.
#[utoipa::path(
    tag = "party",
    security(("bearer" = [])),
    params(("id" = BranchId, Path, description = "Branch id"), YearQuery),
    responses(
        (status = 200, body = StandingsView),
        (status = 400, description = "A year outside 2000–2100"),
        (status = 403, description = "Neither the party office nor a secretary over the branch"),
        (status = 404),
    )
)]
#[get("/party/branches/{id}/standings")]
async fn branch_standings(
    state: web::Data<AppState>,
    actor: GridActor,
    id: web::Path<BranchId>,
    query: Query<YearQuery>,
) -> ApiResult<web::Json<StandingsView>> {
    let (id, year, caller) = (
        id.into_inner(),
        query.into_inner().year,
        Caller::from(&actor),
    );
    let now = state.clock.now();
    Ok(web::Json(
        state
            .db
            .read(move |c| points::standings(c, &caller, id, year, now))
            .await?,
    ))
}
