//! Party-member points: the party organisation on the grid, the rules
//! table and the ledger.

mod branches;
mod points;
mod rules;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    rules::routes(cfg);
    branches::routes(cfg);
    points::routes(cfg);
}
