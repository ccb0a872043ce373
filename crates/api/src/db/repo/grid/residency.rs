use crate::db::rows::{from_db, to_db, NodeRow, ResidencyRow};
use crate::db::schema::{residencies as r, users};
use crate::db::DbConn;
use crate::in_scope;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::{PersonRef, ResidencyView, Roommate};
use onestop_domain::grid::{Level, Scope};
use onestop_domain::{NodeId, ResidencyId, UserId};
use std::collections::HashMap;

pub fn find(conn: &mut DbConn, id: ResidencyId) -> QueryResult<Option<ResidencyRow>> {
    r::table
        .find(id)
        .select(ResidencyRow::as_select())
        .first(conn)
        .optional()
}

pub fn current_of_student(
    conn: &mut DbConn,
    student_id: UserId,
) -> QueryResult<Option<ResidencyRow>> {
    r::table
        .filter(r::student_id.eq(student_id))
        .filter(r::checked_out_at.is_null())
        .select(ResidencyRow::as_select())
        .first(conn)
        .optional()
}

pub fn current_in_bed(
    conn: &mut DbConn,
    room_id: NodeId,
    bed: i32,
) -> QueryResult<Option<ResidencyRow>> {
    r::table
        .filter(r::room_id.eq(room_id))
        .filter(r::bed.eq(bed))
        .filter(r::checked_out_at.is_null())
        .select(ResidencyRow::as_select())
        .first(conn)
        .optional()
}

/// Start a stay. The partial unique indexes are the last word on "one
/// student per bed, one bed per student": a concurrent check-in that slipped
/// past the caller's checks fails here with a unique violation.
pub fn insert(
    conn: &mut DbConn,
    student_id: UserId,
    room: &NodeRow,
    bed: i32,
    actor: Option<UserId>,
    now: DateTime<Utc>,
) -> QueryResult<ResidencyRow> {
    let (Some(zone_id), Some(building_id)) = (room.zone_id, room.building_id) else {
        return Err(diesel::result::Error::QueryBuilderError(
            "a stay needs a room, under a zone and a building".into(),
        ));
    };
    let row = ResidencyRow {
        id: ResidencyId::new(),
        student_id,
        room_id: room.id,
        bed,
        community_id: room.community_id,
        zone_id,
        building_id,
        checked_in_at: to_db(now),
        checked_out_at: None,
        checked_in_by: actor,
        checked_out_by: None,
    };
    diesel::insert_into(r::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn check_out(
    conn: &mut DbConn,
    id: ResidencyId,
    actor: Option<UserId>,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(r::table.find(id).filter(r::checked_out_at.is_null()))
        .set((
            r::checked_out_at.eq(Some(to_db(now))),
            r::checked_out_by.eq(actor),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Default)]
pub struct ResidencyFilter {
    /// Everything under this node.
    pub under: Option<(Level, NodeId)>,
    pub student_id: Option<UserId>,
    pub current_only: bool,
    pub after: Option<String>,
}

pub fn list(
    conn: &mut DbConn,
    scope: &Scope,
    f: &ResidencyFilter,
    limit: Option<u32>,
) -> QueryResult<(Vec<ResidencyRow>, bool)> {
    let mut q = r::table.select(ResidencyRow::as_select()).into_boxed();
    if let Some((level, id)) = &f.under {
        q = match level {
            Level::Community => q.filter(r::community_id.eq(*id)),
            Level::CollegeZone => q.filter(r::zone_id.eq(*id)),
            Level::Building => q.filter(r::building_id.eq(*id)),
            Level::Room => q.filter(r::room_id.eq(*id)),
        };
    }
    if let Some(s) = &f.student_id {
        q = q.filter(r::student_id.eq(*s));
    }
    if f.current_only {
        q = q.filter(r::checked_out_at.is_null());
    }
    if let Some(a) = &f.after {
        q = q.filter(r::id.gt(a));
    }
    let mut q = in_scope!(q, scope, r, r::room_id).order(r::id);
    if let Some(limit) = limit {
        q = q.limit(i64::from(limit) + 1);
    }
    let mut rows = q.load(conn)?;
    let more = limit.is_some_and(|l| rows.len() > l as usize);
    if let Some(l) = limit {
        rows.truncate(l as usize);
    }
    Ok((rows, more))
}

pub struct Person {
    pub display_name: String,
    pub student_no: Option<String>,
}

pub fn people(conn: &mut DbConn, ids: &[UserId]) -> QueryResult<HashMap<UserId, Person>> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name, users::student_no))
        .load::<(UserId, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(id, display_name, student_no)| {
            (
                id,
                Person {
                    display_name,
                    student_no,
                },
            )
        })
        .collect())
}

/// Views with names (students, rooms): two more queries for any number of rows.
pub fn views(conn: &mut DbConn, rows: &[ResidencyRow]) -> QueryResult<Vec<ResidencyView>> {
    let people = people(conn, &rows.iter().map(|x| x.student_id).collect::<Vec<_>>())?;
    let rooms = super::nodes::names(conn, rows.iter().map(|x| x.room_id))?;
    Ok(rows
        .iter()
        .map(|x| {
            let person = people.get(&x.student_id);
            ResidencyView {
                id: x.id,
                student: PersonRef {
                    id: x.student_id,
                    display_name: person.map(|p| p.display_name.clone()).unwrap_or_default(),
                },
                student_no: person.and_then(|p| p.student_no.clone()),
                room_id: x.room_id,
                room_name: rooms.get(&x.room_id).cloned().unwrap_or_default(),
                building_id: x.building_id,
                bed: x.bed,
                checked_in_at: from_db(x.checked_in_at),
                checked_out_at: x.checked_out_at.map(from_db),
            }
        })
        .collect())
}

/// The others living in a room now, by bed.
pub fn roommates(conn: &mut DbConn, room_id: NodeId, except: UserId) -> QueryResult<Vec<Roommate>> {
    let rows: Vec<(String, i32)> = r::table
        .inner_join(users::table)
        .filter(r::room_id.eq(room_id))
        .filter(r::checked_out_at.is_null())
        .filter(r::student_id.ne(except))
        .order(r::bed)
        .select((users::display_name, r::bed))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(display_name, bed)| Roommate { display_name, bed })
        .collect())
}
