use crate::app::sessions;
use crate::auth::{AuthUser, ClientAddr};
use crate::db::repo::users;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use onestop_domain::user::{ChangePasswordRequest, UserView};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(me).service(change_password);
}

/// The signed-in user, with roles and unit.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, body = UserView),
        (status = 401),
    )
)]
#[get("/me")]
async fn me(state: web::Data<AppState>, user: AuthUser) -> ApiResult<web::Json<UserView>> {
    let id = user.id;
    let view = state
        .db
        .read(move |c| users::view(c, id).map_err(ApiError::from))
        .await?;
    view.map(web::Json)
        .ok_or_else(|| ApiError::not_found("this user"))
}

/// Change your own password. Every session, this one included, ends: sign in again.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; sign in again with the new password"),
        (status = 400, description = "The new password does not meet the policy"),
        (status = 403, description = "The current password is wrong"),
        (status = 429, description = "Too many wrong current passwords; wait as `Retry-After` says"),
        (status = 422, description = "The new password is the username"),
    )
)]
#[post("/me/password")]
async fn change_password(
    state: web::Data<AppState>,
    user: AuthUser,
    from: ClientAddr,
    body: Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.0;
    sessions::change_password(&state, &user, current_password, &new_password, from.0).await?;
    Ok(HttpResponse::NoContent().finish())
}
