use crate::db::rows::{to_db, UnitRow};
use crate::db::schema::units;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::unit::{UnitKind, UnitView};
use onestop_domain::{UnitId, UserId};

pub fn view(row: &UnitRow) -> UnitView {
    UnitView {
        id: row.id,
        code: row.code.clone(),
        name_zh: row.name_zh.clone(),
        name_en: row.name_en.clone(),
        kind: row.kind,
    }
}

pub fn list(conn: &mut DbConn) -> QueryResult<Vec<UnitRow>> {
    units::table
        .order((units::kind.desc(), units::code))
        .select(UnitRow::as_select())
        .load(conn)
}

pub fn by_ids(conn: &mut DbConn, ids: &[UnitId]) -> QueryResult<Vec<UnitRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    units::table
        .filter(units::id.eq_any(ids))
        .select(UnitRow::as_select())
        .load(conn)
}

/// Find a unit by its code (`logistics`) or its id.
pub fn find_by_ref(conn: &mut DbConn, reference: &str) -> QueryResult<Option<UnitRow>> {
    units::table
        .filter(units::code.eq(reference).or(units::id.eq(reference)))
        .select(UnitRow::as_select())
        .first(conn)
        .optional()
}

/// Insert the unit, or bring its names up to date when the code exists: seeding runs again safely.
pub fn upsert(
    conn: &mut DbConn,
    code: &str,
    name_zh: &str,
    name_en: &str,
    kind: UnitKind,
    now: DateTime<Utc>,
) -> QueryResult<UnitRow> {
    if let Some(existing) = find_by_ref(conn, code)? {
        diesel::update(units::table.find(&existing.id))
            .set((units::name_zh.eq(name_zh), units::name_en.eq(name_en)))
            .execute(conn)?;
        return units::table
            .find(&existing.id)
            .select(UnitRow::as_select())
            .first(conn);
    }
    let row = UnitRow {
        id: UnitId::new(),
        code: code.to_owned(),
        name_zh: name_zh.to_owned(),
        name_en: name_en.to_owned(),
        kind,
        created_at: to_db(now),
    };
    diesel::insert_into(units::table)
        .values(&row)
        .execute(conn)?;
    Ok(row)
}

/// Active people of the unit who hold any of `roles`, by name, each once.
pub fn people_with(
    conn: &mut DbConn,
    unit_id: UnitId,
    roles: &[onestop_domain::Role],
) -> QueryResult<Vec<PersonRef>> {
    use crate::db::schema::{user_roles, users};
    users::table
        .inner_join(user_roles::table)
        .filter(users::unit_id.eq(unit_id))
        .filter(users::active.eq(true))
        .filter(user_roles::role.eq_any(roles))
        .select((users::id, users::display_name))
        .distinct()
        .order((users::display_name, users::id))
        .load::<(UserId, String)>(conn)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, display_name)| PersonRef { id, display_name })
                .collect()
        })
}
