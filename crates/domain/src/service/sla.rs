//! Service-level deadlines: a first response and a resolution per kind and
//! priority. The clocks stop while the request waits on the student.

use super::forms::Kind;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low = "low",
    Normal = "normal",
    High = "high",
    Urgent = "urgent",
}
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaRule {
    pub kind: Kind,
    pub priority: Priority,
    /// Minutes from submission to the first staff response (triage).
    pub first_response_minutes: i64,
    /// Minutes from submission to resolution.
    pub resolution_minutes: i64,
}

/// The seeded defaults: the same for every kind, by priority.
pub fn default_rule(kind: Kind, priority: Priority) -> SlaRule {
    let (first, resolve) = match priority {
        Priority::Urgent => (30, 4 * 60),
        Priority::High => (2 * 60, 24 * 60),
        Priority::Normal => (8 * 60, 3 * 24 * 60),
        Priority::Low => (24 * 60, 7 * 24 * 60),
    };
    SlaRule {
        kind,
        priority,
        first_response_minutes: first,
        resolution_minutes: resolve,
    }
}

/// Longest deadline a rule may set: a year, in minutes.
pub const MAX_DEADLINE_MINUTES: i64 = 365 * 24 * 60;

pub fn check_rule(first: i64, resolution: i64) -> Result<(), crate::FieldError> {
    use crate::FieldError;
    for (field, minutes) in [
        ("first_response_minutes", first),
        ("resolution_minutes", resolution),
    ] {
        if !(1..=MAX_DEADLINE_MINUTES).contains(&minutes) {
            return Err(FieldError::new(
                field,
                "range",
                "a deadline is one minute to a year (525600 minutes)",
            ));
        }
    }
    if first > resolution {
        return Err(FieldError::new(
            "first_response_minutes",
            "after_resolution",
            "the first response cannot be due after the resolution",
        ));
    }
    Ok(())
}

/// Deadlines of a request submitted at `created`, pushed back by the time it spent waiting on the student.
pub fn deadlines(
    created: DateTime<Utc>,
    rule: &SlaRule,
    paused: Duration,
) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        created + Duration::minutes(rule.first_response_minutes) + paused,
        created + Duration::minutes(rule.resolution_minutes) + paused,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_on_the_student_pushes_deadlines_back() {
        let t = Utc::now();
        let rule = default_rule(Kind::Repair, Priority::Urgent);
        let (first, resolve) = deadlines(t, &rule, Duration::zero());
        assert_eq!(
            (first - t, resolve - t),
            (Duration::minutes(30), Duration::hours(4))
        );
        let (_, later) = deadlines(t, &rule, Duration::hours(2));
        assert_eq!(later - t, Duration::hours(6));
    }

    #[test]
    fn rules_must_make_sense() {
        assert!(check_rule(60, 30).is_err());
        assert!(check_rule(0, 30).is_err());
        assert!(check_rule(30, 60).is_ok());
    }
}
