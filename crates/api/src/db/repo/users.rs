use super::units;
use crate::db::rows::{from_db, to_db, UserRoleRow, UserRow};
use crate::db::schema::{user_roles, users};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::grid::Gender;
use onestop_domain::user::{UserChanges, UserView};
use onestop_domain::{Role, Roles, UnitId, UserId};
use std::collections::HashMap;

/// A stored account with its roles, as the auth layer needs it.
#[derive(Debug, Clone)]
pub struct Account {
    pub row: UserRow,
    pub roles: Roles,
}

impl Account {
    pub fn id(&self) -> UserId {
        self.row.id
    }

    pub fn unit_id(&self) -> Option<UnitId> {
        self.row.unit_id
    }
}

/// Display names of people, fetched once for a page of rows.
#[derive(Debug, Default)]
pub struct Names(HashMap<UserId, String>);

impl Names {
    /// The person as the wire shows them (an unknown id keeps an empty name).
    pub fn person(&self, id: UserId) -> PersonRef {
        PersonRef {
            id,
            display_name: self.0.get(&id).cloned().unwrap_or_default(),
        }
    }
}

/// One query for the names of any number of people.
pub fn names(conn: &mut DbConn, ids: impl IntoIterator<Item = UserId>) -> QueryResult<Names> {
    let mut ids: Vec<UserId> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Names::default());
    }
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)
        .map(|rows| Names(rows.into_iter().collect()))
}

pub struct NewAccount<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub unit_id: Option<UnitId>,
    pub roles: &'a Roles,
    pub student_no: Option<&'a str>,
    pub gender: Option<Gender>,
}

pub fn insert(conn: &mut DbConn, new: NewAccount<'_>, now: DateTime<Utc>) -> QueryResult<UserId> {
    let id = UserId::new();
    let row = UserRow {
        id,
        username: new.username.to_owned(),
        display_name: new.display_name.to_owned(),
        password_hash: new.password_hash.to_owned(),
        unit_id: new.unit_id,
        active: true,
        tokens_valid_after: to_db(now),
        created_at: to_db(now),
        updated_at: to_db(now),
        student_no: new.student_no.map(str::to_owned),
        gender: new.gender,
    };
    diesel::insert_into(users::table)
        .values(&row)
        .execute(conn)?;
    set_roles(conn, id, new.roles)?;
    Ok(id)
}

fn set_roles(conn: &mut DbConn, user_id: UserId, roles: &Roles) -> QueryResult<()> {
    diesel::delete(user_roles::table.filter(user_roles::user_id.eq(user_id))).execute(conn)?;
    // One row at a time: MultiConnection has no batch insert, and a person holds few roles.
    for r in roles.iter() {
        let row = UserRoleRow { user_id, role: r };
        diesel::insert_into(user_roles::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(())
}

pub fn find_by_username(conn: &mut DbConn, username: &str) -> QueryResult<Option<Account>> {
    let row = users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?;
    with_roles(conn, row)
}

pub fn find(conn: &mut DbConn, id: UserId) -> QueryResult<Option<Account>> {
    let row = users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?;
    with_roles(conn, row)
}

fn with_roles(conn: &mut DbConn, row: Option<UserRow>) -> QueryResult<Option<Account>> {
    let Some(row) = row else { return Ok(None) };
    let mut roles = roles_of(conn, std::slice::from_ref(&row.id))?;
    let roles = roles.remove(&row.id).unwrap_or_default();
    // An account without roles cannot be created; treat a damaged one as absent.
    Ok(Roles::new(roles).ok().map(|roles| Account { row, roles }))
}

fn roles_of(conn: &mut DbConn, ids: &[UserId]) -> QueryResult<HashMap<UserId, Vec<Role>>> {
    let rows: Vec<UserRoleRow> = user_roles::table
        .filter(user_roles::user_id.eq_any(ids))
        .select(UserRoleRow::as_select())
        .load(conn)?;
    let mut map: HashMap<UserId, Vec<Role>> = HashMap::new();
    for r in rows {
        map.entry(r.user_id).or_default().push(r.role);
    }
    Ok(map)
}

/// Turn rows into views with two more queries (roles, units), whatever the number of rows.
pub fn views(conn: &mut DbConn, rows: Vec<UserRow>) -> QueryResult<Vec<UserView>> {
    let ids: Vec<UserId> = rows.iter().map(|r| r.id).collect();
    let mut roles = roles_of(conn, &ids)?;
    let unit_ids: Vec<UnitId> = rows.iter().filter_map(|r| r.unit_id).collect();
    let units: HashMap<UnitId, _> = units::by_ids(conn, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, units::view(&u)))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let roles = Roles::new(roles.remove(&row.id).unwrap_or_default()).ok()?;
            Some(UserView {
                id: row.id,
                unit: row.unit_id.as_ref().and_then(|u| units.get(u).cloned()),
                username: row.username,
                display_name: row.display_name,
                roles,
                student_no: row.student_no,
                gender: row.gender,
                active: row.active,
                created_at: from_db(row.created_at),
            })
        })
        .collect())
}

