//! The OpenAPI document, assembled from the same registrations the router
//! uses (utoipa-actix-web), so the spec cannot drift from the routes.

use actix_web::App;
use onestop_domain::problem::PROBLEM_CONTENT_TYPE;
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
    // Types that reach the document only through query parameters.
    components(schemas(
        crate::routes::service::queue::Sort,
        onestop_domain::dates::Day,
        onestop_domain::dates::Moment,
        onestop_domain::page::Limit
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

/// The problems any operation of a kind can answer, declared here once
/// rather than on every handler: 401 where a token is required, 400 where
/// parameters or a body are read, 413 and 415 for JSON bodies, 404 where the
/// path names something. A handler's own description of a status is kept.
struct CommonProblems;

impl Modify for CommonProblems {
    fn modify(&self, openapi: &mut Document) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let problem = |why: &str| {
            ResponseBuilder::new()
                .description(why)
                .content(
                    PROBLEM_CONTENT_TYPE,
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let params = op.parameters.as_deref().unwrap_or_default();
                let in_path = params.iter().any(|p| p.parameter_in == ParameterIn::Path);
                let read = !params.is_empty() || op.request_body.is_some();
                let json = op
                    .request_body
                    .as_ref()
                    .is_some_and(|b| b.content.contains_key("application/json"));
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let mut add = |status: &str, why: &str| {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem(why).into());
                };
                if read {
                    add(
                        "400",
                        "A parameter or the body is not valid (each bad field is named)",
                    );
                }
                if secured {
                    add(
                        "401",
                        "No valid access token: sign in, or refresh the session",
                    );
                }
                if in_path {
                    add(
                        "404",
                        "Nothing with this id exists, or it is not visible to you",
                    );
                }
                if json {
                    add("413", "The body is larger than 256 KiB");
                    add("415", "The body is not sent as application/json");
                }
            }
        }
    }
}

/// The document as served and committed (JSON, after [`refuse_nul_in_text`]),
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

/// The document as JSON, with what utoipa cannot say added.
pub fn document_value() -> serde_json::Value {
    let mut value = serde_json::to_value(document()).unwrap_or_default();
    refuse_nul_in_text(&mut value);
    value
}

/// The server refuses a NUL character in any text (PostgreSQL cannot store
/// one): every free-text string in the document says so with a `pattern`.
/// Strings with a format, a list of values or a pattern of their own are left
/// as they are; `\S` (not blank) becomes "not blank and no NUL".
fn refuse_nul_in_text(doc: &mut serde_json::Value) {
    use serde_json::Value;
    const ANY: &str = r"^[^\u0000]*$";
    const NOT_BLANK: &str = r"^[^\u0000]*[^\s\u0000][^\u0000]*$";
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                let is_string = match map.get("type") {
                    Some(Value::String(t)) => t == "string",
                    Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                    _ => false,
                };
                let free = !map.contains_key("format") && !map.contains_key("enum");
                if is_string && free {
                    match map.get("pattern").and_then(Value::as_str) {
                        None => {
                            map.insert("pattern".into(), ANY.into());
                        }
                        Some("\\S") => {
                            map.insert("pattern".into(), NOT_BLANK.into());
                        }
                        Some(_) => {}
                    }
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(doc);
}

/// The committed form: pretty JSON with a trailing newline.
pub fn document_json() -> String {
    let mut s = serde_json::to_string_pretty(&document_value()).unwrap_or_default();
    s.push('\n');
    s
}
