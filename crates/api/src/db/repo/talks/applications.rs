use crate::db::rows::{to_db, ApplicationRow};
use crate::db::schema::{talk_applications as a, talks as t};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use onestop_domain::community::talks::ApplicationState;
use onestop_domain::{ApplicationId, FollowUpId, TalkId, UserId};

pub fn insert(c: &mut DbConn, row: &ApplicationRow) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: ApplicationId) -> QueryResult<Option<ApplicationRow>> {
    a::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(c)
        .optional()
}

/// Every application of a session, in id order (the order a draw walks).
pub fn of_talk(c: &mut DbConn, talk: TalkId) -> QueryResult<Vec<ApplicationRow>> {
    a::table
        .filter(a::talk_id.eq(talk))
        .order(a::id)
        .select(ApplicationRow::as_select())
        .load(c)
}

/// One student's applications among these sessions.
pub fn of_student(
    c: &mut DbConn,
    student: UserId,
    talks: &[TalkId],
) -> QueryResult<Vec<ApplicationRow>> {
    if talks.is_empty() {
        return Ok(Vec::new());
    }
    a::table
        .filter(a::student_id.eq(student))
        .filter(a::talk_id.eq_any(talks))
        .select(ApplicationRow::as_select())
        .load(c)
}

/// How many applications of each session are in each state.
pub fn counts(
    c: &mut DbConn,
    talks: &[TalkId],
) -> QueryResult<Vec<(TalkId, ApplicationState, i64)>> {
    if talks.is_empty() {
        return Ok(Vec::new());
    }
    a::table
        .filter(a::talk_id.eq_any(talks))
        .group_by((a::talk_id, a::state))
        .select((a::talk_id, a::state, diesel::dsl::count_star()))
        .load(c)
}

/// The earlier draws of these students, oldest first: when each was drawn
/// and whether it gave them a place (then or from the waiting list).
pub fn draw_history(
    c: &mut DbConn,
    students: &[UserId],
) -> QueryResult<Vec<(UserId, NaiveDateTime, bool)>> {
    if students.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(UserId, Option<NaiveDateTime>, Option<NaiveDateTime>)> = a::table
        .inner_join(t::table)
        .filter(a::student_id.eq_any(students))
        .filter(a::rank.is_not_null())
        .filter(t::drawn_at.is_not_null())
        .order((t::drawn_at, a::id))
        .select((a::student_id, t::drawn_at, a::placed_at))
        .load(c)?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, drawn, placed)| Some((s, drawn?, placed.is_some())))
        .collect())
}

/// The draw's outcome for one application.
pub fn rank(
    c: &mut DbConn,
    id: ApplicationId,
    rank: i32,
    weight: i32,
    placed: bool,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(a::table.find(id))
        .set((
            a::state.eq(if placed {
                ApplicationState::Placed
            } else {
                ApplicationState::Waiting
            }),
            a::rank.eq(Some(rank)),
            a::weight.eq(Some(weight)),
            a::placed_by_draw.eq(Some(placed)),
            a::placed_at.eq(placed.then(|| to_db(now))),
            a::version.eq(a::version + 1),
            a::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// Move an application from one state to another at the version read; 0
/// rows: it changed meanwhile.
pub fn set_state(
    c: &mut DbConn,
    id: ApplicationId,
    version: i32,
    from: ApplicationState,
    to: ApplicationState,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let placed_at = (to == ApplicationState::Placed).then(|| to_db(now));
    let q = diesel::update(
        a::table.filter(
            a::id
                .eq(id)
                .and(a::version.eq(version))
                .and(a::state.eq(from)),
        ),
    );
    match placed_at {
        Some(at) => q
            .set((
                a::state.eq(to),
                a::placed_at.eq(Some(at)),
                a::version.eq(a::version + 1),
                a::updated_at.eq(to_db(now)),
            ))
            .execute(c),
        None => q
            .set((
                a::state.eq(to),
                a::version.eq(a::version + 1),
                a::updated_at.eq(to_db(now)),
            ))
            .execute(c),
    }
}

/// The first on the waiting list (lowest rank), if any.
pub fn next_waiting(c: &mut DbConn, talk: TalkId) -> QueryResult<Option<ApplicationRow>> {
    a::table
        .filter(a::talk_id.eq(talk))
        .filter(a::state.eq(ApplicationState::Waiting))
        .order(a::rank)
        .select(ApplicationRow::as_select())
        .first(c)
        .optional()
}

/// Record who came among the placed applications of a session.
pub fn set_attendance(
    c: &mut DbConn,
    talk: TalkId,
    present: &[ApplicationId],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let placed = a::table
        .filter(a::talk_id.eq(talk))
        .filter(a::state.eq(ApplicationState::Placed));
    diesel::update(placed.filter(a::id.eq_any(present)))
        .set((
            a::attended.eq(Some(true)),
            a::version.eq(a::version + 1),
            a::updated_at.eq(to_db(now)),
        ))
        .execute(c)?;
    diesel::update(placed.filter(a::id.ne_all(present)))
        .set((
            a::attended.eq(Some(false)),
            a::version.eq(a::version + 1),
            a::updated_at.eq(to_db(now)),
        ))
        .execute(c)?;
    Ok(())
}

/// Feedback once; 0 rows: given already.
pub fn feedback(
    c: &mut DbConn,
    id: ApplicationId,
    rating: i32,
    comment: &str,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(a::table.filter(a::id.eq(id).and(a::rating.is_null())))
        .set((
            a::rating.eq(Some(rating)),
            a::feedback.eq(Some(comment)),
            a::version.eq(a::version + 1),
            a::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// Link the follow-up made of the question; 0 rows: one was made already.
pub fn link_follow_up(
    c: &mut DbConn,
    id: ApplicationId,
    follow_up: FollowUpId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(a::table.filter(a::id.eq(id).and(a::follow_up_id.is_null())))
        .set((
            a::follow_up_id.eq(Some(follow_up)),
            a::version.eq(a::version + 1),
            a::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// The ranks still waiting in these sessions, to tell each how many wait before it.
pub fn waiting_ranks(c: &mut DbConn, talks: &[TalkId]) -> QueryResult<Vec<(TalkId, Option<i32>)>> {
    if talks.is_empty() {
        return Ok(Vec::new());
    }
    a::table
        .filter(a::talk_id.eq_any(talks))
        .filter(a::state.eq(ApplicationState::Waiting))
        .select((a::talk_id, a::rank))
        .load(c)
}
