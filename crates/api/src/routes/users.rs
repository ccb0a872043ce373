//! Account administration: admins only.

use crate::app::idempotency::{once, Once};
use crate::app::users as app;
use crate::auth::{password, AdminUser};
use crate::cursor;
use crate::db::repo::users;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyHeader, IdempotencyKey, Json, Query};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use onestop_domain::page::{Limit, Page};
use onestop_domain::problem::ProblemCode;
use onestop_domain::user::{
    CreateUserRequest, NewPassword, ResetPasswordRequest, UpdateUserRequest, UserView,
};
use onestop_domain::{Role, UserId, ValidationErrors};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(update_user)
        .service(reset_password);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Text in the username or display name.
    q: Option<String>,
    role: Option<Role>,
    /// Unit code or id.
    unit: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<Limit>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^([A-Za-z0-9_-]{4})*([A-Za-z0-9_-]{2,3})?$")]
    cursor: Option<String>,
}

/// List accounts in creation order, filtered by text, role and unit.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(UserQuery),
    responses(
        (status = 200, body = Page<UserView>),
        (status = 401),
        (status = 403),
    )
)]
#[get("/users")]
async fn list_users(
    state: web::Data<AppState>,
    _admin: AdminUser,
    query: Query<UserQuery>,
) -> ApiResult<web::Json<Page<UserView>>> {
    let q = query.into_inner();
    let limit = Limit::or_default(q.limit);
    let after = q.cursor.as_deref().map(cursor::decode).transpose()?;
    let page = state
        .db
        .read(move |c| -> ApiResult<_> {
            let unit_id = super::unit_filter(c, q.unit.as_deref())?;
            let filter = users::UserFilter {
                q: q.q,
                role: q.role,
                unit_id,
                after,
            };
            Ok(users::list(c, &filter, limit)?)
        })
        .await?;
    let (items, more) = page;
    let next_cursor = more
        .then(|| items.last().map(|u| cursor::encode(&u.id.to_string())))
        .flatten();
    Ok(web::Json(Page { items, next_cursor }))
}

/// Create an account. The username must be unused.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 400, description = "Invalid fields, each named in `errors`"),
        (status = 403),
        (status = 409, description = "The username is taken"),
        (status = 422, description = "The unit names no unit, or the password is the username"),
    )
)]
#[post("/users")]
async fn create_user(
    state: web::Data<AppState>,
    admin: AdminUser,
    key: IdempotencyKey,
    body: Json<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
    let new = body.0.validate()?;
    // What was asked, without the password: a digest of it must not stand in for a hash of it.
    let asked = (
        &body.0.username,
        &body.0.display_name,
        &body.0.roles,
        &body.0.unit,
    );
    let asked = (asked, &body.0.student_no, &body.0.gender);
    let key = Once::new(admin.0.id, key.0, "POST /users", &asked)?;
    let secret = new.password.clone();
    let hash = web::block(move || password::hash(secret.expose()))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let view = state
        .db
        .write(move |c| once(c, key.as_ref(), now, |c| app::create(c, &new, &hash, now)))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/users/{}", view.id)))
        .json(view))
}

/// One account.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = UserId, Path, description = "User id")),
    responses(
        (status = 200, body = UserView),
        (status = 404),
        (status = 403),
    )
)]
#[get("/users/{id}")]
async fn get_user(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<UserView>> {
    let id = id.into_inner();
    state
        .db
        .read(move |c| users::view(c, id).map_err(ApiError::from))
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("this user"))
}

/// Change an account's display name, roles or active flag. Changing roles or
/// deactivating ends the account's sessions.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = UserId, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView),
        (status = 400),
        (status = 404),
        (status = 409, description = "The change would lock you out: you cannot deactivate yourself or remove your own admin role"),
        (status = 403),
    )
)]
#[patch("/users/{id}")]
async fn update_user(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<UserId>,
    body: Json<UpdateUserRequest>,
) -> ApiResult<web::Json<UserView>> {
    let id = id.into_inner();
    let changes = body.0.validate()?;
    if id == admin.0.id
        && (changes.active == Some(false) || changes.roles.as_ref().is_some_and(|r| !r.is_admin()))
    {
        return Err(ApiError::Conflict {
            code: ProblemCode::SelfLockout,
            detail:
                "you cannot deactivate yourself or remove your own admin role; ask another admin"
                    .into(),
        });
    }
    let now = state.clock.now();
    state
        .db
        .write(move |c| -> ApiResult<_> {
            if !users::update(c, id, &changes, now)? {
                return Err(ApiError::not_found("this user"));
            }
            users::view(c, id)?.ok_or_else(|| ApiError::not_found("this user"))
        })
        .await
        .map(web::Json)
}

/// Set a new password for someone who lost theirs. Their sessions end.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = UserId, Path, description = "User id")),
    request_body = ResetPasswordRequest,
    responses(
        (status = 204, description = "Password set"),
        (status = 400),
        (status = 404),
        (status = 403),
        (status = 409, description = "A service account's own user: it signs in with its client secret"),
    )
)]
#[post("/users/{id}/password")]
async fn reset_password(
    state: web::Data<AppState>,
    _admin: AdminUser,
    id: web::Path<UserId>,
    body: Json<ResetPasswordRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let new = NewPassword::parse("password", &body.0.password, None)
        .map_err(|e| ApiError::Validation(ValidationErrors::single(e)))?;
    let hash = web::block(move || password::hash(new.expose()))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    state
        .db
        .write(move |c| app::reset_password(c, id, &hash, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
