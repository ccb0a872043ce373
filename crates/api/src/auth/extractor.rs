//! Permissions as types: a handler that takes `AuthUser` cannot run for an
//! anonymous caller, one that takes `StaffUser` not for a student, one that
//! takes `AdminUser` not for anyone but an administrator.

use crate::db::repo::users;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use onestop_domain::integration::ClientScope;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{Roles, UnitId, UserId};
use std::future::Future;
use std::pin::Pin;

use super::jwt::{Claims, TokenError};

/// The signed-in caller, loaded fresh from the database on each request so a
/// deactivated account or a reset password takes effect at once.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub roles: Roles,
    pub unit_id: Option<UnitId>,
    /// The token it came with (its session's start, a service token's scope).
    pub claims: Claims,
}

/// A service token reaches an endpoint only if the endpoint declares a
/// `client` scope (in the OpenAPI document) and the token carries it.
fn within_scope(
    state: &AppState,
    scope: &str,
    (method, pattern): &(String, Option<String>),
) -> Result<(), ApiError> {
    let granted = ClientScope::split(scope).map_err(|_| {
        unauthorized(
            ProblemCode::InvalidToken,
            "the access token is not valid; ask for a new one",
        )
    })?;
    let pattern = pattern.as_deref().unwrap_or("");
    let Some(needed) = state.scopes.required(method, pattern) else {
        return Err(ApiError::Forbidden {
            detail: format!("{method} {pattern} is for people, not for service accounts"),
        });
    };
    match needed.iter().find(|s| !granted.contains(s)) {
        None => Ok(()),
        Some(missing) => Err(ApiError::Forbidden {
            detail: format!(
                "this token lacks the scope `{}` that {method} {pattern} needs",
                missing.as_str()
            ),
        }),
    }
}

fn unauthorized(code: ProblemCode, detail: impl Into<String>) -> ApiError {
    ApiError::Unauthorized {
        code,
        detail: detail.into(),
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let route = (req.method().as_str().to_owned(), req.match_pattern());
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| token.trim().to_owned())
            });
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            let token = bearer.ok_or_else(|| {
                unauthorized(
                    ProblemCode::MissingToken,
                    "sign in first: send `Authorization: Bearer <access token>`",
                )
            })?;
            let now = state.clock.now();
            let claims = state.keys.verify(&token, now).map_err(token_refused)?;
            AuthUser::of(&state, claims, &route).await
        })
    }
}

fn token_refused(e: TokenError) -> ApiError {
    match e {
        TokenError::Expired => unauthorized(ProblemCode::TokenExpired, e.to_string()),
        TokenError::Invalid => unauthorized(
            ProblemCode::InvalidToken,
            "the access token is not valid; log in again",
        ),
    }
}

impl AuthUser {
    /// The person (or system) a verified token names, if still allowed in:
    /// within the token's scope for `route`, active, and the session not ended.
    async fn of(
        state: &AppState,
        claims: Claims,
        route: &(String, Option<String>),
    ) -> Result<AuthUser, ApiError> {
        {
            if let Some(scope) = &claims.scope {
                within_scope(state, scope, route)?;
            }
            let id: UserId = claims.sub.parse().map_err(|_| {
                unauthorized(
                    ProblemCode::InvalidToken,
                    "the access token is not valid; log in again",
                )
            })?;
            let account = state
                .db
                .read(move |c| users::find(c, id).map_err(ApiError::from))
                .await?;
            let account = account.filter(|a| a.row.active).ok_or_else(|| {
                unauthorized(
                    ProblemCode::AccountInactive,
                    "this account no longer exists or has been deactivated",
                )
            })?;
            if claims.iat_ms < account.row.tokens_valid_after.and_utc().timestamp_millis() {
                return Err(unauthorized(
                    ProblemCode::SessionEnded,
                    "this session was ended (password changed or signed out everywhere); log in again",
                ));
            }
            Ok(AuthUser {
                id,
                unit_id: account.unit_id(),
                username: account.row.username,
                display_name: account.row.display_name,
                roles: account.roles,
                claims,
            })
        }
    }
}

/// The caller of the live stream: a bearer token, or a stream ticket in
/// `?ticket=` (browsers' `EventSource` cannot send headers).
#[derive(Debug, Clone)]
pub struct StreamUser(pub AuthUser);

impl FromRequest for StreamUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let ticket = form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, _)| k == "ticket")
            .map(|(_, v)| v.into_owned());
        let Some(ticket) = ticket else {
            let user = AuthUser::from_request(req, payload);
            return Box::pin(async move { user.await.map(StreamUser) });
        };
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let route = (req.method().as_str().to_owned(), req.match_pattern());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            let claims = state
                .keys
                .verify_stream_ticket(&ticket, state.clock.now())
                .map_err(|e| match e {
                    TokenError::Expired => unauthorized(
                        ProblemCode::TokenExpired,
                        "the stream ticket has expired; ask for a new one",
                    ),
                    TokenError::Invalid => unauthorized(
                        ProblemCode::InvalidToken,
                        "this stream ticket is not valid; ask for a new one",
                    ),
                })?;
            AuthUser::of(&state, claims, &route).await.map(StreamUser)
        })
    }
}

/// A signed-in administrator.
#[derive(Debug, Clone)]
pub struct AdminUser(pub AuthUser);

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        gate(
            req,
            payload,
            |u| u.roles.is_admin(),
            "only administrators may do this",
            AdminUser,
        )
    }
}

/// The caller, when `allowed`; 403 with `detail` otherwise.
fn gate<T: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    allowed: fn(&AuthUser) -> bool,
    detail: &'static str,
    wrap: fn(AuthUser) -> T,
) -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>> {
    let user = AuthUser::from_request(req, payload);
    Box::pin(async move {
        let user = user.await?;
        if allowed(&user) {
            Ok(wrap(user))
        } else {
            Err(ApiError::Forbidden {
                detail: detail.into(),
            })
        }
    })
}

/// A signed-in member of staff (any role but student alone): the reform plan
/// and the other staff pages. Derefs to the [`AuthUser`].
#[derive(Debug, Clone)]
pub struct StaffUser(pub AuthUser);

impl std::ops::Deref for StaffUser {
    type Target = AuthUser;
    fn deref(&self) -> &AuthUser {
        &self.0
    }
}

impl FromRequest for StaffUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        gate(
            req,
            payload,
            |u| u.roles.is_staff(),
            "this is for staff; students do not use it",
            StaffUser,
        )
    }
}
