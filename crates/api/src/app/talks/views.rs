//! Sessions and applications as the wire shows them, for the caller: names
//! and counts come from one query each per page.

use super::Audience;
use crate::app::visits::{follow_up_views, Caller};
use crate::app::AppResult;
use crate::db::repo::grid::nodes;
use crate::db::repo::spaces::venues;
use crate::db::repo::talks::{applications, sessions};
use crate::db::repo::visits::follow_ups;
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, ApplicationRow, TalkRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::community::spaces::wire::SpaceRef;
use onestop_domain::community::spaces::BookingState;
use onestop_domain::community::talks::wire::{ApplicationView, AudienceView, TalkView};
use onestop_domain::community::talks::{open_to, ApplicationState, TalkState};
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::grid::{local_date, Level};
use onestop_domain::TalkId;
use std::collections::HashMap;

pub fn application_views(
    c: &mut DbConn,
    rows: Vec<ApplicationRow>,
    now: DateTime<Utc>,
) -> AppResult<Vec<ApplicationView>> {
    let names = users::names(c, rows.iter().map(|r| r.student_id))?;
    let fu_ids: Vec<_> = rows.iter().filter_map(|r| r.follow_up_id).collect();
    let fu_rows = follow_ups::by_ids(c, &fu_ids)?;
    let fus: HashMap<_, _> = follow_up_views(c, fu_rows, local_date(now))?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let mut talks: Vec<TalkId> = rows
        .iter()
        .filter(|r| r.state == ApplicationState::Waiting)
        .map(|r| r.talk_id)
        .collect();
    talks.sort_unstable();
    talks.dedup();
    let waiting = applications::waiting_ranks(c, &talks)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let ahead = (r.state == ApplicationState::Waiting).then(|| {
                let n = waiting
                    .iter()
                    .filter(|(t, rank)| *t == r.talk_id && *rank < r.rank)
                    .count();
                i32::try_from(n).unwrap_or(i32::MAX)
            });
            ApplicationView {
                id: r.id,
                talk_id: r.talk_id,
                student: names.person(r.student_id),
                question: r.question,
                state: r.state,
                rank: r.rank,
                weight: r.weight,
                ahead,
                attended: r.attended,
                rating: r.rating,
                feedback: r.feedback,
                follow_up: r.follow_up_id.and_then(|f| fus.get(&f).cloned()),
                version: r.version,
                created_at: from_db(r.created_at),
            }
        })
        .collect())
}

pub fn talk_views(
    c: &mut DbConn,
    caller: &Caller,
    audience: Option<Audience>,
    rows: Vec<TalkRow>,
    now: DateTime<Utc>,
) -> AppResult<Vec<TalkView>> {
    let ids: Vec<TalkId> = rows.iter().map(|r| r.id).collect();
    let hosts = sessions::hosts(c, &ids)?;
    let names = users::names(c, hosts.iter().map(|h| h.user_id))?;
    let mut space_ids: Vec<_> = rows.iter().map(|r| r.space_id).collect();
    space_ids.sort_unstable();
    space_ids.dedup();
    let spaces: HashMap<_, _> = venues::by_ids(c, &space_ids)?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let places = nodes::names(
        c,
        spaces
            .values()
            .map(|s| s.community_id)
            .chain(rows.iter().filter_map(|r| r.audience_building_id)),
    )?;
    let unit_ids: Vec<_> = rows.iter().filter_map(|r| r.audience_unit_id).collect();
    let unit_views: HashMap<_, _> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, units::view(&u)))
        .collect();
    let booking_ids: Vec<_> = rows.iter().map(|r| r.booking_id).collect();
    let bookings: HashMap<_, _> = sessions::booking_states(c, &booking_ids)?
        .into_iter()
        .collect();
    let mut counts: HashMap<(TalkId, ApplicationState), i32> = HashMap::new();
    for (t, s, n) in applications::counts(c, &ids)? {
        counts.insert((t, s), i32::try_from(n).unwrap_or(i32::MAX));
    }
    let mine: HashMap<TalkId, ApplicationView> = if audience.is_some() {
        let rows = applications::of_student(c, caller.id, &ids)?;
        application_views(c, rows, now)?
            .into_iter()
            .map(|a| (a.talk_id, a))
            .collect()
    } else {
        HashMap::new()
    };
    let place = |id, level| PlaceRef {
        id,
        level,
        name: places.get(&id).cloned().unwrap_or_default(),
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(space) = spaces.get(&r.space_id) else {
            continue;
        };
        let count = |s| counts.get(&(r.id, s)).copied().unwrap_or(0);
        let mine = mine.get(&r.id).cloned();
        let apply_by = from_db(r.apply_by);
        let may_apply = mine.is_none()
            && r.state == TalkState::Open
            && now < apply_by
            && audience.is_some_and(|a| {
                open_to(
                    r.audience_unit_id,
                    r.audience_building_id,
                    a.unit,
                    a.building,
                )
            });
        let runs = super::runs_in(
            caller,
            hosts
                .iter()
                .any(|h| h.talk_id == r.id && h.user_id == caller.id),
            space,
        );
        out.push(TalkView {
            id: r.id,
            kind: r.kind,
            topic: r.topic.clone(),
            description: r.description.clone(),
            host_role: r.host_role,
            hosts: hosts
                .iter()
                .filter(|h| h.talk_id == r.id)
                .map(|h| names.person(h.user_id))
                .collect(),
            space: SpaceRef {
                id: space.id,
                name: space.name.clone(),
            },
            community: place(space.community_id, Level::Community),
            booking_id: r.booking_id,
            booking_state: bookings
                .get(&r.booking_id)
                .copied()
                .unwrap_or(BookingState::Cancelled),
            starts_at: from_db(r.starts_at),
            ends_at: from_db(r.ends_at),
            apply_by,
            places: r.places,
            audience: AudienceView {
                unit: r.audience_unit_id.and_then(|u| unit_views.get(&u).cloned()),
                building: r.audience_building_id.map(|b| place(b, Level::Building)),
            },
            state: r.state,
            applicants: count(ApplicationState::Applied)
                + count(ApplicationState::Placed)
                + count(ApplicationState::Waiting),
            placed: count(ApplicationState::Placed),
            waiting: count(ApplicationState::Waiting),
            seed_sha256: r.seed_sha256.clone(),
            seed: r.drawn_at.is_some().then(|| r.seed.clone()),
            drawn_at: r.drawn_at.map(from_db),
            version: r.version,
            created_at: from_db(r.created_at),
            mine,
            may_apply,
            runs,
        });
    }
    Ok(out)
}
