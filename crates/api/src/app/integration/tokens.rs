//! Tokens for service accounts (RFC 6749 §4.4, client credentials): the
//! secret is checked against its digest, the account against its state, the
//! caller's address against the account's ranges, and the scopes asked for
//! against those granted.

use super::ranges;
use crate::app::{AppError, AppResult};
use crate::auth::refresh;
use crate::db::repo::integration::accounts as repo;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::integration::ClientScope;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{ServiceAccountId, UserId};
use std::net::IpAddr;

/// Who a token is for and what it may do.
#[derive(Debug, Clone)]
pub struct Grant {
    pub user: UserId,
    pub client_id: ServiceAccountId,
    pub scopes: Vec<ClientScope>,
}

fn invalid_client(detail: &str) -> AppError {
    AppError::Unauthorized {
        code: ProblemCode::InvalidClient,
        detail: detail.into(),
    }
}

pub fn grant(
    c: &mut DbConn,
    client_id: &str,
    secret: &str,
    asked: Option<&str>,
    from: Option<IpAddr>,
    now: DateTime<Utc>,
) -> AppResult<Grant> {
    let wrong = || invalid_client("the client id or secret is wrong");
    let id: ServiceAccountId = client_id.trim().parse().map_err(|_| wrong())?;
    let (_, account) = repo::by_secret(c, &refresh::digest(secret.trim()))?.ok_or_else(wrong)?;
    if account.id != id {
        return Err(wrong());
    }
    if !account.active {
        return Err(invalid_client("this service account is deactivated"));
    }
    if account.expires_on.is_some_and(|d| d < local_date(now)) {
        return Err(invalid_client("this service account has expired"));
    }
    if !ranges::admits(&account.allowed_addresses, from) {
        return Err(invalid_client(
            "tokens for this service account are not issued to this address",
        ));
    }
    let granted = repo::scopes_of(&account)?;
    let scopes = match asked.filter(|a| !a.trim().is_empty()) {
        None => granted,
        Some(asked) => {
            let asked = ClientScope::split(asked).map_err(|word| AppError::BadRequest {
                code: ProblemCode::InvalidScope,
                detail: format!("`{word}` is not a scope"),
            })?;
            if let Some(extra) = asked.iter().find(|s| !granted.contains(s)) {
                return Err(AppError::BadRequest {
                    code: ProblemCode::InvalidScope,
                    detail: format!("this service account is not granted `{}`", extra.as_str()),
                });
            }
            asked
        }
    };
    repo::record_use(c, id, now, from.map(|a| a.to_string()))?;
    Ok(Grant {
        user: account.user_id,
        client_id: id,
        scopes,
    })
}
