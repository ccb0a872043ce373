//! Spaces and bookings as the wire shows them, for the caller: names come
//! from one query per page, and what the caller may do is said with each.

use super::keeper;
use crate::app::visits::Caller;
use crate::app::AppResult;
use crate::db::repo::grid::nodes;
use crate::db::repo::spaces::venues;
use crate::db::repo::users;
use crate::db::rows::{from_db, from_json, BookingRow, SpaceRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::spaces::wire::{BookingView, SpaceRef, SpaceView};
use onestop_domain::community::spaces::{may_book, Booker};
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::grid::Level;
use std::collections::HashMap;

pub fn space_views(
    c: &mut DbConn,
    caller: &Caller,
    rows: &[SpaceRow],
) -> AppResult<Vec<SpaceView>> {
    let names = nodes::names(c, rows.iter().flat_map(|r| [r.place_id, r.community_id]))?;
    let place = |id, level| PlaceRef {
        id,
        level,
        name: names.get(&id).cloned().unwrap_or_default(),
    };
    rows.iter()
        .map(|r| {
            let open_to: Vec<Booker> = from_json(&r.open_to)?;
            Ok(SpaceView {
                id: r.id,
                name: r.name.clone(),
                kind: r.kind,
                place: place(
                    r.place_id,
                    if r.building_id.is_some() {
                        Level::Building
                    } else {
                        Level::Community
                    },
                ),
                community: place(r.community_id, Level::Community),
                capacity: r.capacity,
                equipment: r.equipment.clone(),
                opens: r.opens.clone(),
                closes: r.closes.clone(),
                may_book: r.active && may_book(&caller.roles, &open_to),
                open_to,
                needs_approval: r.needs_approval,
                active: r.active,
                version: r.version,
                manages: keeper(caller, r.community_id, r.building_id),
            })
        })
        .collect()
}

pub fn booking_views(
    c: &mut DbConn,
    caller: &Caller,
    rows: &[BookingRow],
    now: DateTime<Utc>,
) -> AppResult<Vec<BookingView>> {
    let mut ids: Vec<_> = rows.iter().map(|r| r.space_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let spaces: HashMap<_, _> = venues::by_ids(c, &ids)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let people = users::names(
        c,
        rows.iter()
            .flat_map(|r| std::iter::once(r.booked_by).chain(r.decided_by)),
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let space = spaces.get(&r.space_id);
            let keeps = space.is_some_and(|s| keeper(caller, s.community_id, s.building_id));
            let ends_at = from_db(r.ends_at);
            BookingView {
                id: r.id,
                space: SpaceRef {
                    id: r.space_id,
                    name: space.map(|s| s.name.clone()).unwrap_or_default(),
                },
                community_id: space.map(|s| s.community_id).unwrap_or_default(),
                booked_by: people.person(r.booked_by),
                starts_at: from_db(r.starts_at),
                ends_at,
                purpose: r.purpose.clone(),
                attendees: r.attendees,
                state: r.state,
                note: r.note.clone(),
                decided_by: r.decided_by.map(|id| people.person(id)),
                decided_at: r.decided_at.map(from_db),
                version: r.version,
                created_at: from_db(r.created_at),
                may_cancel: (keeps || r.booked_by == caller.id) && r.state.holds() && now < ends_at,
                may_decide: keeps
                    && r.state == onestop_domain::community::spaces::BookingState::Pending,
            }
        })
        .collect())
}
