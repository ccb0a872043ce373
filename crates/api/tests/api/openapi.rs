//! The OpenAPI document is a contract other systems generate code from: every
//! reference resolves and every operation has an id of its own.

use onestop_api::openapi;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

fn document() -> Value {
    serde_json::from_str(&openapi::document_json()).unwrap()
}

fn refs(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => {
                        out.insert(r.clone());
                    }
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let doc = document();
    let mut found = BTreeSet::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    let dangling: Vec<&String> = found
        .iter()
        .filter(|r| {
            let pointer = r.trim_start_matches('#');
            doc.pointer(pointer).is_none()
        })
        .collect();
    assert!(dangling.is_empty(), "references to nothing: {dangling:?}");
}

#[test]
fn operation_ids_are_unique() {
    let doc = document();
    let mut seen: HashMap<String, Vec<String>> = HashMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            seen.entry(id).or_default().push(format!("{method} {path}"));
        }
    }
    let twice: Vec<_> = seen
        .iter()
        .filter(|(id, ops)| id.is_empty() || ops.len() > 1)
        .collect();
    assert!(
        twice.is_empty(),
        "operation ids used twice or missing: {twice:?}"
    );
}

/// Every cursor parameter declares the one shape the server accepts
/// (utoipa takes only a literal there, so each handler repeats it).
#[test]
fn cursors_share_one_pattern() {
    let doc = document();
    let mut found = 0;
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["name"] == "cursor" {
                    found += 1;
                    assert_eq!(p["schema"]["pattern"], onestop_api::cursor::PATTERN, "{p}");
                }
            }
        }
    }
    assert!(found >= 5, "{found}");
}

/// Every POST that creates something (answers 201, or imports rows) takes an
/// `Idempotency-Key`, and says what a reused or busy key gets.
#[test]
fn every_creating_post_takes_an_idempotency_key() {
    let doc = document();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(op) = item.get("post") else { continue };
        let creates = op["responses"].get("201").is_some() || path.contains("/import/");
        // A replay would have to keep the issued secret in plain text: these are not replayed.
        let answer = op["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap_or_default();
        let issues_a_secret = ["IssuedSecret", "IssuedSubscription"]
            .iter()
            .any(|s| answer.ends_with(&format!("/{s}")));
        if !creates || issues_a_secret {
            continue;
        }
        let takes_key = op["parameters"].as_array().is_some_and(|ps| {
            ps.iter()
                .any(|p| p["in"] == "header" && p["name"] == "Idempotency-Key")
        });
        let answers = ["409", "422"].iter().all(|s| {
            op["responses"][s]["description"]
                .as_str()
                .is_some_and(|d| d.contains("Idempotency-Key"))
        });
        if !(takes_key && answers) {
            missing.push(path.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "creating POSTs without an idempotency key: {missing:?}"
    );
}
