use crate::db::repo::users::names;
use crate::db::rows::{from_db, from_json, to_db, EventRow};
use crate::db::schema::request_events as e;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::service::wire::{EventKind, EventView};
use onestop_domain::service::{Action, State};
use onestop_domain::{RequestEventId, RequestId, UserId};

pub struct NewEvent<'a> {
    pub request_id: RequestId,
    pub kind: EventKind,
    pub actor: Option<UserId>,
    pub action: Option<Action>,
    pub from: Option<State>,
    pub to: Option<State>,
    pub note: Option<&'a str>,
    pub data: serde_json::Value,
}

/// How many events of one kind a request has (e.g. its comments).
pub fn count_of_kind(
    conn: &mut DbConn,
    request_id: RequestId,
    kind: EventKind,
) -> QueryResult<i64> {
    e::table
        .filter(e::request_id.eq(request_id))
        .filter(e::kind.eq(kind))
        .count()
        .get_result(conn)
}

pub fn add(conn: &mut DbConn, ev: NewEvent<'_>, at: DateTime<Utc>) -> QueryResult<()> {
    let row = EventRow {
        id: RequestEventId::new(),
        request_id: ev.request_id,
        at: to_db(at),
        kind: ev.kind,
        actor_id: ev.actor,
        action: ev.action,
        from_state: ev.from,
        to_state: ev.to,
        note: ev.note.map(str::to_owned),
        data: ev.data.to_string(),
    };
    diesel::insert_into(e::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

/// The timeline, oldest first, with actor names in one more query.
pub fn timeline(conn: &mut DbConn, request_id: RequestId) -> QueryResult<Vec<EventView>> {
    let rows: Vec<EventRow> = e::table
        .filter(e::request_id.eq(request_id))
        .order(e::id)
        .select(EventRow::as_select())
        .load(conn)?;
    let names = names(conn, rows.iter().filter_map(|r| r.actor_id))?;
    rows.into_iter()
        .map(|r| {
            Ok(EventView {
                id: r.id.0,
                at: from_db(r.at),
                kind: r.kind,
                actor: r.actor_id.map(|a| names.person(a)),
                action: r.action,
                from_state: r.from_state,
                to_state: r.to_state,
                note: r.note,
                data: from_json(&r.data)?,
            })
        })
        .collect()
}
