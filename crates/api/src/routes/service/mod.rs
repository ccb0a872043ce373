//! The service hall's HTTP surface. Handlers parse, authorize through the
//! caller's visibility (in the query), and hand the work to `crate::hall`.

pub mod attachments;
pub mod queue;
pub mod requests;
pub mod sla;

use crate::app::service::Actor;
use crate::db::repo::service::requests as repo;
use crate::db::rows::RequestRow;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    // The queue first: `/requests/counts` must not be taken for `/requests/{id}`.
    cfg.configure(queue::routes)
        .configure(requests::routes)
        .configure(attachments::routes)
        .configure(sla::routes);
}

/// The request if the actor may see it; 404 otherwise, whether or not it exists.
pub fn visible(c: &mut DbConn, actor: &Actor, id: &uuid::Uuid) -> ApiResult<RequestRow> {
    repo::find_visible(c, &id.to_string(), &actor.visibility())?
        .ok_or_else(|| ApiError::not_found("this request"))
}

pub fn view(
    c: &mut DbConn,
    row: RequestRow,
) -> ApiResult<onestop_domain::service::wire::RequestView> {
    repo::views(c, &[row])?
        .pop()
        .ok_or_else(|| ApiError::internal("request could not be shown"))
}

/// The request as `actor` sees it, with the actions open to them now.
pub fn view_as(
    c: &mut DbConn,
    actor: &Actor,
    row: RequestRow,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<onestop_domain::service::wire::RequestView> {
    let who = actor.relation(&row);
    let mut v = view(c, row)?;
    v.actions =
        onestop_domain::service::lifecycle::available_actions(v.state, who, v.resolved_at, now);
    Ok(v)
}
