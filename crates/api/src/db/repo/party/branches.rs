use crate::db::rows::{to_db, BranchRow, MemberRow};
use crate::db::schema::{party_branches as b, party_duty_rooms as d, party_members as m};
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use onestop_domain::{BranchId, MemberId, NodeId, UserId};
use std::collections::HashMap;

pub fn insert(c: &mut DbConn, row: &BranchRow) -> QueryResult<()> {
    diesel::insert_into(b::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find(c: &mut DbConn, id: BranchId) -> QueryResult<Option<BranchRow>> {
    b::table
        .find(id)
        .select(BranchRow::as_select())
        .first(c)
        .optional()
}

pub fn by_ids(c: &mut DbConn, ids: &[BranchId]) -> QueryResult<Vec<BranchRow>> {
    b::table
        .filter(b::id.eq_any(ids))
        .select(BranchRow::as_select())
        .load(c)
}

/// Every branch, by community then name; optionally of one community.
pub fn list(c: &mut DbConn, community: Option<NodeId>) -> QueryResult<Vec<BranchRow>> {
    let mut q = b::table.select(BranchRow::as_select()).into_boxed();
    if let Some(id) = community {
        q = q.filter(b::community_id.eq(id));
    }
    q.order((b::community_id, b::kind.desc(), b::name, b::id))
        .load(c)
}

/// The branch on a place (a community's is its 党工委).
pub fn on_node(c: &mut DbConn, community: NodeId) -> QueryResult<Option<BranchRow>> {
    b::table
        .filter(b::node_id.eq(community))
        .select(BranchRow::as_select())
        .first(c)
        .optional()
}

/// The branches someone is secretary of.
pub fn led_by(c: &mut DbConn, user: UserId) -> QueryResult<Vec<BranchRow>> {
    b::table
        .filter(b::secretary_id.eq(user))
        .select(BranchRow::as_select())
        .load(c)
}

pub fn update(
    c: &mut DbConn,
    id: BranchId,
    version: i32,
    name: &str,
    secretary: Option<UserId>,
    station: &str,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(b::table.filter(b::id.eq(id)).filter(b::version.eq(version)))
        .set((
            b::name.eq(name),
            b::secretary_id.eq(secretary),
            b::station.eq(station),
            b::version.eq(version + 1),
            b::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// Current members per branch.
pub fn member_counts(c: &mut DbConn, ids: &[BranchId]) -> QueryResult<HashMap<BranchId, i32>> {
    m::table
        .filter(m::branch_id.eq_any(ids))
        .filter(m::ended_on.is_null())
        .group_by(m::branch_id)
        .select((m::branch_id, diesel::dsl::count_star()))
        .load::<(BranchId, i64)>(c)
        .map(|rows| {
            rows.into_iter()
                .map(|(id, n)| (id, i32::try_from(n).unwrap_or(i32::MAX)))
                .collect()
        })
}

pub fn insert_member(c: &mut DbConn, row: &MemberRow) -> QueryResult<()> {
    diesel::insert_into(m::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

pub fn find_member(c: &mut DbConn, id: MemberId) -> QueryResult<Option<MemberRow>> {
    m::table
        .find(id)
        .select(MemberRow::as_select())
        .first(c)
        .optional()
}

/// Someone's membership now, if any.
pub fn current_of(c: &mut DbConn, user: UserId) -> QueryResult<Option<MemberRow>> {
    m::table
        .filter(m::user_id.eq(user))
        .filter(m::ended_on.is_null())
        .select(MemberRow::as_select())
        .first(c)
        .optional()
}

/// Current memberships of many people, by person.
pub fn current_of_many(
    c: &mut DbConn,
    users: &[UserId],
) -> QueryResult<HashMap<UserId, MemberRow>> {
    m::table
        .filter(m::user_id.eq_any(users))
        .filter(m::ended_on.is_null())
        .select(MemberRow::as_select())
        .load::<MemberRow>(c)
        .map(|rows| rows.into_iter().map(|r| (r.user_id, r)).collect())
}

/// A branch's current members.
pub fn members(c: &mut DbConn, branch: BranchId) -> QueryResult<Vec<MemberRow>> {
    m::table
        .filter(m::branch_id.eq(branch))
        .filter(m::ended_on.is_null())
        .select(MemberRow::as_select())
        .order((m::joined_on, m::id))
        .load(c)
}

#[allow(clippy::too_many_arguments)]
pub fn update_member(
    c: &mut DbConn,
    id: MemberId,
    version: i32,
    standing: onestop_domain::party::PartyStanding,
    model_room: Option<NodeId>,
    ended_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(m::table.filter(m::id.eq(id)).filter(m::version.eq(version)))
        .set((
            m::standing.eq(standing),
            m::model_room_id.eq(model_room),
            m::ended_on.eq(ended_on),
            m::version.eq(version + 1),
            m::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}

/// The rooms of members' 责任区, by member.
pub fn duty_rooms(
    c: &mut DbConn,
    members: &[MemberId],
) -> QueryResult<HashMap<MemberId, Vec<NodeId>>> {
    let rows = d::table
        .filter(d::member_id.eq_any(members))
        .select((d::member_id, d::room_id))
        .order((d::member_id, d::room_id))
        .load::<(MemberId, NodeId)>(c)?;
    let mut by: HashMap<MemberId, Vec<NodeId>> = HashMap::new();
    for (member, room) in rows {
        by.entry(member).or_default().push(room);
    }
    Ok(by)
}

pub fn set_duty_rooms(c: &mut DbConn, member: MemberId, rooms: &[NodeId]) -> QueryResult<()> {
    diesel::delete(d::table.filter(d::member_id.eq(member))).execute(c)?;
    for room in rooms {
        diesel::insert_into(d::table)
            .values((d::member_id.eq(member), d::room_id.eq(*room)))
            .execute(c)?;
    }
    Ok(())
}
