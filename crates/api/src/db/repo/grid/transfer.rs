//! The lookups of CSV imports and exports: students by number, colleges by
//! code, id or Chinese name, and the names a residents' export shows.

use crate::db::repo::units;
use crate::db::schema::{grid_nodes, units as units_t, users as users_t};
use crate::db::DbConn;
use diesel::prelude::*;
use onestop_domain::grid::Gender;
use onestop_domain::unit::UnitKind;
use onestop_domain::{NodeId, UnitId, UserId};
use std::collections::HashMap;

/// A college by code, id or name as a spreadsheet writes it (经济学院).
pub fn college_by_ref_or_name(c: &mut DbConn, reference: &str) -> QueryResult<Option<UnitId>> {
    if let Some(u) = units::find_by_ref(c, reference)? {
        return Ok((u.kind == UnitKind::College).then_some(u.id));
    }
    units_t::table
        .filter(units_t::name_zh.eq(reference))
        .filter(units_t::kind.eq(UnitKind::College))
        .select(units_t::id)
        .first(c)
        .optional()
}

pub fn student_by_no(c: &mut DbConn, student_no: &str) -> QueryResult<Option<UserId>> {
    users_t::table
        .filter(users_t::student_no.eq(student_no))
        .select(users_t::id)
        .first::<UserId>(c)
        .optional()
}

/// Set a student's name, college and gender; false when they were so already.
pub fn update_student(
    c: &mut DbConn,
    id: UserId,
    name: &str,
    college_id: UnitId,
    gender: Gender,
) -> QueryResult<bool> {
    let now: (String, Option<UnitId>, Option<Gender>) = users_t::table
        .find(id)
        .select((users_t::display_name, users_t::unit_id, users_t::gender))
        .first(c)?;
    if now == (name.to_owned(), Some(college_id), Some(gender)) {
        return Ok(false);
    }
    diesel::update(users_t::table.find(id))
        .set((
            users_t::display_name.eq(name),
            users_t::unit_id.eq(Some(college_id)),
            users_t::gender.eq(Some(gender)),
        ))
        .execute(c)?;
    Ok(true)
}

/// What a residents' export shows of a student.
#[derive(Debug, Queryable)]
pub struct StudentCells {
    pub id: UserId,
    pub display_name: String,
    pub student_no: Option<String>,
    pub gender: Option<Gender>,
    pub unit_id: Option<UnitId>,
}

pub fn students_by_id(
    c: &mut DbConn,
    ids: impl Iterator<Item = UserId>,
) -> QueryResult<HashMap<UserId, StudentCells>> {
    let ids: Vec<UserId> = ids.collect();
    Ok(users_t::table
        .filter(users_t::id.eq_any(ids))
        .select((
            users_t::id,
            users_t::display_name,
            users_t::student_no,
            users_t::gender,
            users_t::unit_id,
        ))
        .load::<StudentCells>(c)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect())
}

/// Every unit's Chinese name by id.
pub fn unit_names(c: &mut DbConn) -> QueryResult<HashMap<UnitId, String>> {
    Ok(units_t::table
        .select((units_t::id, units_t::name_zh))
        .load::<(UnitId, String)>(c)?
        .into_iter()
        .collect())
}

/// Name and code of each node by id.
pub fn node_names(
    c: &mut DbConn,
    ids: impl Iterator<Item = NodeId>,
) -> QueryResult<HashMap<NodeId, (String, Option<String>)>> {
    let ids: Vec<NodeId> = ids.collect();
    Ok(grid_nodes::table
        .filter(grid_nodes::id.eq_any(ids))
        .select((grid_nodes::id, grid_nodes::name, grid_nodes::code))
        .load::<(NodeId, String, Option<String>)>(c)?
        .into_iter()
        .map(|(id, name, code)| (id, (name, code)))
        .collect())
}
