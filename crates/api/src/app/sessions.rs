//! Signing in, refreshing and ending sessions, and changing one's password:
//! the throttling, hashing and token rules, apart from HTTP.

use crate::app::{AppError, AppResult};
use crate::auth::{password, refresh, AuthUser};
use crate::blocking::blocking;
use crate::db::repo::throttle::{self, Subject};
use crate::db::repo::{sessions, users};
use crate::db::DbConn;
use crate::state::AppState;
use onestop_domain::auth::{TokenResponse, LOGIN_NAME_MAX_CHARS, LOGIN_PASSWORD_MAX_CHARS};
use onestop_domain::problem::ProblemCode;
use onestop_domain::user::{NewPassword, Username};
use onestop_domain::{FieldError, TokenId, UserId, ValidationErrors};
use std::net::IpAddr;

fn invalid_credentials() -> AppError {
    AppError::Unauthorized {
        code: ProblemCode::InvalidCredentials,
        detail: "the username or password is wrong".into(),
    }
}

fn locked(wait_secs: i64) -> AppError {
    AppError::TooManyRequests {
        retry_after_secs: wait_secs,
        detail: format!("too many failed attempts; try again in {wait_secs} seconds"),
    }
}

/// A length no real credential has, refused before any lookup or hashing.
fn beyond(field: &str, value: &str, max: usize, what: &str) -> Result<(), FieldError> {
    if value.chars().count() > max {
        Err(FieldError::new(
            field,
            "length",
            format!("{what} has at most {max} characters"),
        ))
    } else {
        Ok(())
    }
}

fn plausible(username: &str, given: &str) -> AppResult<()> {
    let mut errs = ValidationErrors::new();
    errs.check(beyond(
        "username",
        username,
        LOGIN_NAME_MAX_CHARS,
        "a username",
    ));
    errs.check(beyond(
        "password",
        given,
        LOGIN_PASSWORD_MAX_CHARS,
        "a password",
    ));
    Ok(errs.finish(|| Some(()))?)
}

fn subjects(username: &str, from: Option<IpAddr>) -> Vec<Subject> {
    let mut s = vec![Subject::Username(username.to_owned())];
    s.extend(from.map(Subject::Address));
    s
}

/// Count an attempt for these subjects before its password is checked (429 when locked out).
async fn claim(state: &AppState, subjects: Vec<Subject>) -> AppResult<Vec<Subject>> {
    let now = state.clock.now();
    state
        .db
        .write(move |c| -> AppResult<_> {
            throttle::claim(c, &subjects, now)?.map_err(locked)?;
            Ok(subjects)
        })
        .await
}

/// Sign in with a username and password from address `from`.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    given: String,
    from: Option<IpAddr>,
) -> AppResult<TokenResponse> {
    plausible(username, &given)?;
    let username = Username::normalize_login(username);
    let counted = claim(state, subjects(&username, from)).await?;
    let name = username.clone();
    let account = state
        .db
        .read(move |c| users::find_by_username(c, &name).map_err(AppError::from))
        .await?;
    let stored = account.as_ref().map(|a| a.row.password_hash.clone());
    let ok = blocking(move || match stored {
        Some(h) => password::verify(&given, &h),
        None => {
            password::verify_dummy(&given);
            false
        }
    })
    .await?;
    let account = match account {
        Some(a) if ok => a,
        // The attempt stays counted.
        _ => return Err(invalid_credentials()),
    };
    let now = state.clock.now();
    state
        .db
        .write(move |c| throttle::succeeded(c, &counted, now).map_err(AppError::from))
        .await?;
    if !account.row.active {
        return Err(AppError::Unauthorized {
            code: ProblemCode::AccountInactive,
            detail: "this account has been deactivated; ask the student affairs office".into(),
        });
    }
    issue_tokens(state, account.row.id, TokenId::new()).await
}

