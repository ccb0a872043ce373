//! Contact visits: the rules and duties (administrators and the community
//! office), visit records, who is behind, and follow-ups.

mod compliance;
mod duties;
mod follow_ups;
mod photos;
mod places;
mod records;
mod rules;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    rules::routes(cfg);
    duties::routes(cfg);
    compliance::routes(cfg);
    // Before `/visits/{id}`, which would take `places` for an id.
    places::routes(cfg);
    records::routes(cfg);
    photos::routes(cfg);
    follow_ups::routes(cfg);
}
