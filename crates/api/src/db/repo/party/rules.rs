use crate::db::rows::{to_db, RuleRow};
use crate::db::schema::party_rules as r;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::party::PointCategory;
use onestop_domain::{PointRuleId, UserId};

pub fn insert(c: &mut DbConn, row: &RuleRow) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: PointRuleId) -> QueryResult<Option<RuleRow>> {
    r::table
        .find(id)
        .select(RuleRow::as_select())
        .first(c)
        .optional()
}

pub fn by_ids(c: &mut DbConn, ids: &[PointRuleId]) -> QueryResult<Vec<RuleRow>> {
    r::table
        .filter(r::id.eq_any(ids))
        .select(RuleRow::as_select())
        .load(c)
}

/// The table, by category and code.
pub fn list(c: &mut DbConn) -> QueryResult<Vec<RuleRow>> {
    r::table
        .select(RuleRow::as_select())
        .order((r::category, r::code))
        .load(c)
}

/// The active rule attendance is credited under, if any (the first by code).
pub fn second_classroom(c: &mut DbConn) -> QueryResult<Option<RuleRow>> {
    r::table
        .filter(r::category.eq(PointCategory::SecondClassroom))
        .filter(r::active.eq(true))
        .select(RuleRow::as_select())
        .order(r::code)
        .first(c)
        .optional()
}

#[allow(clippy::too_many_arguments)]
pub fn update(
    c: &mut DbConn,
    id: PointRuleId,
    version: i32,
    name_zh: &str,
    name_en: &str,
    points: i32,
    active: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(r::table.filter(r::id.eq(id)).filter(r::version.eq(version)))
        .set((
            r::name_zh.eq(name_zh),
            r::name_en.eq(name_en),
            r::points.eq(points),
            r::active.eq(active),
            r::version.eq(version + 1),
            r::updated_by.eq(Some(by)),
            r::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}
