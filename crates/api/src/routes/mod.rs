//! HTTP handlers by area. Handlers are thin: parse, authorize, call the
//! domain, persist, respond.

pub mod auth;
pub mod docs;
pub mod grid;
pub mod health;
pub mod me;
pub mod reform;
pub mod service;
pub mod units;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Everything under `/api/v1`.
pub fn api_v1(cfg: &mut ServiceConfig) {
    cfg.configure(auth::routes)
        .configure(me::routes)
        .configure(users::routes)
        .configure(units::routes)
        .configure(docs::routes)
        .configure(grid::routes)
        .configure(service::routes)
        .configure(reform::routes);
}
