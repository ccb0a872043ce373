//! The monthly dorm evaluation: checklists, inspections, rectifications and
//! each month's ranking.

mod evaluations;
mod inspections;
mod items;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    items::routes(cfg);
    inspections::routes(cfg);
    evaluations::routes(cfg);
}
