//! The grid API: nodes, posts, residency, service item lists, meetings, and
//! CSV import/export. Every handler takes a [`GridActor`](crate::auth::GridActor),
//! whose scope goes into the queries; ids outside it answer 404.

pub mod buildings;
pub mod duties;
pub mod meetings;
pub mod nodes;
pub mod posts;
pub mod residency;
pub mod transfer;
pub mod vacancies;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.configure(nodes::routes)
        .configure(buildings::routes)
        .configure(posts::routes)
        .configure(residency::routes)
        .configure(duties::routes)
        .configure(meetings::routes)
        .configure(transfer::routes)
        .configure(vacancies::routes);
}
