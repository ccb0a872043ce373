//! The checklists (检查细则): one per kind, kept by 学生处. Editing a line
//! changes the inspections to come; those made keep the words and points
//! they were scored with.

use super::{stale, Inspector};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::inspection::items::{self as repo, ItemChange};
use crate::db::rows::{to_db, ChecklistItemRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::inspection::wire::{
    ChecklistItemView, CreateChecklistItemRequest, UpdateChecklistItemRequest,
};
use onestop_domain::inspection::InspectionKind;
use onestop_domain::ChecklistItemId;

pub fn view(r: ChecklistItemRow) -> ChecklistItemView {
    ChecklistItemView {
        id: r.id,
        kind: r.kind,
        label_zh: r.label_zh,
        label_en: r.label_en,
        max_score: r.max_score,
        position: r.position,
        active: r.active,
        version: r.version,
    }
}

/// Every line, retired ones too (they explain old inspections); anyone signed in reads them.
pub fn list(c: &mut DbConn, kind: Option<InspectionKind>) -> AppResult<Vec<ChecklistItemView>> {
    Ok(repo::list(c, kind)?.into_iter().map(view).collect())
}

pub fn create(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreateChecklistItemRequest,
    now: DateTime<Utc>,
) -> AppResult<ChecklistItemView> {
    req.check()?;
    Inspector::of(c, caller, local_date(now))?.require_keeper()?;
    let row = ChecklistItemRow {
        id: ChecklistItemId::new(),
        kind: req.kind,
        label_zh: req.label_zh.trim().to_owned(),
        label_en: req.label_en.trim().to_owned(),
        max_score: req.max_score,
        position: repo::next_position(c, req.kind)?,
        active: true,
        version: 1,
        updated_by: Some(caller.id),
        updated_at: to_db(now),
    };
    repo::insert(c, &row)?;
    Ok(view(row))
}

pub fn update(
    c: &mut DbConn,
    caller: &Caller,
    id: ChecklistItemId,
    req: &UpdateChecklistItemRequest,
    now: DateTime<Utc>,
) -> AppResult<ChecklistItemView> {
    req.check()?;
    Inspector::of(c, caller, local_date(now))?.require_keeper()?;
    repo::find(c, id)?.ok_or_else(|| AppError::not_found("this checklist line"))?;
    let change = ItemChange {
        label_zh: req.label_zh.trim(),
        label_en: req.label_en.trim(),
        max_score: req.max_score,
        position: req.position,
        active: req.active,
    };
    if repo::update(c, id, req.version, &change, caller.id, now)? == 0 {
        return Err(stale("this checklist line"));
    }
    let row = repo::find(c, id)?.ok_or_else(|| AppError::not_found("this checklist line"))?;
    Ok(view(row))
}
