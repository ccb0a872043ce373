use crate::db::repo::users::names;
use crate::db::rows::{to_db, NodeRow, PostRow};
use crate::db::schema::grid_posts as p;
use crate::db::DbConn;
use crate::in_scope;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use onestop_domain::grid::post::{is_active, PostType};
use onestop_domain::grid::scope::HeldPost;
use onestop_domain::grid::wire::PostView;
use onestop_domain::grid::Scope;
use onestop_domain::{NodeId, PostId, UserId};

/// A person's posts whose term covers `today`.
pub fn active_for_user(
    conn: &mut DbConn,
    user_id: UserId,
    today: NaiveDate,
) -> QueryResult<Vec<HeldPost>> {
    let rows: Vec<PostRow> = p::table
        .filter(p::user_id.eq(user_id))
        .filter(p::starts_on.le(today))
        .filter(p::ends_on.is_null().or(p::ends_on.ge(today)))
        .select(PostRow::as_select())
        .load(conn)?;
    Ok(rows
        .iter()
        .map(|r| HeldPost {
            post_type: r.post_type,
            level: r.level,
            node_id: r.node_id,
        })
        .collect())
}

pub fn insert(
    conn: &mut DbConn,
    node: &NodeRow,
    user_id: UserId,
    post_type: PostType,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> QueryResult<PostRow> {
    let row = PostRow {
        id: PostId::new(),
        node_id: node.id,
        user_id,
        post_type,
        level: node.level,
        community_id: node.community_id,
        zone_id: node.zone_id,
        building_id: node.building_id,
        starts_on,
        ends_on,
        created_at: to_db(now),
    };
    diesel::insert_into(p::table).values(&row).execute(conn)?;
    Ok(row)
}

/// The same person already holds this post on this node for an overlapping term.
pub fn overlapping(
    conn: &mut DbConn,
    node_id: NodeId,
    user_id: UserId,
    post_type: PostType,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
) -> QueryResult<bool> {
    let mut q = p::table
        .filter(p::node_id.eq(node_id))
        .filter(p::user_id.eq(user_id))
        .filter(p::post_type.eq(post_type))
        .filter(p::ends_on.is_null().or(p::ends_on.ge(starts_on)))
        .into_boxed();
    if let Some(end) = ends_on {
        q = q.filter(p::starts_on.le(end));
    }
    Ok(q.count().get_result::<i64>(conn)? > 0)
}

pub fn find_in_scope(conn: &mut DbConn, id: PostId, scope: &Scope) -> QueryResult<Option<PostRow>> {
    let q = p::table
        .filter(p::id.eq(id))
        .select(PostRow::as_select())
        .into_boxed();
    in_scope!(q, scope, p, p::node_id).first(conn).optional()
}

pub fn set_end(conn: &mut DbConn, id: PostId, ends_on: NaiveDate) -> QueryResult<()> {
    diesel::update(p::table.find(id))
        .set(p::ends_on.eq(Some(ends_on)))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Default)]
pub struct PostFilter {
    pub node_id: Option<NodeId>,
    pub user_id: Option<UserId>,
    pub post_type: Option<PostType>,
    /// Only posts whose term covers this day.
    pub active_on: Option<NaiveDate>,
    pub after: Option<String>,
}

pub fn list(
    conn: &mut DbConn,
    scope: &Scope,
    f: &PostFilter,
    limit: u32,
) -> QueryResult<(Vec<PostRow>, bool)> {
    let mut q = p::table.select(PostRow::as_select()).into_boxed();
    if let Some(n) = &f.node_id {
        q = q.filter(p::node_id.eq(*n));
    }
    if let Some(u) = &f.user_id {
        q = q.filter(p::user_id.eq(*u));
    }
    if let Some(t) = f.post_type {
        q = q.filter(p::post_type.eq(t));
    }
    if let Some(day) = f.active_on {
        q = q
            .filter(p::starts_on.le(day))
            .filter(p::ends_on.is_null().or(p::ends_on.ge(day)));
    }
    if let Some(a) = &f.after {
        q = q.filter(p::id.gt(a));
    }
    let q = in_scope!(q, scope, p, p::node_id);
    let mut rows = q.order(p::id).limit(i64::from(limit) + 1).load(conn)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((rows, more))
}

/// Active posts on any of these nodes (one query).
pub fn active_on_nodes(
    conn: &mut DbConn,
    node_ids: &[NodeId],
    today: NaiveDate,
) -> QueryResult<Vec<PostRow>> {
    p::table
        .filter(p::node_id.eq_any(node_ids))
        .filter(p::starts_on.le(today))
        .filter(p::ends_on.is_null().or(p::ends_on.ge(today)))
        .order((p::level, p::post_type, p::id))
        .select(PostRow::as_select())
        .load(conn)
}

/// Views with holder names and node names: two more queries for any number of rows.
pub fn views(conn: &mut DbConn, rows: &[PostRow], today: NaiveDate) -> QueryResult<Vec<PostView>> {
    let names = names(conn, rows.iter().map(|r| r.user_id))?;
    let nodes = super::nodes::names(conn, rows.iter().map(|r| r.node_id))?;
    Ok(rows
        .iter()
        .map(|r| PostView {
            id: r.id,
            node_id: r.node_id,
            node_name: nodes.get(&r.node_id).cloned().unwrap_or_default(),
            level: r.level,
            post_type: r.post_type,
            holder: names.person(r.user_id),
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            active: is_active(r.starts_on, r.ends_on, today),
        })
        .collect())
}
