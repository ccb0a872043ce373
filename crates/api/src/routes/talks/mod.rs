//! 思政课堂 sessions: announced by their hosts in a community space, applied
//! for by students, places drawn from a committed seed, then attendance,
//! feedback and follow-ups.

mod applications;
mod sessions;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    sessions::routes(cfg);
    applications::routes(cfg);
}
