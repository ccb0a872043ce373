//! Rows into what the wire shows, with the names of a page in one query each.

use crate::app::AppResult;
use crate::db::repo::grid::nodes;
use crate::db::repo::inspection::rectifications as fixes;
use crate::db::repo::users;
use crate::db::rows::{from_db, from_json, EvaluationResultRow, InspectionRow, RectificationRow};
use crate::db::DbConn;
use chrono::NaiveDate;
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::grid::Level;
use onestop_domain::inspection::evaluation::RoomResult;
use onestop_domain::inspection::wire::{
    percent, InspectionView, RecheckView, RectificationView, RoomResultView, ScoredLine,
};
use onestop_domain::inspection::{RectificationState, Title};
use onestop_domain::NodeId;
use std::collections::HashMap;

pub struct Places(HashMap<NodeId, (Level, String)>);

impl Places {
    pub fn load(c: &mut DbConn, ids: impl IntoIterator<Item = NodeId>) -> AppResult<Places> {
        Ok(Places(nodes::refs(c, ids)?))
    }

    pub fn get(&self, id: NodeId) -> PlaceRef {
        let (level, name) = self
            .0
            .get(&id)
            .cloned()
            .unwrap_or((Level::Room, String::new()));
        PlaceRef { id, level, name }
    }
}

pub fn rectification_views(
    c: &mut DbConn,
    rows: Vec<RectificationRow>,
    today: NaiveDate,
) -> AppResult<Vec<RectificationView>> {
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let mut checks = fixes::rechecks_of(c, &ids)?;
    let people = users::names(
        c,
        rows.iter()
            .map(|r| r.found_by)
            .chain(checks.values().flatten().map(|k| k.by_id)),
    )?;
    let places = Places::load(c, rows.iter().flat_map(|r| [r.room_id, r.building_id]))?;
    Ok(rows
        .into_iter()
        .map(|r| RectificationView {
            id: r.id,
            inspection_id: r.inspection_id,
            room: places.get(r.room_id),
            building: places.get(r.building_id),
            kind: r.kind,
            safety: r.safety,
            description: r.description,
            due_on: r.due_on,
            overdue: r.state == RectificationState::Open && r.due_on < today,
            state: r.state,
            found_by: people.person(r.found_by),
            opened_at: from_db(r.opened_at),
            closed_at: r.closed_at.map(from_db),
            rechecks: checks
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|k| RecheckView {
                    by: people.person(k.by_id),
                    at: from_db(k.at),
                    passed: k.passed,
                    note: k.note,
                    due_on: k.due_on,
                })
                .collect(),
            version: r.version,
        })
        .collect())
}

pub fn inspection_views(
    c: &mut DbConn,
    rows: Vec<InspectionRow>,
    today: NaiveDate,
) -> AppResult<Vec<InspectionView>> {
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let mut found: HashMap<_, Vec<RectificationView>> = HashMap::new();
    let fix_rows = fixes::of_inspections(c, &ids)?;
    for v in rectification_views(c, fix_rows, today)? {
        found.entry(v.inspection_id).or_default().push(v);
    }
    let people = users::names(c, rows.iter().map(|r| r.inspector_id))?;
    let places = Places::load(c, rows.iter().flat_map(|r| [r.room_id, r.building_id]))?;
    rows.into_iter()
        .map(|r| {
            let lines: Vec<ScoredLine> = from_json(&r.lines)?;
            Ok(InspectionView {
                id: r.id,
                room: places.get(r.room_id),
                building: places.get(r.building_id),
                kind: r.kind,
                inspector: people.person(r.inspector_id),
                inspected_at: from_db(r.inspected_at),
                month: r.month,
                score: r.score,
                max_score: r.max_score,
                percent: percent(r.percent_tenths),
                note: r.note,
                lines,
                rectifications: found.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect()
}

/// A computed result as stored when its month closes.
pub fn result_row(month: &str, community: NodeId, r: &RoomResult) -> EvaluationResultRow {
    EvaluationResultRow {
        month: month.to_owned(),
        room_id: r.room,
        building_id: r.building,
        zone_id: r.zone,
        community_id: community,
        hygiene_tenths: r.hygiene,
        reading_tenths: r.reading,
        safety_blocked: r.safety_blocked,
        building_rank: r.building_rank,
        zone_rank: r.zone_rank,
        reading_rank: r.reading_rank,
        civilized: r.titles.contains(&Title::Civilized),
        bookish: r.titles.contains(&Title::Reading),
    }
}

/// Stored results as the wire shows them: by building, then building rank.
pub fn result_views(
    c: &mut DbConn,
    mut rows: Vec<EvaluationResultRow>,
) -> AppResult<Vec<RoomResultView>> {
    let places = Places::load(
        c,
        rows.iter()
            .flat_map(|r| [Some(r.room_id), Some(r.building_id), r.zone_id])
            .flatten(),
    )?;
    rows.sort_by(|a, b| {
        let name = |r: &EvaluationResultRow| places.get(r.building_id).name;
        (
            name(a),
            a.building_rank.unwrap_or(i32::MAX),
            places.get(a.room_id).name,
        )
            .cmp(&(
                name(b),
                b.building_rank.unwrap_or(i32::MAX),
                places.get(b.room_id).name,
            ))
    });
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut titles = Vec::new();
            if r.civilized {
                titles.push(Title::Civilized);
            }
            if r.bookish {
                titles.push(Title::Reading);
            }
            RoomResultView {
                room: places.get(r.room_id),
                building: places.get(r.building_id),
                zone: r.zone_id.map(|z| places.get(z)),
                hygiene: r.hygiene_tenths.map(percent),
                reading: r.reading_tenths.map(percent),
                safety_blocked: r.safety_blocked,
                building_rank: r.building_rank,
                zone_rank: r.zone_rank,
                reading_rank: r.reading_rank,
                titles,
                month: r.month,
            }
        })
        .collect())
}
