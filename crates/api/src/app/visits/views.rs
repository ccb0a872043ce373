//! Visits and follow-ups as the wire shows them: a fixed number of queries
//! for a page of rows, whatever its size.

use crate::app::AppResult;
use crate::db::repo::grid::nodes;
use crate::db::repo::service::requests;
use crate::db::repo::visits::{follow_ups, photos, records};
use crate::db::repo::{units, users};
use crate::db::rows::{from_db, FollowUpRow, VisitRow};
use crate::db::DbConn;
use chrono::NaiveDate;
use onestop_domain::community::follow_ups::overdue;
use onestop_domain::community::wire::{
    FollowUpView, PlaceRef, ProblemRequest, ProblemView, VisitView,
};
use onestop_domain::grid::Level;
use onestop_domain::NodeId;
use std::collections::HashMap;

fn place_ref(refs: &HashMap<NodeId, (Level, String)>, id: NodeId) -> PlaceRef {
    let (level, name) = refs
        .get(&id)
        .cloned()
        .unwrap_or((Level::Community, String::new()));
    PlaceRef { id, level, name }
}

pub fn follow_up_views(
    c: &mut DbConn,
    rows: Vec<FollowUpRow>,
    today: NaiveDate,
) -> AppResult<Vec<FollowUpView>> {
    let names = users::names(
        c,
        rows.iter()
            .flat_map(|r| std::iter::once(r.raised_by).chain(r.answered_by)),
    )?;
    let refs = nodes::refs(c, rows.iter().map(|r| r.place_id))?;
    let unit_ids: Vec<_> = rows.iter().map(|r| r.unit_id).collect();
    let units: HashMap<_, _> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, units::view(&u)))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(FollowUpView {
                id: r.id,
                visit_id: r.visit_id,
                talk_id: r.talk_id,
                raised_by: names.person(r.raised_by),
                unit: units.get(&r.unit_id)?.clone(),
                due_on: r.due_on,
                overdue: overdue(r.state, r.due_on, today),
                state: r.state,
                answer: r.answer,
                answered_by: r.answered_by.map(|u| names.person(u)),
                answered_at: r.answered_at.map(from_db),
                place: place_ref(&refs, r.place_id),
                version: r.version,
                created_at: from_db(r.created_at),
                text: r.text,
            })
        })
        .collect())
}

pub fn visit_views(
    c: &mut DbConn,
    rows: Vec<VisitRow>,
    today: NaiveDate,
) -> AppResult<Vec<VisitView>> {
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let companions = records::companions(c, &ids)?;
    let problems = records::problems(c, &ids)?;
    let photo_rows = photos::of_visits(c, &ids)?;
    let names = users::names(
        c,
        rows.iter()
            .flat_map(|r| [r.visitor_id, r.recorded_by])
            .chain(companions.values().flatten().copied())
            .chain(photo_rows.iter().map(|p| p.uploaded_by)),
    )?;
    let mut pictures: HashMap<_, Vec<_>> = HashMap::new();
    for p in photo_rows {
        pictures
            .entry(p.visit_id)
            .or_default()
            .push(super::photos::view(p, &names));
    }
    let refs = nodes::refs(c, rows.iter().flat_map(|r| [r.place_id, r.community_id]))?;
    let request_ids: Vec<_> = problems.iter().filter_map(|p| p.request_id).collect();
    let states = requests::states(c, &request_ids)?;
    let follow_up_ids: Vec<_> = problems.iter().filter_map(|p| p.follow_up_id).collect();
    let fu_rows = follow_ups::by_ids(c, &follow_up_ids)?;
    let fus: HashMap<_, _> = follow_up_views(c, fu_rows, today)?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let mut by_visit: HashMap<_, Vec<ProblemView>> = HashMap::new();
    for p in problems {
        by_visit.entry(p.visit_id).or_default().push(ProblemView {
            id: p.id,
            text: p.text,
            request: p
                .request_id
                .and_then(|id| states.get(&id).map(|&state| ProblemRequest { id, state })),
            follow_up: p.follow_up_id.and_then(|id| fus.get(&id).cloned()),
        });
    }
    Ok(rows
        .into_iter()
        .map(|r| VisitView {
            id: r.id,
            visitor: names.person(r.visitor_id),
            companions: companions
                .get(&r.id)
                .into_iter()
                .flatten()
                .map(|&u| names.person(u))
                .collect(),
            recorded_by: names.person(r.recorded_by),
            at: from_db(r.at),
            place: place_ref(&refs, r.place_id),
            community: place_ref(&refs, r.community_id),
            kind: r.kind,
            students_met: r.students_met,
            note: r.note,
            problems: by_visit.remove(&r.id).unwrap_or_default(),
            photos: pictures.remove(&r.id).unwrap_or_default(),
            created_at: from_db(r.created_at),
        })
        .collect())
}
