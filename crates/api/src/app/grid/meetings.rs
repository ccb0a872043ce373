//! Grid meetings (网格例会) held at a node in the recorder's scope.

use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{meetings, nodes};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::wire::{CreateMeetingRequest, MeetingView};
use onestop_domain::grid::Scope;
use onestop_domain::{NodeId, UserId};

/// Record a checked meeting at a node in scope.
pub fn record(
    c: &mut DbConn,
    scope: &Scope,
    node: NodeId,
    req: &CreateMeetingRequest,
    by: UserId,
    now: DateTime<Utc>,
) -> AppResult<MeetingView> {
    let node = nodes::find_in_scope(c, node, scope)?.ok_or_else(super::nodes::not_found)?;
    let row = meetings::insert(c, node.id, req, by, now)?;
    meetings::views(c, &[row])?
        .pop()
        .ok_or_else(|| AppError::internal("meeting vanished"))
}
