use crate::db::repo::grid::nodes;
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, from_json, RequestRow};
use crate::db::schema::service_requests as sr;
use crate::db::{DbConn, MultiBackend};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};
use onestop_domain::grid::Scope;
use onestop_domain::service::wire::RequestView;
use onestop_domain::service::{Form, Kind, Priority, State};
use onestop_domain::{NodeId, RequestId, UnitId, UserId};
use std::collections::HashMap;

/// Which requests a person may see: their own, those located in their grid
/// scope, those routed to their unit, and those assigned to them.
#[derive(Debug, Clone, Default)]
pub struct Visibility {
    pub all: bool,
    pub own: Option<UserId>,
    pub scope: Scope,
    pub unit: Option<UnitId>,
    pub assignee: Option<UserId>,
}

type Cond = Box<dyn BoxableExpression<sr::table, MultiBackend, SqlType = Nullable<Bool>>>;

/// The visibility as one SQL condition (`None`: everything), built only from indexed columns.
fn visible(v: &Visibility) -> Option<Cond> {
    if v.all || v.scope.all {
        return None;
    }
    let mut conds: Vec<Cond> = Vec::new();
    if let Some(me) = v.own {
        conds.push(Box::new(sr::student_id.eq(me).nullable()));
    }
    conds.extend(crate::scope_branches!(&v.scope, sr, sr::place_id));
    if let Some(u) = v.unit {
        conds.push(Box::new(sr::unit_id.eq(u)));
    }
    if let Some(a) = v.assignee {
        conds.push(Box::new(sr::assignee_id.eq(a)));
    }
    Some(crate::any_of!(conds, sr))
}

pub fn insert(conn: &mut DbConn, row: &RequestRow) -> QueryResult<()> {
    diesel::insert_into(sr::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The state of each request, one query for a page of rows.
pub fn states(conn: &mut DbConn, ids: &[RequestId]) -> QueryResult<HashMap<RequestId, State>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    sr::table
        .filter(sr::id.eq_any(ids))
        .select((sr::id, sr::state))
        .load::<(RequestId, State)>(conn)
        .map(|rows| rows.into_iter().collect())
}

pub fn find(conn: &mut DbConn, id: RequestId) -> QueryResult<Option<RequestRow>> {
    sr::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)
        .optional()
}

/// A request the person may see; `None` also when it exists but is not theirs to see.
pub fn find_visible(
    conn: &mut DbConn,
    id: RequestId,
    v: &Visibility,
) -> QueryResult<Option<RequestRow>> {
    let mut q = sr::table
        .filter(sr::id.eq(id))
        .select(RequestRow::as_select())
        .into_boxed();
    if let Some(cond) = visible(v) {
        q = q.filter(cond);
    }
    q.first(conn).optional()
}

/// Which of these requests the person may see now.
pub fn visible_among(
    conn: &mut DbConn,
    ids: &[RequestId],
    v: &Visibility,
) -> QueryResult<std::collections::HashSet<RequestId>> {
    let mut q = sr::table
        .filter(sr::id.eq_any(ids))
        .select(sr::id)
        .into_boxed();
    if let Some(cond) = visible(v) {
        q = q.filter(cond);
    }
    Ok(q.load(conn)?.into_iter().collect())
}

/// Write `row` only if nobody changed the request since `seen` (optimistic
/// concurrency in one statement). Returns false when someone else won.
pub fn update_versioned(conn: &mut DbConn, row: &RequestRow, seen: i32) -> QueryResult<bool> {
    let n = diesel::update(
        sr::table
            .filter(sr::id.eq(row.id))
            .filter(sr::version.eq(seen)),
    )
    .set(row)
    .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub kind: Option<Kind>,
    pub state: Option<State>,
    /// Only open requests (not closed, rejected or cancelled).
    pub open: bool,
    pub priority: Option<Priority>,
    pub building: Option<NodeId>,
    pub overdue: Option<bool>,
    pub assignee: Option<UserId>,
    pub created_from: Option<NaiveDateTime>,
    pub created_to: Option<NaiveDateTime>,
    pub oldest_first: bool,
    /// Keyset: the id of the last row served.
    pub after: Option<String>,
}

macro_rules! apply_filter {
    ($q:expr, $f:expr, $v:expr, $with_state:expr) => {{
        let f: &QueueFilter = $f;
        let mut q = $q;
        if let Some(cond) = visible($v) {
            q = q.filter(cond);
        }
        if let Some(k) = f.kind {
            q = q.filter(sr::kind.eq(k));
        }
        if $with_state {
            if let Some(s) = f.state {
                q = q.filter(sr::state.eq(s));
            }
        }
        if f.open {
            q = q.filter(sr::state.ne_all(State::ALL.into_iter().filter(|s| !s.is_open())));
        }
        if let Some(p) = f.priority {
            q = q.filter(sr::priority.eq(p));
        }
        if let Some(b) = f.building {
            q = q.filter(sr::building_id.eq(b));
        }
        if let Some(o) = f.overdue {
            q = q.filter(sr::overdue.eq(o));
        }
        if let Some(a) = f.assignee {
            q = q.filter(sr::assignee_id.eq(a));
        }
        if let Some(t) = f.created_from {
            q = q.filter(sr::created_at.ge(t));
        }
        if let Some(t) = f.created_to {
            q = q.filter(sr::created_at.lt(t));
        }
        q
    }};
}

