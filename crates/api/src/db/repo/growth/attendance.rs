use crate::db::rows::{AttendanceRow, IssueRow};
use crate::db::schema::{activities as a, activity_attendance as p, transcript_issues as ti};
use crate::db::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use onestop_domain::growth::{Category, Presence};
use onestop_domain::{ActivityId, Role, UnitId, UserId};

pub fn insert(c: &mut DbConn, row: &AttendanceRow) -> QueryResult<()> {
    diesel::insert_into(p::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn of_student(
    c: &mut DbConn,
    activity: ActivityId,
    student: UserId,
) -> QueryResult<Option<AttendanceRow>> {
    p::table
        .filter(p::activity_id.eq(activity))
        .filter(p::student_id.eq(student))
        .select(AttendanceRow::as_select())
        .first(c)
        .optional()
}

pub fn of_activity(c: &mut DbConn, activity: ActivityId) -> QueryResult<Vec<AttendanceRow>> {
    p::table
        .filter(p::activity_id.eq(activity))
        .order(p::at)
        .select(AttendanceRow::as_select())
        .load(c)
}

/// The records of these students at these activities.
pub fn of_students(
    c: &mut DbConn,
    ids: &[ActivityId],
    students: &[UserId],
) -> QueryResult<Vec<AttendanceRow>> {
    if ids.is_empty() || students.is_empty() {
        return Ok(Vec::new());
    }
    p::table
        .filter(p::activity_id.eq_any(ids))
        .filter(p::student_id.eq_any(students))
        .select(AttendanceRow::as_select())
        .load(c)
}

/// How many are present (not removed) at each activity.
pub fn present_counts(c: &mut DbConn, ids: &[ActivityId]) -> QueryResult<Vec<(ActivityId, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    p::table
        .filter(p::activity_id.eq_any(ids))
        .filter(p::presence.ne(Presence::Removed))
        .group_by(p::activity_id)
        .select((p::activity_id, diesel::dsl::count_star()))
        .load(c)
}

/// The organiser's correction replaces the record (a reason is kept).
pub fn replace(c: &mut DbConn, row: &AttendanceRow) -> QueryResult<()> {
    diesel::delete(
        p::table
            .filter(p::activity_id.eq(row.activity_id))
            .filter(p::student_id.eq(row.student_id)),
    )
    .execute(c)?;
    insert(c, row)
}

/// One line of a transcript: an activity a student was present at.
pub type Credit = (ActivityId, String, Category, i32, NaiveDateTime);

/// What a student was present at, oldest first: the transcript's lines.
pub fn credits(c: &mut DbConn, student: UserId) -> QueryResult<Vec<Credit>> {
    p::table
        .inner_join(a::table)
        .filter(p::student_id.eq(student))
        .filter(p::presence.ne(Presence::Removed))
        .order((a::starts_at, a::id))
        .select((a::id, a::title, a::category, a::hours, a::starts_at))
        .load(c)
}

pub fn issue(c: &mut DbConn, row: &IssueRow) -> QueryResult<()> {
    diesel::insert_into(ti::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn issued(c: &mut DbConn, code: &str) -> QueryResult<Option<IssueRow>> {
    ti::table
        .find(code)
        .select(IssueRow::as_select())
        .first(c)
        .optional()
}

/// The active students of a unit: who they are and their numbers.
pub fn students_of_unit(
    c: &mut DbConn,
    unit: UnitId,
) -> QueryResult<Vec<(UserId, String, Option<String>)>> {
    use crate::db::schema::{user_roles, users};
    users::table
        .inner_join(user_roles::table)
        .filter(users::unit_id.eq(unit))
        .filter(users::active.eq(true))
        .filter(user_roles::role.eq(Role::Student))
        .select((users::id, users::display_name, users::student_no))
        .order((users::student_no, users::id))
        .load(c)
}

/// Each credited attendance of a unit's students at activities that
/// started in `[from, to)`: student, category and 学时.
pub fn credits_of_unit(
    c: &mut DbConn,
    unit: UnitId,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(UserId, Category, i32)>> {
    use crate::db::schema::users;
    let of_unit = users::table
        .filter(users::unit_id.eq(unit))
        .select(users::id);
    p::table
        .inner_join(a::table)
        .filter(p::student_id.eq_any(of_unit))
        .filter(p::presence.ne(Presence::Removed))
        .filter(a::starts_at.ge(from))
        .filter(a::starts_at.lt(to))
        .select((p::student_id, a::category, a::hours))
        .load(c)
}
