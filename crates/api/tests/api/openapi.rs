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

/// utoipa names a component by its type's bare name, so a second wire type
/// of the same name (two `CheckInRequest`s in different areas) silently
/// replaces the first in the document, and clients of one endpoint get the
/// other's schema. Every type with a schema has a name of its own.
#[test]
fn schema_names_are_unique() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["../domain/src", "src"] {
        walk(&root.join(dir), &mut files);
    }
    let mut seen: HashMap<String, Vec<String>> = HashMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let Some(rest) = l
                .trim_start()
                .strip_prefix("pub struct ")
                .or_else(|| l.trim_start().strip_prefix("pub enum "))
            else {
                continue;
            };
            let derives_schema = lines[i.saturating_sub(6)..i]
                .iter()
                .any(|d| d.contains("ToSchema"));
            if derives_schema {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                seen.entry(name).or_default().push(f.display().to_string());
            }
        }
    }
    let twice: Vec<_> = seen.iter().filter(|(_, at)| at.len() > 1).collect();
    assert!(twice.is_empty(), "schema names used twice: {twice:?}");
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
