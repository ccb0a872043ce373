use crate::db::rows::{CompanionRow, ProblemRow, VisitRow};
use crate::db::schema::{visit_companions as vc, visit_problems as vp, visits as v};
use crate::db::{DbConn, MultiBackend};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};
use onestop_domain::grid::Scope;
use onestop_domain::{NodeId, UserId, VisitId};
use std::collections::HashMap;

/// Which visits a person sees: everything, or their own (as visitor,
/// companion or the one who recorded it) and those in their grid scope.
#[derive(Debug, Clone)]
pub struct Seen {
    pub all: bool,
    pub me: UserId,
    pub scope: Scope,
}

type Cond = Box<dyn BoxableExpression<v::table, MultiBackend, SqlType = Nullable<Bool>>>;

fn seen(s: &Seen) -> Option<Cond> {
    if s.all || s.scope.all {
        return None;
    }
    let mut conds: Vec<Cond> = vec![
        Box::new(v::visitor_id.eq(s.me).nullable()),
        Box::new(v::recorded_by.eq(s.me).nullable()),
        Box::new(
            v::id
                .eq_any(vc::table.filter(vc::user_id.eq(s.me)).select(vc::visit_id))
                .nullable(),
        ),
    ];
    conds.extend(crate::scope_branches!(&s.scope, v, v::place_id));
    Some(crate::any_of!(conds, v))
}

#[derive(Debug, Clone, Default)]
pub struct VisitFilter {
    pub visitor: Option<UserId>,
    pub community: Option<NodeId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Older than this id (the page before).
    pub before: Option<String>,
}

pub fn insert(c: &mut DbConn, row: &VisitRow, companions: &[CompanionRow]) -> QueryResult<()> {
    diesel::insert_into(v::table).values(row).execute(c)?;
    if !companions.is_empty() {
        crate::insert_all!(c, vc::table, companions)?;
    }
    Ok(())
}

pub fn insert_problems(c: &mut DbConn, problems: &[ProblemRow]) -> QueryResult<()> {
    if !problems.is_empty() {
        crate::insert_all!(c, vp::table, problems)?;
    }
    Ok(())
}

pub fn find_seen(c: &mut DbConn, id: VisitId, s: &Seen) -> QueryResult<Option<VisitRow>> {
    let mut q = v::table
        .filter(v::id.eq(id))
        .select(VisitRow::as_select())
        .into_boxed();
    if let Some(cond) = seen(s) {
        q = q.filter(cond);
    }
    q.first(c).optional()
}

/// A page, newest first, and whether another follows.
pub fn list(
    c: &mut DbConn,
    s: &Seen,
    f: &VisitFilter,
    limit: u32,
) -> QueryResult<(Vec<VisitRow>, bool)> {
    let mut q = v::table
        .order(v::id.desc())
        .limit(i64::from(limit) + 1)
        .select(VisitRow::as_select())
        .into_boxed();
    if let Some(cond) = seen(s) {
        q = q.filter(cond);
    }
    if let Some(p) = f.visitor {
        q = q.filter(v::visitor_id.eq(p));
    }
    if let Some(n) = f.community {
        q = q.filter(v::community_id.eq(n));
    }
    if let Some(d) = f.from {
        q = q.filter(v::day.ge(d));
    }
    if let Some(d) = f.to {
        q = q.filter(v::day.le(d));
    }
    if let Some(b) = &f.before {
        q = q.filter(v::id.lt(b.clone()));
    }
    let mut rows = q.load(c)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Who came along on each of the visits.
pub fn companions(c: &mut DbConn, ids: &[VisitId]) -> QueryResult<HashMap<VisitId, Vec<UserId>>> {
    let mut out: HashMap<VisitId, Vec<UserId>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<CompanionRow> = vc::table
        .filter(vc::visit_id.eq_any(ids))
        .order((vc::visit_id, vc::user_id))
        .select(CompanionRow::as_select())
        .load(c)?;
    for r in rows {
        out.entry(r.visit_id).or_default().push(r.user_id);
    }
    Ok(out)
}

pub fn problems(c: &mut DbConn, ids: &[VisitId]) -> QueryResult<Vec<ProblemRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    vp::table
        .filter(vp::visit_id.eq_any(ids))
        .order((vp::visit_id, vp::position))
        .select(ProblemRow::as_select())
        .load(c)
}

/// Every visit on the days from `first` to `last`, for the standing arithmetic.
pub fn between(c: &mut DbConn, first: NaiveDate, last: NaiveDate) -> QueryResult<Vec<VisitRow>> {
    v::table
        .filter(v::day.ge(first).and(v::day.le(last)))
        .select(VisitRow::as_select())
        .load(c)
}
