//! Assignments with what is known about them — latest report, overdue
//! milestones, recorded silence — for one assignment, some tasks or a whole
//! plan, in the same handful of queries whatever the count.

use super::super::units;
use super::super::users::{names, Names};
use crate::db::rows::{AssignmentRow, PartRow, TaskRow, UnitRow};
use crate::db::schema::{
    assignment_milestones as ms, plan_tasks, progress_reports as pr, reform_events as ev,
    task_assignments as ta, task_parts,
};
use crate::db::DbConn;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use onestop_domain::reform::board::AssignmentFacts;
use onestop_domain::reform::period::Period;
use onestop_domain::reform::progress::{ReportStatus, ReviewState};
use onestop_domain::reform::wire::{AssignedUnit, AssignmentView, ReformEventKind};
use onestop_domain::reform::UnitRole;
use onestop_domain::{AssignmentId, PartId, PlanId, TaskId, UnitId, UserId};
use std::collections::HashMap;

pub enum Scope<'a> {
    Plan(PlanId),
    Tasks(&'a [TaskId]),
    One(AssignmentId),
}

/// Assignments and their facts as of `today`.
pub struct Loaded {
    pub rows: Vec<AssignmentRow>,
    pub facts: HashMap<AssignmentId, AssignmentFacts>,
    last_period: HashMap<AssignmentId, String>,
    pub tasks: HashMap<TaskId, TaskRow>,
    pub parts: HashMap<PartId, PartRow>,
    pub units: HashMap<UnitId, UnitRow>,
    people: Names,
}

pub fn load(c: &mut DbConn, scope: Scope<'_>, today: NaiveDate) -> QueryResult<Loaded> {
    let mut q = ta::table.select(AssignmentRow::as_select()).into_boxed();
    q = match scope {
        Scope::Plan(p) => q.filter(ta::plan_id.eq(p)),
        Scope::Tasks(ids) => q.filter(ta::task_id.eq_any(ids.to_vec())),
        Scope::One(id) => q.filter(ta::id.eq(id)),
    };
    let mut rows: Vec<AssignmentRow> = q.load(c)?;
    let ids: Vec<AssignmentId> = rows.iter().map(|a| a.id).collect();
    let task_ids: Vec<TaskId> = rows.iter().map(|a| a.task_id).collect();

    let tasks: HashMap<TaskId, TaskRow> = plan_tasks::table
        .filter(plan_tasks::id.eq_any(&task_ids))
        .select(TaskRow::as_select())
        .load(c)?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let parts: HashMap<PartId, PartRow> = task_parts::table
        .filter(task_parts::task_id.eq_any(&task_ids))
        .select(PartRow::as_select())
        .load(c)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let unit_ids: Vec<UnitId> = rows.iter().map(|a| a.unit_id).collect();
    let units: HashMap<UnitId, UnitRow> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let people = names(c, rows.iter().filter_map(|a| a.responsible_id))?;

    // Oldest period first, so the last one seen per assignment is the latest
    // (a late report for an earlier month does not hide this month's).
    type Brief = (
        AssignmentId,
        String,
        ReportStatus,
        i32,
        ReviewState,
        NaiveDateTime,
    );
    let reports: Vec<Brief> = pr::table
        .filter(pr::assignment_id.eq_any(&ids))
        .order((pr::period, pr::filed_at, pr::id))
        .select((
            pr::assignment_id,
            pr::period,
            pr::status,
            pr::percent,
            pr::review_state,
            pr::filed_at,
        ))
        .load(c)?;
    let overdue: Vec<AssignmentId> = ms::table
        .filter(ms::assignment_id.eq_any(&ids))
        .filter(ms::done_on.is_null())
        .filter(ms::due_on.lt(today))
        .select(ms::assignment_id)
        .load(c)?;
    let closed = Period::last_closed(today).to_string();
    let current = Period::of(today).to_string();
    let recorded_silent: Vec<AssignmentId> = ev::table
        .filter(ev::assignment_id.eq_any(&ids))
        .filter(ev::kind.eq(ReformEventKind::Silent))
        .filter(ev::period.eq(&closed))
        .select(ev::assignment_id)
        .load(c)?;

    let mut facts: HashMap<AssignmentId, AssignmentFacts> = rows
        .iter()
        .map(|a| {
            (
                a.id,
                AssignmentFacts {
                    latest: None,
                    due_on: a.due_on,
                    overdue_milestones: 0,
                    silent: false,
                    reported_this_period: false,
                },
            )
        })
        .collect();
    let mut last_period = HashMap::new();
    let mut reported_closed = std::collections::HashSet::new();
    for (a, period, status, percent, review, _) in &reports {
        let Some(f) = facts.get_mut(a) else { continue };
        f.latest = Some((*status, *percent, *review));
        f.reported_this_period |= *period == current;
        if *period == closed {
            reported_closed.insert(*a);
        }
        last_period.insert(*a, period.clone());
    }
    for a in overdue {
        if let Some(f) = facts.get_mut(&a) {
            f.overdue_milestones += 1;
        }
    }
    for a in recorded_silent {
        if let Some(f) = facts.get_mut(&a) {
            f.silent = !reported_closed.contains(&a);
        }
    }

    let order = |a: &AssignmentRow| {
        (
            tasks.get(&a.task_id).map_or(0, |t| t.no),
            parts.get(&a.part_id).map_or(0, |p| p.position),
            a.role != UnitRole::Lead,
            units.get(&a.unit_id).map(|u| u.code.clone()),
        )
    };
    rows.sort_by_key(order);
    Ok(Loaded {
        rows,
        facts,
        last_period,
        tasks,
        parts,
        units,
        people,
    })
}

