use crate::auth::{password, refresh};
use crate::db::repo::{is_unique_violation, sessions, throttle, users};
use crate::db::DbError;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use onestop_domain::auth::{LoginRequest, RefreshRequest, ThrottleState, TokenResponse};
use onestop_domain::problem::Problem;
use onestop_domain::user::Username;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh_tokens).service(logout);
}

fn invalid_credentials() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_credentials",
        detail: "the username or password is wrong".into(),
    }
}

/// Sign in with username and password.
///
/// Returns a short-lived access token and a refresh token. After 5 failed
/// attempts for one username within 15 minutes, further attempts answer 429
/// with `Retry-After` until the lockout ends (doubling with each failure).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong username or password, or the account is deactivated", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts for this username", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let LoginRequest {
        username,
        password: given,
    } = body.0;
    let username = Username::normalize_login(&username);
    let now = state.clock.now();

    let name = username.clone();
    let (lock, account) = state
        .db
        .read(move |c| -> ApiResult<_> {
            Ok((throttle::get(c, &name)?, users::find_by_username(c, &name)?))
        })
        .await?;
    if let Err(wait) = ThrottleState::check(lock.as_ref(), now) {
        return Err(locked(wait));
    }

    let stored = account.as_ref().map(|a| a.row.password_hash.clone());
    let ok = web::block(move || match stored {
        Some(h) => password::verify(&given, &h),
        None => {
            password::verify_dummy(&given);
            false
        }
    })
    .await
    .map_err(ApiError::internal)?;

    let account = match account {
        Some(a) if ok => a,
        _ => {
            record_failure(&state, &username).await?;
            return Err(invalid_credentials());
        }
    };
    if !account.row.active {
        return Err(ApiError::Unauthorized {
            code: "account_inactive",
            detail: "this account has been deactivated; ask the student affairs office".into(),
        });
    }

    let user_id = account.row.id.clone();
    let family = uuid::Uuid::now_v7().to_string();
    let tokens = issue_tokens(&state, user_id, family, Some(username)).await?;
    Ok(web::Json(tokens))
}

fn locked(wait_secs: i64) -> ApiError {
    ApiError::TooManyRequests {
        retry_after_secs: wait_secs,
        detail: format!(
            "too many failed sign-ins for this username; try again in {wait_secs} seconds"
        ),
    }
}

async fn record_failure(state: &AppState, username: &str) -> ApiResult<()> {
    // Two first failures for one name at once can both try to insert the
    // counter; the loser retries and then updates it.
    for attempt in 0..2 {
        let name = username.to_owned();
        let now = state.clock.now();
        let result = state
            .db
            .write(move |c| throttle::record_failure(c, &name, now).map_err(DbError::from))
            .await;
        match result {
            Ok(_) => return Ok(()),
            Err(DbError::Query(e)) if attempt == 0 && is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Issue an access token and the next refresh token of `family`; a login
/// also clears the failure counter of the name it used.
async fn issue_tokens(
    state: &AppState,
    user_id: String,
    family: String,
    clear_throttle_for: Option<String>,
) -> ApiResult<TokenResponse> {
    let now = state.clock.now();
    let refresh_token = refresh::generate();
    let digest = refresh::digest(&refresh_token);
    let ttl = state.settings.refresh_token_ttl;
    let uid = user_id.clone();
    state
        .db
        .write(move |c| -> ApiResult<()> {
            if let Some(name) = clear_throttle_for {
                throttle::clear(c, &name)?;
            }
            sessions::issue(c, &uid, &family, &digest, now, ttl)?;
            Ok(())
        })
        .await?;
    let access_ttl = state.settings.access_token_ttl;
    let access_token = state
        .keys
        .issue(&user_id, now, access_ttl)
        .map_err(ApiError::internal)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: access_ttl.num_seconds(),
        refresh_token,
        refresh_expires_in: ttl.num_seconds(),
    })
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
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
async fn refresh_tokens(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let digest = refresh::digest(body.0.refresh_token.trim());
    let now = state.clock.now();
    let outcome = state
        .db
        .write(move |c| -> ApiResult<_> {
            let outcome = sessions::rotate(c, &digest, now)?;
            // The account must still be allowed in.
            if let sessions::Rotation::Rotated { user_id, .. } = &outcome {
                let id = user_id.parse().map_err(ApiError::internal)?;
                let active = users::find(c, id)?.is_some_and(|a| a.row.active);
                if !active {
                    return Ok(sessions::Rotation::Revoked);
                }
            }
            Ok(outcome)
        })
        .await?;
    let unauthorized = |code, detail: &str| ApiError::Unauthorized {
        code,
        detail: detail.to_owned(),
    };
    match outcome {
        sessions::Rotation::Rotated { user_id, family_id } => {
            Ok(web::Json(issue_tokens(&state, user_id, family_id, None).await?))
        }
        sessions::Rotation::Unknown => Err(unauthorized("invalid_refresh_token", "the refresh token is not valid; log in again")),
        sessions::Rotation::Expired => Err(unauthorized("refresh_token_expired", "the session has expired; log in again")),
        sessions::Rotation::Revoked => Err(unauthorized("refresh_token_revoked", "this session has ended; log in again")),
        sessions::Rotation::Reused => Err(unauthorized(
            "refresh_token_reused",
            "this refresh token was already used, so every session of this login was ended for safety; log in again",
        )),
    }
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
    let digest = refresh::digest(body.0.refresh_token.trim());
    let now = state.clock.now();
    state
        .db
        .write(move |c| sessions::revoke_by_token(c, &digest, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
