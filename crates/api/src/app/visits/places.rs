//! Where a visit can be recorded, a level at a time: the communities, the
//! buildings of one, the rooms of a building. Names only, for whoever
//! records visits: a leader holds no grid post, so the grid's own lists
//! (scoped by posts) would show them nothing.

use super::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::nodes;
use crate::db::DbConn;
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::grid::Level;
use onestop_domain::NodeId;

pub fn under(c: &mut DbConn, caller: &Caller, under: Option<NodeId>) -> AppResult<Vec<PlaceRef>> {
    caller.require_staff()?;
    let rows = match under {
        None => nodes::communities(c)?,
        Some(id) => {
            let root = nodes::find(c, id)?
                .filter(|n| n.archived_at.is_none())
                .ok_or_else(|| AppError::not_found("this place"))?;
            // Zones are skipped: a visit is to a community, a building or a room.
            let next = match root.level {
                Level::Community | Level::CollegeZone => Level::Building,
                Level::Building => Level::Room,
                Level::Room => return Ok(Vec::new()),
            };
            nodes::subtree(c, &root, next, false)?
                .into_iter()
                .filter(|n| n.level == next)
                .collect()
        }
    };
    Ok(rows
        .into_iter()
        .map(|r| PlaceRef {
            id: r.id,
            level: r.level,
            name: r.name,
        })
        .collect())
}
