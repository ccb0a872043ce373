//! The spaces themselves: listed for everyone signed in, kept (created and
//! changed) by administrators and the community office of their place.

use super::{keeper, space_views};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::repo::spaces::venues::{self, SpaceFilter};
use crate::db::rows::{to_db, SpaceRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::spaces::wire::{
    CreateSpaceRequest, SpaceFields, SpaceView, UpdateSpaceRequest,
};
use onestop_domain::grid::Level;
use onestop_domain::problem::ProblemCode;
use onestop_domain::SpaceId;

pub fn list(c: &mut DbConn, caller: &Caller, f: &SpaceFilter) -> AppResult<Vec<SpaceView>> {
    let rows = venues::list(c, f)?;
    space_views(c, caller, &rows)
}

pub fn get(c: &mut DbConn, caller: &Caller, id: SpaceId) -> AppResult<SpaceView> {
    let row = venues::find(c, id)?.ok_or_else(|| AppError::not_found("this space"))?;
    Ok(space_views(c, caller, std::slice::from_ref(&row))?.remove(0))
}

fn forbidden() -> AppError {
    AppError::Forbidden {
        detail: "spaces are kept by administrators and the community office of their community"
            .into(),
    }
}

fn open_to_json(f: &SpaceFields) -> AppResult<String> {
    serde_json::to_string(f.open_to).map_err(AppError::internal)
}

/// A new space (the seed passes no caller).
pub fn create(
    c: &mut DbConn,
    by: Option<&Caller>,
    req: &CreateSpaceRequest,
    now: DateTime<Utc>,
) -> AppResult<SpaceView> {
    let fields = SpaceFields::from(req);
    fields.check()?;
    let place = nodes::find(c, req.place_id)?
        .filter(|n| n.archived_at.is_none())
        .ok_or_else(|| AppError::field("place_id", "unknown", "no such place in the grid"))?;
    if !matches!(place.level, Level::Community | Level::Building) {
        return Err(AppError::field(
            "place_id",
            "wrong_level",
            "a space belongs to a community or a building",
        ));
    }
    if by.is_some_and(|caller| !keeper(caller, place.community_id, place.building_id)) {
        return Err(forbidden());
    }
    let row = SpaceRow {
        id: SpaceId::new(),
        name: req.name.trim().to_string(),
        kind: req.kind,
        place_id: place.id,
        community_id: place.community_id,
        zone_id: place.zone_id,
        building_id: place.building_id,
        capacity: req.capacity,
        equipment: req.equipment.trim().to_string(),
        opens: req.opens.clone(),
        closes: req.closes.clone(),
        open_to: open_to_json(&fields)?,
        needs_approval: req.needs_approval,
        active: true,
        version: 1,
        created_by: by.map(|c| c.id),
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    venues::insert(c, &row)?;
    let seed = Caller::system();
    Ok(space_views(c, by.unwrap_or(&seed), std::slice::from_ref(&row))?.remove(0))
}

/// Replace a space's details at the version read. Bookings already made
/// stay as they are: closing a space or changing its hours refuses only new ones.
pub fn update(
    c: &mut DbConn,
    caller: &Caller,
    id: SpaceId,
    req: &UpdateSpaceRequest,
    now: DateTime<Utc>,
) -> AppResult<SpaceView> {
    let fields = SpaceFields::from(req);
    fields.check()?;
    let mut row = venues::find(c, id)?.ok_or_else(|| AppError::not_found("this space"))?;
    if !keeper(caller, row.community_id, row.building_id) {
        return Err(forbidden());
    }
    let version = row.version;
    row.name = req.name.trim().to_string();
    row.kind = req.kind;
    row.capacity = req.capacity;
    row.equipment = req.equipment.trim().to_string();
    row.opens = req.opens.clone();
    row.closes = req.closes.clone();
    row.open_to = open_to_json(&fields)?;
    row.needs_approval = req.needs_approval;
    row.active = req.active;
    if req.version != version || venues::update(c, &row, version, now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: format!(
                "someone changed this space since you read it (now version {version}); reload and try again"
            ),
        });
    }
    get(c, caller, id)
}
