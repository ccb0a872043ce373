//! One lifecycle for every kind of request:
//! submitted → triaged → assigned → in_progress → resolved → closed, with
//! waiting_on_student, rejected, cancelled and reopened on the side. Who may
//! take each step is decided here, from the actor's relation to the request.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum State {
    Submitted = "submitted",
    Triaged = "triaged",
    Assigned = "assigned",
    InProgress = "in_progress",
    WaitingOnStudent = "waiting_on_student",
    Resolved = "resolved",
    Closed = "closed",
    Rejected = "rejected",
    Cancelled = "cancelled",
    Reopened = "reopened",
}
}

impl State {
    /// Open requests are still someone's work; the others are finished.
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Rejected | State::Cancelled)
    }

    /// The SLA clocks run in these states (not while waiting on the student,
    /// and not once the work is done).
    pub fn clock_runs(self) -> bool {
        matches!(
            self,
            State::Submitted
                | State::Triaged
                | State::Assigned
                | State::InProgress
                | State::Reopened
        )
    }
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Triage = "triage",
    Assign = "assign",
    Start = "start",
    Ask = "ask",
    Answer = "answer",
    Resolve = "resolve",
    Confirm = "confirm",
    Reject = "reject",
    Cancel = "cancel",
    Reopen = "reopen",
}
}

/// How the actor stands to this request. Several can hold at once (an admin
/// who is also the assignee); the lifecycle checks them all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relation {
    /// The student who submitted it.
    pub owner: bool,
    /// A counsellor (or office) whose grid scope covers the request's place.
    pub triager: bool,
    /// Staff of the unit the request was routed to.
    pub unit_staff: bool,
    /// The person assigned to do the work.
    pub assignee: bool,
    pub admin: bool,
}

/// A student may reopen a resolved request for this long.
pub const REOPEN_WINDOW_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("cannot {action} a request that is {state}")]
    IllegalFromState {
        action: &'static str,
        state: &'static str,
    },
    #[error("you may not {action} this request: {why}")]
    NotPermitted {
        action: &'static str,
        why: &'static str,
    },
    #[error("the {days}-day window to reopen has passed")]
    WindowPassed { days: i64 },
}

/// What this person may do to the request now: every action the lifecycle would accept.
pub fn available_actions(
    state: State,
    who: Relation,
    resolved_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| next_state(state, *a, who, None, resolved_at, now).is_ok())
        .collect()
}

