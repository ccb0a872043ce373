//! Changing an assignment: its responsible person and due date, and the
//! milestones of its roadmap, each recorded in its history.

use super::{assignment, detail, may_not, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::reform::events::{self, NewEvent};
use crate::db::repo::reform::{assignments, progress};
use crate::db::repo::users;
use crate::db::rows::{to_db, AssignmentRow, MilestoneRow};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use onestop_domain::dates::Day;
use onestop_domain::grid::local_date;
use onestop_domain::problem::ProblemCode;
use onestop_domain::reform::wire::{
    AssignmentDetail, MilestoneView, ReformEventKind, UpdateAssignmentRequest,
};
use onestop_domain::{AssignmentId, MilestoneId};

/// Set who answers for an assignment and by when, at the version it was read.
pub fn update(
    c: &mut DbConn,
    caller: &Caller,
    id: AssignmentId,
    body: &UpdateAssignmentRequest,
    now: DateTime<Utc>,
) -> AppResult<AssignmentDetail> {
    let today = local_date(now);
    let row = editable_assignment(c, caller, id)?;
    let mut responsible_name = None;
    if let Some(person) = body.responsible_id {
        let found = users::find(c, person)?
            .filter(|a| a.row.active && a.row.unit_id == Some(row.unit_id) && a.roles.is_staff());
        responsible_name = found.map(|a| a.row.display_name);
        if responsible_name.is_none() {
            return Err(AppError::field(
                "responsible_id",
                "not_of_unit",
                "the responsible person must be an active staff member of the assigned unit",
            ));
        }
    }
    let changed = assignments::update(
        c,
        id,
        body.version,
        body.responsible_id,
        body.due_on.map(Day::get),
        to_db(now),
    )?;
    if !changed {
        let current = assignment(c, id)?;
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "someone changed this assignment first: it is now version {}; reload and try again",
                current.version
            ),
        });
    }
    // Names and dates only: the app shows the note in either language.
    let note = format!(
        "{} · {}",
        responsible_name.as_deref().unwrap_or("—"),
        body.due_on.map_or("—".into(), |d| d.to_string())
    );
    events::add(
        c,
        NewEvent {
            note: Some(note),
            ..NewEvent::new(id, ReformEventKind::AssignmentUpdated, Some(caller.id))
        },
        now,
    )?;
    detail(c, id, caller, today)
}

/// The assignment, when the caller may change it or its milestones.
fn editable_assignment(
    c: &mut DbConn,
    caller: &Caller,
    id: AssignmentId,
) -> AppResult<AssignmentRow> {
    let a = assignment(c, id)?;
    if !caller.rules().may_edit(a.unit_id) {
        return Err(may_not(
            "only the unit's own staff (or an admin) edit its assignment and milestones",
        ));
    }
    Ok(a)
}

fn editable_milestone(c: &mut DbConn, caller: &Caller, id: MilestoneId) -> AppResult<MilestoneRow> {
    let m = progress::milestone(c, id)?.ok_or_else(|| AppError::not_found("this milestone"))?;
    editable_assignment(c, caller, m.assignment_id)?;
    Ok(m)
}

/// Add a step to the roadmap; its title and dates are checked by the caller (`check_milestone`).
pub fn add_milestone(
    c: &mut DbConn,
    caller: &Caller,
    id: AssignmentId,
    title: String,
    due_on: NaiveDate,
    done_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> AppResult<MilestoneView> {
    let today = local_date(now);
    editable_assignment(c, caller, id)?;
    let row = MilestoneRow {
        id: MilestoneId::new(),
        assignment_id: id,
        title,
        due_on,
        done_on,
        overdue_at: None,
        created_at: to_db(now),
        updated_at: to_db(now),
        version: 1,
    };
    progress::insert_milestone(c, &row)?;
    events::add(
        c,
        NewEvent {
            milestone_id: Some(row.id),
            note: Some(format!("{} ({})", row.title, row.due_on)),
            ..NewEvent::new(id, ReformEventKind::MilestoneAdded, Some(caller.id))
        },
        now,
    )?;
    Ok(progress::milestone_view(&row, today))
}

/// Change a milestone at the version it was read; `(due_on, done_on)`.
pub fn update_milestone(
    c: &mut DbConn,
    caller: &Caller,
    id: MilestoneId,
    title: &str,
    (due_on, done_on): (NaiveDate, Option<NaiveDate>),
    version: i32,
    now: DateTime<Utc>,
) -> AppResult<MilestoneView> {
    let today = local_date(now);
    let old = editable_milestone(c, caller, id)?;
    let change = progress::MilestoneChange {
        title,
        due_on,
        done_on,
        version,
        rearm: old.due_on != due_on || (old.done_on.is_some() && done_on.is_none()),
    };
    if !progress::update_milestone(c, id, &change, to_db(now))? {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "someone changed this milestone first: it is now version {}; reload and try again",
                old.version
            ),
        });
    }
    let m = progress::milestone(c, id)?.ok_or_else(|| AppError::not_found("this milestone"))?;
    events::add(
        c,
        NewEvent {
            milestone_id: Some(id),
            note: Some(match m.done_on {
                Some(d) => format!("{} ✓ {d}", m.title),
                None => format!("{} ({})", m.title, m.due_on),
            }),
            ..NewEvent::new(
                m.assignment_id,
                ReformEventKind::MilestoneUpdated,
                Some(caller.id),
            )
        },
        now,
    )?;
    Ok(progress::milestone_view(&m, today))
}

/// Remove a milestone set by mistake (its history stays in the log).
pub fn remove_milestone(
    c: &mut DbConn,
    caller: &Caller,
    id: MilestoneId,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let m = editable_milestone(c, caller, id)?;
    progress::delete_milestone(c, id)?;
    events::add(
        c,
        NewEvent {
            note: Some(format!("{} ({})", m.title, m.due_on)),
            ..NewEvent::new(
                m.assignment_id,
                ReformEventKind::MilestoneRemoved,
                Some(caller.id),
            )
        },
        now,
    )?;
    Ok(())
}
