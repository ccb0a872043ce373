use crate::db::rows::{from_json, VisitRuleRow};
use crate::db::schema::visit_rules as vr;
use crate::db::DbConn;
use diesel::prelude::*;
use onestop_domain::community::visits::{Rule, VisitKind};

pub fn insert(c: &mut DbConn, row: &VisitRuleRow) -> QueryResult<()> {
    diesel::insert_into(vr::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

/// Every version, by duty and date.
pub fn all(c: &mut DbConn) -> QueryResult<Vec<VisitRuleRow>> {
    vr::table
        .order((vr::duty, vr::effective_from))
        .select(VisitRuleRow::as_select())
        .load(c)
}

pub fn exists(c: &mut DbConn) -> QueryResult<bool> {
    vr::table
        .select(vr::id)
        .first::<String>(c)
        .optional()
        .map(|r| r.is_some())
}

pub fn rule(row: &VisitRuleRow) -> QueryResult<Rule> {
    Ok(Rule {
        duty: row.duty,
        per: row.per,
        minimum: row.minimum,
        counts: from_json::<Vec<VisitKind>>(&row.counts)?,
        effective_from: row.effective_from,
    })
}
