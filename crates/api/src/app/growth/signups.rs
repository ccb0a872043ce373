//! Signing up while an activity is open, and withdrawing before it starts:
//! a place while there is one, the waiting list after; a place given up
//! goes to the first who waits.

use super::{found, runs, signup_views, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::growth::{activities, signups};
use crate::db::repo::is_unique_violation;
use crate::db::rows::{from_db, to_db, SignupRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::growth::wire::{SignupView, WithdrawSignupRequest};
use onestop_domain::growth::{open_for_signup, signup_state, SignupState};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{ActivityId, Role, SignupId};

pub fn sign_up(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    now: DateTime<Utc>,
) -> AppResult<SignupView> {
    if !caller.roles.contains(Role::Student) {
        return Err(AppError::Forbidden {
            detail: "students sign up for activities".into(),
        });
    }
    found(c, caller, id)?;
    // Sign-ups and withdrawals of one activity go one after another, so the
    // places counted are the places given.
    activities::lock(c, id)?;
    let row = activities::find(c, id)?.ok_or_else(|| AppError::not_found("this activity"))?;
    if !open_for_signup(row.state, from_db(row.starts_at), now) {
        return Err(AppError::Conflict {
            code: ProblemCode::SignupClosed,
            detail: "this activity is not open for sign-up (not approved, cancelled or begun)"
                .into(),
        });
    }
    let placed = signups::counts(c, &[id])?
        .into_iter()
        .filter(|(_, s, _)| *s == SignupState::Placed)
        .map(|(_, _, n)| n)
        .sum();
    let s = SignupRow {
        id: SignupId::new(),
        activity_id: id,
        student_id: caller.id,
        state: signup_state(placed, row.capacity),
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    if let Err(e) = signups::insert(c, &s) {
        return Err(if is_unique_violation(&e) {
            AppError::Conflict {
                code: ProblemCode::AlreadySignedUp,
                detail: "you have signed up for this activity already (or withdrew): once each"
                    .into(),
            }
        } else {
            e.into()
        });
    }
    Ok(signup_views(c, vec![s])?.remove(0))
}

pub fn withdraw(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    signup: SignupId,
    req: &WithdrawSignupRequest,
    now: DateTime<Utc>,
) -> AppResult<SignupView> {
    found(c, caller, id)?;
    activities::lock(c, id)?;
    let row = activities::find(c, id)?.ok_or_else(|| AppError::not_found("this activity"))?;
    let s = signups::find(c, signup)?
        .filter(|s| s.activity_id == id && s.student_id == caller.id)
        .ok_or_else(|| AppError::not_found("your sign-up"))?;
    if now >= from_db(row.starts_at) || s.state == SignupState::Withdrawn {
        return Err(AppError::Conflict {
            code: ProblemCode::ActivityStarted,
            detail: "withdrawn already, or the activity has begun".into(),
        });
    }
    if signups::set_state(c, s.id, req.version, SignupState::Withdrawn, now)? == 0 {
        return Err(AppError::Conflict {
            code: ProblemCode::StaleVersion,
            detail: "your sign-up changed since you read it; read it again".into(),
        });
    }
    if s.state == SignupState::Placed {
        let next = signups::of_activity(c, id)?
            .into_iter()
            .find(|w| w.state == SignupState::Waiting);
        if let Some(w) = next {
            signups::set_state(c, w.id, w.version, SignupState::Placed, now)?;
            super::effects::placed(c, &row, w.student_id, now)?;
        }
    }
    let now_row = signups::find(c, s.id)?.ok_or_else(|| AppError::not_found("your sign-up"))?;
    Ok(signup_views(c, vec![now_row])?.remove(0))
}

/// The sign-ups: all of them for whoever runs it, the caller's own otherwise.
pub fn list(c: &mut DbConn, caller: &Caller, id: ActivityId) -> AppResult<Vec<SignupView>> {
    let row = found(c, caller, id)?;
    let all = signups::of_activity(c, id)?;
    let rows = if runs(caller, &row) {
        all
    } else {
        all.into_iter()
            .filter(|s| s.student_id == caller.id)
            .collect()
    };
    signup_views(c, rows)
}
