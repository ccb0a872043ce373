use crate::db::repo::users::names;
use crate::db::rows::{from_db, from_json, to_db, MeetingRow};
use crate::db::schema::grid_meetings as m;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::{CreateMeetingRequest, MeetingView};
use onestop_domain::{MeetingId, NodeId, UserId};

pub fn insert(
    conn: &mut DbConn,
    node_id: NodeId,
    req: &CreateMeetingRequest,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<MeetingRow> {
    let row = MeetingRow {
        id: MeetingId::new(),
        node_id,
        held_on: req.held_on.get(),
        title: req.title.trim().to_owned(),
        // Lists are stored as JSON text: the one portable way on both backends.
        attendees: serde_json::to_string(&req.attendees).unwrap_or_else(|_| "[]".into()),
        minutes: req.minutes.clone(),
        decisions: serde_json::to_string(&req.decisions).unwrap_or_else(|_| "[]".into()),
        recorded_by: by,
        created_at: to_db(now),
    };
    diesel::insert_into(m::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn for_node(conn: &mut DbConn, node_id: NodeId) -> QueryResult<Vec<MeetingRow>> {
    m::table
        .filter(m::node_id.eq(node_id))
        .order((m::held_on.desc(), m::id.desc()))
        .select(MeetingRow::as_select())
        .load(conn)
}

pub fn views(conn: &mut DbConn, rows: &[MeetingRow]) -> QueryResult<Vec<MeetingView>> {
    let names = names(conn, rows.iter().map(|r| r.recorded_by))?;
    rows.iter()
        .map(|r| {
            Ok(MeetingView {
                id: r.id,
                node_id: r.node_id,
                held_on: r.held_on,
                title: r.title.clone(),
                attendees: from_json(&r.attendees)?,
                minutes: r.minutes.clone(),
                decisions: from_json(&r.decisions)?,
                recorded_by: names.person(r.recorded_by),
                created_at: from_db(r.created_at),
            })
        })
        .collect()
}
