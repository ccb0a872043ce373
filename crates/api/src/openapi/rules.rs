//! What the server enforces that utoipa's derive cannot write: text without
//! NUL, and conditions between the fields of one object (`if`/`then`).

use serde_json::{json, Value};

/// Text that is not blank once trimmed, and holds no NUL.
const NOT_BLANK: &str = r"^[^\u0000]*[^\s\u0000][^\u0000]*$";
/// A name: no control characters, not blank.
const NAME: &str = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$";
/// A building code or room number.
const CODE: &str = "^[A-Za-z0-9-]{1,16}$";

pub(super) fn apply(doc: &mut Value) {
    // Each rule's target is asserted to exist by the tests below.
    for (schema, rules) in conditions() {
        if let Some(Value::Object(target)) = doc["components"]["schemas"].get_mut(schema) {
            if let Value::Array(all) = target.entry("allOf").or_insert_with(|| json!([])) {
                all.extend(rules);
            }
        }
    }
    for (schema, property, items) in item_rules() {
        if let Some(slot) = doc.pointer_mut(&item_pointer(schema, property)) {
            *slot = items;
        }
    }
    refuse_nul_in_text(doc);
}

fn item_pointer(schema: &str, property: &str) -> String {
    format!("/components/schemas/{schema}/properties/{property}/items")
}

/// Rules that tie one field to another in the same object, as JSON Schema
/// `if`/`then`, added to the named component. The server checks the same
/// (the tests of each area send both sides of each rule).
fn conditions() -> Vec<(&'static str, Vec<Value>)> {
    let is = |field: &str, value: &str| json!({"properties": {field: {"const": value}}, "required": [field]});
    vec![
        (
            "NewReportRequest",
            vec![
                json!({"if": is("status", "done"), "then": {"properties": {"percent": {"const": 100}}}}),
            ],
        ),
        (
            "NewReviewRequest",
            vec![json!({
                "if": {"properties": {"verdict": {"enum": ["comment", "rework"]}}, "required": ["verdict"]},
                "then": {"required": ["text"], "properties": {"text": {"type": "string", "pattern": NOT_BLANK}}}
            })],
        ),
        (
            "DecideBookingRequest",
            vec![json!({
                "if": {"properties": {"approve": {"const": false}}, "required": ["approve"]},
                "then": {"required": ["note"], "properties": {"note": {"type": "string", "pattern": NOT_BLANK}}}
            })],
        ),
        (
            "CreateNodeRequest",
            vec![
                json!({
                    "if": is("level", "room"),
                    "then": {
                        "required": ["code", "floor", "capacity", "gender"],
                        "properties": {
                            "code": {"type": "string", "pattern": CODE},
                            "floor": {"type": "integer", "minimum": -5, "maximum": 100},
                            "capacity": {"type": "integer", "minimum": 1, "maximum": onestop_domain::grid::node::MAX_BEDS},
                            "gender": {"$ref": "#/components/schemas/Gender"}
                        }
                    },
                    "else": {
                        "required": ["name"],
                        "properties": {
                            "name": {"type": "string", "pattern": NAME},
                            "floor": {"type": "null"},
                            "capacity": {"type": "null"}
                        }
                    }
                }),
                json!({
                    "if": is("level", "building"),
                    "then": {"required": ["code"], "properties": {"code": {"type": "string", "pattern": CODE}}}
                }),
                json!({
                    "if": is("level", "community"),
                    "then": {"properties": {"parent_id": {"type": "null"}}},
                    "else": {"required": ["parent_id"], "properties": {"parent_id": {"type": "string"}}}
                }),
                json!({
                    "if": is("level", "college_zone"),
                    "then": {"required": ["college"], "properties": {"college": {"type": "string"}}}
                }),
            ],
        ),
    ]
}

/// What each entry of a list of text must be, where utoipa can only say "string".
fn item_rules() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "CreateMeetingRequest",
            "attendees",
            json!({"type": "string", "maxLength": 64, "pattern": NAME}),
        ),
        (
            "CreateMeetingRequest",
            "decisions",
            json!({"type": "string", "maxLength": 2000, "pattern": NOT_BLANK}),
        ),
    ]
}

/// The server refuses a NUL character in any text (PostgreSQL cannot store
/// one): every free-text string in the document says so with a `pattern`.
/// Strings with a format, a list of values or a pattern of their own are left
/// as they are; `\S` (not blank) becomes "not blank and no NUL".
fn refuse_nul_in_text(doc: &mut serde_json::Value) {
    use serde_json::Value;
    const ANY: &str = r"^[^\u0000]*$";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_lands_on_its_schema() {
        let doc = super::super::document_value();
        for (schema, rules) in conditions() {
            let all = &doc["components"]["schemas"][schema]["allOf"];
            assert!(
                all.as_array().is_some_and(|a| a.len() >= rules.len()),
                "{schema} lacks its conditions"
            );
        }
        for (schema, property, items) in item_rules() {
            let slot = doc.pointer(&item_pointer(schema, property));
            assert_eq!(
                slot.and_then(|v| v.get("maxLength")),
                items.get("maxLength"),
                "{schema}.{property}"
            );
        }
    }
}
