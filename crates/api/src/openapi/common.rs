//! Problem answers declared once for every operation of a kind.

use onestop_domain::problem::PROBLEM_CONTENT_TYPE;
use utoipa::openapi::OpenApi as Document;
use utoipa::Modify;

/// The problems any operation of a kind can answer, declared here once
/// rather than on every handler: 401 where a token is required, 400 where
/// parameters or a body are read, 413 and 415 for JSON bodies, 404 where the
/// path names something. A handler names only its own statuses, with what
/// they mean there (`(status = 409, description = "…")`); every 4xx and 5xx
/// is a problem document, and one without a description gets the usual one.
pub(super) struct CommonProblems;

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
                let idempotent = params.iter().any(|p| {
                    p.parameter_in == ParameterIn::Header
                        && p.name == crate::extract::IDEMPOTENCY_HEADER
                });
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
                if idempotent {
                    for (status, why) in [
                        ("409", "another call with this Idempotency-Key is still being processed (retry in a moment)"),
                        ("422", "this Idempotency-Key was used with a different request"),
                    ] {
                        match op.responses.responses.get_mut(status) {
                            Some(utoipa::openapi::RefOr::T(r)) => {
                                let own = if r.description.is_empty() {
                                    usual(status)
                                } else {
                                    r.description.as_str()
                                };
                                r.description = format!("{own}; or {why}");
                            }
                            Some(_) => {}
                            None => {
                                op.responses
                                    .responses
                                    .insert(status.to_owned(), problem(&capitalized(why)).into());
                            }
                        }
                    }
                }
                for (status, response) in op.responses.responses.iter_mut() {
                    let utoipa::openapi::RefOr::T(response) = response else {
                        continue;
                    };
                    if !(status.starts_with('4') || status.starts_with('5')) {
                        continue;
                    }
                    if response.content.is_empty() {
                        response.content = problem("").content;
                    }
                    if response.description.is_empty() {
                        response.description = usual(status).into();
                    }
                }
            }
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a problem status means when the handler says no more.
fn usual(status: &str) -> &'static str {
    match status {
        "400" => "A parameter or the body is not valid (each bad field is named)",
        "401" => "No valid access token: sign in, or refresh the session",
        "403" => "Your role or grid scope does not allow this",
        "404" => "Nothing with this id exists, or it is not visible to you",
        "409" => "The current state does not allow this; reload and try again",
        "413" => "The body is too large",
        "415" => "The body is not of a type this endpoint reads",
        "422" => "The request fits the document, but a rule refuses it (each field is named)",
        "429" => "Too many attempts; wait as long as Retry-After says",
        _ => "The request failed; the problem document says why",
    }
}
