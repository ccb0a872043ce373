//! Other campus systems: service accounts and webhook subscriptions.

mod accounts;
mod sync;
mod token;
mod webhooks;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    accounts::routes(cfg);
    webhooks::routes(cfg);
    sync::routes(cfg);
    cfg.service(token::token);
}
