use crate::db::rows::{to_db, ChecklistItemRow};
use crate::db::schema::inspection_items as i;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::inspection::InspectionKind;
use onestop_domain::{ChecklistItemId, UserId};

pub fn list(c: &mut DbConn, kind: Option<InspectionKind>) -> QueryResult<Vec<ChecklistItemRow>> {
    let mut q = i::table.select(ChecklistItemRow::as_select()).into_boxed();
    if let Some(k) = kind {
        q = q.filter(i::kind.eq(k));
    }
    q.order((i::kind, i::position, i::id)).load(c)
}

pub fn find(c: &mut DbConn, id: ChecklistItemId) -> QueryResult<Option<ChecklistItemRow>> {
    i::table
        .find(id)
        .select(ChecklistItemRow::as_select())
        .first(c)
        .optional()
}

pub fn insert(c: &mut DbConn, row: &ChecklistItemRow) -> QueryResult<()> {
    diesel::insert_into(i::table)
        .values(row)
        .execute(c)
        .map(|_| ())
}

/// The next place at the end of a kind's list.
pub fn next_position(c: &mut DbConn, kind: InspectionKind) -> QueryResult<i32> {
    let max: Option<i32> = i::table
        .filter(i::kind.eq(kind))
        .select(diesel::dsl::max(i::position))
        .first(c)?;
    Ok(max.unwrap_or(0) + 1)
}

pub struct ItemChange<'a> {
    pub label_zh: &'a str,
    pub label_en: &'a str,
    pub max_score: i32,
    pub position: i32,
    pub active: bool,
}

/// One statement: 0 rows when the version read is stale.
pub fn update(
    c: &mut DbConn,
    id: ChecklistItemId,
    version: i32,
    ch: &ItemChange<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    diesel::update(i::table.filter(i::id.eq(id)).filter(i::version.eq(version)))
        .set((
            i::label_zh.eq(ch.label_zh),
            i::label_en.eq(ch.label_en),
            i::max_score.eq(ch.max_score),
            i::position.eq(ch.position),
            i::active.eq(ch.active),
            i::version.eq(i::version + 1),
            i::updated_by.eq(Some(by)),
            i::updated_at.eq(to_db(now)),
        ))
        .execute(c)
}
