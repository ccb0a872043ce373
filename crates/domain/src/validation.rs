//! Field-level validation errors, collected so that one response names every
//! bad field instead of the first one only.

use serde::{Deserialize, Serialize};

/// One bad field: `field` is the JSON path as the client sent it, `code` a
/// stable machine-readable reason the UI can translate, `message` an English
/// sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// Whether this refuses a request that fits the OpenAPI document: the rule
    /// depends on stored data, the clock or the path, or compares two values
    /// in a way a schema cannot state. The API answers 422 when every error
    /// of a request is one of these, and 400 (the request does not fit the
    /// document) otherwise.
    pub fn is_rule(&self) -> bool {
        RULE_CODES.contains(&self.code.as_str())
    }
}

/// The codes of [`FieldError::is_rule`]; every other code is a constraint the
/// document states (type, length, pattern, range, required, a condition on
/// another field of the same object).
pub const RULE_CODES: &[&str] = &[
    "after_resolution",
    "after_start",
    "automatic",
    "bad_address",
    "bad_url",
    "before_start",
    "current_room",
    "duplicate",
    "future",
    "gender_mismatch",
    "granularity",
    "inactive",
    "incomplete",
    "internal_address",
    "invalid_row",
    "missing_columns",
    "not_a_leader",
    "not_a_member",
    "not_a_room",
    "not_a_student",
    "not_bound",
    "not_host",
    "not_in_building",
    "not_in_unit",
    "not_of_unit",
    "not_open",
    "not_placed",
    "not_staff",
    "not_yours",
    "one_audience",
    "other_college",
    "outside_hours",
    "over_capacity",
    "over_max",
    "past",
    "reason_required",
    "same_as_username",
    "too_far",
    "too_long",
    "too_old",
    "unchanged",
    "unknown",
    "unmet",
    "wrong_level",
    "zero",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{} invalid field(s)", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(error: FieldError) -> Self {
        Self(vec![error])
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Record the error of a field's parse, keeping its value when it parsed.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every error is a rule the document cannot state (see [`FieldError::is_rule`]).
    pub fn only_rules(&self) -> bool {
        !self.0.is_empty() && self.0.iter().all(FieldError::is_rule)
    }

    /// `Ok(value)` when nothing was recorded, else every recorded error.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if !self.0.is_empty() {
            return Err(self);
        }
        // With no errors recorded every checked field is Some; None here is a
        // programming error in the caller, reported rather than panicked on.
        value().ok_or_else(|| {
            ValidationErrors::single(FieldError::new("", "invalid", "the request is invalid"))
        })
    }
}
