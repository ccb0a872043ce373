//! 思政课堂 sessions (任务6): announced by their hosts in a community space
//! (its time booked there), applied for by students with their question,
//! places drawn from a committed seed with weight for those who lost before,
//! a waiting list that moves up, attendance, feedback, and questions given
//! to units as follow-ups.

pub mod after;
pub mod announce;
pub mod apply;
pub mod draw;
mod effects;
mod views;

use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::residency;
use crate::db::repo::spaces::venues;
use crate::db::repo::talks::sessions::{self, Seen};
use crate::db::rows::{SpaceRow, TalkRow};
use crate::db::DbConn;
use onestop_domain::community::spaces::keeps;
use onestop_domain::{NodeId, Role, TalkId, UnitId};

pub use views::{application_views, talk_views};

/// What decides which sessions a student may apply for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Audience {
    pub unit: Option<UnitId>,
    pub building: Option<NodeId>,
}

fn audience(c: &mut DbConn, caller: &Caller) -> AppResult<Option<Audience>> {
    if !caller.roles.contains(Role::Student) {
        return Ok(None);
    }
    let building = residency::current_of_student(c, caller.id)?.map(|r| r.building_id);
    Ok(Some(Audience {
        unit: caller.unit_id,
        building,
    }))
}

fn seen(caller: &Caller, audience: Option<Audience>) -> Seen {
    match audience {
        Some(a) if !caller.roles.is_staff() => Seen::Student {
            me: caller.id,
            unit: a.unit,
            building: a.building,
        },
        _ => Seen::All,
    }
}

/// A session the caller sees, with its space.
fn found(c: &mut DbConn, caller: &Caller, id: TalkId) -> AppResult<(TalkRow, SpaceRow)> {
    let a = audience(c, caller)?;
    let row = sessions::find_seen(c, id, &seen(caller, a))?
        .ok_or_else(|| AppError::not_found("this session"))?;
    let space = venues::find(c, row.space_id)?
        .ok_or_else(|| AppError::internal(format!("session {id} without its space")))?;
    Ok((row, space))
}

/// Whether the caller runs a session in `space`: a host (`hosted`), the
/// office of its place, an administrator.
fn runs_in(caller: &Caller, hosted: bool, space: &SpaceRow) -> bool {
    onestop_domain::community::talks::runs(
        hosted,
        keeps(
            &caller.roles,
            &caller.scope,
            space.community_id,
            space.building_id,
        ),
        &caller.roles,
    )
}

fn runs(c: &mut DbConn, caller: &Caller, row: &TalkRow, space: &SpaceRow) -> AppResult<bool> {
    let hosts = sessions::hosts(c, &[row.id])?;
    Ok(runs_in(
        caller,
        hosts.iter().any(|h| h.user_id == caller.id),
        space,
    ))
}

fn require_runs(c: &mut DbConn, caller: &Caller, row: &TalkRow, space: &SpaceRow) -> AppResult<()> {
    if runs(c, caller, row, space)? {
        Ok(())
    } else {
        Err(AppError::Forbidden {
            detail: "a session is run by its hosts and the community office of its place".into(),
        })
    }
}
