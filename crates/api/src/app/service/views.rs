//! A request as a caller may see it.

use super::Actor;
use crate::app::{AppError, AppResult};
use crate::db::repo::service::requests as repo;
use crate::db::rows::RequestRow;
use crate::db::DbConn;
use onestop_domain::RequestId;

/// The request if the actor may see it; 404 otherwise, whether or not it exists.
pub fn visible(c: &mut DbConn, actor: &Actor, id: &uuid::Uuid) -> AppResult<RequestRow> {
    repo::find_visible(c, RequestId(*id), &actor.visibility())?
        .ok_or_else(|| AppError::not_found("this request"))
}

pub fn view(
    c: &mut DbConn,
    row: RequestRow,
) -> AppResult<onestop_domain::service::wire::RequestView> {
    repo::views(c, &[row])?
        .pop()
        .ok_or_else(|| AppError::internal("request could not be shown"))
}

/// The request as `actor` sees it, with the actions open to them now.
pub fn view_as(
    c: &mut DbConn,
    actor: &Actor,
    row: RequestRow,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<onestop_domain::service::wire::RequestView> {
    let who = actor.relation(&row);
    let mut v = view(c, row)?;
    v.actions =
        onestop_domain::service::lifecycle::available_actions(v.state, who, v.resolved_at, now);
    Ok(v)
}
