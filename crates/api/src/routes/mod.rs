//! HTTP handlers by area. Handlers are thin: parse, authorize, call the
//! domain, persist, respond.

pub mod auth;
pub mod docs;
pub mod grid;
pub mod growth;
pub mod health;
pub mod inspection;
pub mod integration;
pub mod me;
pub mod notifications;
pub mod party;
pub mod reform;
pub mod service;
pub mod spaces;
pub mod talks;
pub mod units;
pub mod uploads;
pub mod users;
pub mod visits;

use onestop_domain::UnitId;
use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`.
pub fn api_v1(cfg: &mut ServiceConfig) {
    cfg.configure(auth::routes)
        .configure(me::routes)
        .configure(notifications::routes)
        .configure(users::routes)
        .configure(units::routes)
        .configure(docs::routes)
        .configure(grid::routes)
        .configure(service::routes)
        .configure(reform::routes)
        .configure(integration::routes)
        .configure(visits::routes)
        .configure(spaces::routes)
        .configure(talks::routes)
        .configure(growth::routes)
        .configure(party::routes)
        .configure(inspection::routes);
}

/// A list's `unit` filter (code or id) as a unit id; empty is no filter. A
/// reference that names no unit becomes the nil id, which no unit holds, so
/// the list is empty, as for any other filter that matches nothing.
pub fn unit_filter(
    c: &mut crate::db::DbConn,
    reference: Option<&str>,
) -> crate::error::ApiResult<Option<UnitId>> {
    let Some(r) = reference.filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    Ok(Some(
        crate::db::repo::units::find_by_ref(c, r)?.map_or(UnitId(uuid::Uuid::nil()), |u| u.id),
    ))
}
