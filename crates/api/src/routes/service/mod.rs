//! The service hall's HTTP surface. Handlers parse, authorize through the
//! caller's visibility (in the query), and hand the work to `app::service`.

pub mod attachments;
mod changes;
mod form;
pub mod queue;
pub mod requests;
pub mod sla;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    // The queue and the feed first: `/requests/counts` and `/requests/changes`
    // must not be taken for `/requests/{id}`.
    cfg.configure(queue::routes)
        .configure(changes::routes)
        .configure(requests::routes)
        .configure(attachments::routes)
        .configure(sla::routes);
}
