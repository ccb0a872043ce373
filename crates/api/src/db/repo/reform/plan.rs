//! The plan itself. A whole plan tree is a dozen queries whatever its size.

use super::assignments::{self, Scope};
use crate::db::rows::{AssignmentRow, PartRow, PlanRow, SectionRow, TaskRow};
use crate::db::schema::{plan_sections, plan_tasks, plans, task_assignments as ta, task_parts};
use crate::db::DbConn;
use chrono::NaiveDate;
use diesel::prelude::*;
use onestop_domain::reform::board::{Standing, Tally};
use onestop_domain::reform::wire::{PartView, PlanSummary, PlanTree, SectionView, TaskView};
use onestop_domain::reform::UnitRole;
use onestop_domain::{PlanId, SectionId, TaskId, UnitId};
use std::collections::HashMap;

pub fn plan_by_doc(c: &mut DbConn, doc: &str) -> QueryResult<Option<PlanRow>> {
    plans::table
        .filter(plans::doc_number.eq(doc))
        .select(PlanRow::as_select())
        .first(c)
        .optional()
}

pub fn insert_plan(c: &mut DbConn, p: &PlanRow) -> QueryResult<()> {
    diesel::insert_into(plans::table)
        .values(p)
        .execute(c)
        .map(|_| ())
}
pub fn insert_section(c: &mut DbConn, s: &SectionRow) -> QueryResult<()> {
    diesel::insert_into(plan_sections::table)
        .values(s)
        .execute(c)
        .map(|_| ())
}
pub fn insert_task(c: &mut DbConn, t: &TaskRow) -> QueryResult<()> {
    diesel::insert_into(plan_tasks::table)
        .values(t)
        .execute(c)
        .map(|_| ())
}
pub fn insert_part(c: &mut DbConn, p: &PartRow) -> QueryResult<()> {
    diesel::insert_into(task_parts::table)
        .values(p)
        .execute(c)
        .map(|_| ())
}
pub fn insert_assignment(c: &mut DbConn, a: &AssignmentRow) -> QueryResult<()> {
    diesel::insert_into(ta::table)
        .values(a)
        .execute(c)
        .map(|_| ())
}

fn summary(p: &PlanRow, sections: usize, tasks: usize) -> PlanSummary {
    PlanSummary {
        id: p.id.0,
        doc_number: p.doc_number.clone(),
        title_zh: p.title_zh.clone(),
        title_en: p.title_en.clone(),
        approved_on: p.approved_on,
        issued_on: p.issued_on,
        sections,
        tasks,
    }
}

pub fn list_plans(c: &mut DbConn) -> QueryResult<Vec<PlanSummary>> {
    let rows: Vec<PlanRow> = plans::table
        .order(plans::id)
        .select(PlanRow::as_select())
        .load(c)?;
    let sections: Vec<PlanId> = plan_sections::table
        .select(plan_sections::plan_id)
        .load(c)?;
    let tasks: Vec<PlanId> = plan_tasks::table.select(plan_tasks::plan_id).load(c)?;
    Ok(rows
        .iter()
        .map(|p| {
            summary(
                p,
                sections.iter().filter(|s| **s == p.id).count(),
                tasks.iter().filter(|t| **t == p.id).count(),
            )
        })
        .collect())
}

/// Tasks with their parts, units and tally, from the given task rows.
fn task_views(c: &mut DbConn, tasks: &[TaskRow], today: NaiveDate) -> QueryResult<Vec<TaskView>> {
    let ids: Vec<TaskId> = tasks.iter().map(|t| t.id).collect();
    let loaded = assignments::load(c, Scope::Tasks(&ids), today)?;
    let mut parts: Vec<&PartRow> = loaded.parts.values().collect();
    parts.sort_by_key(|p| p.position);
    let sections: HashMap<SectionId, i32> = plan_sections::table
        .filter(plan_sections::id.eq_any(tasks.iter().map(|t| t.section_id).collect::<Vec<_>>()))
        .select((plan_sections::id, plan_sections::no))
        .load::<(SectionId, i32)>(c)?
        .into_iter()
        .collect();
    Ok(tasks
        .iter()
        .map(|t| {
            let tally = Tally::of(loaded.facts_where(|a| a.task_id == t.id), today);
            TaskView {
                id: t.id.0,
                plan_id: t.plan_id.0,
                section_no: sections.get(&t.section_id).copied().unwrap_or_default(),
                no: t.no,
                title_zh: t.title_zh.clone(),
                title_en: t.title_en.clone(),
                parts: parts
                    .iter()
                    .filter(|p| p.task_id == t.id)
                    .map(|p| PartView {
                        id: p.id.0,
                        position: p.position,
                        summary_zh: p.summary_zh.clone(),
                        units: loaded
                            .rows
                            .iter()
                            .filter(|a| a.part_id == p.id)
                            .filter_map(|a| loaded.assigned_unit(a))
                            .collect(),
                    })
                    .collect(),
                standing: tally.standing(),
                overdue: tally.overdue(),
                tally,
            }
        })
        .collect())
}

