//! Following the reform plan: who may do what to an assignment, and the
//! reminders job that records what nobody should have to poll for.

pub mod edits;
pub mod effects;
pub mod evidence;
pub mod inbox;
pub mod reminders;
pub mod reports;

use crate::app::{AppError, AppResult};
use crate::auth::AuthUser;
use crate::db::repo::reform::{assignments, progress};
use crate::db::rows::AssignmentRow;
use crate::db::DbConn;
use chrono::NaiveDate;
use onestop_domain::reform::progress::PlanActor;
use onestop_domain::reform::wire::{AssignmentDetail, ReformEventKind};
use onestop_domain::reform::UnitRole;
use onestop_domain::{AssignmentId, PlanId, UnitId, UserId};

/// The caller as the plan's rules see them.
pub struct Caller {
    pub id: UserId,
    admin: bool,
    staff: bool,
    unit_id: Option<UnitId>,
}

impl From<&AuthUser> for Caller {
    fn from(u: &AuthUser) -> Self {
        Caller {
            id: u.id,
            admin: u.roles.is_admin(),
            staff: u.roles.is_staff(),
            unit_id: u.unit_id,
        }
    }
}

impl Caller {
    /// A caller with these roles, of this unit: for the demo seed, which acts as named people.
    pub fn new(id: UserId, roles: &onestop_domain::Roles, unit_id: Option<UnitId>) -> Self {
        Caller {
            id,
            admin: roles.is_admin(),
            staff: roles.is_staff(),
            unit_id,
        }
    }

    pub fn rules(&self) -> PlanActor {
        PlanActor {
            admin: self.admin,
            staff: self.staff,
            unit_id: self.unit_id,
        }
    }

    pub fn unit_id(&self) -> Option<UnitId> {
        self.unit_id
    }

    pub fn is_admin(&self) -> bool {
        self.admin
    }

    pub fn may_review(&self, c: &mut DbConn, a: &AssignmentRow) -> AppResult<bool> {
        let units = assignments::part_units(c, a.part_id)?;
        Ok(self.rules().may_review(a.unit_id, &units))
    }
}

pub fn assignment(c: &mut DbConn, id: AssignmentId) -> AppResult<AssignmentRow> {
    assignments::find(c, id)?.ok_or_else(|| AppError::not_found("this assignment"))
}

pub fn may_not(what: &str) -> AppError {
    AppError::Forbidden {
        detail: what.to_owned(),
    }
}

/// Everything about one assignment, as the caller may act on it.
pub fn detail(
    c: &mut DbConn,
    id: AssignmentId,
    caller: &Caller,
    today: NaiveDate,
) -> AppResult<AssignmentDetail> {
    let row = assignment(c, id)?;
    let loaded = assignments::load(
        c,
        assignments::Scope::Tasks(std::slice::from_ref(&row.task_id)),
        today,
    )?;
    let view = loaded
        .view(&row, today)
        .ok_or_else(|| AppError::internal("assignment without its task"))?;
    let part_units = loaded
        .rows
        .iter()
        .filter(|a| a.part_id == row.part_id)
        .filter_map(|a| loaded.assigned_unit(a))
        .collect();
    let milestones = progress::milestones(c, id)?
        .iter()
        .map(|m| progress::milestone_view(m, today))
        .collect();
    let reports = progress::reports(c, id, None)?;
    let history = crate::db::repo::reform::events::list(
        c,
        &crate::db::repo::reform::events::Filter {
            assignment_id: Some(id),
            ..Default::default()
        },
        200,
    )?;
    let rules = caller.rules();
    Ok(AssignmentDetail {
        can_edit: rules.may_edit(row.unit_id),
        can_report: rules.may_report(row.unit_id),
        can_review: caller.may_review(c, &row)?,
        assignment: view,
        part_units,
        milestones,
        reports,
        history,
    })
}

/// A unit's assignments on a plan (the caller's own unit when none is
/// named), optionally in one role, as of `today`.
pub fn unit_assignments(
    c: &mut DbConn,
    caller: &Caller,
    unit: Option<UnitId>,
    plan: PlanId,
    role: Option<UnitRole>,
    today: NaiveDate,
) -> AppResult<Vec<onestop_domain::reform::wire::AssignmentView>> {
    let unit = match unit.or(caller.unit_id) {
        Some(u) => u,
        None => {
            return Err(AppError::field(
                "unit",
                "required",
                "name a unit: you belong to none",
            ))
        }
    };
    let loaded = assignments::load(c, assignments::Scope::Plan(plan), today)?;
    Ok(loaded
        .rows
        .iter()
        .filter(|a| a.unit_id == unit)
        .filter(|a| role.is_none_or(|r| a.role == r))
        .filter_map(|a| loaded.view(a, today))
        .collect())
}

