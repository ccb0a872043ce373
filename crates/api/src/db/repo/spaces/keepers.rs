use crate::db::rows::SpaceRow;
use crate::db::schema::{grid_posts as p, user_roles as r, users as u};
use crate::db::DbConn;
use chrono::NaiveDate;
use diesel::prelude::*;
use onestop_domain::grid::PostType;
use onestop_domain::{Role, UserId};

/// The community office people who keep the space on `today`: office staff
/// leading its community or its building on the grid (administrators keep
/// every space, and are not told of each booking).
pub fn of_space(c: &mut DbConn, space: &SpaceRow, today: NaiveDate) -> QueryResult<Vec<UserId>> {
    let nodes: Vec<_> = std::iter::once(space.community_id)
        .chain(space.building_id)
        .collect();
    let leaders: Vec<PostType> = PostType::ALL
        .into_iter()
        .filter(|t| t.is_leader())
        .collect();
    let office = r::table.filter(r::role.eq(Role::Office)).select(r::user_id);
    let active = u::table.filter(u::active.eq(true)).select(u::id);
    p::table
        .filter(p::node_id.eq_any(nodes))
        .filter(p::post_type.eq_any(leaders))
        .filter(p::starts_on.le(today))
        .filter(p::ends_on.is_null().or(p::ends_on.ge(today)))
        .filter(p::user_id.eq_any(office))
        .filter(p::user_id.eq_any(active))
        .select(p::user_id)
        .distinct()
        .load(c)
}
