//! `POST /auth/token`: client credentials for other campus systems.

use crate::app::integration::tokens;
use crate::auth::ClientAddr;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest};
use base64::Engine;
use onestop_domain::integration::wire::{ClientCredentialsRequest, ClientTokenResponse};
use onestop_domain::integration::ClientScope;
use onestop_domain::problem::ProblemCode;

/// Read the body as a form (what OAuth clients send) or as JSON.
fn parse(req: &HttpRequest, body: &[u8]) -> ApiResult<ClientCredentialsRequest> {
    let ctype = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bad = |e: String| ApiError::BadRequest {
        code: ProblemCode::Validation,
        detail: format!("the token request cannot be read: {e}"),
    };
    if ctype.starts_with("application/x-www-form-urlencoded") {
        serde_urlencoded::from_bytes(body).map_err(|e| bad(e.to_string()))
    } else if ctype.starts_with("application/json") {
        serde_json::from_slice(body).map_err(|e| bad(e.to_string()))
    } else {
        Err(ApiError::UnsupportedMediaType {
            detail:
                "send the token request as application/x-www-form-urlencoded or application/json"
                    .into(),
        })
    }
}

/// `Authorization: Basic base64(client_id:client_secret)`, if sent.
fn basic(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, b64) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// A token for a service account (OAuth 2 client credentials, RFC 6749 §4.4).
///
/// Send `grant_type=client_credentials` with `client_id` and `client_secret`
/// (or HTTP Basic), and optionally `scope` to narrow the token. The token acts
/// as the account within its scopes; it expires like a person's and is not
/// refreshed: ask again.
#[utoipa::path(
    tag = "auth",
    request_body(
        content(
            (ClientCredentialsRequest = "application/x-www-form-urlencoded"),
            (ClientCredentialsRequest = "application/json"),
        )
    ),
    responses(
        (status = 200, body = ClientTokenResponse),
        (status = 400, description = "Not `client_credentials`, or a scope the account is not granted (`invalid_scope`)"),
        (status = 401, description = "Wrong client id or secret, a deactivated or expired account, or an address it is not issued to (`invalid_client`)"),
        (status = 415, description = "Neither a form nor JSON"),
    )
)]
#[post("/auth/token")]
pub(super) async fn token(
    req: HttpRequest,
    state: web::Data<AppState>,
    from: ClientAddr,
    body: web::Bytes,
) -> ApiResult<web::Json<ClientTokenResponse>> {
    let asked = parse(&req, &body)?;
    if asked.grant_type != "client_credentials" {
        return Err(ApiError::BadRequest {
            code: ProblemCode::UnsupportedGrantType,
            detail: "only grant_type=client_credentials is supported here; people sign in at /auth/login".into(),
        });
    }
    let (id, secret) = match (basic(&req), asked.client_id, asked.client_secret) {
        (Some(pair), _, _) => pair,
        (None, Some(id), Some(secret)) => (id, secret),
        _ => {
            return Err(ApiError::Unauthorized {
                code: ProblemCode::InvalidClient,
                detail: "send client_id and client_secret, or HTTP Basic credentials".into(),
            })
        }
    };
    let now = state.clock.now();
    let scope = asked.scope;
    let grant = state
        .db
        .write(move |c| {
            tokens::grant(c, &id, &secret, scope.as_deref(), from.0, now).map_err(ApiError::from)
        })
        .await?;
    let ttl = state.settings.access_token_ttl;
    let scope = ClientScope::join(&grant.scopes);
    let access_token = state
        .keys
        .issue_client(
            &grant.user.to_string(),
            &grant.client_id.to_string(),
            &scope,
            now,
            ttl,
        )
        .map_err(ApiError::internal)?;
    Ok(web::Json(ClientTokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: ttl.num_seconds(),
        scope,
    }))
}
