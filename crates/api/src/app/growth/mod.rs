//! Second-classroom activities (任务2、7、9): proposed by a unit, reviewed
//! against the quality standard by 团委 or the organising college, signed
//! up for with a waiting list, checked in with a rotating code while they
//! run, and credited to the students' transcripts.

pub mod activities;
pub mod checkin;
mod effects;
pub mod signups;
pub mod summary;
pub mod transcript;
mod views;

use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::growth::activities::{self as repo, Seen};
use crate::db::repo::units;
use crate::db::rows::ActivityRow;
use crate::db::DbConn;
use onestop_domain::growth::may_review;
use onestop_domain::unit::UnitKind;
use onestop_domain::{ActivityId, Role, UnitId};

pub use views::{activity_views, signup_views};

/// 团委, the lead of task 7, by its code in plan.json.
pub const YOUTH_LEAGUE: &str = "youth-league";

fn seen(caller: &Caller) -> Seen {
    if caller.roles.is_staff() {
        Seen::All
    } else {
        Seen::Student(caller.id)
    }
}

/// An activity the caller sees.
fn found(c: &mut DbConn, caller: &Caller, id: ActivityId) -> AppResult<ActivityRow> {
    repo::find_seen(c, id, &seen(caller))?.ok_or_else(|| AppError::not_found("this activity"))
}

/// Whether the caller runs it: its organiser, the staff of its unit, administrators.
fn runs(caller: &Caller, row: &ActivityRow) -> bool {
    caller.roles.contains(Role::Admin)
        || caller.id == row.organiser_id
        || (caller.roles.is_staff() && caller.unit_id == Some(row.unit_id))
}

fn require_runs(caller: &Caller, row: &ActivityRow) -> AppResult<()> {
    if runs(caller, row) {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            detail: "this is for the activity's organiser and their unit".into(),
        })
    }
}

/// What makes the caller a reviewer, looked up once per call: being of
/// 团委, or of a college (which reviews its own activities).
#[derive(Debug, Clone, Copy)]
struct Reviewer {
    of_league: bool,
    college: Option<UnitId>,
}

fn reviewer(c: &mut DbConn, caller: &Caller) -> AppResult<Reviewer> {
    let unit = match caller.unit_id {
        Some(u) => units::by_ids(c, &[u])?.pop(),
        None => None,
    };
    Ok(Reviewer {
        of_league: unit.as_ref().is_some_and(|u| u.code == YOUTH_LEAGUE),
        college: unit.filter(|u| u.kind == UnitKind::College).map(|u| u.id),
    })
}

/// Whether the caller reviews it: 团委's staff, the staff of the organising
/// unit when it is a college, administrators.
fn reviews(caller: &Caller, who: Reviewer, row: &ActivityRow) -> bool {
    may_review(
        &caller.roles,
        who.of_league,
        who.college == Some(row.unit_id),
    )
}

fn stale() -> AppError {
    AppError::Conflict {
        code: onestop_domain::problem::ProblemCode::StaleVersion,
        detail: "the activity changed since it was read; read it again".into(),
    }
}
