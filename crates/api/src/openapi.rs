//! The OpenAPI document, assembled from the same registrations the router
//! uses (utoipa-actix-web), so the spec cannot drift from the routes.

use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "onestop API",
        description = "一站式学生社区 — the one-stop student community platform: accounts, the dormitory grid, \
                       the service hall and reform-task tracking. Errors are RFC 9457 problem documents \
                       (`application/problem+json`).",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign in, refresh and sign out"),
        (name = "me", description = "The signed-in user"),
        (name = "users", description = "Account administration (admins)"),
        (name = "units", description = "Departments and colleges"),
        (name = "grid", description = "The four-level dormitory grid: nodes, posts, residency, duties, meetings, CSV import and export"),
        (name = "service hall", description = "One-stop requests: repair, insurance claim, stamp, check-in, check-out, room change"),
        (name = "reform", description = "The reform plan's tasks, parts and units"),
        (name = "operations", description = "Health and readiness probes"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

/// The document as app data for the handler that serves it.
pub struct Spec(pub Document);

/// The whole document, as served at `/api/v1/openapi.json` and committed in openapi/.
pub fn document() -> Document {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::register_routes)
        .split_for_parts();
    // The version is the crate's, not utoipa's default, so the committed file
    // changes only when the API does.
    doc.info.version = env!("CARGO_PKG_VERSION").into();
    doc
}

/// The committed form: pretty JSON with a trailing newline.
pub fn document_json() -> String {
    let mut s = document().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}
