use crate::db::rows::{to_db, SlaRow};
use crate::db::schema::sla_rules as s;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::service::sla::{default_rule, SlaRule};
use onestop_domain::service::{Kind, Priority};

/// The rule in force: the stored one, or the built-in default.
pub fn rule(conn: &mut DbConn, kind: Kind, priority: Priority) -> QueryResult<SlaRule> {
    let row: Option<SlaRow> = s::table
        .find((kind, priority))
        .select(SlaRow::as_select())
        .first(conn)
        .optional()?;
    Ok(match row {
        Some(r) => SlaRule {
            kind,
            priority,
            first_response_minutes: r.first_response_minutes,
            resolution_minutes: r.resolution_minutes,
        },
        None => default_rule(kind, priority),
    })
}

/// Rules stored in the table (not the built-in fallbacks).
pub fn stored(conn: &mut DbConn) -> QueryResult<Vec<SlaRow>> {
    s::table.select(SlaRow::as_select()).load(conn)
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<SlaRule>> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        for priority in Priority::ALL {
            out.push(rule(conn, kind, priority)?);
        }
    }
    Ok(out)
}

pub fn set(conn: &mut DbConn, rule: &SlaRule, now: DateTime<Utc>) -> QueryResult<()> {
    let n = diesel::update(s::table.find((rule.kind, rule.priority)))
        .set((
            s::first_response_minutes.eq(rule.first_response_minutes),
            s::resolution_minutes.eq(rule.resolution_minutes),
            s::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    if n == 0 {
        let row = SlaRow {
            kind: rule.kind,
            priority: rule.priority,
            first_response_minutes: rule.first_response_minutes,
            resolution_minutes: rule.resolution_minutes,
            updated_at: to_db(now),
        };
        diesel::insert_into(s::table).values(&row).execute(conn)?;
    }
    Ok(())
}
