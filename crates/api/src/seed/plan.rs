//! Load a plan.json (the customer's task breakdown) as plan data, expanding
//! unit groups to the actual colleges and departments. Loading the same
//! document again changes nothing.

use super::SeedError;
use crate::db::repo::reform;
use crate::db::rows::{to_db, AssignmentRow, PartRow, PlanRow, SectionRow, TaskRow};
use crate::db::schema::units;
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use onestop_domain::reform::expand_units;
use onestop_domain::unit::UnitKind;
use onestop_domain::{AssignmentId, PartId, PlanId, SectionId, TaskId, UnitId};
use serde::Deserialize;

#[derive(Deserialize)]
struct PlanFile {
    plan: PlanMeta,
    sections: Vec<SectionDef>,
    tasks: Vec<TaskDef>,
}

#[derive(Deserialize)]
struct PlanMeta {
    doc_number: String,
    title_zh: String,
    title_en: String,
    approved_on: Option<NaiveDate>,
    issued_on: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct SectionDef {
    no: i32,
    title_zh: String,
    title_en: String,
}

#[derive(Deserialize)]
struct TaskDef {
    no: i32,
    section: i32,
    title_zh: String,
    title_en: String,
    parts: Vec<PartDef>,
}

#[derive(Deserialize)]
struct PartDef {
    summary_zh: String,
    lead: Vec<String>,
    coop: Vec<String>,
}

/// Returns the number of tasks loaded (0 when the plan was there already).
pub fn load(c: &mut DbConn, json: &str, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let file: PlanFile = serde_json::from_str(json)?;
    super::visits::rules_of_plan(c, json, now)?;
    if reform::plan_by_doc(c, &file.plan.doc_number)?.is_some() {
        return Ok(0);
    }
    let codes = |c: &mut DbConn, kind: UnitKind| -> QueryResult<Vec<(String, UnitId)>> {
        units::table
            .filter(units::kind.eq(kind))
            .order(units::code)
            .select((units::code, units::id))
            .load(c)
    };
    let colleges = codes(c, UnitKind::College)?;
    let departments = codes(c, UnitKind::Department)?;
    let id_of = |code: &str| {
        colleges
            .iter()
            .chain(&departments)
            .find(|(c, _)| c == code)
            .map(|(_, id)| *id)
    };
    let plan_id = PlanId::new();
    reform::insert_plan(
        c,
        &PlanRow {
            id: plan_id,
            doc_number: file.plan.doc_number.clone(),
            title_zh: file.plan.title_zh,
            title_en: file.plan.title_en,
            approved_on: file.plan.approved_on,
            issued_on: file.plan.issued_on,
            created_at: to_db(now),
        },
    )?;
    let mut section_ids = Vec::new();
    for s in &file.sections {
        let id = SectionId::new();
        reform::insert_section(
            c,
            &SectionRow {
                id,
                plan_id,
                no: s.no,
                title_zh: s.title_zh.clone(),
                title_en: s.title_en.clone(),
            },
        )?;
        section_ids.push((s.no, id));
    }
    let college_codes: Vec<String> = colleges.iter().map(|(c, _)| c.clone()).collect();
    let dept_codes: Vec<String> = departments.iter().map(|(c, _)| c.clone()).collect();
    for t in &file.tasks {
        let section_id = section_ids
            .iter()
            .find(|(no, _)| *no == t.section)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                SeedError::Account(
                    "plan",
                    format!("task {} names a missing section {}", t.no, t.section),
                )
            })?;
        let task_id = TaskId::new();
        reform::insert_task(
            c,
            &TaskRow {
                id: task_id,
                plan_id,
                section_id,
                no: t.no,
                title_zh: t.title_zh.clone(),
                title_en: t.title_en.clone(),
            },
        )?;
        for (i, p) in t.parts.iter().enumerate() {
            let part_id = PartId::new();
            let position = i32::try_from(i + 1).unwrap_or(i32::MAX);
            reform::insert_part(
                c,
                &PartRow {
                    id: part_id,
                    task_id,
                    position,
                    summary_zh: p.summary_zh.clone(),
                },
            )?;
            for (code, role) in expand_units(&p.lead, &p.coop, &college_codes, &dept_codes) {
                let unit_id = id_of(&code).ok_or_else(|| {
                    SeedError::Account(
                        "plan",
                        format!("task {} names an unknown unit `{code}`", t.no),
                    )
                })?;
                reform::insert_assignment(
                    c,
                    &AssignmentRow {
                        id: AssignmentId::new(),
                        plan_id,
                        task_id,
                        part_id,
                        unit_id,
                        role,
                        responsible_id: None,
                        due_on: None,
                        created_at: to_db(now),
                        updated_at: to_db(now),
                        version: 1,
                    },
                )?;
            }
        }
    }
    Ok(file.tasks.len())
}
