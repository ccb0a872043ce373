//! The points table (积分细则), kept by 党群工作部. Editing a rule changes
//! what new entries under it give; entries already made keep their points.

use super::views::rule_view;
use super::{forbidden, stale, Position};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::is_unique_violation;
use crate::db::repo::party::rules as repo;
use crate::db::rows::{to_db, RuleRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::party::wire::{CreatePointRuleRequest, PointRuleView, UpdatePointRuleRequest};
use onestop_domain::problem::ProblemCode;
use onestop_domain::PointRuleId;

pub fn list(c: &mut DbConn) -> AppResult<Vec<PointRuleView>> {
    Ok(repo::list(c)?.into_iter().map(rule_view).collect())
}

fn require_keeper(c: &mut DbConn, caller: &Caller) -> AppResult<()> {
    if Position::of(c, caller)?.rules {
        Ok(())
    } else {
        Err(forbidden("the points table is kept by 党群工作部"))
    }
}

pub fn create(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreatePointRuleRequest,
    now: DateTime<Utc>,
) -> AppResult<PointRuleView> {
    req.check()?;
    require_keeper(c, caller)?;
    let row = RuleRow {
        id: PointRuleId::new(),
        code: req.code.clone(),
        category: req.category,
        name_zh: req.name_zh.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        points: req.points,
        active: true,
        version: 1,
        updated_by: Some(caller.id),
        updated_at: to_db(now),
    };
    match repo::insert(c, &row) {
        Ok(()) => Ok(rule_view(row)),
        Err(e) if is_unique_violation(&e) => Err(AppError::Conflict {
            code: ProblemCode::RuleExists,
            detail: format!("a rule with the code {} exists", req.code),
        }),
        Err(e) => Err(e.into()),
    }
}

pub fn update(
    c: &mut DbConn,
    caller: &Caller,
    id: PointRuleId,
    req: &UpdatePointRuleRequest,
    now: DateTime<Utc>,
) -> AppResult<PointRuleView> {
    req.check()?;
    require_keeper(c, caller)?;
    repo::find(c, id)?.ok_or_else(|| AppError::not_found("this rule"))?;
    let changed = repo::update(
        c,
        id,
        req.version,
        req.name_zh.trim(),
        req.name_en.trim(),
        req.points,
        req.active,
        caller.id,
        now,
    )?;
    if changed == 0 {
        return Err(stale("the rule"));
    }
    let row = repo::find(c, id)?.ok_or_else(|| AppError::not_found("this rule"))?;
    Ok(rule_view(row))
}
