//! Community spaces and their bookings: the spaces (everyone signed in
//! reads them; administrators and the community office keep them) and a
//! calendar of bookings, booked, decided and cancelled.

mod bookings;
mod venues;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    venues::routes(cfg);
    bookings::routes(cfg);
}