/// Change one's own password, proving the current one; every session ends.
/// Wrong current passwords are throttled like sign-ins.
pub async fn change_password(
    state: &AppState,
    user: &AuthUser,
    current: String,
    new: &str,
    from: Option<IpAddr>,
) -> AppResult<()> {
    let new = NewPassword::parse("new_password", new, Some(&user.username))
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    beyond(
        "current_password",
        &current,
        LOGIN_PASSWORD_MAX_CHARS,
        "a password",
    )
    .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    let counted = claim(state, subjects(&user.username, from)).await?;
    let id = user.id;
    let account = state
        .db
        .read(move |c| users::find(c, id).map_err(AppError::from))
        .await?
        .ok_or_else(|| AppError::not_found("this user"))?;
    let stored = account.row.password_hash;
    let hashed = blocking(move || {
        if password::verify(&current, &stored) {
            password::hash(new.expose()).map(Some)
        } else {
            Ok(None)
        }
    })
    .await?
    .map_err(AppError::internal)?;
    let Some(hash) = hashed else {
        return Err(AppError::Forbidden {
            detail: "the current password is wrong".into(),
        });
    };
    let now = state.clock.now();
    state
        .db
        .write(move |c| -> AppResult<()> {
            throttle::succeeded(c, &counted, now)?;
            users::set_password(c, id, &hash, now)?;
            Ok(())
        })
        .await
}

/// Exchange a refresh token for new tokens (the presented one is used up).
pub async fn refresh(state: &AppState, token: &str) -> AppResult<TokenResponse> {
    let digest = refresh::digest(token.trim());
    let now = state.clock.now();
    let outcome = state
        .db
        .write(move |c| -> AppResult<_> {
            let outcome = sessions::rotate(c, &digest, now)?;
            // The account must still be allowed in.
            if let sessions::Rotation::Rotated { user_id, .. } = &outcome {
                if !active(c, *user_id)? {
                    return Ok(sessions::Rotation::Revoked);
                }
            }
            Ok(outcome)
        })
        .await?;
    let unauthorized = |code, detail: &str| AppError::Unauthorized {
        code,
        detail: detail.to_owned(),
    };
    match outcome {
        sessions::Rotation::Rotated { user_id, family_id } => {
            issue_tokens(state, user_id, family_id).await
        }
        sessions::Rotation::Unknown => Err(unauthorized(
            ProblemCode::InvalidRefreshToken,
            "the refresh token is not valid; log in again",
        )),
        sessions::Rotation::Expired => Err(unauthorized(
            ProblemCode::RefreshTokenExpired,
            "the session has expired; log in again",
        )),
        sessions::Rotation::Revoked => Err(unauthorized(
            ProblemCode::RefreshTokenRevoked,
            "this session has ended; log in again",
        )),
        sessions::Rotation::Reused => Err(unauthorized(
            ProblemCode::RefreshTokenReused,
            "this refresh token was already used, so every session of this login was ended for safety; log in again",
        )),
    }
}

fn active(c: &mut DbConn, user_id: UserId) -> AppResult<bool> {
    Ok(users::find(c, user_id)?.is_some_and(|a| a.row.active))
}

/// End the session a refresh token belongs to; unknown tokens are fine too.
pub async fn sign_out(state: &AppState, token: &str) -> AppResult<()> {
    let digest = refresh::digest(token.trim());
    let now = state.clock.now();
    state
        .db
        .write(move |c| sessions::revoke_by_token(c, &digest, now).map_err(AppError::from))
        .await?;
    Ok(())
}

/// An access token and the next refresh token of `family`.
async fn issue_tokens(
    state: &AppState,
    user_id: UserId,
    family: TokenId,
) -> AppResult<TokenResponse> {
    let now = state.clock.now();
    let refresh_token = refresh::generate();
    let digest = refresh::digest(&refresh_token);
    let ttl = state.settings.refresh_token_ttl;
    state
        .db
        .write(move |c| {
            sessions::issue(c, user_id, family, &digest, now, ttl).map_err(AppError::from)
        })
        .await?;
    let access_ttl = state.settings.access_token_ttl;
    let access_token = state
        .keys
        .issue(&user_id.to_string(), now, access_ttl)
        .map_err(AppError::internal)?;
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: access_ttl.num_seconds(),
        refresh_token,
        refresh_expires_in: ttl.num_seconds(),
    })
}