/// The step's outcome: the new state.
pub fn next_state(
    state: State,
    action: Action,
    who: Relation,
    resume: Option<State>,
    resolved_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<State, TransitionError> {
    use State::*;
    let illegal = || TransitionError::IllegalFromState {
        action: action.as_str(),
        state: state.as_str(),
    };
    let deny = |why| {
        Err(TransitionError::NotPermitted {
            action: action.as_str(),
            why,
        })
    };
    let staff = who.admin || who.triager || who.unit_staff || who.assignee;
    let next = match (action, state) {
        (Action::Triage, Submitted | Reopened | Triaged) => Triaged,
        (Action::Assign, Triaged | Assigned | Reopened) => Assigned,
        (Action::Start, Assigned) => InProgress,
        (Action::Ask, Submitted | Triaged | Assigned | InProgress | Reopened) => WaitingOnStudent,
        (Action::Answer, WaitingOnStudent) => resume.unwrap_or(Submitted),
        (Action::Resolve, Assigned | InProgress) => Resolved,
        (Action::Confirm, Resolved) => Closed,
        (Action::Reject, Submitted | Triaged | Assigned | WaitingOnStudent | Reopened) => Rejected,
        (Action::Cancel, Submitted | Triaged | Assigned | WaitingOnStudent) => Cancelled,
        (Action::Reopen, Resolved) => Reopened,
        _ => return Err(illegal()),
    };
    match action {
        Action::Triage if !(who.triager || who.admin) => {
            deny("only the resident counsellor of the building triages")
        }
        Action::Assign if !(who.triager || who.unit_staff || who.admin) => {
            deny("only the counsellor or the handling unit assigns")
        }
        Action::Start | Action::Resolve if !(who.assignee || who.unit_staff || who.admin) => {
            deny("only the handling unit works on the request")
        }
        Action::Ask if !staff => deny("only staff handling the request can ask the student"),
        Action::Reject if !(who.triager || who.unit_staff || who.admin) => {
            deny("only the counsellor or the handling unit rejects")
        }
        Action::Answer | Action::Confirm | Action::Cancel | Action::Reopen if !who.owner => {
            deny("only the student who submitted the request can do this")
        }
        Action::Reopen
            if resolved_at.is_some_and(|r| now - r > Duration::days(REOPEN_WINDOW_DAYS)) =>
        {
            Err(TransitionError::WindowPassed {
                days: REOPEN_WINDOW_DAYS,
            })
        }
        _ => Ok(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner() -> Relation {
        Relation {
            owner: true,
            ..Default::default()
        }
    }
    fn triager() -> Relation {
        Relation {
            triager: true,
            ..Default::default()
        }
    }
    fn unit() -> Relation {
        Relation {
            unit_staff: true,
            ..Default::default()
        }
    }

    #[test]
    fn the_happy_path() {
        let now = Utc::now();
        let mut s = State::Submitted;
        for (action, who) in [
            (Action::Triage, triager()),
            (Action::Assign, unit()),
            (Action::Start, unit()),
            (Action::Resolve, unit()),
            (Action::Confirm, owner()),
        ] {
            s = next_state(s, action, who, None, None, now).unwrap();
        }
        assert_eq!(s, State::Closed);
    }

    #[test]
    fn every_illegal_step_names_the_state() {
        let now = Utc::now();
        let all = Relation {
            owner: true,
            triager: true,
            unit_staff: true,
            assignee: true,
            admin: true,
        };
        let legal: &[(Action, &[State])] = &[
            (
                Action::Triage,
                &[State::Submitted, State::Reopened, State::Triaged],
            ),
            (
                Action::Assign,
                &[State::Triaged, State::Assigned, State::Reopened],
            ),
            (Action::Start, &[State::Assigned]),
            (
                Action::Ask,
                &[
                    State::Submitted,
                    State::Triaged,
                    State::Assigned,
                    State::InProgress,
                    State::Reopened,
                ],
            ),
            (Action::Answer, &[State::WaitingOnStudent]),
            (Action::Resolve, &[State::Assigned, State::InProgress]),
            (Action::Confirm, &[State::Resolved]),
            (
                Action::Reject,
                &[
                    State::Submitted,
                    State::Triaged,
                    State::Assigned,
                    State::WaitingOnStudent,
                    State::Reopened,
                ],
            ),
            (
                Action::Cancel,
                &[
                    State::Submitted,
                    State::Triaged,
                    State::Assigned,
                    State::WaitingOnStudent,
                ],
            ),
            (Action::Reopen, &[State::Resolved]),
        ];
        for (action, from) in legal {
            for s in State::ALL {
                let r = next_state(s, *action, all, Some(State::Assigned), Some(now), now);
                if from.contains(&s) {
                    assert!(r.is_ok(), "{action:?} from {s:?}");
                } else {
                    let e = r.unwrap_err();
                    assert!(e.to_string().contains(s.as_str()), "{e}");
                }
            }
        }
    }

    #[test]
    fn roles_are_checked_per_step() {
        let now = Utc::now();
        assert!(next_state(State::Submitted, Action::Triage, owner(), None, None, now).is_err());
        assert!(next_state(State::Submitted, Action::Triage, unit(), None, None, now).is_err());
        assert!(next_state(State::Submitted, Action::Cancel, triager(), None, None, now).is_err());
        assert!(
            next_state(State::InProgress, Action::Cancel, owner(), None, None, now).is_err(),
            "not once work started"
        );
        assert!(next_state(State::Assigned, Action::Start, triager(), None, None, now).is_err());
    }

    #[test]
    fn each_action_is_permitted_to_exactly_its_relations() {
        let now = Utc::now();
        let one = |i: usize| Relation {
            owner: i == 0,
            triager: i == 1,
            unit_staff: i == 2,
            assignee: i == 3,
            admin: i == 4,
        };
        // owner, triager, unit staff, assignee, admin
        let table: &[(Action, State, [bool; 5])] = &[
            (
                Action::Triage,
                State::Submitted,
                [false, true, false, false, true],
            ),
            (
                Action::Assign,
                State::Triaged,
                [false, true, true, false, true],
            ),
            (
                Action::Start,
                State::Assigned,
                [false, false, true, true, true],
            ),
            (
                Action::Ask,
                State::InProgress,
                [false, true, true, true, true],
            ),
            (
                Action::Answer,
                State::WaitingOnStudent,
                [true, false, false, false, false],
            ),
            (
                Action::Resolve,
                State::InProgress,
                [false, false, true, true, true],
            ),
            (
                Action::Confirm,
                State::Resolved,
                [true, false, false, false, false],
            ),
            (
                Action::Reject,
                State::Triaged,
                [false, true, true, false, true],
            ),
            (
                Action::Cancel,
                State::Assigned,
                [true, false, false, false, false],
            ),
            (
                Action::Reopen,
                State::Resolved,
                [true, false, false, false, false],
            ),
        ];
        for (action, from, allowed) in table {
            for (i, want) in allowed.iter().enumerate() {
                let got = next_state(*from, *action, one(i), Some(State::Triaged), Some(now), now);
                assert_eq!(
                    got.is_ok(),
                    *want,
                    "{action:?} from {from:?} by relation #{i}: {got:?}"
                );
                if !want {
                    assert!(matches!(got, Err(TransitionError::NotPermitted { .. })));
                }
            }
        }
    }

    #[test]
    fn answering_resumes_where_the_question_was_asked() {
        let now = Utc::now();
        assert_eq!(
            next_state(
                State::WaitingOnStudent,
                Action::Answer,
                owner(),
                Some(State::InProgress),
                None,
                now
            ),
            Ok(State::InProgress)
        );
    }

    #[test]
    fn reopening_has_a_window() {
        let now = Utc::now();
        let resolved = now - Duration::days(REOPEN_WINDOW_DAYS) - Duration::minutes(1);
        assert_eq!(
            next_state(
                State::Resolved,
                Action::Reopen,
                owner(),
                None,
                Some(resolved),
                now
            ),
            Err(TransitionError::WindowPassed { days: 7 })
        );
        assert!(next_state(
            State::Resolved,
            Action::Reopen,
            owner(),
            None,
            Some(now - Duration::days(6)),
            now
        )
        .is_ok());
    }
}
