//! Assignments with what is known about them — latest report, overdue
//! milestones, recorded silence — for one assignment, some tasks or a whole
//! plan, in the same handful of queries whatever the count.

use super::super::units;
use super::uuid;
use crate::db::rows::{AssignmentRow, PartRow, TaskRow, UnitRow};
use crate::db::schema::{
    assignment_milestones as ms, plan_tasks, progress_reports as pr, reform_events as ev,
    task_assignments as ta, task_parts, units as units_t, users,
};
use crate::db::DbConn;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::reform::board::AssignmentFacts;
use onestop_domain::reform::period::Period;
use onestop_domain::reform::progress::{ReportStatus, ReviewState};
use onestop_domain::reform::wire::{AssignedUnit, AssignmentView, ReformEventKind};
use onestop_domain::reform::UnitRole;
use std::collections::HashMap;

pub enum Scope<'a> {
    Plan(&'a str),
    Tasks(&'a [String]),
    One(&'a str),
}

/// Assignments and their facts as of `today`.
pub struct Loaded {
    pub rows: Vec<AssignmentRow>,
    pub facts: HashMap<String, AssignmentFacts>,
    last_period: HashMap<String, String>,
    pub tasks: HashMap<String, TaskRow>,
    pub parts: HashMap<String, PartRow>,
    pub units: HashMap<String, UnitRow>,
    people: HashMap<String, String>,
}

pub fn load(c: &mut DbConn, scope: Scope<'_>, today: NaiveDate) -> QueryResult<Loaded> {
    let mut q = ta::table.select(AssignmentRow::as_select()).into_boxed();
    q = match scope {
        Scope::Plan(p) => q.filter(ta::plan_id.eq(p.to_owned())),
        Scope::Tasks(ids) => q.filter(ta::task_id.eq_any(ids.to_vec())),
        Scope::One(id) => q.filter(ta::id.eq(id.to_owned())),
    };
    let mut rows: Vec<AssignmentRow> = q.load(c)?;
    let ids: Vec<&str> = rows.iter().map(|a| a.id.as_str()).collect();
    let task_ids: Vec<&str> = rows.iter().map(|a| a.task_id.as_str()).collect();

    let tasks: HashMap<String, TaskRow> = plan_tasks::table
        .filter(plan_tasks::id.eq_any(&task_ids))
        .select(TaskRow::as_select())
        .load(c)?
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect();
    let parts: HashMap<String, PartRow> = task_parts::table
        .filter(task_parts::task_id.eq_any(&task_ids))
        .select(PartRow::as_select())
        .load(c)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let units: HashMap<String, UnitRow> = units_t::table
        .filter(units_t::id.eq_any(rows.iter().map(|a| a.unit_id.as_str()).collect::<Vec<_>>()))
        .select(UnitRow::as_select())
        .load(c)?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    let people: HashMap<String, String> = users::table
        .filter(
            users::id.eq_any(
                rows.iter()
                    .filter_map(|a| a.responsible_id.as_deref())
                    .collect::<Vec<_>>(),
            ),
        )
        .select((users::id, users::display_name))
        .load(c)?
        .into_iter()
        .collect();

    // Oldest period first, so the last one seen per assignment is the latest
    // (a late report for an earlier month does not hide this month's).
    type Brief = (String, String, String, i32, String, NaiveDateTime);
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
    let overdue: Vec<String> = ms::table
        .filter(ms::assignment_id.eq_any(&ids))
        .filter(ms::done_on.is_null())
        .filter(ms::due_on.lt(today))
        .select(ms::assignment_id)
        .load(c)?;
    let closed = Period::last_closed(today).to_string();
    let current = Period::of(today).to_string();
    let recorded_silent: Vec<String> = ev::table
        .filter(ev::assignment_id.eq_any(&ids))
        .filter(ev::kind.eq(ReformEventKind::Silent.as_str()))
        .filter(ev::period.eq(&closed))
        .select(ev::assignment_id)
        .load(c)?;

    let mut facts: HashMap<String, AssignmentFacts> = rows
        .iter()
        .map(|a| {
            (
                a.id.clone(),
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
        if let (Some(s), Some(r)) = (ReportStatus::parse(status), ReviewState::parse(review)) {
            f.latest = Some((s, *percent, r));
        }
        f.reported_this_period |= *period == current;
        if *period == closed {
            reported_closed.insert(a.clone());
        }
        last_period.insert(a.clone(), period.clone());
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
            a.role != UnitRole::Lead.as_str(),
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
            id: uuid(&a.id),
            plan_id: uuid(&a.plan_id),
            task_id: uuid(&a.task_id),
            task_no: task.no,
            task_title_zh: task.title_zh.clone(),
            task_title_en: task.title_en.clone(),
            part_id: uuid(&a.part_id),
            part_position: part.position,
            part_summary_zh: part.summary_zh.clone(),
            unit: units::view(self.units.get(&a.unit_id)?),
            role: UnitRole::parse(&a.role)?,
            responsible: a.responsible_id.as_deref().and_then(|r| {
                Some(PersonRef {
                    id: r.parse().ok()?,
                    display_name: self.people.get(r).cloned().unwrap_or_default(),
                })
            }),
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
            assignment_id: uuid(&a.id),
            unit: units::view(self.units.get(&a.unit_id)?),
            role: UnitRole::parse(&a.role)?,
            due_on: a.due_on,
        })
    }
}

pub fn find(c: &mut DbConn, id: &str) -> QueryResult<Option<AssignmentRow>> {
    ta::table
        .find(id)
        .select(AssignmentRow::as_select())
        .first(c)
        .optional()
}

/// Every unit on a part with its role: who may review whom.
pub fn part_units(c: &mut DbConn, part_id: &str) -> QueryResult<Vec<(String, UnitRole)>> {
    Ok(ta::table
        .filter(ta::part_id.eq(part_id))
        .select((ta::unit_id, ta::role))
        .load::<(String, String)>(c)?
        .into_iter()
        .filter_map(|(u, r)| Some((u, UnitRole::parse(&r)?)))
        .collect())
}

/// Write the editable fields if the version still matches: one statement, so
/// of two racing edits exactly one wins.
pub fn update(
    c: &mut DbConn,
    id: &str,
    version: i32,
    responsible_id: Option<String>,
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
        ta::version.eq(version + 1),
        ta::updated_at.eq(now),
    ))
    .execute(c)?;
    Ok(n == 1)
}
