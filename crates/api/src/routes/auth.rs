use crate::app::sessions;
use crate::auth::ClientAddr;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use onestop_domain::auth::{LoginRequest, RefreshRequest, TokenResponse};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh_tokens).service(logout);
}

/// Sign in with username and password.
///
/// Returns a short-lived access token and a refresh token. After 5 failed
/// attempts for one username within 15 minutes, further attempts answer 429
/// with `Retry-After` until the lockout ends (doubling with each failure);
/// 50 failures from one address, across usernames, lock that address alike.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed request"),
        (status = 401, description = "Wrong username or password, or the account is deactivated"),
        (status = 429, description = "Too many failed attempts for this username or from this address"),
    )
)]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    from: ClientAddr,
    body: Json<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let LoginRequest { username, password } = body.0;
    let tokens = sessions::sign_in(&state, &username, password, from.0).await?;
    Ok(web::Json(tokens))
}

/// Exchange a refresh token for new tokens.
///
/// The presented token is used up. Presenting a used token again is treated
/// as theft: every token of that login is revoked and the caller must sign in.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens; the old refresh token no longer works", body = TokenResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token"),
    )
)]
#[post("/auth/refresh")]
async fn refresh_tokens(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    Ok(web::Json(
        sessions::refresh(&state, &body.0.refresh_token).await?,
    ))
}

/// End the session a refresh token belongs to. Unknown tokens are accepted
/// too, so logging out twice is harmless.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out"))
)]
#[post("/auth/logout")]
async fn logout(state: web::Data<AppState>, body: Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    sessions::sign_out(&state, &body.0.refresh_token).await?;
    Ok(HttpResponse::NoContent().finish())
}
