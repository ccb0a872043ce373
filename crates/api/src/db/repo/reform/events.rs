//! The plan's event log: every edit, report, review and reminder, once.

use super::super::units;
use crate::db::repo::users::names;
use crate::db::rows::{from_db, to_db, ReformEventRow, UnitRow};
use crate::db::schema::{plan_tasks, reform_events as ev, task_assignments as ta};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use onestop_domain::reform::wire::{ReformEventKind, ReformEventView};
use onestop_domain::{AssignmentId, MilestoneId, PlanId, ReformEventId, ReportId, UnitId, UserId};
use std::collections::HashMap;

/// What an event is about; the plan and unit come from the assignment.
pub struct NewEvent {
    pub assignment_id: AssignmentId,
    pub kind: ReformEventKind,
    pub actor: Option<UserId>,
    pub period: Option<String>,
    pub milestone_id: Option<MilestoneId>,
    pub report_id: Option<ReportId>,
    pub note: Option<String>,
    /// Set for reminders, which must happen once.
    pub once_key: Option<String>,
}

impl NewEvent {
    pub fn new(assignment_id: AssignmentId, kind: ReformEventKind, actor: Option<UserId>) -> Self {
        NewEvent {
            assignment_id,
            kind,
            actor,
            period: None,
            milestone_id: None,
            report_id: None,
            note: None,
            once_key: None,
        }
    }
}

/// Record an event. One with a once-key that is already recorded is skipped
/// (false): a reminder is written once, however often its cause comes back.
pub fn add(c: &mut DbConn, e: NewEvent, now: DateTime<Utc>) -> QueryResult<bool> {
    let (plan_id, unit_id): (PlanId, UnitId) = ta::table
        .find(e.assignment_id)
        .select((ta::plan_id, ta::unit_id))
        .first(c)?;
    let row = ReformEventRow {
        id: ReformEventId::new(),
        plan_id,
        assignment_id: e.assignment_id,
        unit_id,
        actor_id: e.actor,
        kind: e.kind,
        period: e.period,
        milestone_id: e.milestone_id,
        report_id: e.report_id,
        note: e.note,
        once_key: e.once_key,
        at: to_db(now),
    };
    let insert = diesel::insert_into(ev::table).values(&row);
    let n = match (&row.once_key, c) {
        (None, c) => insert.execute(c)?,
        (Some(_), DbConn::Pg(pg)) => insert.on_conflict_do_nothing().execute(pg)?,
        (Some(_), DbConn::Sqlite(lite)) => insert.on_conflict_do_nothing().execute(lite)?,
    };
    Ok(n == 1)
}

pub fn once_keys(c: &mut DbConn, keys: &[String]) -> QueryResult<Vec<String>> {
    ev::table
        .filter(ev::once_key.eq_any(keys))
        .select(ev::once_key.assume_not_null())
        .load(c)
}

#[derive(Default)]
pub struct Filter {
    pub plan_id: Option<PlanId>,
    pub assignment_id: Option<AssignmentId>,
    pub unit_id: Option<UnitId>,
    pub since: Option<NaiveDateTime>,
    /// Only these kinds (empty: all).
    pub kinds: Vec<ReformEventKind>,
}

fn filtered(f: &Filter) -> ev::BoxedQuery<'static, crate::db::MultiBackend> {
    let mut q = ev::table.into_boxed();
    if let Some(p) = f.plan_id {
        q = q.filter(ev::plan_id.eq(p));
    }
    if let Some(a) = f.assignment_id {
        q = q.filter(ev::assignment_id.eq(a));
    }
    if let Some(u) = f.unit_id {
        q = q.filter(ev::unit_id.eq(u));
    }
    if let Some(s) = f.since {
        q = q.filter(ev::at.ge(s));
    }
    if !f.kinds.is_empty() {
        q = q.filter(ev::kind.eq_any(f.kinds.clone()));
    }
    q
}

pub fn count(c: &mut DbConn, f: &Filter) -> QueryResult<i64> {
    filtered(f).count().get_result(c)
}

/// Newest first.
pub fn list(c: &mut DbConn, f: &Filter, limit: i64) -> QueryResult<Vec<ReformEventView>> {
    let found = rows(c, f, limit)?;
    views(c, found)
}

/// Newest first, as stored: for callers that narrow them before [`views`].
pub fn rows(c: &mut DbConn, f: &Filter, limit: i64) -> QueryResult<Vec<ReformEventRow>> {
    filtered(f)
        .order((ev::at.desc(), ev::id.desc()))
        .limit(limit)
        .select(ReformEventRow::as_select())
        .load(c)
}

/// Events with their actor's name, unit and task number: three queries whatever their number.
pub fn views(c: &mut DbConn, rows: Vec<ReformEventRow>) -> QueryResult<Vec<ReformEventView>> {
    let names = names(c, rows.iter().filter_map(|r| r.actor_id))?;
    let unit_ids: Vec<UnitId> = rows.iter().map(|r| r.unit_id).collect();
    let unit_rows: HashMap<UnitId, UnitRow> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let task_nos: HashMap<AssignmentId, i32> = ta::table
        .inner_join(plan_tasks::table.on(plan_tasks::id.eq(ta::task_id)))
        .filter(ta::id.eq_any(rows.iter().map(|r| r.assignment_id).collect::<Vec<_>>()))
        .select((ta::id, plan_tasks::no))
        .load(c)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(ReformEventView {
                id: r.id.0,
                at: from_db(r.at),
                kind: r.kind,
                task_no: task_nos.get(&r.assignment_id).copied().unwrap_or_default(),
                unit: units::view(unit_rows.get(&r.unit_id)?),
                actor: r.actor_id.map(|a| names.person(a)),
                assignment_id: r.assignment_id.0,
                period: r.period,
                milestone_id: r.milestone_id.map(|m| m.0),
                report_id: r.report_id.map(|id| id.0),
                note: r.note,
            })
        })
        .collect())
}
