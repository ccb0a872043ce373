//! Setting up a real deployment: `onestop init` loads the plan's units (and
//! the university's colleges) into an empty database and marks it as
//! production; `onestop admin create` makes the first administrator with a
//! password typed at the console. A database is either a demo or a real
//! deployment, never both: the demo's accounts share a published password.

use crate::auth::password;
use crate::clock::Clock;
use crate::db::repo::users;
use crate::db::schema::{deployment, users as users_t};
use crate::db::{Db, DbConn, DbError};
use crate::seed::{self, SeedError};
use diesel::prelude::*;
use onestop_domain::user::{DisplayName, NewPassword, Username};
use onestop_domain::{Role, Roles};

/// What a database is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `onestop seed --demo`: generated people, the password `demo1234`.
    Demo,
    /// `onestop init`: a university's own accounts.
    Production,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Demo => "demo",
            Purpose::Production => "production",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("this database holds a real deployment (onestop init); demo data would add thousands of accounts with a published password. Use an empty database for the demo")]
    RealDeployment,
    #[error("this database holds the demo, whose accounts share a published password; start the deployment on an empty database")]
    DemoData,
    #[error("this database already has accounts that the demo did not make; demo data goes only into an empty database")]
    Unmarked,
    #[error("{0}")]
    Invalid(String),
    #[error("an account named `{0}` already exists")]
    Exists(String),
    #[error("no account is named `{0}`")]
    Unknown(String),
    #[error(transparent)]
    Seed(#[from] SeedError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for SetupError {
    fn from(e: diesel::result::Error) -> Self {
        SetupError::Db(DbError::Query(e))
    }
}

/// Mark the database for `purpose`, or refuse when it holds the other kind.
/// Runs inside the caller's transaction.
pub fn claim(c: &mut DbConn, purpose: Purpose) -> Result<(), SetupError> {
    let current: Option<String> = deployment::table
        .find("purpose")
        .select(deployment::value)
        .first(c)
        .optional()?;
    match (current.as_deref(), purpose) {
        (Some("production"), Purpose::Demo) => return Err(SetupError::RealDeployment),
        (Some("demo"), Purpose::Production) => return Err(SetupError::DemoData),
        (Some(_), _) => return Ok(()),
        (None, Purpose::Demo) => {
            let accounts: i64 = users_t::table.count().get_result(c)?;
            if accounts > 0 {
                return Err(SetupError::Unmarked);
            }
        }
        (None, Purpose::Production) => {}
    }
    diesel::insert_into(deployment::table)
        .values((
            deployment::name.eq("purpose"),
            deployment::value.eq(purpose.as_str()),
        ))
        .execute(c)?;
    Ok(())
}

/// What `onestop init` loaded.
#[derive(Debug, PartialEq, Eq)]
pub struct Initialised {
    pub units: usize,
    pub tasks: usize,
}

/// Prepare a real deployment: the plan's units, the colleges when given
/// (the same JSON shape as `crates/api/seed/colleges.json`), the default
/// deadline rules and the plan's tasks. Safe to run again.
pub fn init(
    db: &Db,
    clock: &dyn Clock,
    plan_json: &str,
    colleges_json: Option<&str>,
) -> Result<Initialised, SetupError> {
    db.write_now(|c| claim(c, Purpose::Production))?;
    let units = seed::units_from(db, clock, plan_json, colleges_json)?;
    seed::sla_defaults(db, clock)?;
    let now = clock.now();
    let tasks = db.write_now(|c| seed::plan::load(c, plan_json, now))?;
    Ok(Initialised { units, tasks })
}

/// Create an administrator. The password comes from the console, never the
/// command line (where other users of the machine and the shell history see it).
pub fn create_admin(
    db: &Db,
    clock: &dyn Clock,
    username: &str,
    display_name: &str,
    given: &str,
) -> Result<(), SetupError> {
    let username =
        Username::parse("username", username).map_err(|e| SetupError::Invalid(e.message))?;
    let name = DisplayName::parse("display_name", display_name)
        .map_err(|e| SetupError::Invalid(e.message))?;
    let new = NewPassword::parse("password", given, Some(username.as_str()))
        .map_err(|e| SetupError::Invalid(e.message))?;
    let hash = password::hash(new.expose()).map_err(|e| SetupError::Invalid(e.to_string()))?;
    let now = clock.now();
    db.write_now(|c| -> Result<(), SetupError> {
        if users::find_by_username(c, username.as_str())?.is_some() {
            return Err(SetupError::Exists(username.as_str().to_owned()));
        }
        users::insert(
            c,
            users::NewAccount {
                username: username.as_str(),
                display_name: name.as_str(),
                password_hash: &hash,
                unit_id: None,
                roles: &Roles::one(Role::Admin),
                student_no: None,
                gender: None,
            },
            now,
        )?;
        Ok(())
    })
}

/// Set an account's password from the console (a locked-out administrator);
/// every session of the account ends.
pub fn set_password(
    db: &Db,
    clock: &dyn Clock,
    username: &str,
    given: &str,
) -> Result<(), SetupError> {
    let name = Username::normalize_login(username);
    let new = NewPassword::parse("password", given, Some(&name))
        .map_err(|e| SetupError::Invalid(e.message))?;
    let hash = password::hash(new.expose()).map_err(|e| SetupError::Invalid(e.to_string()))?;
    let now = clock.now();
    db.write_now(|c| -> Result<(), SetupError> {
        let account =
            users::find_by_username(c, &name)?.ok_or_else(|| SetupError::Unknown(name.clone()))?;
        users::set_password(c, account.row.id, &hash, now)?;
        Ok(())
    })
}