pub fn tree(c: &mut DbConn, plan_id: PlanId, today: NaiveDate) -> QueryResult<Option<PlanTree>> {
    let Some(plan) = plans::table
        .find(plan_id)
        .select(PlanRow::as_select())
        .first(c)
        .optional()?
    else {
        return Ok(None);
    };
    let sections: Vec<SectionRow> = plan_sections::table
        .filter(plan_sections::plan_id.eq(plan_id))
        .order(plan_sections::no)
        .select(SectionRow::as_select())
        .load(c)?;
    let tasks: Vec<TaskRow> = plan_tasks::table
        .filter(plan_tasks::plan_id.eq(plan_id))
        .order(plan_tasks::no)
        .select(TaskRow::as_select())
        .load(c)?;
    let views = task_views(c, &tasks, today)?;
    Ok(Some(PlanTree {
        plan: summary(&plan, sections.len(), tasks.len()),
        sections: sections
            .iter()
            .map(|s| SectionView {
                id: s.id.0,
                no: s.no,
                title_zh: s.title_zh.clone(),
                title_en: s.title_en.clone(),
                tasks: views
                    .iter()
                    .filter(|t| t.section_no == s.no)
                    .cloned()
                    .collect(),
            })
            .collect(),
    }))
}

#[derive(Debug, Default)]
pub struct TaskFilter {
    pub plan_id: Option<PlanId>,
    pub section: Option<i32>,
    /// Tasks on which this unit has an assignment (in `role`, if given).
    pub unit_id: Option<UnitId>,
    pub role: Option<UnitRole>,
    pub standing: Option<Standing>,
    /// Only tasks with (true) or without (false) something past its date.
    pub overdue: Option<bool>,
}

pub fn tasks(c: &mut DbConn, f: &TaskFilter, today: NaiveDate) -> QueryResult<Vec<TaskView>> {
    let mut q = plan_tasks::table.select(TaskRow::as_select()).into_boxed();
    if let Some(p) = &f.plan_id {
        q = q.filter(plan_tasks::plan_id.eq(*p));
    }
    if let Some(no) = f.section {
        q = q.filter(
            plan_tasks::section_id.eq_any(
                plan_sections::table
                    .filter(plan_sections::no.eq(no))
                    .select(plan_sections::id),
            ),
        );
    }
    if let Some(u) = f.unit_id {
        // Two shapes rather than a boxed subquery: MultiConnection cannot embed one.
        let of_unit = ta::table.filter(ta::unit_id.eq(u));
        q = match f.role {
            Some(r) => {
                q.filter(plan_tasks::id.eq_any(of_unit.filter(ta::role.eq(r)).select(ta::task_id)))
            }
            None => q.filter(plan_tasks::id.eq_any(of_unit.select(ta::task_id))),
        };
    }
    let rows = q.order((plan_tasks::plan_id, plan_tasks::no)).load(c)?;
    // Standing and overdue are figures, not columns: filtered once computed.
    Ok(task_views(c, &rows, today)?
        .into_iter()
        .filter(|t| f.standing.is_none_or(|s| t.standing == s))
        .filter(|t| f.overdue.is_none_or(|o| t.overdue == o))
        .collect())
}

pub fn task(c: &mut DbConn, id: TaskId, today: NaiveDate) -> QueryResult<Option<TaskView>> {
    let rows: Vec<TaskRow> = plan_tasks::table
        .filter(plan_tasks::id.eq(id))
        .select(TaskRow::as_select())
        .load(c)?;
    Ok(task_views(c, &rows, today)?.pop())
}
