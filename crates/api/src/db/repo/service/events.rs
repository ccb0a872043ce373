use crate::db::rows::{from_db, to_db, EventRow};
use crate::db::schema::{request_events as e, users};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::service::wire::{EventKind, EventView};
use onestop_domain::service::{Action, State};
use onestop_domain::UserId;
use std::collections::HashMap;

pub struct NewEvent<'a> {
    pub request_id: &'a str,
    pub kind: EventKind,
    pub actor: Option<&'a str>,
    pub action: Option<Action>,
    pub from: Option<State>,
    pub to: Option<State>,
    pub note: Option<&'a str>,
    pub data: serde_json::Value,
}

/// How many events of one kind a request has (e.g. its comments).
pub fn count_of_kind(conn: &mut DbConn, request_id: &str, kind: EventKind) -> QueryResult<i64> {
    e::table
        .filter(e::request_id.eq(request_id))
        .filter(e::kind.eq(kind.as_str()))
        .count()
        .get_result(conn)
}

pub fn add(conn: &mut DbConn, ev: NewEvent<'_>, at: DateTime<Utc>) -> QueryResult<()> {
    let row = EventRow {
        id: uuid::Uuid::now_v7().to_string(),
        request_id: ev.request_id.to_owned(),
        at: to_db(at),
        kind: ev.kind.as_str().to_owned(),
        actor_id: ev.actor.map(str::to_owned),
        action: ev.action.map(|a| a.as_str().to_owned()),
        from_state: ev.from.map(|s| s.as_str().to_owned()),
        to_state: ev.to.map(|s| s.as_str().to_owned()),
        note: ev.note.map(str::to_owned),
        data: ev.data.to_string(),
    };
    diesel::insert_into(e::table)
        .values(&row)
        .execute(conn)
        .map(|_| ())
}

/// The timeline, oldest first, with actor names in one more query.
pub fn timeline(conn: &mut DbConn, request_id: &str) -> QueryResult<Vec<EventView>> {
    let rows: Vec<EventRow> = e::table
        .filter(e::request_id.eq(request_id))
        .order(e::id)
        .select(EventRow::as_select())
        .load(conn)?;
    let names: HashMap<String, String> = users::table
        .filter(
            users::id.eq_any(
                rows.iter()
                    .filter_map(|r| r.actor_id.as_deref())
                    .collect::<Vec<_>>(),
            ),
        )
        .select((users::id, users::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let action = |s: &str| -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
    };
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(EventView {
                id: r.id.parse().ok()?,
                at: from_db(r.at),
                kind: EventKind::parse(&r.kind)?,
                actor: r.actor_id.as_deref().and_then(|a| {
                    Some(PersonRef {
                        id: a.parse::<UserId>().ok()?,
                        display_name: names.get(a).cloned().unwrap_or_default(),
                    })
                }),
                action: r.action.as_deref().and_then(action),
                from_state: r.from_state.as_deref().and_then(State::parse),
                to_state: r.to_state.as_deref().and_then(State::parse),
                note: r.note,
                data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
            })
        })
        .collect())
}
