//! The visit rules: versions from a date, never edited.

use super::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::users;
use crate::db::repo::visits::rules;
use crate::db::rows::{from_db, to_db, VisitRuleRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::visits::{check_rule, in_force, Rule};
use onestop_domain::community::wire::{CreateVisitRuleRequest, VisitRuleView};
use onestop_domain::grid::local_date;
use onestop_domain::problem::ProblemCode;
use onestop_domain::VisitPolicyId;

pub fn list(c: &mut DbConn, now: DateTime<Utc>) -> AppResult<Vec<VisitRuleView>> {
    let rows = rules::all(c)?;
    let all: Vec<Rule> = rows.iter().map(rules::rule).collect::<Result<_, _>>()?;
    let names = users::names(c, rows.iter().filter_map(|r| r.created_by))?;
    let today = local_date(now);
    Ok(rows
        .iter()
        .zip(&all)
        .map(|(row, rule)| VisitRuleView {
            id: row.id,
            duty: row.duty,
            per: row.per,
            minimum: row.minimum,
            counts: rule.counts.clone(),
            effective_from: row.effective_from,
            in_force: in_force(&all, row.duty, today).is_some_and(|r| r == rule),
            created_by: row.created_by.map(|u| names.person(u)),
            created_at: from_db(row.created_at),
        })
        .collect())
}

/// Add a version of a rule (the seed passes no caller).
pub fn create(
    c: &mut DbConn,
    by: Option<&Caller>,
    req: &CreateVisitRuleRequest,
    now: DateTime<Utc>,
) -> AppResult<VisitPolicyId> {
    if let Some(caller) = by {
        caller.require_manager()?;
        check_rule(
            req.minimum,
            &req.counts,
            req.effective_from.get(),
            local_date(now),
        )?;
    }
    let row = VisitRuleRow {
        id: VisitPolicyId::new(),
        duty: req.duty,
        per: req.per,
        minimum: req.minimum,
        counts: serde_json::to_string(&req.counts).map_err(AppError::internal)?,
        effective_from: req.effective_from.get(),
        created_by: by.map(|c| c.id),
        created_at: to_db(now),
    };
    // The key (duty, day) decides, so two managers adding one at once get one 201 and one 409.
    match rules::insert(c, &row) {
        Ok(()) => Ok(row.id),
        Err(e) if crate::db::repo::is_unique_violation(&e) => Err(AppError::Conflict {
            code: ProblemCode::RuleExists,
            detail: format!(
                "a rule for this duty already takes effect on {}; choose another day",
                req.effective_from.get()
            ),
        }),
        Err(e) => Err(e.into()),
    }
}
