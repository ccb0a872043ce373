use crate::db::rows::{from_db, to_db, MeetingRow};
use crate::db::schema::{grid_meetings as m, users};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::{CreateMeetingRequest, MeetingView, PersonRef};
use onestop_domain::{MeetingId, UserId};
use std::collections::HashMap;

pub fn insert(
    conn: &mut DbConn,
    node_id: &str,
    req: &CreateMeetingRequest,
    by: &str,
    now: DateTime<Utc>,
) -> QueryResult<MeetingRow> {
    let row = MeetingRow {
        id: MeetingId::new().to_string(),
        node_id: node_id.to_owned(),
        held_on: req.held_on.get(),
        title: req.title.trim().to_owned(),
        // Lists are stored as JSON text: the one portable way on both backends.
        attendees: serde_json::to_string(&req.attendees).unwrap_or_else(|_| "[]".into()),
        minutes: req.minutes.clone(),
        decisions: serde_json::to_string(&req.decisions).unwrap_or_else(|_| "[]".into()),
        recorded_by: by.to_owned(),
        created_at: to_db(now),
    };
    diesel::insert_into(m::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn for_node(conn: &mut DbConn, node_id: &str) -> QueryResult<Vec<MeetingRow>> {
    m::table
        .filter(m::node_id.eq(node_id))
        .order((m::held_on.desc(), m::id.desc()))
        .select(MeetingRow::as_select())
        .load(conn)
}

pub fn views(conn: &mut DbConn, rows: &[MeetingRow]) -> QueryResult<Vec<MeetingView>> {
    let names: HashMap<String, String> = users::table
        .filter(
            users::id.eq_any(
                rows.iter()
                    .map(|r| r.recorded_by.as_str())
                    .collect::<Vec<_>>(),
            ),
        )
        .select((users::id, users::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(MeetingView {
                id: r.id.parse().ok()?,
                node_id: r.node_id.parse().ok()?,
                held_on: r.held_on,
                title: r.title.clone(),
                attendees: serde_json::from_str(&r.attendees).unwrap_or_default(),
                minutes: r.minutes.clone(),
                decisions: serde_json::from_str(&r.decisions).unwrap_or_default(),
                recorded_by: PersonRef {
                    id: r.recorded_by.parse::<UserId>().ok()?,
                    display_name: names.get(&r.recorded_by).cloned().unwrap_or_default(),
                },
                created_at: from_db(r.created_at),
            })
        })
        .collect())
}
