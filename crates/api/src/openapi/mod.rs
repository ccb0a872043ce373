//! The OpenAPI document, assembled from the same registrations the router
//! uses (utoipa-actix-web), so the spec cannot drift from the routes.

mod common;
mod rules;

use actix_web::App;
use common::CommonProblems;
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
    // Types that reach the document only through query parameters, and the
    // problem document, which `common.rs` attaches to every failing status.
    components(schemas(
        onestop_domain::problem::Problem,
        onestop_domain::FieldError,
        crate::routes::service::queue::Sort,
        onestop_domain::dates::Day,
        onestop_domain::dates::Moment,
        onestop_domain::page::Limit,
        onestop_domain::community::spaces::wire::Days
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign in, refresh and sign out"),
        (name = "me", description = "The signed-in user"),
        (name = "users", description = "Account administration (admins)"),
        (name = "units", description = "Departments and colleges"),
        (name = "grid", description = "The four-level dormitory grid: nodes, posts, residency, duties, meetings, CSV import and export"),
        (name = "service hall", description = "One-stop requests: repair, insurance claim, stamp, check-in, check-out, room change"),
        (name = "reform", description = "The reform plan's tasks, parts and units"),
        (name = "integration", description = "Other campus systems: service accounts and their secrets (administrators)"),
        (name = "visits", description = "Contact visits of school leaders and unit heads (任务5): rules, duties, visits, who is behind, follow-ups"),
        (name = "spaces", description = "Community spaces (任务3、8: 党员之家, 红色影院, 社区多功能室 …) and their bookings: calendars, booking, the office's approval"),
        (name = "talks", description = "思政课堂 sessions (任务6: 我与校长有约, 书记面对面, readings, office hours …): applications with a question, the auditable draw, waiting list, attendance, feedback, questions to units"),
        (name = "activities", description = "第二课堂 activities (任务2、7、9): proposals reviewed against the quality standard by 团委 or the college, sign-ups with a waiting list, check-in with a code that changes every 30 seconds while the activity runs"),
        (name = "party", description = "Party-member points (任务2): the 党工委 of each community and the 特设党支部 of each building, members with their 示范寝室 and 责任区, the rules table kept by 党群工作部, and the append-only ledger — secretaries approve, corrections are new entries"),
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
        // Other campus systems: OAuth 2 client credentials; each endpoint open
        // to them names the scope it needs (checked by `auth/scopes.rs`).
        use onestop_domain::integration::ClientScope;
        use utoipa::openapi::security::{ClientCredentials, Flow, OAuth2, Scopes};
        let scopes = Scopes::from_iter(ClientScope::ALL.map(|s| (s.as_str(), scope_meaning(s))));
        let flow = Flow::ClientCredentials(ClientCredentials::new("/api/v1/auth/token", scopes));
        components.add_security_scheme("client", SecurityScheme::OAuth2(OAuth2::new([flow])));
    }
}

fn scope_meaning(s: onestop_domain::integration::ClientScope) -> &'static str {
    use onestop_domain::integration::ClientScope::*;
    match s {
        RequestsRead => "Read requests, their timelines and files, the SLA rules",
        RequestsWrite => "Act on requests: transitions, comments, files",
        GridRead => "Read the grid: nodes, posts, residents, free beds, duties, meetings",
        GridWrite => "Change the grid: nodes, posts, grid imports",
        RosterWrite => "Keep students and beds in step: roster imports, check-in, check-out, moves",
        ReformRead => "Read the reform plan: tasks, assignments, the board, reports",
        WebhooksManage => "Subscribe to events (webhooks), read their delivery log, redeliver",
        MetricsRead => "Read the server's metrics",
        VisitsRead => "Read contact visits, visit rules and duties, who is behind, follow-ups",
        SpacesRead => "Read community spaces and their booking calendars",
        TalksRead => "Read 思政课堂 sessions and the records of their draws",
        GrowthRead => "Read 第二课堂 activities, sign-ups and attendance, students' transcripts and colleges' summaries",
    }
}

/// The document as served and committed (JSON, with the [`rules`] utoipa cannot state),
/// as app data for the handler that serves it and the 405 answer.
pub struct Spec(pub serde_json::Value);

impl Spec {
    pub fn new() -> Self {
        Spec(document_value())
    }

    /// The methods the document lists for a concrete path, e.g.
    /// `/api/v1/requests/0192…` matches `/api/v1/requests/{id}`.
    pub fn methods_for(&self, path: &str) -> Vec<&'static str> {
        let want: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let mut out = Vec::new();
        let Some(paths) = self.0["paths"].as_object() else {
            return out;
        };
        for (template, item) in paths {
            let have: Vec<&str> = template.split('/').collect();
            let fits = have.len() == want.len()
                && have
                    .iter()
                    .zip(&want)
                    .all(|(h, w)| (h.starts_with('{') && !w.is_empty()) || h == w);
            if !fits {
                continue;
            }
            for name in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
                if item.get(name.to_ascii_lowercase()).is_some() && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }
}

impl Default for Spec {
    fn default() -> Self {
        Self::new()
    }
}

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
    // After the routes: the modifiers of `ApiDoc` run before any path exists.
    CommonProblems.modify(&mut doc);
    doc
}

/// The document as JSON, with the rules utoipa cannot state added.
pub fn document_value() -> serde_json::Value {
    let mut value = serde_json::to_value(document()).unwrap_or_default();
    rules::apply(&mut value);
    value
}

/// The committed form: pretty JSON with a trailing newline.
pub fn document_json() -> String {
    let mut s = serde_json::to_string_pretty(&document_value()).unwrap_or_default();
    s.push('\n');
    s
}
