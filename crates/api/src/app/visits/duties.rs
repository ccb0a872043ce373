//! Who must visit: a school leader linked to a community, or the head of a
//! unit, from a day and (once ended) to a day.

use super::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::repo::visits::duties;
use crate::db::repo::{units, users};
use crate::db::rows::{to_db, VisitDutyRow};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use onestop_domain::community::visits::DutyKind;
use onestop_domain::community::wire::{
    CreateVisitDutyRequest, EndVisitDutyRequest, PlaceRef, VisitDutyView,
};
use onestop_domain::grid::Level;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{Role, VisitDutyId};
use std::collections::HashMap;

pub fn views(c: &mut DbConn, rows: &[VisitDutyRow]) -> AppResult<Vec<VisitDutyView>> {
    let names = users::names(c, rows.iter().map(|r| r.user_id))?;
    let places = nodes::names(c, rows.iter().filter_map(|r| r.community_id))?;
    let unit_ids: Vec<_> = rows.iter().filter_map(|r| r.unit_id).collect();
    let units: HashMap<_, _> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(rows
        .iter()
        .map(|r| VisitDutyView {
            id: r.id,
            person: names.person(r.user_id),
            duty: r.duty,
            community: r.community_id.map(|id| PlaceRef {
                id,
                level: Level::Community,
                name: places.get(&id).cloned().unwrap_or_default(),
            }),
            unit: r.unit_id.and_then(|u| units.get(&u)).map(units::view),
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            version: r.version,
        })
        .collect())
}

pub fn list(c: &mut DbConn, caller: &Caller) -> AppResult<Vec<VisitDutyView>> {
    caller.require_staff()?;
    let rows = duties::all(c)?;
    views(c, &rows)
}

fn overlaps(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    a.0 <= b.1.unwrap_or(NaiveDate::MAX) && b.0 <= a.1.unwrap_or(NaiveDate::MAX)
}

fn refuse_overlap(
    c: &mut DbConn,
    row: &VisitDutyRow,
    except: Option<VisitDutyId>,
) -> AppResult<()> {
    let held = duties::of_person(c, row.user_id, row.duty, except)?;
    if let Some(h) = held
        .iter()
        .find(|h| overlaps((h.starts_on, h.ends_on), (row.starts_on, row.ends_on)))
    {
        return Err(AppError::Conflict {
            code: ProblemCode::DutyOverlaps,
            detail: format!(
                "this person already holds such a duty from {}{}; end it first",
                h.starts_on,
                h.ends_on.map(|e| format!(" to {e}")).unwrap_or_default()
            ),
        });
    }
    Ok(())
}

/// Give a person a duty (the seed passes no caller).
pub fn create(
    c: &mut DbConn,
    by: Option<&Caller>,
    req: &CreateVisitDutyRequest,
    now: DateTime<Utc>,
) -> AppResult<VisitDutyView> {
    if let Some(caller) = by {
        caller.require_manager()?;
    }
    let person = users::find(c, req.user_id)?
        .filter(|a| a.row.active)
        .ok_or_else(|| AppError::field("user_id", "unknown", "no such active account"))?;
    if !person.roles.contains(Role::Leader) {
        return Err(AppError::field(
            "user_id",
            "not_a_leader",
            "give visit duties to leaders (the role leader): school leaders and heads of units",
        ));
    }
    let (community_id, unit_id) = match req.duty {
        DutyKind::SchoolLeader => {
            let id = req.community_id.ok_or_else(|| {
                AppError::field(
                    "community_id",
                    "incomplete",
                    "name the community the leader is linked to",
                )
            })?;
            let node = nodes::find(c, id)?
                .filter(|n| n.archived_at.is_none() && n.level == Level::Community)
                .ok_or_else(|| {
                    AppError::field(
                        "community_id",
                        "wrong_level",
                        "choose a community of the grid",
                    )
                })?;
            (Some(node.id), person.unit_id())
        }
        DutyKind::UnitHead => {
            if req.community_id.is_some() {
                return Err(AppError::field(
                    "community_id",
                    "incomplete",
                    "a unit head is not linked to one community; leave it out",
                ));
            }
            let unit = person.unit_id().ok_or_else(|| {
                AppError::field(
                    "user_id",
                    "not_of_unit",
                    "this person belongs to no unit; set their unit first",
                )
            })?;
            (None, Some(unit))
        }
    };
    if req.ends_on.is_some_and(|e| e < req.starts_on) {
        return Err(AppError::field(
            "ends_on",
            "before_start",
            "a duty ends on or after its first day",
        ));
    }
    let row = VisitDutyRow {
        id: VisitDutyId::new(),
        user_id: req.user_id,
        duty: req.duty,
        community_id,
        unit_id,
        starts_on: req.starts_on.get(),
        ends_on: req.ends_on.map(|d| d.get()),
        version: 1,
        created_by: by.map(|c| c.id),
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    // Two managers giving the same duty at once: the person's row serialises them.
    users::lock(c, row.user_id)?;
    refuse_overlap(c, &row, None)?;
    duties::insert(c, &row)?;
    Ok(views(c, std::slice::from_ref(&row))?.remove(0))
}

/// End a duty on a day, or open it again, at the version read.
pub fn set_end(
    c: &mut DbConn,
    caller: &Caller,
    id: VisitDutyId,
    req: &EndVisitDutyRequest,
    now: DateTime<Utc>,
) -> AppResult<VisitDutyView> {
    caller.require_manager()?;
    let mut row = duties::find(c, id)?.ok_or_else(|| AppError::not_found("this duty"))?;
    let ends_on = req.ends_on.map(|d| d.get());
    if ends_on.is_some_and(|e| e < row.starts_on) {
        return Err(AppError::field(
            "ends_on",
            "before_start",
            "a duty ends on or after its first day",
        ));
    }
    users::lock(c, row.user_id)?;
    row.ends_on = ends_on;
    refuse_overlap(c, &row, Some(id))?;
    if duties::set_end(c, id, req.version, ends_on, now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "someone changed this duty since you read it (now version {}); reload and try again",
                row.version
            ),
        });
    }
    let row = duties::find(c, id)?.ok_or_else(|| AppError::not_found("this duty"))?;
    Ok(views(c, std::slice::from_ref(&row))?.remove(0))
}
