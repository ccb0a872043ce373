use crate::db::rows::{to_db, SignupRow};
use crate::db::schema::activity_signups as s;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::growth::SignupState;
use onestop_domain::{ActivityId, SignupId, UserId};

pub fn insert(c: &mut DbConn, row: &SignupRow) -> QueryResult<()> {
    diesel::insert_into(s::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: SignupId) -> QueryResult<Option<SignupRow>> {
    s::table
        .find(id)
        .select(SignupRow::as_select())
        .first(c)
        .optional()
}

pub fn of_student(
    c: &mut DbConn,
    activity: ActivityId,
    student: UserId,
) -> QueryResult<Option<SignupRow>> {
    s::table
        .filter(s::activity_id.eq(activity))
        .filter(s::student_id.eq(student))
        .select(SignupRow::as_select())
        .first(c)
        .optional()
}

/// A student's sign-ups among these activities.
pub fn mine(c: &mut DbConn, student: UserId, ids: &[ActivityId]) -> QueryResult<Vec<SignupRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    s::table
        .filter(s::student_id.eq(student))
        .filter(s::activity_id.eq_any(ids))
        .select(SignupRow::as_select())
        .load(c)
}

/// Every sign-up of an activity, in the order they came (ids are time-ordered).
pub fn of_activity(c: &mut DbConn, activity: ActivityId) -> QueryResult<Vec<SignupRow>> {
    s::table
        .filter(s::activity_id.eq(activity))
        .order(s::id)
        .select(SignupRow::as_select())
        .load(c)
}

/// The waiting lists of these activities, each in the order they came.
pub fn waiting(c: &mut DbConn, ids: &[ActivityId]) -> QueryResult<Vec<SignupRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    s::table
        .filter(s::activity_id.eq_any(ids))
        .filter(s::state.eq(SignupState::Waiting))
        .order((s::activity_id, s::id))
        .select(SignupRow::as_select())
        .load(c)
}

/// How many sign-ups of each activity are in each state.
pub fn counts(
    c: &mut DbConn,
    ids: &[ActivityId],
) -> QueryResult<Vec<(ActivityId, SignupState, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    s::table
        .filter(s::activity_id.eq_any(ids))
        .group_by((s::activity_id, s::state))
        .select((s::activity_id, s::state, diesel::dsl::count_star()))
        .load(c)
}

/// Move a sign-up to `to` at the version read; 0 rows: changed meanwhile.
pub fn set_state(
    c: &mut DbConn,
    id: SignupId,
    version: i32,
    to: SignupState,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(s::table.filter(s::id.eq(id)).filter(s::version.eq(version)))
        .set((
            s::state.eq(to),
            s::version.eq(version + 1),
            s::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}
