//! Other campus systems: service accounts (administrators).

mod accounts;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    accounts::routes(cfg);
}
