use crate::db::rows::{to_db, FollowUpRow};
use crate::db::schema::follow_ups as f;
use crate::db::{DbConn, MultiBackend};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::grid::Scope;
use onestop_domain::{FollowUpId, UnitId, UserId};

/// Which follow-ups a person sees: everything, or those they raised, those
/// given to their unit and those in their grid scope.
#[derive(Debug, Clone)]
pub struct Seen {
    pub all: bool,
    pub me: UserId,
    pub unit: Option<UnitId>,
    pub scope: Scope,
}

type Cond = Box<dyn BoxableExpression<f::table, MultiBackend, SqlType = Nullable<Bool>>>;

fn seen(s: &Seen) -> Option<Cond> {
    if s.all || s.scope.all {
        return None;
    }
    let mut conds: Vec<Cond> = vec![Box::new(f::raised_by.eq(s.me).nullable())];
    if let Some(u) = s.unit {
        conds.push(Box::new(f::unit_id.eq(u).nullable()));
    }
    conds.extend(crate::scope_branches!(&s.scope, f, f::place_id));
    Some(crate::any_of!(conds, f))
}

#[derive(Debug, Clone, Default)]
pub struct FollowUpFilter {
    pub state: Option<FollowUpState>,
    pub unit: Option<UnitId>,
    pub raised_by: Option<UserId>,
    pub before: Option<String>,
}

pub fn insert(c: &mut DbConn, row: &FollowUpRow) -> QueryResult<()> {
    diesel::insert_into(f::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find_seen(c: &mut DbConn, id: FollowUpId, s: &Seen) -> QueryResult<Option<FollowUpRow>> {
    let mut q = f::table
        .filter(f::id.eq(id))
        .select(FollowUpRow::as_select())
        .into_boxed();
    if let Some(cond) = seen(s) {
        q = q.filter(cond);
    }
    q.first(c).optional()
}

pub fn by_ids(c: &mut DbConn, ids: &[FollowUpId]) -> QueryResult<Vec<FollowUpRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    f::table
        .filter(f::id.eq_any(ids))
        .select(FollowUpRow::as_select())
        .load(c)
}

/// A page, newest first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    s: &Seen,
    flt: &FollowUpFilter,
    limit: u32,
) -> QueryResult<(Vec<FollowUpRow>, bool)> {
    let mut q = f::table
        .order(f::id.desc())
        .limit(i64::from(limit) + 1)
        .select(FollowUpRow::as_select())
        .into_boxed();
    if let Some(cond) = seen(s) {
        q = q.filter(cond);
    }
    if let Some(st) = flt.state {
        q = q.filter(f::state.eq(st));
    }
    if let Some(u) = flt.unit {
        q = q.filter(f::unit_id.eq(u));
    }
    if let Some(p) = flt.raised_by {
        q = q.filter(f::raised_by.eq(p));
    }
    if let Some(b) = &flt.before {
        q = q.filter(f::id.lt(b.clone()));
    }
    let mut rows = q.load(c)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Record the answer at the version read; 0 rows: stale or already answered.
pub fn answer(
    c: &mut DbConn,
    id: FollowUpId,
    version: i32,
    text: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(
        f::table.filter(
            f::id
                .eq(id)
                .and(f::version.eq(version))
                .and(f::state.eq(FollowUpState::Open)),
        ),
    )
    .set((
        f::state.eq(FollowUpState::Answered),
        f::answer.eq(text),
        f::answered_by.eq(by),
        f::answered_at.eq(to_db(now)),
        f::version.eq(f::version + 1),
        f::updated_at.eq(to_db(now)),
    ))
    .execute(c)
}
