//! Account administration: creating people with their roles and unit.

use crate::app::{AppError, AppResult};
use crate::db::repo::{is_unique_violation, units, users};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::user::{NewUser, UserView};
use onestop_domain::UnitId;

/// The id of the unit a body names by code or id (field `unit`), if it names
/// one; a code that names no unit is refused (422).
pub fn unit_by_ref(c: &mut DbConn, reference: Option<&str>) -> AppResult<Option<UnitId>> {
    let Some(r) = reference else { return Ok(None) };
    units::find_by_ref(c, r)?
        .map(|u| Some(u.id))
        .ok_or_else(|| {
            AppError::field(
                "unit",
                "unknown",
                format!("no unit has the code or id `{r}`"),
            )
        })
}

/// Create a checked account with its password already hashed (hashing is
/// slow, so the caller does it outside the transaction).
pub fn create(
    c: &mut DbConn,
    new: &NewUser,
    password_hash: &str,
    now: DateTime<Utc>,
) -> AppResult<UserView> {
    let unit_id = unit_by_ref(c, new.unit.as_deref())?;
    let account = users::NewAccount {
        username: new.username.as_str(),
        display_name: new.display_name.as_str(),
        password_hash,
        unit_id,
        roles: &new.roles,
        student_no: new.student_no.as_deref(),
        gender: new.gender,
    };
    let id = users::insert(c, account, now).map_err(|e| {
        if is_unique_violation(&e) {
            AppError::Conflict {
                code: ProblemCode::UsernameTaken,
                detail: format!("the username `{}` is already taken", new.username.as_str()),
            }
        } else {
            e.into()
        }
    })?;
    users::view(c, id)?.ok_or_else(|| AppError::internal("created user vanished"))
}

/// Set a person's password (administrators), which ends their sessions. A
/// service account's own user is refused: systems sign in with client
/// credentials, and a password would let a person act as the system.
pub fn reset_password(
    c: &mut DbConn,
    id: onestop_domain::UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if crate::db::repo::integration::accounts::of_user(c, id)?.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::ServiceAccountUser,
            detail: "this is a service account's own user; systems sign in with their client secret, rotate it instead".into(),
        });
    }
    if users::set_password(c, id, hash, now)? {
        Ok(())
    } else {
        Err(AppError::not_found("this user"))
    }
}