impl Loaded {
    pub fn view(&self, a: &AssignmentRow, today: NaiveDate) -> Option<AssignmentView> {
        let task = self.tasks.get(&a.task_id)?;
        let part = self.parts.get(&a.part_id)?;
        let f = self.facts.get(&a.id)?;
        Some(AssignmentView {
            id: a.id.0,
            plan_id: a.plan_id.0,
            task_id: a.task_id.0,
            task_no: task.no,
            task_title_zh: task.title_zh.clone(),
            task_title_en: task.title_en.clone(),
            part_id: a.part_id.0,
            part_position: part.position,
            part_summary_zh: part.summary_zh.clone(),
            unit: units::view(self.units.get(&a.unit_id)?),
            role: a.role,
            responsible: a.responsible_id.map(|r| self.people.person(r)),
            due_on: a.due_on,
            version: a.version,
            status: f.latest.map(|(s, _, _)| s),
            percent: f.percent(),
            review_state: f.latest.map(|(_, _, r)| r),
            last_period: self.last_period.get(&a.id).cloned(),
            overdue_milestones: f.overdue_milestones,
            silent: f.silent,
            reported_this_period: f.reported_this_period,
            late: f.late(today),
        })
    }

    pub fn views(&self, today: NaiveDate) -> Vec<AssignmentView> {
        self.rows
            .iter()
            .filter_map(|a| self.view(a, today))
            .collect()
    }

    /// Facts of the assignments matching `keep`, for a tally.
    pub fn facts_where<'a>(
        &'a self,
        keep: impl Fn(&AssignmentRow) -> bool + 'a,
    ) -> impl Iterator<Item = &'a AssignmentFacts> + 'a {
        self.rows
            .iter()
            .filter(move |a| keep(a))
            .filter_map(|a| self.facts.get(&a.id))
    }

    pub fn assigned_unit(&self, a: &AssignmentRow) -> Option<AssignedUnit> {
        Some(AssignedUnit {
            assignment_id: a.id.0,
            unit: units::view(self.units.get(&a.unit_id)?),
            role: a.role,
            due_on: a.due_on,
        })
    }
}

pub fn find(c: &mut DbConn, id: AssignmentId) -> QueryResult<Option<AssignmentRow>> {
    ta::table
        .find(id)
        .select(AssignmentRow::as_select())
        .first(c)
        .optional()
}

/// Every unit on a part with its role: who may review whom.
pub fn part_units(c: &mut DbConn, part_id: PartId) -> QueryResult<Vec<(UnitId, UnitRole)>> {
    ta::table
        .filter(ta::part_id.eq(part_id))
        .select((ta::unit_id, ta::role))
        .load(c)
}

/// Write the editable fields if the version still matches: one statement, so
/// of two racing edits exactly one wins.
pub fn update(
    c: &mut DbConn,
    id: AssignmentId,
    version: i32,
    responsible_id: Option<UserId>,
    due_on: Option<NaiveDate>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        ta::table
            .filter(ta::id.eq(id))
            .filter(ta::version.eq(version)),
    )
    .set((
        ta::responsible_id.eq(responsible_id),
        ta::due_on.eq(due_on),
        // Incremented by the database: the version sent may be any number.
        ta::version.eq(ta::version + 1),
        ta::updated_at.eq(now),
    ))
    .execute(c)?;
    Ok(n == 1)
}

/// The plan's number of a task (1 to 12).
pub fn task_no(c: &mut DbConn, task: TaskId) -> QueryResult<i32> {
    crate::db::schema::plan_tasks::table
        .find(task)
        .select(crate::db::schema::plan_tasks::no)
        .first(c)
}
