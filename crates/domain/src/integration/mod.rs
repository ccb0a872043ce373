//! Other campus systems as callers: service accounts, the scopes their tokens
//! carry, and the rules for creating them. (How a token is checked against an
//! endpoint's declared scope is the server's; what a scope is, is here.)

pub mod events;
pub mod subscriptions;
pub mod sync;
pub mod webhooks;
pub mod wire;

use crate::dates::Day;
use crate::validation::{FieldError, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::string_enum! {
/// What a service token may do, one family of endpoints each (OAuth 2 scopes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClientScope {
    /// Read requests, their timelines and files.
    #[serde(rename = "requests:read")]
    RequestsRead = "requests:read",
    /// Act on requests: transitions, comments, files.
    #[serde(rename = "requests:write")]
    RequestsWrite = "requests:write",
    /// Read the grid: nodes, posts, residents, free beds.
    #[serde(rename = "grid:read")]
    GridRead = "grid:read",
    /// Change the grid: nodes, posts, grid imports.
    #[serde(rename = "grid:write")]
    GridWrite = "grid:write",
    /// Keep students and beds in step with the student information system.
    #[serde(rename = "roster:write")]
    RosterWrite = "roster:write",
    /// Read the reform plan, its board and reports.
    #[serde(rename = "reform:read")]
    ReformRead = "reform:read",
    /// Subscribe to events (webhooks) and read their delivery log.
    #[serde(rename = "webhooks:manage")]
    WebhooksManage = "webhooks:manage",
    /// Read the server's metrics.
    #[serde(rename = "metrics:read")]
    MetricsRead = "metrics:read",
    /// Read contact visits, follow-ups and who is behind the visit rules.
    #[serde(rename = "visits:read")]
    VisitsRead = "visits:read",
    /// Read community spaces and their booking calendars.
    #[serde(rename = "spaces:read")]
    SpacesRead = "spaces:read",
    /// Read 思政课堂 sessions and the records of their draws (no applicants' names).
    #[serde(rename = "talks:read")]
    TalksRead = "talks:read",
    /// Read 第二课堂 activities, their sign-ups and attendance, and students'
    /// transcripts and their college's summaries (names and hours).
    #[serde(rename = "growth:read")]
    GrowthRead = "growth:read",
}
}

impl ClientScope {
    /// Scopes as an OAuth `scope` parameter: space-separated, in a fixed order.
    pub fn join(scopes: &[ClientScope]) -> String {
        let mut all = scopes.to_vec();
        all.sort();
        all.dedup();
        all.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// An OAuth `scope` parameter; `None` names the scope no one knows.
    pub fn split(text: &str) -> Result<Vec<ClientScope>, String> {
        let mut out: Vec<ClientScope> = Vec::new();
        for word in text.split_ascii_whitespace() {
            let s = ClientScope::parse(word).ok_or_else(|| word.to_owned())?;
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out.sort();
        Ok(out)
    }
}

pub const NAME_MAX_CHARS: usize = 64;

/// The name of a system or subscription: 1 to 64 characters, trimmed, no
/// control characters.
pub fn check_name(name: &str, what: &str) -> Result<String, FieldError> {
    let name = name.trim();
    let len = name.chars().count();
    if len == 0 || len > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        return Err(FieldError::new(
            "name",
            "length",
            format!("give {what} a name of 1 to {NAME_MAX_CHARS} characters"),
        ));
    }
    Ok(name.to_owned())
}
pub const MAX_ALLOWED_ADDRESSES: usize = 20;

/// A service account's settings, checked: a name, at least one scope, at most
/// twenty source ranges (their syntax is the server's to check), an expiry
/// that has not passed.
pub fn check_settings(
    name: &str,
    scopes: &[ClientScope],
    allowed_addresses: &[String],
    expires_on: Option<Day>,
    today: NaiveDate,
) -> Result<String, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let name = errs
        .check(check_name(name, "the system"))
        .unwrap_or_default();
    if scopes.is_empty() {
        errs.push(FieldError::new(
            "scopes",
            "required",
            "choose at least one scope: what the system may do",
        ));
    }
    if allowed_addresses.len() > MAX_ALLOWED_ADDRESSES {
        errs.push(FieldError::new(
            "allowed_addresses",
            "too_many",
            format!("at most {MAX_ALLOWED_ADDRESSES} address ranges"),
        ));
    }
    if expires_on.is_some_and(|d| d.get() <= today) {
        errs.push(FieldError::new(
            "expires_on",
            "past",
            "the expiry must be a day still to come",
        ));
    }
    errs.finish(|| Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_travel_as_oauth_words() {
        use ClientScope::*;
        assert_eq!(
            ClientScope::join(&[GridRead, RequestsRead, GridRead]),
            "requests:read grid:read"
        );
        assert_eq!(
            ClientScope::split(" grid:read  requests:read grid:read").unwrap(),
            [RequestsRead, GridRead]
        );
        assert_eq!(ClientScope::split("grid:read admin").unwrap_err(), "admin");
        assert_eq!(
            serde_json::to_string(&RosterWrite).unwrap(),
            "\"roster:write\""
        );
    }

    #[test]
    fn the_documented_scope_pattern_names_every_scope() {
        // wire.rs spells the scopes out in a pattern; a new scope must be added there too.
        let wire = include_str!("wire.rs");
        for s in ClientScope::ALL {
            assert!(
                wire.contains(s.as_str()),
                "{} missing from the scope pattern",
                s.as_str()
            );
        }
    }

    #[test]
    fn settings_need_a_name_a_scope_and_a_future_expiry() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let scopes = [ClientScope::RequestsRead];
        assert_eq!(
            check_settings(" 后勤系统 ", &scopes, &[], None, today).unwrap(),
            "后勤系统"
        );
        let past: Day = "2026-12-01".parse().unwrap();
        let e = check_settings("", &[], &[], Some(past), today).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "scopes", "expires_on"]);
    }
}
