//! Recording an inspection: every active line of the kind's checklist
//! scored once, within its points; each problem found becomes a
//! rectification (a safety problem when the kind is 安检).

use super::views::inspection_views;
use super::{forbidden, room_in_reach, Inspector};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::inspection::items;
use crate::db::repo::inspection::rectifications as fixes;
use crate::db::repo::inspection::visits::{self as repo, InspectionFilter};
use crate::db::rows::{to_db, InspectionRow, RectificationRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::inspection::wire::{CreateInspectionRequest, InspectionView, ScoredLine};
use onestop_domain::inspection::{month_of, percent_tenths, InspectionKind, RectificationState};
use onestop_domain::{FieldError, InspectionId, RectificationId, ValidationErrors};
use std::collections::HashSet;

pub fn create(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreateInspectionRequest,
    now: DateTime<Utc>,
) -> AppResult<InspectionView> {
    let today = local_date(now);
    req.check(today)?;
    let who = Inspector::of(c, caller, today)?;
    who.require_reach()?;
    let room = room_in_reach(c, &who, req.room_id)?;
    if who.home == Some(room.id) {
        return Err(forbidden("nobody inspects the room they live in"));
    }
    let lines = score_lines(c, req)?;
    let score: i32 = lines.iter().map(|l| l.score).sum();
    let max: i32 = lines.iter().map(|l| l.max_score).sum();
    let (Some(building), Some(_)) = (room.building_id, room.zone_id) else {
        return Err(AppError::internal("a room outside a building and zone"));
    };
    let row = InspectionRow {
        id: InspectionId::new(),
        room_id: room.id,
        building_id: building,
        zone_id: room.zone_id,
        community_id: room.community_id,
        kind: req.kind,
        inspector_id: caller.id,
        inspected_at: to_db(now),
        month: month_of(now).to_string(),
        score,
        max_score: max,
        percent_tenths: percent_tenths(score, max),
        note: req.note.trim().to_owned(),
        lines: serde_json::to_string(&lines).map_err(AppError::internal)?,
    };
    repo::insert(c, &row)?;
    for p in &req.problems {
        fixes::insert(
            c,
            &RectificationRow {
                id: RectificationId::new(),
                inspection_id: row.id,
                room_id: row.room_id,
                building_id: row.building_id,
                zone_id: row.zone_id,
                community_id: row.community_id,
                kind: row.kind,
                safety: row.kind == InspectionKind::Safety,
                description: p.description.trim().to_owned(),
                due_on: p.due_on,
                state: RectificationState::Open,
                found_by: caller.id,
                opened_at: row.inspected_at,
                closed_at: None,
                closed_by: None,
                version: 1,
            },
        )?;
    }
    Ok(inspection_views(c, vec![row], today)?.remove(0))
}

/// The lines as scored, in checklist order, or every line's problem at once.
fn score_lines(c: &mut DbConn, req: &CreateInspectionRequest) -> AppResult<Vec<ScoredLine>> {
    let active: Vec<_> = items::list(c, Some(req.kind))?
        .into_iter()
        .filter(|i| i.active)
        .collect();
    let mut errs = ValidationErrors::new();
    let mut seen = HashSet::new();
    for (n, s) in req.scores.iter().enumerate() {
        match active.iter().find(|i| i.id == s.item_id) {
            None => errs.push(FieldError::new(
                format!("scores[{n}].item_id"),
                "unknown",
                "not an active line of this kind's checklist",
            )),
            Some(_) if !seen.insert(s.item_id) => errs.push(FieldError::new(
                format!("scores[{n}].item_id"),
                "duplicate",
                "each line is scored once",
            )),
            Some(i) if s.score > i.max_score => errs.push(FieldError::new(
                format!("scores[{n}].score"),
                "over_max",
                format!("this line is worth at most {}", i.max_score),
            )),
            Some(_) => {}
        }
    }
    let missing: Vec<&str> = active
        .iter()
        .filter(|i| !req.scores.iter().any(|s| s.item_id == i.id))
        .map(|i| i.label_zh.as_str())
        .collect();
    if !missing.is_empty() {
        errs.push(FieldError::new(
            "scores",
            "incomplete",
            format!("every line is scored; missing: {}", missing.join("、")),
        ));
    }
    errs.finish(|| Some(()))?;
    Ok(active
        .into_iter()
        .filter_map(|i| {
            let s = req.scores.iter().find(|s| s.item_id == i.id)?;
            Some(ScoredLine {
                item_id: i.id,
                label_zh: i.label_zh,
                label_en: i.label_en,
                max_score: i.max_score,
                score: s.score,
            })
        })
        .collect())
}

pub fn get(
    c: &mut DbConn,
    caller: &Caller,
    id: InspectionId,
    now: DateTime<Utc>,
) -> AppResult<InspectionView> {
    let today = local_date(now);
    let who = Inspector::of(c, caller, today)?;
    let row = repo::find_in_scope(c, id, &who.scope)?
        .ok_or_else(|| AppError::not_found("this inspection"))?;
    Ok(inspection_views(c, vec![row], today)?.remove(0))
}

/// Newest first, in the caller's reach; the bool says whether a page follows.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    filter: InspectionFilter,
    limit: u32,
    now: DateTime<Utc>,
) -> AppResult<(Vec<InspectionView>, bool)> {
    if filter
        .month
        .as_deref()
        .is_some_and(|m| onestop_domain::reform::period::Period::parse(m).is_none())
    {
        return Err(AppError::field(
            "month",
            "pattern",
            "a month written YYYY-MM",
        ));
    }
    let today = local_date(now);
    let who = Inspector::of(c, caller, today)?;
    who.require_reach()?;
    let mut rows = repo::list(c, &who.scope, &filter, limit)?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((inspection_views(c, rows, today)?, more))
}
