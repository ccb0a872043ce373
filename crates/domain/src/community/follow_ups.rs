//! Follow-ups: a problem raised in the community (on a leader's visit, or a
//! student's question in a session) that a unit must answer by a date. The
//! person who raised it sees the answer.

use crate::ids::UnitId;
use crate::role::{Role, Roles};
use crate::validation::FieldError;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    /// Waiting for the unit's answer.
    Open = "open",
    /// Answered; the answer is shown to whoever raised it.
    Answered = "answered",
}
}

pub const MAX_ANSWER_CHARS: usize = 2000;
/// The latest due date a follow-up may be given, in days from today.
pub const MAX_DUE_DAYS: i64 = 366;

/// Open past its due date (a campus date).
pub fn overdue(state: FollowUpState, due_on: NaiveDate, today: NaiveDate) -> bool {
    state == FollowUpState::Open && due_on < today
}

/// A due date is today or later, within a year.
pub fn check_due(field: &str, due_on: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    if due_on < today {
        Err(FieldError::new(
            field,
            "past",
            "give a due date from today on",
        ))
    } else if due_on > today + Duration::days(MAX_DUE_DAYS) {
        Err(FieldError::new(
            field,
            "future",
            "give a due date within a year",
        ))
    } else {
        Ok(())
    }
}

/// Who may answer: the staff of the unit it was given to, and administrators.
pub fn may_answer(roles: &Roles, unit: Option<UnitId>, owner: UnitId) -> bool {
    roles.contains(Role::Admin) || (roles.is_staff() && unit == Some(owner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_and_who_answers() {
        let today: NaiveDate = "2026-12-03".parse().unwrap();
        assert!(check_due("due_on", today, today).is_ok());
        assert_eq!(
            check_due("due_on", today.pred_opt().unwrap(), today)
                .unwrap_err()
                .code,
            "past"
        );
        assert_eq!(
            check_due("due_on", today + Duration::days(367), today)
                .unwrap_err()
                .code,
            "future"
        );
        assert!(overdue(
            FollowUpState::Open,
            today.pred_opt().unwrap(),
            today
        ));
        assert!(!overdue(FollowUpState::Open, today, today));
        assert!(!overdue(
            FollowUpState::Answered,
            today.pred_opt().unwrap(),
            today
        ));
        let unit = UnitId::new();
        assert!(may_answer(&Roles::one(Role::Handler), Some(unit), unit));
        assert!(!may_answer(
            &Roles::one(Role::Handler),
            Some(UnitId::new()),
            unit
        ));
        assert!(!may_answer(&Roles::one(Role::Student), Some(unit), unit));
        assert!(may_answer(&Roles::one(Role::Admin), None, unit));
    }
}
