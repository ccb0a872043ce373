//! Proposing an activity, its review against the quality standard, and
//! cancelling it before it starts.

use super::{activity_views, found, require_runs, reviewer, reviews, stale, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::repo::growth::activities::{self as repo, ActivityFilter};
use crate::db::rows::{from_db, to_db, ActivityRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::Level;
use onestop_domain::growth::wire::{
    ActivityView, CancelActivityRequest, ProposeActivityRequest, ReviewActivityRequest,
};
use onestop_domain::growth::{may_propose, ActivityState, Refusal, Review};
use onestop_domain::problem::ProblemCode;
use onestop_domain::ActivityId;

pub fn propose(
    c: &mut DbConn,
    caller: &Caller,
    req: &ProposeActivityRequest,
    now: DateTime<Utc>,
) -> AppResult<ActivityView> {
    req.check(now)?;
    if !may_propose(&caller.roles) {
        return Err(AppError::Forbidden {
            detail: "activities are proposed by staff, in their unit's name".into(),
        });
    }
    let Some(unit_id) = caller.unit_id else {
        return Err(AppError::Forbidden {
            detail: "an activity runs in a unit's name; your account has no unit".into(),
        });
    };
    let place = nodes::find(c, req.place_id)?
        .filter(|n| n.archived_at.is_none())
        .ok_or_else(|| AppError::field("place_id", "unknown", "no such place in the grid"))?;
    if place.level == Level::Room {
        return Err(AppError::field(
            "place_id",
            "wrong_level",
            "a community, a college zone or a building; name the room under location",
        ));
    }
    let row = ActivityRow {
        id: ActivityId::new(),
        title: req.title.trim().to_owned(),
        description: req.description.trim().to_owned(),
        category: req.category,
        level: req.level,
        unit_id,
        organisation: req.organisation.trim().to_owned(),
        organiser_id: caller.id,
        place_id: place.id,
        community_id: place.community_id,
        zone_id: place.zone_id,
        building_id: place.building_id,
        location: req.location.trim().to_owned(),
        starts_at: to_db(req.starts_at.get()),
        ends_at: to_db(req.ends_at.get()),
        capacity: req.capacity,
        hours: req.hours,
        state: ActivityState::Proposed,
        secret: crate::auth::refresh::generate(),
        reviewed_by: None,
        reviewed_at: None,
        review_met: String::new(),
        review_note: String::new(),
        cancel_reason: None,
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    repo::insert(c, &row)?;
    super::effects::proposed(c, &row, now)?;
    Ok(activity_views(c, caller, vec![row], now)?.remove(0))
}

pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    filter: &ActivityFilter,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<(Vec<ActivityView>, bool)> {
    let (rows, more) = repo::list(c, &super::seen(caller), filter, limit)?;
    Ok((activity_views(c, caller, rows, now)?, more))
}

pub fn get(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    now: DateTime<Utc>,
) -> AppResult<ActivityView> {
    let row = found(c, caller, id)?;
    Ok(activity_views(c, caller, vec![row], now)?.remove(0))
}

pub fn review(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    req: &ReviewActivityRequest,
    now: DateTime<Utc>,
) -> AppResult<ActivityView> {
    req.check()?;
    let mut row = found(c, caller, id)?;
    let who = reviewer(c, caller)?;
    if !reviews(caller, who, &row) {
        return Err(AppError::Forbidden {
            detail: "proposals are reviewed by 团委 and by the organising college".into(),
        });
    }
    let decision = if req.approve {
        Review::Approve
    } else {
        Review::Reject
    };
    row.state = match row.state.reviewed(decision, &req.met) {
        Ok(s) => s,
        Err(Refusal::Unconfirmed(missing)) => {
            let names: Vec<_> = missing.iter().map(|m| m.as_str()).collect();
            return Err(AppError::field(
                "met",
                "unmet",
                format!(
                    "approval needs every point of the standard met; not yet: {}",
                    names.join(", ")
                ),
            ));
        }
        Err(Refusal::State(s)) => {
            return Err(AppError::Conflict {
                code: ProblemCode::IllegalTransition,
                detail: format!(
                    "this activity is {} and no longer waits for review",
                    s.as_str()
                ),
            })
        }
    };
    row.reviewed_by = Some(caller.id);
    row.reviewed_at = Some(to_db(now));
    let mut met: Vec<_> = req.met.iter().map(|m| m.as_str()).collect();
    met.sort_unstable();
    row.review_met = met.join(",");
    row.review_note = req.note.trim().to_owned();
    row.updated_at = to_db(now);
    if repo::review(c, &row, req.version)? == 0 {
        return Err(stale());
    }
    row.version = req.version + 1;
    super::effects::reviewed(c, &row, caller.id, now)?;
    Ok(activity_views(c, caller, vec![row], now)?.remove(0))
}

pub fn cancel(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    req: &CancelActivityRequest,
    now: DateTime<Utc>,
) -> AppResult<ActivityView> {
    req.check()?;
    let row = found(c, caller, id)?;
    let who = reviewer(c, caller)?;
    if !reviews(caller, who, &row) {
        require_runs(caller, &row)?;
    }
    if now >= from_db(row.starts_at) {
        return Err(AppError::Conflict {
            code: ProblemCode::ActivityStarted,
            detail: "the activity has begun and can no longer be cancelled".into(),
        });
    }
    if row.state.cancelled().is_err() {
        return Err(AppError::Conflict {
            code: ProblemCode::IllegalTransition,
            detail: format!("this activity is {} already", row.state.as_str()),
        });
    }
    if repo::cancel(c, id, req.version, req.reason.trim(), now)? == 0 {
        return Err(stale());
    }
    let row = repo::find(c, id)?.ok_or_else(|| AppError::not_found("this activity"))?;
    super::effects::cancelled(c, &row, caller.id, now)?;
    Ok(activity_views(c, caller, vec![row], now)?.remove(0))
}