pub fn view(conn: &mut DbConn, id: UserId) -> QueryResult<Option<UserView>> {
    let rows = users::table
        .find(id)
        .select(UserRow::as_select())
        .load(conn)?;
    Ok(views(conn, rows)?.pop())
}

#[derive(Debug, Default)]
pub struct UserFilter {
    /// Matches username or display name, anywhere in it.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub unit_id: Option<UnitId>,
    /// Keyset: only ids after this one.
    pub after: Option<String>,
}

/// One page in id order (creation order), plus whether more follow.
pub fn list(conn: &mut DbConn, f: &UserFilter, limit: u32) -> QueryResult<(Vec<UserView>, bool)> {
    let mut q = users::table.select(UserRow::as_select()).into_boxed();
    if let Some(text) = f.q.as_deref().filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", escape_like(text));
        q = q.filter(
            users::username
                .like(pattern.clone())
                .escape('\\')
                .or(users::display_name.like(pattern).escape('\\')),
        );
    }
    if let Some(role) = f.role {
        q = q.filter(
            users::id.eq_any(
                user_roles::table
                    .filter(user_roles::role.eq(role))
                    .select(user_roles::user_id),
            ),
        );
    }
    if let Some(unit) = f.unit_id {
        q = q.filter(users::unit_id.eq(unit));
    }
    if let Some(after) = &f.after {
        q = q.filter(users::id.gt(after));
    }
    let mut rows = q.order(users::id).limit(i64::from(limit) + 1).load(conn)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((views(conn, rows)?, more))
}

pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Apply an admin's changes. Deactivation also invalidates issued access tokens.
pub fn update(
    conn: &mut DbConn,
    id: UserId,
    changes: &UserChanges,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(users::table.find(id))
        .set(users::updated_at.eq(to_db(now)))
        .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    if let Some(name) = &changes.display_name {
        diesel::update(users::table.find(id))
            .set(users::display_name.eq(name.as_str()))
            .execute(conn)?;
    }
    if let Some(active) = changes.active {
        diesel::update(users::table.find(id))
            .set(users::active.eq(active))
            .execute(conn)?;
        if !active {
            invalidate_tokens(conn, id, now)?;
        }
    }
    if let Some(roles) = &changes.roles {
        set_roles(conn, id, roles)?;
        // Access tokens do not carry roles, but a demoted admin's open sessions should end.
        invalidate_tokens(conn, id, now)?;
    }
    Ok(true)
}

/// Hold a person's row until the transaction ends (what they may still do is counted on it).
pub fn lock(conn: &mut DbConn, id: UserId) -> QueryResult<()> {
    crate::lock_rows!(conn, users::table.filter(users::id.eq(id)), users::id)
}

pub fn set_password(
    conn: &mut DbConn,
    id: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    if n > 0 {
        invalidate_tokens(conn, id, now)?;
    }
    Ok(n > 0)
}

/// Access tokens issued before `now` stop working, and every refresh token is revoked.
fn invalidate_tokens(conn: &mut DbConn, user_id: UserId, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::tokens_valid_after.eq(to_db(now)))
        .execute(conn)?;
    super::sessions::revoke_all_for_user(conn, user_id, now)?;
    Ok(())
}
