//! Other campus systems: service accounts (administrators).

mod accounts;
mod token;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    accounts::routes(cfg);
    cfg.service(token::token);
}
