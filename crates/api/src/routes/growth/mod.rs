//! Second-classroom activities: proposals and their review, sign-ups, and
//! check-in with the rotating code.

mod activities;
mod attendance;
mod signups;
mod transcripts;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    activities::routes(cfg);
    signups::routes(cfg);
    attendance::routes(cfg);
    transcripts::routes(cfg);
}

/// This server's address as the caller reached it (a proxy's `Forwarded`
/// headers included): what is printed or shown for others to open.
fn origin(req: &actix_web::HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}", info.scheme(), info.host())
}