/// One queue page, newest (or oldest) first, by keyset on the time-ordered id.
pub fn page(
    conn: &mut DbConn,
    v: &Visibility,
    f: &QueueFilter,
    limit: u32,
) -> QueryResult<(Vec<RequestRow>, bool)> {
    let q = sr::table.select(RequestRow::as_select()).into_boxed();
    let mut q = apply_filter!(q, f, v, true);
    q = match (&f.after, f.oldest_first) {
        (Some(a), true) => q.filter(sr::id.gt(a.clone())).order(sr::id.asc()),
        (Some(a), false) => q.filter(sr::id.lt(a.clone())).order(sr::id.desc()),
        (None, true) => q.order(sr::id.asc()),
        (None, false) => q.order(sr::id.desc()),
    };
    let mut rows = q.limit(i64::from(limit) + 1).load(conn)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Counts per state for the same filters (the state filter itself ignored): one GROUP BY.
pub fn counts(
    conn: &mut DbConn,
    v: &Visibility,
    f: &QueueFilter,
) -> QueryResult<Vec<(State, i64)>> {
    let q = sr::table
        .group_by(sr::state)
        .select((sr::state, count_star()))
        .into_boxed();
    let q = apply_filter!(q, f, v, false);
    q.load(conn)
}

/// Views of a page: three more queries (people, units, places) whatever its size.
pub fn views(conn: &mut DbConn, rows: &[RequestRow]) -> QueryResult<Vec<RequestView>> {
    let people = users::names(
        conn,
        rows.iter()
            .flat_map(|r| std::iter::once(r.student_id).chain(r.assignee_id)),
    )?;
    let unit_ids: Vec<UnitId> = rows.iter().filter_map(|r| r.unit_id).collect();
    let unit_views: HashMap<UnitId, _> = units::by_ids(conn, &unit_ids)?
        .iter()
        .map(|u| (u.id, units::view(u)))
        .collect();
    let places = nodes::names(conn, rows.iter().map(|r| r.place_id))?;
    rows.iter()
        .map(|r| {
            let open = r.state.is_open();
            Ok(RequestView {
                id: r.id.0,
                kind: r.kind,
                state: r.state,
                version: r.version,
                priority: r.priority,
                summary: r.summary.clone(),
                form: from_json::<Form>(&r.form)?,
                student: people.person(r.student_id),
                place_id: r.place_id,
                place_name: places.get(&r.place_id).cloned().unwrap_or_default(),
                building_id: r.building_id,
                unit: r.unit_id.and_then(|u| unit_views.get(&u).cloned()),
                assignee: r.assignee_id.map(|a| people.person(a)),
                created_at: from_db(r.created_at),
                updated_at: from_db(r.updated_at),
                first_response_due: from_db(r.first_response_due),
                resolution_due: from_db(r.resolution_due),
                first_responded_at: r.first_responded_at.map(from_db),
                resolved_at: r.resolved_at.map(from_db),
                overdue: r.overdue && open,
                escalations: r.escalations,
                pickup_code: r.pickup_code.clone(),
                rating: r.rating,
                rating_comment: r.rating_comment.clone(),
                actions: Vec::new(),
            })
        })
        .collect()
}

/// How many of a student's requests are still open.
pub fn open_count_of_student(conn: &mut DbConn, student_id: UserId) -> QueryResult<i64> {
    let open = State::ALL.into_iter().filter(|s| s.is_open());
    sr::table
        .filter(sr::student_id.eq(student_id))
        .filter(sr::state.eq_any(open))
        .count()
        .get_result(conn)
}

/// Hold a request's row until the transaction ends (a count of its
/// attachments, or anything else decided on it, stays true until commit).
pub fn lock(conn: &mut DbConn, id: RequestId) -> QueryResult<()> {
    crate::lock_rows!(conn, sr::table.filter(sr::id.eq(id)), sr::id)
}

/// The states in which the SLA clocks run, so a request can breach a deadline.
pub fn clock_running() -> Vec<State> {
    State::ALL.into_iter().filter(|s| s.clock_runs()).collect()
}

/// Open requests past a deadline they have not yet been escalated for, oldest first.
pub fn due_for_escalation(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<RequestRow>> {
    let now = crate::db::rows::to_db(now);
    sr::table
        .filter(sr::state.eq_any(clock_running()))
        .filter(
            sr::escalations
                .eq(0)
                .and(sr::first_responded_at.is_null())
                .and(sr::first_response_due.le(now))
                .or(sr::escalations.lt(2).and(sr::resolution_due.le(now))),
        )
        .order(sr::id)
        .limit(limit)
        .select(RequestRow::as_select())
        .load(conn)
}
