//! Service accounts for other campus systems (administrators manage them).
//!
//! Each acts through a users row of its own — named after it, in its unit,
//! with the administrator role and a password no one can sign in with — so
//! that what it does is attributed like anyone's. What its tokens may reach
//! is narrowed by their scopes, endpoint by endpoint.

use super::ranges;
use crate::app::users::unit_by_ref;
use crate::app::{AppError, AppResult};
use crate::auth::refresh;
use crate::db::repo::integration::accounts as repo;
use crate::db::repo::users;
use crate::db::rows::{to_db, ClientSecretRow, ServiceAccountRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::integration::wire::{
    CreateServiceAccountRequest, IssuedSecret, ServiceAccountView,
};
use onestop_domain::integration::{check_settings, ClientScope};
use onestop_domain::{ClientSecretId, Role, Roles, ServiceAccountId, UserId, ValidationErrors};

/// Client secrets start with this, so a leaked one is easy to recognise (and to scan for).
pub const SECRET_PREFIX: &str = "oss_";

pub fn not_found() -> AppError {
    AppError::not_found("this service account")
}

fn view(c: &mut DbConn, row: &ServiceAccountRow) -> AppResult<ServiceAccountView> {
    repo::views(c, std::slice::from_ref(row))?
        .pop()
        .ok_or_else(not_found)
}

/// A fresh secret for the account, kept as a digest; the plain text is
/// returned this once.
fn new_secret(
    c: &mut DbConn,
    account: ServiceAccountId,
    now: DateTime<Utc>,
) -> AppResult<(ClientSecretId, String)> {
    let secret = format!("{SECRET_PREFIX}{}", refresh::generate());
    let hint = secret.chars().rev().take(4).collect::<Vec<_>>();
    let row = ClientSecretRow {
        id: ClientSecretId::new(),
        account_id: account,
        secret_hash: refresh::digest(&secret),
        hint: hint.into_iter().rev().collect(),
        created_at: to_db(now),
        revoked_at: None,
    };
    repo::insert_secret(c, &row)?;
    Ok((row.id, secret))
}

fn issued(
    c: &mut DbConn,
    row: &ServiceAccountRow,
    (secret_id, client_secret): (ClientSecretId, String),
) -> AppResult<IssuedSecret> {
    Ok(IssuedSecret {
        account: view(c, row)?,
        client_id: row.id,
        secret_id,
        client_secret,
    })
}

pub fn create(
    c: &mut DbConn,
    by: UserId,
    req: &CreateServiceAccountRequest,
    now: DateTime<Utc>,
) -> AppResult<IssuedSecret> {
    let name = check_settings(
        &req.name,
        &req.scopes,
        &req.allowed_addresses,
        req.expires_on,
        local_date(now),
    )?;
    let nets = ranges::parse(&req.allowed_addresses)
        .map_err(|e| AppError::Validation(ValidationErrors::single(e)))?;
    let unit = unit_by_ref(c, Some(&req.unit))?.ok_or_else(|| {
        AppError::field(
            "unit",
            "required",
            "name the unit that answers for the system",
        )
    })?;
    let id = ServiceAccountId::new();
    // The id's tail: a UUIDv7 begins with its creation time, so two accounts
    // made in the same millisecond would share a head.
    let hex = id.0.simple().to_string();
    let username = format!("svc-{}", &hex[hex.len() - 12..]);
    let user_id = users::insert(
        c,
        users::NewAccount {
            username: &username,
            display_name: &name,
            // No argon2 hash matches "!": nobody signs in as the system.
            password_hash: "!",
            unit_id: Some(unit),
            roles: &Roles::one(Role::Admin),
            student_no: None,
            gender: None,
        },
        now,
    )?;
    let row = ServiceAccountRow {
        id,
        user_id,
        name,
        unit_id: unit,
        scopes: ClientScope::join(&req.scopes),
        allowed_addresses: nets
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        expires_on: req.expires_on.map(|d| d.get()),
        active: true,
        created_by: by,
        created_at: to_db(now),
        last_used_at: None,
        last_used_addr: None,
    };
    repo::insert(c, &row)?;
    let secret = new_secret(c, id, now)?;
    issued(c, &row, secret)
}

pub fn list(c: &mut DbConn) -> AppResult<Vec<ServiceAccountView>> {
    let rows = repo::list(c)?;
    Ok(repo::views(c, &rows)?)
}

pub fn get(c: &mut DbConn, id: ServiceAccountId) -> AppResult<ServiceAccountView> {
    let row = repo::find(c, id)?.ok_or_else(not_found)?;
    view(c, &row)
}

/// A second secret; the older ones stay valid until revoked, so the system
/// can switch without a gap.
pub fn rotate(c: &mut DbConn, id: ServiceAccountId, now: DateTime<Utc>) -> AppResult<IssuedSecret> {
    let row = repo::find(c, id)?.ok_or_else(not_found)?;
    if !row.active {
        return Err(AppError::Conflict {
            code: onestop_domain::problem::ProblemCode::AccountInactive,
            detail: "this service account is deactivated; create a new one instead".into(),
        });
    }
    let secret = new_secret(c, id, now)?;
    issued(c, &row, secret)
}

pub fn revoke_secret(
    c: &mut DbConn,
    id: ServiceAccountId,
    secret: ClientSecretId,
    now: DateTime<Utc>,
) -> AppResult<ServiceAccountView> {
    let row = repo::find(c, id)?.ok_or_else(not_found)?;
    if !repo::revoke_secret(c, id, secret, now)? {
        return Err(AppError::not_found("a live secret with this id"));
    }
    view(c, &row)
}

/// Stop the account: no token is issued to it again, and its backing user
/// is deactivated, which ends the tokens it holds.
pub fn deactivate(
    c: &mut DbConn,
    id: ServiceAccountId,
    now: DateTime<Utc>,
) -> AppResult<ServiceAccountView> {
    let row = repo::find(c, id)?.ok_or_else(not_found)?;
    repo::set_active(c, id, false)?;
    let off = onestop_domain::user::UserChanges {
        active: Some(false),
        ..Default::default()
    };
    users::update(c, row.user_id, &off, now)?;
    let row = repo::find(c, id)?.ok_or_else(not_found)?;
    view(c, &row)
}