/// Events a unit must act on.
pub fn inbox_kinds() -> Vec<ReformEventKind> {
    ReformEventKind::ALL
        .into_iter()
        .filter(|k| k.needs_unit())
        .collect()
}

/// The whole plan at a glance: by task, by unit, every assignment, and the
/// changes since `since`. A fixed number of queries whatever the plan's size.
pub fn board(
    c: &mut DbConn,
    plan_id: PlanId,
    today: NaiveDate,
    since: NaiveDate,
) -> AppResult<Option<onestop_domain::reform::wire::Board>> {
    use crate::db::repo::reform::{self as repo, events};
    use onestop_domain::reform::board::Tally;
    use onestop_domain::reform::period::Period;
    use onestop_domain::reform::wire::{Board, TaskLine, UnitLine};

    let Some(tree) = repo::tree(c, plan_id, today)? else {
        return Ok(None);
    };
    let loaded = assignments::load(c, assignments::Scope::Plan(plan_id), today)?;
    let totals = Tally::of(loaded.facts_where(|_| true), today);
    let by_task = tree
        .sections
        .iter()
        .flat_map(|s| s.tasks.iter())
        .map(|t| TaskLine {
            task_id: t.id,
            section_no: t.section_no,
            no: t.no,
            title_zh: t.title_zh.clone(),
            title_en: t.title_en.clone(),
            lead_units: {
                let mut leads: Vec<_> = t
                    .parts
                    .iter()
                    .flat_map(|p| p.units.iter())
                    .filter(|u| u.role == UnitRole::Lead)
                    .map(|u| u.unit.clone())
                    .collect();
                leads.dedup_by(|a, b| a.id == b.id);
                leads.sort_by(|a, b| a.code.cmp(&b.code));
                leads.dedup_by(|a, b| a.id == b.id);
                leads
            },
            tally: t.tally,
            standing: t.standing,
            overdue: t.overdue,
        })
        .collect();
    let mut unit_ids: Vec<UnitId> = loaded.rows.iter().map(|a| a.unit_id).collect();
    unit_ids.sort_unstable();
    unit_ids.dedup();
    let mut by_unit: Vec<UnitLine> = unit_ids
        .into_iter()
        .filter_map(|u| {
            let mine = || loaded.rows.iter().filter(move |a| a.unit_id == u);
            let count = |role: UnitRole| {
                u32::try_from(mine().filter(|a| a.role == role).count()).unwrap_or(0)
            };
            let tally = Tally::of(loaded.facts_where(|a| a.unit_id == u), today);
            Some(UnitLine {
                unit: crate::db::repo::units::view(loaded.units.get(&u)?),
                leads: count(UnitRole::Lead),
                cooperates: count(UnitRole::Cooperating),
                standing: tally.standing(),
                overdue: tally.overdue(),
                tally,
            })
        })
        .collect();
    // Who is behind comes first.
    by_unit.sort_by(|a, b| {
        (
            a.standing,
            !a.overdue,
            u32::MAX - a.tally.silent,
            &a.unit.code,
        )
            .cmp(&(
                b.standing,
                !b.overdue,
                u32::MAX - b.tally.silent,
                &b.unit.code,
            ))
    });
    let filter = events::Filter {
        plan_id: Some(plan_id),
        since: Some(onestop_domain::grid::local_midnight_utc(since).naive_utc()),
        ..Default::default()
    };
    let changes_total = u32::try_from(events::count(c, &filter)?).unwrap_or(u32::MAX);
    let changes = events::list(c, &filter, 200)?;
    Ok(Some(Board {
        standing: totals.standing(),
        plan: tree.plan,
        today,
        current_period: Period::of(today).to_string(),
        last_closed_period: Period::last_closed(today).to_string(),
        totals,
        by_task,
        by_unit,
        assignments: loaded.views(today),
        since,
        changes,
        changes_total,
    }))
}
