//! The typed client covers every operation of the OpenAPI document: each
//! operation (method and path) has a call in `crates/client/src`, found by
//! reading the client's sources, so a new endpoint without its client
//! method fails here, named by its operationId.

use onestop_api::openapi;
use std::collections::BTreeSet;
use std::path::Path;

/// `/api/v1/users/{id}` and `/api/v1/users/{user}` are the same route.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for ch in path.chars() {
        match ch {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(ch),
            _ => {}
        }
    }
    out
}

/// The helpers that imply their method.
const HELPERS: [(&str, &str); 3] = [
    ("self.download(", "GET"),
    ("self.upload(", "POST"),
    ("self.import_csv(", "POST"),
];

/// Every (METHOD, path shape) the client's sources call: a `Method::X` (or
/// a helper that implies one) followed by the first string literal that
/// starts with `/`.
fn client_calls() -> BTreeSet<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/src");
    let mut calls = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut marks: Vec<(usize, String)> = text
            .match_indices("Method::")
            .map(|(at, m)| {
                let rest = &text[at + m.len()..];
                (
                    at,
                    rest.chars()
                        .take_while(|c| c.is_ascii_uppercase())
                        .collect(),
                )
            })
            .collect();
        for (helper, method) in HELPERS {
            // The helper's own definition takes its path as a parameter: no literal follows closely.
            marks.extend(
                text.match_indices(helper)
                    .map(|(at, _)| (at, method.to_owned())),
            );
        }
        for (at, method) in marks {
            let part = &text[at..];
            let Some(start) = part.find("\"/") else {
                continue;
            };
            // Only a literal within the same call, not one further down the file.
            if part[..start].contains(';') {
                continue;
            }
            let rest = &part[start + 1..];
            let Some(end) = rest.find('"') else { continue };
            let literal = &rest[..end];
            let literal = literal.split('?').next().unwrap_or(literal);
            calls.insert((method, shape(literal)));
        }
    }
    calls
}

#[test]
fn every_operation_has_a_client_method() {
    let doc: serde_json::Value = serde_json::from_str(&openapi::document_json()).unwrap();
    let calls = client_calls();
    assert!(calls.len() > 50, "{calls:?}");
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let key = (method.to_ascii_uppercase(), shape(path));
            if !calls.contains(&key) {
                let id = op["operationId"].as_str().unwrap_or("?");
                missing.push(format!("{id} ({} {path})", key.0));
            }
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "operations without a client method:\n{}",
        missing.join("\n")
    );
}
